// What a reform is: data (id, the Overall Plan clause it implements, parameters with defaults and
// sources, eligibility) plus a pure function from plan to plan that says what it changed and why.

import type { Distribution, StepTemplate } from '../../../reference/domain/reference-data';
import type { ReferenceIndex } from '../../../reference/domain/reference-index';
import type { Declaration, DeclarationFacts } from '../declaration';
import { describeDistribution, meanMinutes, scaleDistribution } from '../distribution';
import { type Channel, type ChannelProbabilities, type ClearancePlan, type PlanStep, type StepCost, assertWellFormed } from '../plan';

export interface ReformParameter {
  name: string;
  title: string;
  /** Unit of the value, e.g. "factor", "probability", "hours". */
  unit: string;
  default: number;
  min: number;
  max: number;
  source: string;
  assumption: boolean;
}

export type ReformParameters = Record<string, number>;

export interface ReformContext {
  facts: DeclarationFacts;
  ref: ReferenceIndex;
}

export interface ReformDefinition {
  id: string;
  title: string;
  titleZh: string;
  /** The clause of the Overall Plan (or the GACC measure) that the reform implements. */
  clause: string;
  summary: string;
  sources: string[];
  /** True when the reform's mechanics are our assumption (no public definition). */
  assumption: boolean;
  /** Who and what it applies to, in words. */
  eligibility: string;
  parameters: ReformParameter[];
  /** A declaration for which the reform is eligible. */
  example: Declaration;
  /** Null when eligible, else the reason it is not, for this declaration and plan. */
  ineligibility(ctx: ReformContext, plan: ClearancePlan): string | null;
  apply(plan: ClearancePlan, ctx: ReformContext, params: ReformParameters): ReformResult;
}

export type ChangeKind =
  | 'removed'
  | 'added'
  | 'moved'
  | 'shortened'
  | 'lengthened'
  | 're-priced'
  | 'rate-changed'
  | 're-prioritised'
  | 'hours-extended'
  | 'tax-basis-changed';

export interface PlanChange {
  reform: string;
  clause: string;
  kind: ChangeKind;
  /** The step concerned, or "plan" for plan-wide changes (channel rates, taxation). */
  stepId: string;
  /** What changed, before and after, in words. */
  before: string;
  after: string;
  reason: string;
  source: string;
}

export interface ReformResult {
  plan: ClearancePlan;
  changes: PlanChange[];
}

export interface Why {
  reason: string;
  source: string;
}

/**
 * Edits a plan on behalf of one reform and records each edit as a change. Every method returns the
 * editor so a reform reads as a list of edits; `result()` checks the plan is still well formed.
 */
export class PlanEditor {
  private steps: PlanStep[];
  private channelRates: ChannelProbabilities;
  private taxation: ClearancePlan['taxation'];
  private readonly changes: PlanChange[] = [];

  constructor(
    private readonly base: ClearancePlan,
    private readonly reform: Pick<ReformDefinition, 'id' | 'clause'>,
  ) {
    this.steps = [...base.steps];
    this.channelRates = base.channelRates;
    this.taxation = base.taxation;
  }

  has(id: string): boolean {
    return this.steps.some((s) => s.id === id);
  }

  /** Ids of the steps that satisfy `test`, in plan order. */
  ids(test: (step: PlanStep) => boolean): string[] {
    return this.steps.filter(test).map((s) => s.id);
  }

  get(id: string): PlanStep {
    const step = this.steps.find((s) => s.id === id);
    if (!step) throw new Error(`reform ${this.reform.id}: plan has no step '${id}'`);
    return step;
  }

  /** Removes a step; its successors then wait for its predecessors instead. */
  remove(id: string, why: Why): this {
    const gone = this.get(id);
    this.steps = this.steps
      .filter((s) => s.id !== id)
      .map((s) => (s.after.includes(id) ? { ...s, after: unique(s.after.flatMap((a) => (a === id ? gone.after : [a]))) } : s));
    return this.record('removed', id, `${gone.title} (${describeDistribution(gone.duration)})`, 'not needed', why);
  }

