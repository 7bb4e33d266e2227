// What happened to a TIR carnet, past tense; every payload carries `atMinutes` (simulated time).

import type { CarnetGuarantee, CarnetHolder, VoucherCount } from './tir-carnet.commands';

interface Event<Type extends string, Data> {
  type: Type;
  data: Data;
}

export type TirCarnetIssued = Event<
  'TirCarnetIssued',
  { carnetNumber: string; holder: CarnetHolder; issuedBy: string; vouchers: VoucherCount; guarantee: CarnetGuarantee; validUntilMinutes: number; atMinutes: number }
>;
export type DeclarationLinkedToCarnet = Event<'DeclarationLinkedToCarnet', { declarationId: string; atMinutes: number }>;
export type TirOperationStarted = Event<
  'TirOperationStarted',
  {
    /** 1 for the first operation of the carnet. */
    operationNumber: number;
    country: string;
    customsOffice: string;
    kind: 'departure' | 'entry-en-route';
    /** The voucher pair used, numbered from 1. */
    voucherPair: [number, number];
    vouchersLeft: number;
    atMinutes: number;
  }
>;
export type TirOperationTerminated = Event<
  'TirOperationTerminated',
  { operationNumber: number; customsOffice: string; at: 'exit' | 'destination'; reservation: string | null; atMinutes: number }
>;
export type TirOperationDischarged = Event<'TirOperationDischarged', { operationNumber: number; atMinutes: number }>;

export type TirCarnetEvent = TirCarnetIssued | DeclarationLinkedToCarnet | TirOperationStarted | TirOperationTerminated | TirOperationDischarged;
export type TirCarnetEventType = TirCarnetEvent['type'];

/** The aggregate type under which carnet streams are stored (the stream id is the carnet number). */
export const TIR_CARNET_AGGREGATE = 'tir-carnet';
