// What the planner is asked and what it answers; the shape REST, the CLI and replay share.

import type { TrsInterval } from '../../reference/domain/reference-data';
import type { Declaration } from './declaration';
import type { ClearancePlan, PlanStep } from './plan';
import type { PlanChange } from './reforms/reform';

export interface PlanRequest {
  declaration: Declaration;
  /** Where the declaration sits in the request, for error paths: 'declaration' (default), or '' for a flat body. */
  declarationPath?: string;
  /** Reforms to apply, by id; each must be eligible. Exclusive with `option`. */
  reforms?: string[];
  /** A seeds/options.json id; its reforms apply where eligible. Exclusive with `reforms`. */
  option?: string;
  /**
   * Reforms that must apply on top of the option, each with the request field that asked for it
   * (a lodgement's `procedure: two-step` or `advance: true`): an ineligible one is an error naming it.
   */
  required?: Array<{ reform: string; path: string }>;
  /** Reforms of the option that the declarant did not choose (two-step, advance declaration): left out. */
  excluded?: string[];
  /** Parameter overrides by reform id, e.g. { "green-channel": { "inspectionRateFactor": 0.3 } }. */
  parameters?: Record<string, Record<string, number>>;
}

export type CostKind = 'fee' | 'waiting' | 'guarantee' | 'tax' | 'financing';

export interface CostLine {
  item: string;
  title: string;
  kind: CostKind;
  /** The step that incurs it, or null for plan-wide items (duties, waiting). */
  stepId: string | null;
  /** Probability-weighted amount in CNY fen. */
  amountMinor: number;
  currency: 'CNY';
  /** How the amount was computed, in words. */
  basis: string;
  source: string;
  assumption: boolean;
}

export interface Expected {
  /** Probability-weighted critical path from arrival to release, hours. */
  hoursToRelease: number;
  /** ... to the conveyance leaving the border port's control area. */
  hoursToExit: number;
  /** ... to the last step of the plan (certificate, complete declaration). */
  hoursToComplete: number;
  /** Steps on the critical path to release, in order. */
  criticalPath: string[];
  /** Hours each TRS interval contributes to the critical path to release. */
  hoursByInterval: Partial<Record<TrsInterval, number>>;
  cost: { totalMinor: number; currency: 'CNY'; items: CostLine[] };
}

export interface ExplainedStep extends PlanStep {
  /** Probability that the step runs (channel share times its own probability). */
  runProbability: number;
  /** True when release waits for the step. */
  releaseWaits: boolean;
  /** Expected start and finish, hours from arrival (probability-weighted). */
  expectedStartHours: number;
  expectedFinishHours: number;
}

export interface AppliedReform {
  id: string;
  title: string;
  clause: string;
  parameters: Record<string, number>;
}

export interface PlanResult {
  /** The attributes that shaped the plan (declarations of one class share a plan). */
  declarationClass: string;
  option: string | null;
  reforms: AppliedReform[];
  /** Reforms of the option that do not apply to this declaration, and why. */
  notApplied: Array<{ reform: string; reason: string }>;
  plan: Omit<ClearancePlan, 'steps'> & { steps: ExplainedStep[] };
  expected: Expected;
  baseline: { expected: Expected };
  /** Every difference from the baseline plan, reform by reform. */
  changes: PlanChange[];
}
