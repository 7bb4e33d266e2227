import type { Caller } from '../../auth/caller';
import type { LodgeDeclarationDto } from '../http/lodge-declaration.dto';

/** A trader lodges a declaration (full, two-step summary, or in advance of arrival). */
export class LodgeDeclarationCommand {
  constructor(
    readonly caller: Caller,
    readonly body: LodgeDeclarationDto,
    readonly idempotencyKey: string | undefined,
  ) {}
}
