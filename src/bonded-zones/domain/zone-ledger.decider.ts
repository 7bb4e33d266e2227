// The bonded-maintenance ledger as decide/evolve (rules.md §4.2): goods enter for repair with duties
// suspended, are repaired, and leave either abroad (no duty or tax) or to the domestic market, where
// only the repair fee is taxed and the repaired goods are exempt [S61]. No quantity ever goes below
// zero: a movement larger than the stock is refused naming the quantity available.

import { DomainError } from '../../common/domain/domain-error';
import type { ZoneLedgerCommand } from './zone-ledger.commands';
import { ZoneLedgerErrorCode, insufficientQuantity, ledgerBadField } from './zone-ledger.errors';
import type { ZoneLedgerEvent } from './zone-ledger.events';
import type { LedgerLine, ZoneLedgerState } from './zone-ledger.state';

/** Quantities are kept to a millionth of a unit, so decimal kilograms add up exactly. */
const round = (x: number) => Math.round(x * 1e6) / 1e6;

export function decideLedger(state: ZoneLedgerState, command: ZoneLedgerCommand, nowMinutes: number): ZoneLedgerEvent[] {
  if (!Number.isFinite(nowMinutes)) throw ledgerBadField('nowMinutes', 'must be a finite number of simulated minutes');
  const { hsCode } = command.data;
  if (typeof hsCode !== 'string' || !/^\d{10}$/.test(hsCode)) throw ledgerBadField('hsCode', 'must be a 10-digit commodity code (CodeTS)');
  const quantity = command.data.quantity;
  if (typeof quantity !== 'number' || !Number.isFinite(quantity) || quantity <= 0) throw ledgerBadField('quantity', 'must be a number above 0');
  const line = state.lines[hsCode];
  const where = `the ledger of ${state.traderId} in ${state.zoneId}`;
  const available = (stock: 'awaitingRepair' | 'repaired', what: string) => {
    const have = line?.[stock] ?? 0;
    if (quantity > have + 1e-9) {
      const unit = line ? ` ${line.unit}` : '';
      throw insufficientQuantity(`quantity ${quantity}${unit} of HS ${hsCode} exceeds the ${have}${unit} ${what} in ${where}`, { hsCode, available: have, requested: quantity, stock });
    }
  };

  switch (command.type) {
    case 'RecordGoodsInForRepair': {
      const { unit, origin } = command.data;
      if (typeof unit !== 'string' || unit.trim() === '') throw ledgerBadField('unit', 'is required');
      if (origin !== 'abroad' && origin !== 'domestic') throw ledgerBadField('origin', 'must be abroad or domestic');
      if (line && line.unit !== unit) {
        throw new DomainError(ZoneLedgerErrorCode.UNIT_MISMATCH, `HS ${hsCode} is kept in ${line.unit} in ${where}, not ${unit}`, 'rule', [{ path: 'unit', message: `must be ${line.unit}` }]);
      }
      return [
        {
          type: 'GoodsEnteredForRepair',
          data: { hsCode, quantity, unit, origin, description: command.data.description ?? null, declarationId: command.data.declarationId ?? null, atMinutes: nowMinutes },
        },
      ];
    }
    case 'RecordGoodsRepaired':
      available('awaitingRepair', 'awaiting repair');
      return [{ type: 'GoodsRepaired', data: { hsCode, quantity, atMinutes: nowMinutes } }];
    case 'ReturnRepairedGoodsAbroad':
      available('repaired', 'repaired and in the zone');
      return [{ type: 'RepairedGoodsReturnedAbroad', data: { hsCode, quantity, declarationId: command.data.declarationId ?? null, atMinutes: nowMinutes } }];
    case 'SellRepairedGoodsDomestically': {
      const { repairFeeMinor, dutyPercent, vatPercent } = command.data;
      if (!Number.isInteger(repairFeeMinor) || repairFeeMinor < 0) throw ledgerBadField('repairFeeMinor', 'must be a whole number of fen, 0 or more');
      for (const [path, value] of [
        ['dutyPercent', dutyPercent],
        ['vatPercent', vatPercent],
      ] as const) {
        if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > 100) throw ledgerBadField(path, 'must be a percentage from 0 to 100');
      }
      available('repaired', 'repaired and in the zone');
      // Duty on the repair fee, VAT on fee plus duty, as for any import (planning/domain/duties.ts).
      const dutyMinor = Math.round((repairFeeMinor * dutyPercent) / 100);
      const vatMinor = Math.round(((repairFeeMinor + dutyMinor) * vatPercent) / 100);
      return [
        {
          type: 'RepairedGoodsSoldDomestically',
          data: { hsCode, quantity, repairFeeMinor, dutyMinor, vatMinor, currency: 'CNY', declarationId: command.data.declarationId ?? null, atMinutes: nowMinutes },
        },
      ];
    }
  }
}

export function evolveLedger(state: ZoneLedgerState, event: ZoneLedgerEvent): ZoneLedgerState {
  const { hsCode, quantity } = event.data;
  const line: LedgerLine = state.lines[hsCode] ?? {
    hsCode,
    unit: event.type === 'GoodsEnteredForRepair' ? event.data.unit : '',
    awaitingRepair: 0,
    repaired: 0,
    enteredTotal: 0,
    returnedAbroadTotal: 0,
    soldDomesticallyTotal: 0,
  };
  let next = line;
  let taxPaidMinor = state.taxPaidMinor;
  switch (event.type) {
    case 'GoodsEnteredForRepair':
      next = { ...line, awaitingRepair: round(line.awaitingRepair + quantity), enteredTotal: round(line.enteredTotal + quantity) };
      break;
    case 'GoodsRepaired':
      next = { ...line, awaitingRepair: round(line.awaitingRepair - quantity), repaired: round(line.repaired + quantity) };
      break;
    case 'RepairedGoodsReturnedAbroad':
      next = { ...line, repaired: round(line.repaired - quantity), returnedAbroadTotal: round(line.returnedAbroadTotal + quantity) };
      break;
    case 'RepairedGoodsSoldDomestically':
      next = { ...line, repaired: round(line.repaired - quantity), soldDomesticallyTotal: round(line.soldDomesticallyTotal + quantity) };
      taxPaidMinor += event.data.dutyMinor + event.data.vatMinor;
      break;
  }
  return { ...state, lines: { ...state.lines, [hsCode]: next }, taxPaidMinor, version: state.version + 1 };
}
