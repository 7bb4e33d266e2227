// The carnet's typed errors: a refusal the TIR rules explain (no voucher pair left, operation already
// terminated, carnet expired...) is a 'rule' error (HTTP 422) whose message says why.

import { DomainError } from '../../common/domain/domain-error';

export const TirCarnetErrorCode = {
  NOT_ISSUED: 'TIR.CARNET_NOT_ISSUED',
  ALREADY_ISSUED: 'TIR.CARNET_ALREADY_ISSUED',
  BAD_FIELD: 'TIR.BAD_FIELD',
  NO_VOUCHERS_LEFT: 'TIR.NO_VOUCHERS_LEFT',
  EXPIRED: 'TIR.CARNET_EXPIRED',
  JOURNEY_ENDED: 'TIR.JOURNEY_ENDED',
  OPERATION_IN_PROGRESS: 'TIR.OPERATION_IN_PROGRESS',
  NO_OPERATION: 'TIR.NO_OPERATION',
  ALREADY_TERMINATED: 'TIR.OPERATION_ALREADY_TERMINATED',
  NOT_TERMINATED: 'TIR.OPERATION_NOT_TERMINATED',
  ALREADY_DISCHARGED: 'TIR.OPERATION_ALREADY_DISCHARGED',
} as const;

export type TirCarnetErrorCode = (typeof TirCarnetErrorCode)[keyof typeof TirCarnetErrorCode];

export function carnetRefused(code: TirCarnetErrorCode, message: string, path: string, details: Record<string, unknown> = {}): DomainError {
  return new DomainError(code, message, 'rule', [{ path, message }], details);
}

export function carnetConflict(code: TirCarnetErrorCode, message: string): DomainError {
  return new DomainError(code, message, 'conflict');
}

export function carnetBadField(path: string, message: string): DomainError {
  return new DomainError(TirCarnetErrorCode.BAD_FIELD, `${path}: ${message}`, 'validation', [{ path, message }]);
}
