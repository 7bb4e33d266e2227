// What a plan is expected to take and cost without queueing: the probability-weighted critical path
// (each step adds its run probability times its mean duration once its predecessors are done) and
// the probability-weighted cost of each item. Queueing and opening hours come from replay.

import type { TrsInterval } from '../../reference/domain/reference-data';
import type { ReferenceIndex } from '../../reference/domain/reference-index';
import type { DeclarationFacts } from './declaration';
import { meanMinutes } from './distribution';
import { type Taxes, computeTaxes } from './duties';
import { type ClearancePlan, type PlanStep, runProbability } from './plan';
import type { CostLine, Expected } from './planning.types';

export interface StepTiming {
  startMinutes: number;
  finishMinutes: number;
}

/** Expected start and finish of every step, minutes from arrival. */
export function expectedTimings(plan: ClearancePlan): Map<string, StepTiming> {
  const timings = new Map<string, StepTiming>();
  for (const step of plan.steps) {
    let start = step.earliestStartMinutes;
    for (const dep of step.after) start = Math.max(start, timings.get(dep)!.finishMinutes);
    timings.set(step.id, { startMinutes: start, finishMinutes: start + runProbability(plan, step) * meanMinutes(step.duration) });
  }
  return timings;
}

/** The chain of steps that decides when `target` ends, first to last. */
export function criticalPath(plan: ClearancePlan, timings: Map<string, StepTiming>, target: string): PlanStep[] {
  const byId = new Map(plan.steps.map((s) => [s.id, s]));
  const path: PlanStep[] = [];
  let current = byId.get(target);
  while (current) {
    path.unshift(current);
    const start = timings.get(current.id)!.startMinutes;
    const decisive: string | undefined = current.after.find((dep) => timings.get(dep)!.finishMinutes === start);
    current = decisive === undefined ? undefined : byId.get(decisive);
  }
  return path;
}

/** The plan's time figures; the same for every declaration of its class. */
export function expectedTime(plan: ClearancePlan): Omit<Expected, 'cost'> & { waitingHours: number } {
  const timings = expectedTimings(plan);
  const finish = (id: string) => timings.get(id)!.finishMinutes;
  const releasePath = criticalPath(plan, timings, plan.releaseStep);
  const hoursByInterval: Partial<Record<TrsInterval, number>> = {};
  for (const step of releasePath) {
    const { startMinutes, finishMinutes } = timings.get(step.id)!;
    // Only time after arrival counts (TRS): work done before the goods arrive costs them nothing.
    const minutes = Math.max(0, finishMinutes) - Math.max(0, startMinutes);
    if (minutes > 0) hoursByInterval[step.interval] = round2((hoursByInterval[step.interval] ?? 0) + minutes / 60);
  }
  // The conveyance waits from clock zero to exit, except while it is driving and while goods are
  // inspected at origin, before they are loaded ("inspect before loading" [S1]).
  const notWaitingMinutes = criticalPath(plan, timings, plan.exitStep)
    .filter(isNotWaiting)
    .reduce((sum, s) => sum + timings.get(s.id)!.finishMinutes - timings.get(s.id)!.startMinutes, 0);
  return {
    hoursToRelease: round2(finish(plan.releaseStep) / 60),
    hoursToExit: round2(finish(plan.exitStep) / 60),
    hoursToComplete: round2(Math.max(...plan.steps.map((s) => finish(s.id))) / 60),
    criticalPath: releasePath.map((s) => s.id),
    hoursByInterval,
    waitingHours: Math.max(0, finish(plan.exitStep) - notWaitingMinutes) / 60,
  };
}

/** Probability-weighted cost of one declaration under the plan, in CNY fen. */
export function expectedCost(plan: ClearancePlan, facts: DeclarationFacts, ref: ReferenceIndex, waitingHours: number): Expected['cost'] {
  const taxes = computeTaxes(plan.taxation, facts, ref);
  const lines: CostLine[] = [];

  for (const step of plan.steps) {
    const p = runProbability(plan, step);
    if (p === 0) continue;
    for (const line of stepCostLines(step, facts, ref, taxes)) {
      lines.push({ ...line, amountMinor: Math.round(line.amountMinor * p), basis: p < 1 ? `${line.basis}, x ${round3(p)} chance the step runs` : line.basis });
    }
  }

  const waiting = waitingCostLine(plan, facts, ref, waitingHours);
  if (waiting) lines.push(waiting);
  for (const tax of taxes.lines) lines.push(tax);
  const items = lines.filter((l) => l.amountMinor !== 0);
  return { totalMinor: items.reduce((sum, l) => sum + l.amountMinor, 0), currency: 'CNY', items };
}

