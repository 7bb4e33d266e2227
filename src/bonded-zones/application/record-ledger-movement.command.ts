import type { Caller } from '../../auth/caller';

/** The movements a zone enterprise records on its bonded-maintenance ledger (rules.md §4.2), as REST sub-resources. */
export const LEDGER_MOVEMENTS = ['goods-in', 'repaired', 'returned-abroad', 'sold-domestically'] as const;
export type LedgerMovement = (typeof LEDGER_MOVEMENTS)[number];

export interface MovementLine {
  hsCode: string;
  quantity: number;
  /** goods-in only. */
  unit?: string;
  description?: string;
  /** sold-domestically only: the repair fee of the goods sold, CNY fen. */
  repairFeeMinor?: number;
}

export interface MovementBody {
  lines: MovementLine[];
  /** goods-in only; default abroad. */
  origin?: 'abroad' | 'domestic';
  /** The tenant's declaration (entry record, exit record or import declaration) the movement was filed on. */
  declarationId?: string;
}

/** POST /api/bonded-zones/{zone}/ledgers/{trader}/{movement}: every line in one append, or none. */
export class RecordLedgerMovementCommand {
  constructor(
    readonly caller: Caller,
    readonly zoneId: string,
    readonly traderId: string,
    readonly movement: LedgerMovement,
    readonly body: MovementBody,
    readonly idempotencyKey: string | undefined,
  ) {}
}
