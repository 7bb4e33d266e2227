// What the API shows of a TIR carnet: its vouchers, guarantee and validity, each TIR operation with its
// status, and the declarations it covers. Stored as the read model's summary; `expired` depends on the
// tenant's clock, so it is added when the view is served.

import type { CarnetGuarantee, CarnetHolder, VoucherCount } from '../domain/tir-carnet.commands';
import type { CarnetStatus, IssuedCarnet, TirOperation } from '../domain/tir-carnet.state';

/** `started`: accepted at the office of departure or entry; `terminated`: at exit or destination; `discharged`: customs confirmed it. */
export type TirOperationStatus = 'started' | 'terminated' | 'discharged';

export interface TirOperationView {
  operationNumber: number;
  status: TirOperationStatus;
  country: string;
  kind: TirOperation['kind'];
  /** The voucher pair the operation used, numbered from 1. */
  voucherPair: [number, number];
  startOffice: string;
  startedMinutes: number;
  terminationOffice: string | null;
  terminatedAt: 'exit' | 'destination' | null;
  terminatedMinutes: number | null;
  reservation: string | null;
  dischargedMinutes: number | null;
}

export interface TirCarnetView {
  carnetNumber: string;
  status: CarnetStatus;
  holder: CarnetHolder;
  issuedBy: string;
  vouchers: VoucherCount;
  vouchersUsed: number;
  vouchersLeft: number;
  guarantee: CarnetGuarantee;
  /** The association's final minute for acceptance at departure (TIR Convention Art. 9). */
  validUntilMinutes: number;
  issuedMinutes: number;
  /** Terminated at the office of destination: the carnet is valid for one journey (Art. 17). */
  journeyEnded: boolean;
  operations: TirOperationView[];
  /** Ids of the declarations the carnet covers, in the order they were linked. */
  declarations: string[];
  version: number;
  /** Simulated minute of the carnet's latest event. */
  updatedMinutes: number;
}

export interface TirCarnetLinks {
  self: string;
  events: string;
  declarations: string;
  operations: string;
}

export function operationStatus(o: TirOperation): TirOperationStatus {
  if (o.dischargedMinutes !== null) return 'discharged';
  return o.terminatedMinutes === null ? 'started' : 'terminated';
}

export function carnetView(carnet: IssuedCarnet, updatedMinutes: number): TirCarnetView {
  return {
    carnetNumber: carnet.carnetNumber,
    status: carnet.status,
    holder: carnet.holder,
    issuedBy: carnet.issuedBy,
    vouchers: carnet.vouchers,
    vouchersUsed: carnet.vouchersUsed,
    vouchersLeft: carnet.vouchers - carnet.vouchersUsed,
    guarantee: carnet.guarantee,
    validUntilMinutes: carnet.validUntilMinutes,
    issuedMinutes: carnet.issuedMinutes,
    journeyEnded: carnet.journeyEnded,
    operations: carnet.operations.map((o) => ({
      operationNumber: o.operationNumber,
      status: operationStatus(o),
      country: o.country,
      kind: o.kind,
      voucherPair: o.voucherPair,
      startOffice: o.startOffice,
      startedMinutes: o.startedMinutes,
      terminationOffice: o.terminationOffice,
      terminatedAt: o.terminatedAt,
      terminatedMinutes: o.terminatedMinutes,
      reservation: o.reservation,
      dischargedMinutes: o.dischargedMinutes,
    })),
    declarations: carnet.declarations,
    version: carnet.version,
    updatedMinutes,
  };
}

export function carnetLinks(carnetNumber: string): TirCarnetLinks {
  const self = `/api/tir/carnets/${carnetNumber}`;
  return { self, events: `${self}/events`, declarations: `${self}/declarations`, operations: `${self}/operations` };
}

/**
 * The view as served at the tenant's simulated minute `nowMinutes`: `expired` once the final date for
 * acceptance at departure has passed and no operation has started (once accepted, a carnet stays valid
 * until termination, Art. 9), and the links.
 */
export function servedCarnet(view: TirCarnetView, nowMinutes: number): TirCarnetView & { expired: boolean; links: TirCarnetLinks } {
  return { ...view, expired: view.operations.length === 0 && nowMinutes > view.validUntilMinutes, links: carnetLinks(view.carnetNumber) };
}
