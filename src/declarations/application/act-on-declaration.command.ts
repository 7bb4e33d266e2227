import type { Caller } from '../../auth/caller';

/** An officer or trader acts on a declaration: POST /api/declarations/{id}/{action}. */
export class ActOnDeclarationCommand {
  constructor(
    readonly caller: Caller,
    readonly declarationId: string,
    readonly action: string,
    /** The validated body of the action. */
    readonly body: Record<string, unknown>,
    readonly idempotencyKey: string | undefined,
    /** The version the caller saw (If-Match), if it sent one. */
    readonly expectedVersion: number | undefined,
  ) {}
}
