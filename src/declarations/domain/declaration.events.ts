// What happened to a declaration: past-tense events with typed payloads, the only thing the event
// store keeps. Every payload carries `atMinutes`, the simulated time of the event (the store's
// `simMinutes`); events that complete a plan step also carry the step and when work on it began.
// A red channel, a failed check and a rejection are events like any other (style.md).

import type { Declaration } from '../../planning/domain/declaration';
import type { Channel, ClearancePlan } from '../../planning/domain/plan';
import type { DeclarationAmendment, DeclarationHead, DutiesAssessment, LodgementMode, Procedure } from './declaration.commands';

interface Event<Type extends string, Data> {
  type: Type;
  data: Data;
}

/** A plan step done: which, when work on it began and when it finished (`atMinutes`). */
export interface StepDone {
  stepId: string;
  startedAtMinutes: number;
  atMinutes: number;
}

export type DeclarationLodged = Event<
  'DeclarationLodged',
  {
    declarationId: string;
    tenantId: string;
    declaration: Declaration;
    head: DeclarationHead;
    mode: LodgementMode;
    procedure: Procedure;
    advance: boolean;
    /** The plan snapshot the declaration walks; replaying the events never recomputes it. */
    plan: ClearancePlan;
    reforms: string[];
    reformParameters: Record<string, Record<string, number>>;
    option: string | null;
    duties: DutiesAssessment | null;
    /**
     * Simulated minute of the plan's clock zero (the goods' expected arrival): lodgement plus the lead
     * of the plan's earliest step that may start before arrival (advance declaration, TIR-EPD).
     */
    clockZeroMinutes: number;
    /** Two-step: days after the conveyance's arrival by which the complete declaration is due; null otherwise. */
    twoStepCompletionDays: number | null;
    atMinutes: number;
  }
>;

export type ArrivalRecorded = Event<'ArrivalRecorded', StepDone>;
export type RiskChannelAssigned = Event<'RiskChannelAssigned', StepDone & { channel: Channel; assignedBy: 'officer' | 'rules' }>;
/** `cause`: `channel` when the assigned channel excludes the step (same decision), `officer` when an optional step is skipped. */
export type StepSkipped = Event<'StepSkipped', { stepId: string; cause: 'channel' | 'officer'; reason: string; atMinutes: number }>;
export type DocumentaryCheckCompleted = Event<'DocumentaryCheckCompleted', StepDone & { passed: boolean; remarks: string | null }>;
export type InspectionOrdered = Event<'InspectionOrdered', { stepId: string; atMinutes: number }>;
export type InspectionCompleted = Event<'InspectionCompleted', StepDone & { passed: boolean; findings: string | null }>;
export type SampleTaken = Event<'SampleTaken', StepDone & { sampleId: string | null }>;
export type LabResultRecorded = Event<'LabResultRecorded', StepDone & { passed: boolean; report: string | null }>;
export type DutiesPaid = Event<'DutiesPaid', StepDone & { paidMinor: number; currency: 'CNY' }>;
export type GuaranteeLodged = Event<'GuaranteeLodged', StepDone & { guaranteeReference: string | null; securedMinor: number; currency: 'CNY' }>;
export type GoodsReleased = Event<'GoodsReleased', StepDone>;
/** The conveyance left a port's control area; the declaration's status is `exited` once its plan's exit step is done. */
export type GoodsExited = Event<'GoodsExited', StepDone>;
export type TransitStarted = Event<'TransitStarted', StepDone & { sealNumbers: string[] }>;
export type TransitEnded = Event<'TransitEnded', StepDone>;
export type TwoStepDeclarationCompleted = Event<'TwoStepDeclarationCompleted', StepDone & { paidMinor: number; currency: 'CNY'; dueMinutes: number; late: boolean }>;
export type TwoStepCompletionOverdue = Event<'TwoStepCompletionOverdue', { dueMinutes: number; atMinutes: number }>;
export type StepCompleted = Event<'StepCompleted', StepDone>;
export type DeclarationAmended = Event<'DeclarationAmended', { amendment: DeclarationAmendment; reason: string | null; duties: DutiesAssessment | null; atMinutes: number }>;
export type DeclarationCancelled = Event<'DeclarationCancelled', { reason: string; atMinutes: number }>;
export type DeclarationRejected = Event<'DeclarationRejected', { reason: string; atMinutes: number }>;

export type DeclarationEvent =
  | DeclarationLodged
  | ArrivalRecorded
  | RiskChannelAssigned
  | StepSkipped
  | DocumentaryCheckCompleted
  | InspectionOrdered
  | InspectionCompleted
  | SampleTaken
  | LabResultRecorded
  | DutiesPaid
  | GuaranteeLodged
  | GoodsReleased
  | GoodsExited
  | TransitStarted
  | TransitEnded
  | TwoStepDeclarationCompleted
  | TwoStepCompletionOverdue
  | StepCompleted
  | DeclarationAmended
  | DeclarationCancelled
  | DeclarationRejected;

export type DeclarationEventType = DeclarationEvent['type'];

export const DECLARATION_EVENT_TYPES: DeclarationEventType[] = [
  'DeclarationLodged',
  'ArrivalRecorded',
  'RiskChannelAssigned',
  'StepSkipped',
  'DocumentaryCheckCompleted',
  'InspectionOrdered',
  'InspectionCompleted',
  'SampleTaken',
  'LabResultRecorded',
  'DutiesPaid',
  'GuaranteeLodged',
  'GoodsReleased',
  'GoodsExited',
  'TransitStarted',
  'TransitEnded',
  'TwoStepDeclarationCompleted',
  'TwoStepCompletionOverdue',
  'StepCompleted',
  'DeclarationAmended',
  'DeclarationCancelled',
  'DeclarationRejected',
];

/** The aggregate type under which declaration streams are stored. */
export const DECLARATION_AGGREGATE = 'declaration';