  /** Inserts a new step after the listed step (or at the start); `before` steps are made to wait for it. */
  add(step: PlanStep, why: Why, options: { before?: string[] } = {}): this {
    const lastDep = Math.max(-1, ...step.after.map((a) => this.indexOf(a)));
    const insertAt = lastDep + 1;
    this.steps = [...this.steps.slice(0, insertAt), step, ...this.steps.slice(insertAt)];
    for (const successor of options.before ?? []) {
      this.replace(successor, (s) => ({ ...s, after: unique([...s.after, step.id]) }));
    }
    this.reorder();
    return this.record('added', step.id, 'absent', `${step.title} (${describeDistribution(step.duration)})`, why);
  }

  /** Does the step another way: the template's title, TRS interval, owner, resource, duration and cost items, same place and position. */
  swap(id: string, template: StepTemplate, why: Why): this {
    const step = this.get(id);
    this.replace(id, (s) => ({
      ...s,
      title: template.title,
      interval: template.interval,
      actor: template.actor,
      resource: template.resource,
      duration: template.duration,
      costs: template.costs.map((item) => ({ item, quantity: 1 })),
      source: template.source,
      assumption: template.assumption,
    }));
    const kind = meanMinutes(template.duration) <= meanMinutes(step.duration) ? 'shortened' : 'lengthened';
    const words = (title: string, d: Distribution, resource: string | null) => `${title} (${describeDistribution(d)}${resource ? `, ${resource}` : ''})`;
    return this.record(kind, id, words(step.title, step.duration, step.resource), words(template.title, template.duration, template.resource), why);
  }

  /** Multiplies a step's duration by `factor` (< 1 shortens). */
  scaleDuration(id: string, factor: number, why: Why): this {
    const step = this.get(id);
    return this.setDuration(id, scaleDistribution(step.duration, factor), why);
  }

  setDuration(id: string, duration: Distribution, why: Why): this {
    const step = this.get(id);
    this.replace(id, (s) => ({ ...s, duration }));
    const kind = meanMinutes(duration) <= meanMinutes(step.duration) ? 'shortened' : 'lengthened';
    return this.record(kind, id, describeDistribution(step.duration), describeDistribution(duration), why);
  }

  setProbability(id: string, probability: number, why: Why, condition?: string): this {
    const step = this.get(id);
    this.replace(id, (s) => ({ ...s, probability, condition: condition ?? s.condition }));
    return this.record('rate-changed', id, `runs with probability ${round(step.probability)}`, `runs with probability ${round(probability)}`, why);
  }

  setChannels(id: string, channels: Channel[] | null, why: Why): this {
    const step = this.get(id);
    this.replace(id, (s) => ({ ...s, channels }));
    const words = (c: Channel[] | null) => (c === null ? 'in every channel' : `in the ${c.join(' or ')} channel`);
    return this.record('rate-changed', id, `runs ${words(step.channels)}`, `runs ${words(channels)}`, why);
  }

  /** Moves a step to another place (site or location) and/or another position in the DAG. */
  move(id: string, to: Partial<Pick<PlanStep, 'location' | 'site' | 'after' | 'actor' | 'resource' | 'earliestStartMinutes'>>, why: Why): this {
    const step = this.get(id);
    this.replace(id, (s) => ({ ...s, ...to }));
    this.reorder();
    const where = (s: Partial<PlanStep>) =>
      [
        s.location !== undefined ? `at ${s.location}${s.site ? ` (${s.site})` : ''}` : '',
        s.actor !== undefined ? `by ${s.actor}` : '',
        s.resource !== undefined ? (s.resource === null ? "outside the site's shared resources" : `holding the ${s.resource}`) : '',
        s.after !== undefined ? `after ${s.after.length ? s.after.join(', ') : 'nothing'}` : '',
        s.earliestStartMinutes !== undefined ? `from ${s.earliestStartMinutes / 60} h relative to arrival` : '',
      ]
        .filter(Boolean)
        .join(', ');
    const before: Partial<PlanStep> = {};
    for (const key of Object.keys(to) as Array<keyof typeof to>) (before as Record<string, unknown>)[key] = step[key];
    return this.record('moved', id, where(before), where(to), why);
  }

  /** Rewords when a step runs, after another edit (recorded on its own) changed it; no change is recorded for the words. */
  setCondition(id: string, condition: string): this {
    this.replace(id, (s) => ({ ...s, condition }));
    return this;
  }

