// The state of one declaration, folded from its events: where each plan step stands, the channel,
// any hold, the two-step deadline, and the overall status, derived in one place (`deriveStatus`).

import type { Declaration } from '../../planning/domain/declaration';
import type { Channel, ClearancePlan, PlanStep } from '../../planning/domain/plan';
import { isRiskDecision } from '../../planning/domain/plan-execution';
import type { DeclarationHead, DutiesAssessment, LodgementMode, Procedure } from './declaration.commands';

export type DeclarationStatus =
  | 'lodged'
  | 'arrived'
  | 'under-review'
  | 'documentary-check'
  | 'inspection'
  | 'awaiting-lab'
  | 'awaiting-payment'
  | 'released'
  | 'exited'
  | 'completed'
  | 'cancelled'
  | 'rejected'
  | 'held';

export const DECLARATION_STATUSES: DeclarationStatus[] = [
  'lodged',
  'arrived',
  'under-review',
  'documentary-check',
  'inspection',
  'awaiting-lab',
  'awaiting-payment',
  'released',
  'exited',
  'completed',
  'cancelled',
  'rejected',
  'held',
];

/**
 * `pending`: waits for a predecessor (or for the channel); `ready`: may be worked on now;
 * `in-progress`: an inspection ordered and not yet recorded; `done`; `skipped` (by the channel or as
 * an optional step not needed).
 */
export type StepStatus = 'pending' | 'ready' | 'in-progress' | 'done' | 'skipped';

/** What a step is for, which decides the command that completes it. */
export type StepRole =
  | 'arrival'
  | 'risk-decision'
  | 'documentary-check'
  | 'inspection'
  | 'sampling'
  | 'lab'
  | 'payment'
  | 'guarantee'
  | 'release'
  | 'exit'
  | 'transit-start'
  | 'transit-end'
  | 'completion'
  | 'other';

export type StepOutcome = 'done' | 'passed' | 'failed' | Channel | 'paid' | 'secured' | 'skipped';

export interface StepState {
  stepId: string;
  role: StepRole;
  status: StepStatus;
  /** When all predecessors were settled (done, or skipped and settled themselves). */
  readyMinutes: number | null;
  startMinutes: number | null;
  /** For a skipped step: when its predecessors were settled (it "finishes" with them). */
  finishMinutes: number | null;
  /** When the step was skipped (a skipped step settles once its predecessors have). */
  skippedAtMinutes: number | null;
  outcome: StepOutcome | null;
  /** Remarks, findings, a skip reason. */
  note: string | null;
}

export interface TwoStepDeadline {
  completionDays: number;
  /** Due from the conveyance's arrival (the arrival step's start), from lodgement until arrival is recorded. */
  dueMinutes: number;
  completedMinutes: number | null;
  overdueMinutes: number | null;
}

export interface Hold {
  stepId: string;
  reason: string;
  atMinutes: number;
}

export interface Closure {
  kind: 'cancelled' | 'rejected';
  reason: string;
  atMinutes: number;
}

export interface NoDeclaration {
  kind: 'none';
  version: 0;
}

export interface LodgedDeclaration {
  kind: 'lodged';
  declarationId: string;
  tenantId: string;
  declaration: Declaration;
  head: DeclarationHead;
  mode: LodgementMode;
  procedure: Procedure;
  advance: boolean;
  plan: ClearancePlan;
  reforms: string[];
  reformParameters: Record<string, Record<string, number>>;
  option: string | null;
  duties: DutiesAssessment | null;
  lodgedMinutes: number;
  clockZeroMinutes: number;
  /** Plan order. */
  steps: StepState[];
  channel: Channel | null;
  hold: Hold | null;
  closure: Closure | null;
  twoStep: TwoStepDeadline | null;
  paidMinor: number;
  securedMinor: number;
  amendments: number;
  status: DeclarationStatus;
  /** Simulated time of the last event; time never runs backwards in a declaration. */
  lastEventMinutes: number;
  /** Number of events folded: the stream version. */
  version: number;
}

export type DeclarationState = NoDeclaration | LodgedDeclaration;

export const initialState: DeclarationState = { kind: 'none', version: 0 };

const ROLE_BY_ID: Record<string, StepRole> = {
  arrival: 'arrival',
  'documentary-check': 'documentary-check',
  'batch-document-review': 'documentary-check',
  'report-verification': 'documentary-check',
  'dg-port-check': 'documentary-check',
  sampling: 'sampling',
  'lab-test': 'lab',
  'supervisory-lab-test': 'lab',
  'duty-payment': 'payment',
  'guarantee-filing-check': 'guarantee',
  'repair-guarantee': 'guarantee',
  'transit-guarantee': 'guarantee',
  'customs-seal': 'transit-start',
  'transit-termination': 'transit-end',
  'tir-carnet-termination': 'transit-end',
  'complete-declaration': 'completion',
  'gate-out': 'exit',
  'exit-gate-out': 'exit',
};

/**
 * The role of each plan step. Reforms that do a step another way keep its id and change its template
 * (a summary declaration is still 'lodge-declaration', a rail manifest review may be
 * 'transfer-declaration'), so the channel decision is found by its TRS interval and inspections by
 * theirs; the rest by id. Only the first risk-decision step assigns the channel.
 */
export function stepRoles(plan: ClearancePlan): StepRole[] {
  let riskSeen = false;
  return plan.steps.map((step) => {
    const role = roleOf(plan, step, riskSeen);
    if (role === 'risk-decision') riskSeen = true;
    return role;
  });
}

function roleOf(plan: ClearancePlan, step: PlanStep, riskSeen: boolean): StepRole {
  if (step.id === plan.releaseStep) return 'release';
  if (step.id === plan.exitStep) return 'exit';
  if (isRiskDecision(step)) return riskSeen ? 'other' : 'risk-decision';
  const byId = ROLE_BY_ID[step.id];
  if (byId) return byId;
  if (step.interval === 'physical-inspection') return 'inspection';
  return 'other';
}

export function isSettled(step: StepState): boolean {
  return step.status === 'done' || (step.status === 'skipped' && step.finishMinutes !== null);
}

export function isActive(step: StepState): boolean {
  return step.status === 'ready' || step.status === 'in-progress';
}

export function stepState(state: LodgedDeclaration, stepId: string): StepState | undefined {
  return state.steps.find((s) => s.stepId === stepId);
}

/** The overall status, from the steps, the hold and the closure: the one place it is derived. */
export function deriveStatus(state: Omit<LodgedDeclaration, 'status'>): DeclarationStatus {
  if (state.closure) return state.closure.kind;
  if (state.hold) return 'held';
  const byId = new Map(state.steps.map((s) => [s.stepId, s]));
  if (state.steps.every(isSettled)) return 'completed';
  if (byId.get(state.plan.exitStep)?.status === 'done') return 'exited';
  if (byId.get(state.plan.releaseStep)?.status === 'done') return 'released';
  const active = state.steps.filter(isActive);
  const has = (test: (s: StepState) => boolean) => active.some(test);
  if (has((s) => s.role === 'lab')) return 'awaiting-lab';
  // A ready inspection that nobody has ordered yet does not hold the goods at the bay.
  if (has((s) => (s.role === 'inspection' && s.status === 'in-progress') || s.role === 'sampling')) return 'inspection';
  if (has((s) => s.role === 'documentary-check')) return 'documentary-check';
  if (has((s) => s.role === 'payment' || s.role === 'guarantee')) return 'awaiting-payment';
  if (state.channel !== null || has((s) => s.role === 'risk-decision')) return 'under-review';
  if (byId.get('arrival')?.status === 'done') return 'arrived';
  return 'lodged';
}
