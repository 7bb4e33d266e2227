// The ledger's typed errors: a movement that would take a quantity below zero is a 'rule' error
// (HTTP 422) naming the field and the quantity available.

import { DomainError } from '../../common/domain/domain-error';

export const ZoneLedgerErrorCode = {
  INSUFFICIENT_QUANTITY: 'LEDGER.INSUFFICIENT_QUANTITY',
  UNIT_MISMATCH: 'LEDGER.UNIT_MISMATCH',
  BAD_FIELD: 'LEDGER.BAD_FIELD',
} as const;

export type ZoneLedgerErrorCode = (typeof ZoneLedgerErrorCode)[keyof typeof ZoneLedgerErrorCode];

export function insufficientQuantity(message: string, details: { hsCode: string; available: number; requested: number; stock: 'awaitingRepair' | 'repaired' }): DomainError {
  return new DomainError(ZoneLedgerErrorCode.INSUFFICIENT_QUANTITY, message, 'rule', [{ path: 'quantity', message }], { field: 'quantity', ...details });
}

export function ledgerBadField(path: string, message: string): DomainError {
  return new DomainError(ZoneLedgerErrorCode.BAD_FIELD, `${path}: ${message}`, 'validation', [{ path, message }]);
}
