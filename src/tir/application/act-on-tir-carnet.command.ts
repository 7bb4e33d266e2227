import type { Caller } from '../../auth/caller';
import type { IssueTirCarnet, TirCarnetCommand } from '../domain/tir-carnet.commands';

/**
 * A command on an issued carnet: link a declaration, start, terminate or discharge a TIR operation
 * (POST /api/tir/carnets/{number}/...). `route` and `body` identify the request for Idempotency-Key.
 */
export class ActOnTirCarnetCommand {
  constructor(
    readonly caller: Caller,
    readonly carnetNumber: string,
    readonly command: Exclude<TirCarnetCommand, IssueTirCarnet>,
    readonly route: string,
    readonly body: object,
    readonly idempotencyKey: string | undefined,
  ) {}
}