  /** Release stops waiting for `id` (and for the steps only it led to); `id` still follows its own predecessors. */
  releaseWithout(id: string, why: Why): this {
    const step = this.get(id);
    this.steps = this.steps.map((s) =>
      s.id !== id && s.after.includes(id) && this.isReleasePath(s.id) ? { ...s, after: unique(s.after.flatMap((a) => (a === id ? step.after : [a]))) } : s,
    );
    return this.record('moved', id, 'release waits for it', 'release no longer waits for it', why);
  }

  setCosts(id: string, costs: StepCost[], why: Why): this {
    const step = this.get(id);
    this.replace(id, (s) => ({ ...s, costs }));
    const words = (c: StepCost[]) => (c.length ? c.map((x) => `${x.item}${x.quantity !== 1 ? ` x${round(x.quantity)}` : ''}`).join(', ') : 'no charge');
    return this.record('re-priced', id, words(step.costs), words(costs), why);
  }

  setPriority(ids: string[], priority: number, why: Why): this {
    for (const id of ids.filter((i) => this.has(i))) {
      const step = this.get(id);
      if (step.priority === priority) continue;
      this.replace(id, (s) => ({ ...s, priority }));
      this.record('re-prioritised', id, `queue priority ${step.priority}`, `queue priority ${priority}`, why);
    }
    return this;
  }

  setAllDay(ids: string[], why: Why): this {
    for (const id of ids.filter((i) => this.has(i))) {
      if (this.get(id).allDay) continue;
      this.replace(id, (s) => ({ ...s, allDay: true }));
      this.record('hours-extended', id, "the site's opening hours", '7x24', why);
    }
    return this;
  }

  setChannelRates(rates: ChannelProbabilities, why: Why): this {
    const words = (r: ChannelProbabilities) => `green ${round(r.green)}, yellow ${round(r.yellow)}, red ${round(r.red)}`;
    const before = this.channelRates;
    this.channelRates = rates;
    return this.record('rate-changed', 'plan', words(before), words(rates), why);
  }

  setTaxation(taxation: ClearancePlan['taxation'], why: Why): this {
    const before = this.taxation;
    this.taxation = taxation;
    return this.record('tax-basis-changed', 'plan', `duty and VAT on ${before.basis}`, `duty and VAT on ${taxation.basis}`, why);
  }

  result(): ReformResult {
    const plan: ClearancePlan = { ...this.base, steps: this.steps, channelRates: this.channelRates, taxation: this.taxation };
    assertWellFormed(plan);
    return { plan, changes: this.changes };
  }

  private isReleasePath(id: string): boolean {
    if (id === this.base.releaseStep) return true;
    const byId = new Map(this.steps.map((s) => [s.id, s]));
    const stack = [...(byId.get(this.base.releaseStep)?.after ?? [])];
    const seen = new Set<string>();
    while (stack.length) {
      const next = stack.pop()!;
      if (next === id) return true;
      if (seen.has(next)) continue;
      seen.add(next);
      stack.push(...(byId.get(next)?.after ?? []));
    }
    return false;
  }

  private indexOf(id: string): number {
    const i = this.steps.findIndex((s) => s.id === id);
    if (i < 0) throw new Error(`reform ${this.reform.id}: plan has no step '${id}'`);
    return i;
  }

  private replace(id: string, change: (s: PlanStep) => PlanStep): void {
    const i = this.indexOf(id);
    this.steps = [...this.steps.slice(0, i), change(this.steps[i]), ...this.steps.slice(i + 1)];
  }

  /** Restores a listed order that respects `after`, keeping the current order where it already does. */
  private reorder(): void {
    const placed = new Set<string>();
    const ordered: PlanStep[] = [];
    const pending = [...this.steps];
    while (pending.length) {
      const i = pending.findIndex((s) => s.after.every((a) => placed.has(a)));
      if (i < 0) throw new Error(`reform ${this.reform.id}: the plan's steps form a cycle (${pending.map((s) => s.id).join(', ')})`);
      const [next] = pending.splice(i, 1);
      placed.add(next.id);
      ordered.push(next);
    }
    this.steps = ordered;
  }

  private record(kind: ChangeKind, stepId: string, before: string, after: string, why: Why): this {
    this.changes.push({ reform: this.reform.id, clause: this.reform.clause, kind, stepId, before, after, reason: why.reason, source: why.source });
    return this;
  }
}

function unique(ids: string[]): string[] {
  return [...new Set(ids)];
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
