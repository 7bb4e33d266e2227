import { DomainError } from '../../common/domain/domain-error';
import type { ZoneLedgerCommand } from './zone-ledger.commands';
import { decideLedger, evolveLedger } from './zone-ledger.decider';
import { ZoneLedgerErrorCode } from './zone-ledger.errors';
import type { ZoneLedgerEvent } from './zone-ledger.events';
import { type ZoneLedgerState, initialLedger, ledgerStreamId } from './zone-ledger.state';

const EXCAVATOR = '8429521200';

function given(commands: ZoneLedgerCommand[]): { state: ZoneLedgerState; events: ZoneLedgerEvent[] } {
  let state = initialLedger('kashgar-cbz', 'Kashgar Heavy Equipment Service Co.');
  const events: ZoneLedgerEvent[] = [];
  commands.forEach((command, i) => {
    const produced = decideLedger(state, command, i * 60);
    events.push(...produced);
    state = produced.reduce(evolveLedger, state);
  });
  return { state, events };
}

function refusal(state: ZoneLedgerState, command: ZoneLedgerCommand): DomainError {
  try {
    decideLedger(state, command, 0);
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

const enter = (quantity: number, unit = 'unit'): ZoneLedgerCommand => ({ type: 'RecordGoodsInForRepair', data: { hsCode: EXCAVATOR, quantity, unit, origin: 'abroad', declarationId: 'DEC-1' } });
const repair = (quantity: number): ZoneLedgerCommand => ({ type: 'RecordGoodsRepaired', data: { hsCode: EXCAVATOR, quantity } });

describe('bonded-maintenance zone ledger', () => {
  it('given excavators in for repair, when repaired, some returned abroad and one sold domestically, then the stocks and the tax on the repair fee follow', () => {
    const { state, events } = given([
      enter(3),
      repair(2),
      { type: 'ReturnRepairedGoodsAbroad', data: { hsCode: EXCAVATOR, quantity: 1 } },
      { type: 'SellRepairedGoodsDomestically', data: { hsCode: EXCAVATOR, quantity: 1, repairFeeMinor: 8_000_000, dutyPercent: 5, vatPercent: 13 } },
    ]);
    expect(events.map((e) => e.type)).toEqual(['GoodsEnteredForRepair', 'GoodsRepaired', 'RepairedGoodsReturnedAbroad', 'RepairedGoodsSoldDomestically']);
    // Only the repair fee is taxed: duty 5 % of 80,000.00, VAT 13 % of fee plus duty.
    expect(events[3].data).toMatchObject({ repairFeeMinor: 8_000_000, dutyMinor: 400_000, vatMinor: 1_092_000, currency: 'CNY' });
    expect(state.lines[EXCAVATOR]).toEqual({ hsCode: EXCAVATOR, unit: 'unit', awaitingRepair: 1, repaired: 0, enteredTotal: 3, returnedAbroadTotal: 1, soldDomesticallyTotal: 1 });
    expect(state.taxPaidMinor).toBe(1_492_000);
    expect(state.version).toBe(4);
  });

  describe('quantities never go negative (422 naming the field and what is available)', () => {
    it('repairing more than awaits repair', () => {
      const { state } = given([enter(2)]);
      const error = refusal(state, repair(3));
      expect(error).toMatchObject({
        kind: 'rule',
        code: ZoneLedgerErrorCode.INSUFFICIENT_QUANTITY,
        errors: [{ path: 'quantity', message: expect.stringContaining('exceeds the 2 unit awaiting repair') }],
        details: { field: 'quantity', hsCode: EXCAVATOR, available: 2, requested: 3, stock: 'awaitingRepair' },
      });
    });

    it('returning or selling goods that are not repaired, or were never entered', () => {
      const { state } = given([enter(2), repair(1)]);
      expect(refusal(state, { type: 'ReturnRepairedGoodsAbroad', data: { hsCode: EXCAVATOR, quantity: 2 } }).details).toMatchObject({ available: 1, stock: 'repaired' });
      expect(refusal(state, { type: 'SellRepairedGoodsDomestically', data: { hsCode: EXCAVATOR, quantity: 2, repairFeeMinor: 1, dutyPercent: 0, vatPercent: 13 } }).code).toBe(
        ZoneLedgerErrorCode.INSUFFICIENT_QUANTITY,
      );
      expect(refusal(state, { type: 'RecordGoodsRepaired', data: { hsCode: '8708299000', quantity: 1 } }).details).toMatchObject({ available: 0 });
    });

    it('adds decimal quantities exactly', () => {
      const { state } = given([enter(0.1, 'kg'), enter(0.2, 'kg'), repair(0.3)]);
      expect(state.lines[EXCAVATOR]).toMatchObject({ awaitingRepair: 0, repaired: 0.3 });
    });
  });

  it('refuses a bad quantity, an HS code that is not 10 digits, and another unit for the same code', () => {
    const empty = initialLedger('kashgar-cbz', 'T');
    expect(refusal(empty, enter(0))).toMatchObject({ kind: 'validation', errors: [{ path: 'quantity' }] });
    expect(refusal(empty, { type: 'RecordGoodsRepaired', data: { hsCode: '8429', quantity: 1 } })).toMatchObject({ errors: [{ path: 'hsCode' }] });
    expect(refusal(given([enter(1)]).state, enter(1, 'kg'))).toMatchObject({ kind: 'rule', code: ZoneLedgerErrorCode.UNIT_MISMATCH });
  });

  it('keys a ledger by zone and trader', () => {
    expect(ledgerStreamId('kashgar-cbz', 'T-1')).toBe('kashgar-cbz/T-1');
  });
});
