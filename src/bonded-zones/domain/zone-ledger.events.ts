// What happened on a bonded-maintenance ledger, past tense; every payload carries `atMinutes`.

import type { GoodsOrigin } from './zone-ledger.commands';

interface Event<Type extends string, Data> {
  type: Type;
  data: Data;
}

export type GoodsEnteredForRepair = Event<
  'GoodsEnteredForRepair',
  { hsCode: string; quantity: number; unit: string; origin: GoodsOrigin; description: string | null; declarationId: string | null; atMinutes: number }
>;
export type GoodsRepaired = Event<'GoodsRepaired', { hsCode: string; quantity: number; atMinutes: number }>;
export type RepairedGoodsReturnedAbroad = Event<'RepairedGoodsReturnedAbroad', { hsCode: string; quantity: number; declarationId: string | null; atMinutes: number }>;
export type RepairedGoodsSoldDomestically = Event<
  'RepairedGoodsSoldDomestically',
  {
    hsCode: string;
    quantity: number;
    /** The tax base: the repair fee only; the repaired goods are fully exempt [S61]. CNY fen. */
    repairFeeMinor: number;
    dutyMinor: number;
    vatMinor: number;
    currency: 'CNY';
    declarationId: string | null;
    atMinutes: number;
  }
>;

export type ZoneLedgerEvent = GoodsEnteredForRepair | GoodsRepaired | RepairedGoodsReturnedAbroad | RepairedGoodsSoldDomestically;
export type ZoneLedgerEventType = ZoneLedgerEvent['type'];

/** The aggregate type of ledger streams; the stream id comes from `ledgerStreamId`. */
export const ZONE_LEDGER_AGGREGATE = 'zone-ledger';
