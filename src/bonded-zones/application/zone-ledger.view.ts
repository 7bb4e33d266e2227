// What the API shows of a bonded-maintenance ledger: per HS code the quantities in the zone (awaiting
// repair, repaired) and gone (returned abroad, sold domestically), the repair fees of the goods sold
// domestically and the duty and VAT paid on them: only the fee is taxed, the goods are exempt [S61].

import { evolveLedger } from '../domain/zone-ledger.decider';
import type { ZoneLedgerEvent } from '../domain/zone-ledger.events';
import { type ZoneLedgerState, initialLedger } from '../domain/zone-ledger.state';

/** CNY fen, summed over the domestic sales of an HS code. */
export interface LedgerFees {
  /** The tax base: the repair fees of the repaired goods sold on the domestic market. */
  repairFeesMinor: number;
  dutyMinor: number;
  vatMinor: number;
}

/** The domain's ledger, plus the fees and taxes of its domestic sales by HS code (the domain keeps only their total). */
export interface Ledger {
  state: ZoneLedgerState;
  fees: Record<string, LedgerFees>;
  /** Simulated minute of the latest event (0 for an empty ledger). */
  updatedMinutes: number;
}

export interface LedgerLineView extends LedgerFees {
  hsCode: string;
  unit: string;
  /** In the zone, awaiting repair. */
  awaitingRepair: number;
  /** In the zone, repaired, not yet returned abroad or sold. */
  repaired: number;
  /** Totals since the ledger opened. */
  enteredTotal: number;
  returnedAbroadTotal: number;
  soldDomesticallyTotal: number;
  /** Duty plus VAT on the repair fees. */
  taxPaidMinor: number;
}

export interface ZoneLedgerView {
  zone: string;
  trader: string;
  /** Currency of every amount: CNY, in fen. */
  currency: 'CNY';
  /** By HS code, in code order. */
  lines: LedgerLineView[];
  totals: LedgerFees & { taxPaidMinor: number };
  version: number;
  updatedMinutes: number;
}

const NO_FEES: LedgerFees = { repairFeesMinor: 0, dutyMinor: 0, vatMinor: 0 };

export function emptyLedger(zoneId: string, traderId: string): Ledger {
  return { state: initialLedger(zoneId, traderId), fees: {}, updatedMinutes: 0 };
}

export function applyLedgerEvents(ledger: Ledger, events: ZoneLedgerEvent[]): Ledger {
  let { state, fees, updatedMinutes } = ledger;
  for (const event of events) {
    state = evolveLedger(state, event);
    updatedMinutes = event.data.atMinutes;
    if (event.type === 'RepairedGoodsSoldDomestically') {
      const { hsCode, repairFeeMinor, dutyMinor, vatMinor } = event.data;
      const sum = fees[hsCode] ?? NO_FEES;
      fees = { ...fees, [hsCode]: { repairFeesMinor: sum.repairFeesMinor + repairFeeMinor, dutyMinor: sum.dutyMinor + dutyMinor, vatMinor: sum.vatMinor + vatMinor } };
    }
  }
  return { state, fees, updatedMinutes };
}

export function ledgerView({ state, fees, updatedMinutes }: Ledger): ZoneLedgerView {
  const lines = Object.values(state.lines)
    .sort((a, b) => (a.hsCode < b.hsCode ? -1 : a.hsCode > b.hsCode ? 1 : 0))
    .map((line): LedgerLineView => {
      const f = fees[line.hsCode] ?? NO_FEES;
      return { ...line, ...f, taxPaidMinor: f.dutyMinor + f.vatMinor };
    });
  const sum = (pick: (l: LedgerLineView) => number) => lines.reduce((total, l) => total + pick(l), 0);
  return {
    zone: state.zoneId,
    trader: state.traderId,
    currency: 'CNY',
    lines,
    totals: { repairFeesMinor: sum((l) => l.repairFeesMinor), dutyMinor: sum((l) => l.dutyMinor), vatMinor: sum((l) => l.vatMinor), taxPaidMinor: state.taxPaidMinor },
    version: state.version,
    updatedMinutes,
  };
}

export function ledgerLinks(zoneId: string, traderId: string): { self: string; events: string } {
  const self = `/api/bonded-zones/${zoneId}/ledgers/${encodeURIComponent(traderId)}`;
  return { self, events: `${self}/events` };
}