/** What a step costs when it runs (not weighted by its chance), CNY fen, unrounded; replay adds these per step run. */
export function stepCostLines(step: PlanStep, facts: DeclarationFacts, ref: ReferenceIndex, taxes: Taxes): CostLine[] {
  return step.costs.map((cost) => {
    const { amount, basis } = unitAmount(cost.item, cost.quantity, facts, ref, taxes);
    const item = ref.costItem(cost.item);
    return {
      item: item.id,
      title: item.title,
      kind: cost.item === 'duty-financing' ? 'financing' : item.unit === 'percent-of-secured-amount' || cost.item === 'tir-carnet' ? 'guarantee' : 'fee',
      stepId: step.id,
      amountMinor: amount,
      currency: 'CNY',
      basis,
      source: item.source,
      assumption: item.assumption,
    };
  });
}

/** The conveyances' waiting cost for `waitingHours` held before exit, or null when the plan charges none. */
export function waitingCostLine(plan: ClearancePlan, facts: DeclarationFacts, ref: ReferenceIndex, waitingHours: number): CostLine | null {
  if (!plan.waitingCostItem) return null;
  const item = ref.costItem(plan.waitingCostItem);
  const hourly = waitingMinorPerConveyanceHour(plan, ref);
  return {
    item: item.id,
    title: item.title,
    kind: 'waiting',
    stepId: null,
    amountMinor: Math.round(hourly * facts.conveyances * waitingHours),
    currency: 'CNY',
    basis: `${round2(waitingHours)} h held before exit (driving and origin inspection excluded) x ${facts.conveyances} conveyance(s) x ${money(hourly)}/h`,
    source: item.source,
    assumption: item.assumption,
  };
}

/** What one conveyance's hour of waiting costs under the plan, CNY fen (unrounded); 0 when the plan charges none. */
export function waitingMinorPerConveyanceHour(plan: ClearancePlan, ref: ReferenceIndex): number {
  if (!plan.waitingCostItem) return 0;
  const item = ref.costItem(plan.waitingCostItem);
  return ref.toCnyMinor(item.amount, item.currency);
}

/** True for the time a conveyance is not waiting: driving, and inspection at origin before loading ("inspect before loading" [S1]). */
export function isNotWaiting(step: PlanStep): boolean {
  return (step.actor === 'carrier' && step.interval === 'transit') || step.location === 'origin';
}

function unitAmount(id: string, quantity: number, facts: DeclarationFacts, ref: ReferenceIndex, taxes: Taxes): { amount: number; basis: string } {
  const item = ref.costItem(id);
  const each = () => ref.toCnyMinor(item.amount, item.currency);
  const q = quantity !== 1 ? ` x ${round3(quantity)}` : '';
  switch (item.unit) {
    case 'per-declaration':
      return { amount: each() * quantity, basis: `${money(each())} per declaration${q}` };
    case 'per-conveyance':
      return { amount: each() * facts.conveyances * quantity, basis: `${money(each())} x ${facts.conveyances} conveyance(s)${q}` };
    case 'per-carnet':
      // One carnet per road vehicle, valid for one journey (TIR Convention Art. 17).
      return { amount: each() * facts.conveyances * quantity, basis: `${money(each())} per carnet x ${facts.conveyances} vehicle(s)` };
    case 'per-sample':
      return { amount: each() * quantity, basis: `${money(each())} per sample${q}` };
    case 'percent-of-secured-amount':
      return { amount: (item.amount / 100) * taxes.securedMinor * quantity, basis: `${item.amount} % of ${money(taxes.securedMinor)} duties and taxes secured` };
    case 'percent-per-year':
      return { amount: (item.amount / 100) * taxes.dueMinor * quantity, basis: `${item.amount} % a year on ${money(taxes.dueMinor)} duties and taxes for ${round3(quantity)} year(s)` };
    case 'per-conveyance-hour':
      throw new Error(`cost item '${id}' is charged per hour of waiting, not per step`);
  }
}

function money(minor: number): string {
  return `CNY ${(minor / 100).toFixed(2)}`;
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}
