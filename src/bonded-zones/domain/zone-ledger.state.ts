// The bonded-maintenance ledger of one trader in one bonded zone, folded from its events: quantities
// per HS code, never negative.

export interface LedgerLine {
  hsCode: string;
  unit: string;
  /** In the zone, awaiting repair. */
  awaitingRepair: number;
  /** In the zone, repaired, not yet gone. */
  repaired: number;
  /** Totals since the ledger opened. */
  enteredTotal: number;
  returnedAbroadTotal: number;
  soldDomesticallyTotal: number;
}

export interface ZoneLedgerState {
  zoneId: string;
  traderId: string;
  /** By HS code, in the order first entered. */
  lines: Record<string, LedgerLine>;
  /** Duty and VAT paid on repair fees of goods sold domestically, CNY fen. */
  taxPaidMinor: number;
  version: number;
}

/** The empty ledger of a trader in a zone: every stream starts here. */
export function initialLedger(zoneId: string, traderId: string): ZoneLedgerState {
  return { zoneId, traderId, lines: {}, taxPaidMinor: 0, version: 0 };
}

/** The ledger's stream id in the event store. */
export function ledgerStreamId(zoneId: string, traderId: string): string {
  return `${zoneId}/${traderId}`;
}
