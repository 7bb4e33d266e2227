// A clearance plan made ready for replay: the steps as parallel arrays indexed by position, the DAG as
// successor lists and predecessor counts, each step's resource pool, and what each step costs when it
// runs. One per (declaration class, option); replay walks millions of declarations over a few of these.

import { computeTaxes } from '../../planning/domain/duties';
import type { DeclarationFacts } from '../../planning/domain/declaration';
import { isNotWaiting, stepCostLines, waitingCostLine, waitingMinorPerConveyanceHour } from '../../planning/domain/expected';
import { type ClearancePlan, type PlanStep, ancestors } from '../../planning/domain/plan';
import type { ReferenceIndex } from '../../reference/domain/reference-index';

/** Bit of each channel in a step's channel mask. */
export const CHANNEL_BIT = { green: 1, yellow: 2, red: 4 } as const;
const ALL_CHANNELS = 7;

/** A cost the declaration incurs, as an index into the replication's list of cost items, CNY fen. */
export interface CostCharge {
  item: number;
  amountMinor: number;
}

export interface CostItemInfo {
  id: string;
  title: string;
  kind: string;
}

/** Registry of cost items met so far in a replication, so per-item sums can live in a flat array. */
export class CostItems {
  readonly list: CostItemInfo[] = [];
  private readonly index = new Map<string, number>();

  indexOf(info: CostItemInfo): number {
    let i = this.index.get(info.id);
    if (i === undefined) {
      i = this.list.length;
      this.list.push(info);
      this.index.set(info.id, i);
    }
    return i;
  }
}

/** What a replication numbers as it compiles its plans, so that replay sums into flat arrays. */
export interface PlanIndexes {
  costItems: CostItems;
  /** The pool a step queues for (an index into the replication's pools), or -1: it holds no resource, or resources are unlimited. */
  poolOf(step: PlanStep): number;
  /** The row of a step id in the replication's per-step sums. */
  stepRowOf(stepId: string): number;
  /** The row of an agency in the replication's per-agency sums. */
  agencyRowOf(agency: string): number;
}

export interface CompiledPlan {
  plan: ClearancePlan;
  steps: readonly PlanStep[];
  /** Per step: its channel mask (CHANNEL_BIT), or 7 when the channel does not matter. */
  channelMask: Uint8Array;
  /** Per step: the pool it queues for (an index into the replication's pools), or -1 for none. */
  pool: Int32Array;
  /** Per step: its row in the replication's per-step sums (by step id) and per-agency sums (by actor). */
  stepRow: Int32Array;
  agencyRow: Int32Array;
  /** Per step: the number of steps it waits for. */
  predecessors: Int32Array;
  successors: number[][];
  /** Steps with no predecessor. */
  roots: number[];
  /** The first arrival-interval step: when it may start, the goods are at the customs frontier (TRS arrival); -1 when none. */
  arrivalIndex: number;
  releaseIndex: number;
  exitIndex: number;
  /** Lodgement-interval steps the release waits for: their last finish is the TRS lodgement milestone. */
  lodgementIndexes: number[];
  /** Per step: true when the conveyance is not waiting while it runs (driving, origin inspection). */
  notWaiting: Uint8Array;
  /** Per step: what the step costs each time it runs. */
  stepCharges: CostCharge[][];
  /** Charged once per declaration whatever happens (duties and taxes). */
  fixedCharges: CostCharge[];
  /** CNY fen per hour the conveyances wait (0 when the plan charges no waiting cost), and its item. */
  waitingMinorPerHour: number;
  waitingItem: number;
}

/** Compiles `plan` for the declaration described by `facts`, numbering what it meets in `indexes`. */
export function compilePlan(plan: ClearancePlan, facts: DeclarationFacts, ref: ReferenceIndex, indexes: PlanIndexes): CompiledPlan {
  const { costItems, poolOf } = indexes;
  const steps = plan.steps;
  const index = new Map(steps.map((s, i) => [s.id, i]));
  const successors: number[][] = steps.map(() => []);
  const predecessors = new Int32Array(steps.length);
  steps.forEach((step, i) => {
    predecessors[i] = step.after.length;
    for (const dep of step.after) successors[index.get(dep)!].push(i);
  });
  const taxes = computeTaxes(plan.taxation, facts, ref);
  const charge = (line: { item: string; title: string; kind: string; amountMinor: number }): CostCharge => ({
    item: costItems.indexOf({ id: line.item, title: line.title, kind: line.kind }),
    amountMinor: line.amountMinor,
  });
  const beforeRelease = ancestors(plan, plan.releaseStep);
  const waiting = waitingCostLine(plan, facts, ref, 1);
  return {
    plan,
    steps,
    channelMask: Uint8Array.from(steps, (s) => (s.channels === null ? ALL_CHANNELS : s.channels.reduce((mask, c) => mask | CHANNEL_BIT[c], 0))),
    pool: Int32Array.from(steps, poolOf),
    stepRow: Int32Array.from(steps, (s) => indexes.stepRowOf(s.id)),
    agencyRow: Int32Array.from(steps, (s) => indexes.agencyRowOf(s.actor)),
    predecessors,
    successors,
    roots: steps.flatMap((s, i) => (s.after.length === 0 ? [i] : [])),
    arrivalIndex: steps.findIndex((s) => s.interval === 'arrival'),
    releaseIndex: index.get(plan.releaseStep)!,
    exitIndex: index.get(plan.exitStep)!,
    lodgementIndexes: steps.flatMap((s, i) => (s.interval === 'lodgement' && beforeRelease.has(s.id) ? [i] : [])),
    notWaiting: Uint8Array.from(steps, (s) => (isNotWaiting(s) ? 1 : 0)),
    stepCharges: steps.map((s) => stepCostLines(s, facts, ref, taxes).filter((l) => l.amountMinor !== 0).map(charge)),
    fixedCharges: taxes.lines.filter((l) => l.amountMinor !== 0).map(charge),
    // Rounding happens per declaration, on its hours of waiting, not per hour.
    waitingMinorPerHour: waitingMinorPerConveyanceHour(plan, ref) * facts.conveyances,
    waitingItem: waiting ? charge(waiting).item : -1,
  };
}
