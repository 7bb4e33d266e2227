// What traders, officers and the automatic officers ask of a declaration: imperative commands, one per
// action (issue 4, "The lifecycle"). Each command that works on a plan step names its step by role;
// `stepId` is needed only when two ready steps share the role (say the physical and the quarantine
// inspection of fresh produce). Times are simulated minutes; `decide` receives "now" separately.

import type { Declaration, GoodsLine } from '../../planning/domain/declaration';
import type { Channel, ClearancePlan } from '../../planning/domain/plan';

export type LodgementMode = 'auto' | 'manual';
export const LODGEMENT_MODES: LodgementMode[] = ['auto', 'manual'];
export type Procedure = 'full' | 'two-step';
export const PROCEDURES: Procedure[] = ['full', 'two-step'];

/** Head elements that do not shape the plan but belong to the declaration (rules.md §7.2). */
export interface DeclarationHead {
  /** BillNo */
  billNo?: string;
  /** ContrNo */
  contractNo?: string;
  /** TrafName: truck plate or train number. */
  conveyanceName?: string;
  /** TradeCountry, ISO 3166 alpha-3. */
  tradeCountry?: string;
  /** PackNo */
  packages?: number;
  /** GrossWet */
  grossWeightKg?: number;
  /** NetWt */
  netWeightKg?: number;
  /** AgentName */
  agentName?: string;
}

/** Duties and taxes as the application assessed them (planning/domain/duties.ts computeTaxes), CNY fen. */
export interface DutiesAssessment {
  /** Duty and VAT the declaration pays. */
  dueMinor: number;
  /** Duty and VAT at stake on the full customs value: what a guarantee secures. */
  securedMinor: number;
  currency: 'CNY';
}

/** What an amendment may change: the goods lines' descriptive and value fields, the conveyances, the head. */
export interface GoodsLineAmendment extends Partial<Pick<GoodsLine, 'description' | 'quantity' | 'unit' | 'customsValueMinor' | 'currency' | 'repairFeeMinor'>> {
  /** Index of the goods line (0-based) in the declaration. */
  line: number;
}

export interface DeclarationAmendment {
  goods?: GoodsLineAmendment[];
  conveyances?: number;
  head?: DeclarationHead;
}

interface Command<Type extends string, Data> {
  type: Type;
  data: Data;
}

/** Fields of every command that completes a plan step. */
export interface StepWork {
  /** The plan step; optional when exactly one ready step has the command's role. */
  stepId?: string;
  /** When the work on the step began; defaults to when the step became ready. Between then and now. */
  startedAtMinutes?: number;
}

export type LodgeDeclaration = Command<
  'LodgeDeclaration',
  {
    /** Given by the caller (the application makes it). */
    declarationId: string;
    tenantId: string;
    declaration: Declaration;
    head?: DeclarationHead;
    /** `auto`: automatic officers walk the plan as the tenant's clock advances; `manual`: officers do. */
    mode: LodgementMode;
    /** `two-step` needs a plan made with the two-step-declaration reform (a summary now, the complete declaration later). */
    procedure: Procedure;
    /** Lodged before the goods reach the supervision site (rules.md §6.3). */
    advance: boolean;
    /** The plan the application computed for the declaration; kept as a snapshot in the lodged event. */
    plan: ClearancePlan;
    /** Ids of the reforms applied to the plan. */
    reforms: string[];
    /** Parameters of the applied reforms, e.g. { "two-step-declaration": { "completionDays": 14 } }. */
    reformParameters?: Record<string, Record<string, number>>;
    /** The option (seeds/options.json id) the reforms came from, if any. */
    option?: string | null;
    duties?: DutiesAssessment;
  }
>;

export type RecordArrival = Command<'RecordArrival', StepWork>;
export type AssignRiskChannel = Command<'AssignRiskChannel', StepWork & { channel: Channel; /** Default `officer`. */ assignedBy?: 'officer' | 'rules' }>;
export type RecordDocumentaryCheck = Command<'RecordDocumentaryCheck', StepWork & { passed: boolean; remarks?: string }>;
export type OrderInspection = Command<'OrderInspection', { stepId?: string }>;
export type RecordInspectionResult = Command<'RecordInspectionResult', { stepId?: string; passed: boolean; findings?: string }>;
export type TakeSample = Command<'TakeSample', StepWork & { sampleId?: string }>;
export type RecordLabResult = Command<'RecordLabResult', StepWork & { passed: boolean; report?: string }>;
/** Assess and pay duties and taxes; `paidMinor` defaults to the assessed amount due. */
export type PayDuties = Command<'PayDuties', StepWork & { paidMinor?: number }>;
/** Secure duties by a guarantee (a bond, a filed guarantee, a deposit); `securedMinor` defaults to the assessed amount at stake. */
export type LodgeGuarantee = Command<'LodgeGuarantee', StepWork & { guaranteeReference?: string; securedMinor?: number }>;
export type ReleaseGoods = Command<'ReleaseGoods', StepWork>;
export type RecordExit = Command<'RecordExit', StepWork>;
export type StartTransit = Command<'StartTransit', StepWork & { sealNumbers?: string[] }>;
export type EndTransit = Command<'EndTransit', StepWork>;
export type CompleteTwoStepDeclaration = Command<'CompleteTwoStepDeclaration', StepWork & { paidMinor?: number }>;
/** Completes a step no other command covers (lodgements, hauls, gauge transshipment, escort, certificates...). */
export type CompleteStep = Command<'CompleteStep', StepWork & { stepId: string }>;
/** Skips a ready optional step (probability below 1). */
export type SkipStep = Command<'SkipStep', { stepId: string; reason: string }>;
export type AmendDeclaration = Command<'AmendDeclaration', { amendment: DeclarationAmendment; reason?: string; /** Re-assessed duties when values change. */ duties?: DutiesAssessment }>;
/** Withdraws the declaration before release; `reason` defaults to 'withdrawn by the declarant'. */
export type CancelDeclaration = Command<'CancelDeclaration', { reason?: string }>;
export type RejectDeclaration = Command<'RejectDeclaration', { reason: string }>;
export type MarkTwoStepOverdue = Command<'MarkTwoStepOverdue', Record<string, never>>;

export type DeclarationCommand =
  | LodgeDeclaration
  | RecordArrival
  | AssignRiskChannel
  | RecordDocumentaryCheck
  | OrderInspection
  | RecordInspectionResult
  | TakeSample
  | RecordLabResult
  | PayDuties
  | LodgeGuarantee
  | ReleaseGoods
  | RecordExit
  | StartTransit
  | EndTransit
  | CompleteTwoStepDeclaration
  | CompleteStep
  | SkipStep
  | AmendDeclaration
  | CancelDeclaration
  | RejectDeclaration
  | MarkTwoStepOverdue;

export type DeclarationCommandType = DeclarationCommand['type'];

export const DECLARATION_COMMAND_TYPES: DeclarationCommandType[] = [
  'LodgeDeclaration',
  'RecordArrival',
  'AssignRiskChannel',
  'RecordDocumentaryCheck',
  'OrderInspection',
  'RecordInspectionResult',
  'TakeSample',
  'RecordLabResult',
  'PayDuties',
  'LodgeGuarantee',
  'ReleaseGoods',
  'RecordExit',
  'StartTransit',
  'EndTransit',
  'CompleteTwoStepDeclaration',
  'CompleteStep',
  'SkipStep',
  'AmendDeclaration',
  'CancelDeclaration',
  'RejectDeclaration',
  'MarkTwoStepOverdue',
];
