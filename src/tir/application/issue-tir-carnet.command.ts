import type { Caller } from '../../auth/caller';
import type { IssueTirCarnetDto } from '../http/tir-carnets.dto';

/** The national association (CRTA in China) issues a TIR carnet to a holder: POST /api/tir/carnets. */
export class IssueTirCarnetCommand {
  constructor(
    readonly caller: Caller,
    readonly body: IssueTirCarnetDto,
    readonly idempotencyKey: string | undefined,
  ) {}
}
