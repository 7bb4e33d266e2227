// A clearance plan: the steps a declaration goes through, as a small DAG (design.md, "rules make
// clearance plans"). Plans are immutable data: rules build them, reforms transform them, the
// expectation and (later) the replay engine and the live lifecycle execute them.

import type { Actor, Distribution, ResourceKind, Site, StepTemplate, TrsInterval } from '../../reference/domain/reference-data';

export { TRS_INTERVALS } from '../../reference/domain/reference-data';
export type { Actor, TrsInterval } from '../../reference/domain/reference-data';

export type Location = 'origin' | 'border-port' | 'en-route' | 'unloading-place' | 'bonded-zone' | 'inland-office';

/** Risk channels (rules.md §6.12). Blue (post-clearance audit) never holds goods, so plans do not model it. */
export type Channel = 'green' | 'yellow' | 'red';
export const CHANNELS: Channel[] = ['green', 'yellow', 'red'];

export interface ChannelProbabilities {
  green: number;
  yellow: number;
  red: number;
}

export interface StepCost {
  /** A seeds/cost-items.json id. */
  item: string;
  /** Multiplies the item's unit: samples, carnets, or years for a percent-per-year item. */
  quantity: number;
}

export interface PlanStep {
  id: string;
  title: string;
  interval: TrsInterval;
  actor: Actor;
  location: Location;
  /** The seeds/sites.json id of the site where it happens, null en route. */
  site: string | null;
  /** What the step holds while it runs; replay queues for it. */
  resource: ResourceKind | null;
  /** Duration in minutes, once the step starts (queueing comes from replay). */
  duration: Distribution;
  /** Ids of the steps that must finish first. Steps are listed in an order that respects this. */
  after: string[];
  /** Minutes relative to the goods' arrival before which the step cannot start; negative = before arrival. */
  earliestStartMinutes: number;
  /** The step runs only in these channels; null when the channel does not matter. */
  channels: Channel[] | null;
  /** Chance that the step runs, independent of the channel (1 = always). */
  probability: number;
  /** When the step runs, in words (shown to users). */
  condition: string;
  costs: StepCost[];
  /** Queue priority class at the resource: higher is served first. */
  priority: number;
  /** True when the step ignores the site's opening hours (7x24 service). */
  allDay: boolean;
  source: string;
  assumption: boolean;
}

export interface Taxation {
  /** What import duty and VAT are charged on. */
  basis: 'none' | 'customs-value' | 'repair-fee';
  /** Border mutual trade: duty-free allowance per resident, CNY fen (rules.md §6.1). */
  allowancePerResidentMinor: number;
}

export interface ClearancePlan {
  steps: PlanStep[];
  channelRates: ChannelProbabilities;
  /** The step whose end is release (customs lets the trader dispose of the goods). */
  releaseStep: string;
  /** The step whose end is the conveyance leaving the border port's control area. */
  exitStep: string;
  taxation: Taxation;
  /** Cost item charged per conveyance for each hour from arrival to exit, or null. */
  waitingCostItem: string | null;
}

/** Where a step at `site` happens. */
export function placeAt(site: Site): Pick<PlanStep, 'location' | 'site'> {
  const location: Location =
    site.kind === 'bonded-zone' ? 'bonded-zone' : site.kind === 'inland-office' ? 'inland-office' : site.kind === 'unloading-place' ? 'unloading-place' : 'border-port';
  return { location, site: site.id };
}

/** A plan step made from its seeds/steps.json template, at a place and after the given steps; `fields` override the rest. */
export function stepFromTemplate(t: StepTemplate, place: Pick<PlanStep, 'location' | 'site'>, after: string[], fields: Partial<PlanStep> = {}): PlanStep {
  return {
    id: t.id,
    title: t.title,
    interval: t.interval,
    actor: t.actor,
    location: place.location,
    site: place.site,
    resource: t.resource,
    duration: t.duration,
    after,
    earliestStartMinutes: 0,
    channels: null,
    probability: t.probability,
    condition: t.probability < 1 ? `in ${Math.round(t.probability * 100)} % of cases` : 'always',
    costs: t.costs.map((item) => ({ item, quantity: 1 })),
    priority: 0,
    allDay: false,
    source: t.source,
    assumption: t.assumption,
    ...fields,
  };
}

export function stepById(plan: ClearancePlan, id: string): PlanStep | undefined {
  return plan.steps.find((s) => s.id === id);
}

/** Probability that a step runs: its channel share times its own probability. */
export function runProbability(plan: ClearancePlan, step: PlanStep): number {
  const channelShare = step.channels === null ? 1 : step.channels.reduce((sum, c) => sum + plan.channelRates[c], 0);
  return channelShare * step.probability;
}

/** Steps the release step waits for, directly or through others. */
export function releaseAncestors(plan: ClearancePlan): Set<string> {
  return ancestors(plan, plan.releaseStep);
}

export function ancestors(plan: ClearancePlan, id: string): Set<string> {
  const byId = new Map(plan.steps.map((s) => [s.id, s]));
  const seen = new Set<string>();
  const stack = [...(byId.get(id)?.after ?? [])];
  while (stack.length > 0) {
    const next = stack.pop()!;
    if (seen.has(next)) continue;
    seen.add(next);
    stack.push(...(byId.get(next)?.after ?? []));
  }
  return seen;
}

/** Throws when the plan is not a DAG in listed order or names missing steps; rules and reforms must keep it valid. */
export function assertWellFormed(plan: ClearancePlan): void {
  const seen = new Set<string>();
  for (const step of plan.steps) {
    if (seen.has(step.id)) throw new Error(`plan lists step '${step.id}' twice`);
    for (const dep of step.after) {
      if (!seen.has(dep)) throw new Error(`step '${step.id}' comes after '${dep}', which is missing or listed later`);
    }
    if (step.probability < 0 || step.probability > 1) throw new Error(`step '${step.id}' has probability ${step.probability}`);
    seen.add(step.id);
  }
  if (!seen.has(plan.releaseStep)) throw new Error(`plan has no release step '${plan.releaseStep}'`);
  if (!seen.has(plan.exitStep)) throw new Error(`plan has no exit step '${plan.exitStep}'`);
  const { green, yellow, red } = plan.channelRates;
  if (Math.abs(green + yellow + red - 1) > 1e-9) throw new Error('channel rates do not add up to 1');
}
