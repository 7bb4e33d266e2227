// The state of one TIR carnet, folded from its events.

import type { CarnetGuarantee, CarnetHolder, VoucherCount } from './tir-carnet.commands';

export interface TirOperation {
  operationNumber: number;
  country: string;
  kind: 'departure' | 'entry-en-route';
  startOffice: string;
  startedMinutes: number;
  voucherPair: [number, number];
  terminationOffice: string | null;
  terminatedAt: 'exit' | 'destination' | null;
  terminatedMinutes: number | null;
  reservation: string | null;
  dischargedMinutes: number | null;
}

/**
 * `issued`: not yet accepted at departure; `in-use`: accepted, the journey goes on; `terminated`: the
 * journey ended at destination, some operation not yet discharged; `discharged`: all discharged.
 */
export type CarnetStatus = 'issued' | 'in-use' | 'terminated' | 'discharged';

export interface NoCarnet {
  kind: 'none';
  version: 0;
}

export interface IssuedCarnet {
  kind: 'issued';
  carnetNumber: string;
  holder: CarnetHolder;
  issuedBy: string;
  vouchers: VoucherCount;
  vouchersUsed: number;
  guarantee: CarnetGuarantee;
  validUntilMinutes: number;
  issuedMinutes: number;
  declarations: string[];
  operations: TirOperation[];
  /** Terminated at the office of destination: the carnet is valid for one journey (Art. 17). */
  journeyEnded: boolean;
  status: CarnetStatus;
  version: number;
}

export type TirCarnetState = NoCarnet | IssuedCarnet;

export const initialCarnetState: TirCarnetState = { kind: 'none', version: 0 };

export function carnetStatus(carnet: Omit<IssuedCarnet, 'status'>): CarnetStatus {
  if (carnet.operations.length === 0) return 'issued';
  if (!carnet.journeyEnded) return 'in-use';
  return carnet.operations.every((o) => o.dischargedMinutes !== null) ? 'discharged' : 'terminated';
}
