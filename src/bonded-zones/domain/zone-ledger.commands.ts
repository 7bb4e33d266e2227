// Commands on the bonded-maintenance ledger of one trader in one comprehensive bonded zone (rules.md
// §4.2, the special-zone ledger of Golden Customs II): goods in for repair, repaired, returned abroad,
// sold on the domestic market. Quantities are per HS code, in the goods' declared unit.

interface Command<Type extends string, Data> {
  type: Type;
  data: Data;
}

export type GoodsOrigin = 'abroad' | 'domestic';

/** Goods awaiting repair enter the zone: from abroad (1371, duties suspended) or from the domestic market (1300 out, 1371 in) [S61]. */
export type RecordGoodsInForRepair = Command<
  'RecordGoodsInForRepair',
  { hsCode: string; quantity: number; unit: string; origin: GoodsOrigin; description?: string; declarationId?: string }
>;
/** Repair done in the zone; spare parts are tracked in the enterprise's ledger [S58]. */
export type RecordGoodsRepaired = Command<'RecordGoodsRepaired', { hsCode: string; quantity: number }>;
/** Repaired goods re-exported on an exit record list and verification list (1371): no duty or tax [S61]. */
export type ReturnRepairedGoodsAbroad = Command<'ReturnRepairedGoodsAbroad', { hsCode: string; quantity: number; declarationId?: string }>;
/**
 * Repaired goods go to the domestic market on an import declaration under 1300: the goods line fully
 * exempt, the repair fee taxed per the tariff with the goods' HS code [S61]. The application gives the
 * heading's duty and VAT rates (seeds/hs-headings.json).
 */
export type SellRepairedGoodsDomestically = Command<
  'SellRepairedGoodsDomestically',
  { hsCode: string; quantity: number; /** CNY fen. */ repairFeeMinor: number; dutyPercent: number; vatPercent: number; declarationId?: string }
>;

export type ZoneLedgerCommand = RecordGoodsInForRepair | RecordGoodsRepaired | ReturnRepairedGoodsAbroad | SellRepairedGoodsDomestically;
export type ZoneLedgerCommandType = ZoneLedgerCommand['type'];
