// One replication of one option: the scenario's declarations arrive, each walks its own clearance
// plan on the engine, queueing for the desks, bays, scanners, labs and gates of the sites (with their
// opening hours), and what they went through is summed up for the report.
//
// A step is walked exactly as executePlan walks it (plan-execution.ts: same channel, same "does it
// run" and duration draws from the declaration's own named streams, same earliest-start rule); the
// only difference is that here a step holding a resource may wait for it. With unlimited resources and
// sites that never close, every declaration gets executePlan's times (replication.spec.ts proves it), which
// is what the live sandbox's automatic officers do.
//
// Arrivals stop at the horizon and the declarations in progress are followed for DRAIN_MINUTES more.
// Where traffic outruns a site's resources, some may still be queueing then: the replication ends
// anyway and says how many of the counted declarations had not finished (and had not been released or
// exited); the time and cost figures are over the finished ones, and each resource says how many
// requests were waiting at the horizon and at the end, so the report can name the queues that grew.
//
// Replay walks millions of declarations, so nothing is allocated per step and little per declaration:
// a declaration in progress lives in a reused slot (walk-slots.ts), a (slot, step) token travels
// through the agenda, and what is measured is added into rows numbered when the plans are compiled.

import { type Declaration, describe } from '../../planning/domain/declaration';
import { lodgementPlanRequest } from '../../planning/domain/lodgement-request';
import { type ExecutedStep, declarationStream, drawChannel, drawStepMinutes, drawStepRuns, isRiskDecision } from '../../planning/domain/plan-execution';
import type { PlanStep } from '../../planning/domain/plan';
import type { Planner } from '../../planning/domain/planner';
import type { Calendar as CalendarSpec } from '../../reference/domain/reference-data';
import type { ReferenceIndex } from '../../reference/domain/reference-index';
import { INTERVAL_IDS, type IntervalId } from '../../reports/domain/report';
import type { Lodging, Scenario } from '../../scenarios/domain/scenario';
import { Calendar } from '../../sim/calendar';
import { RandomStream, hashSeed } from '../../sim/random';
import { Resource, type ResourceStatistics } from '../../sim/resource';
import { type HandlerId, Simulation } from '../../sim/simulation';
import { Histogram, RunningStats } from '../../sim/statistics';
import { nextArrivalMinutes } from './arrivals';
import { CHANNEL_BIT, type CompiledPlan, CostItems, type PlanIndexes, compilePlan } from './compiled-plan';
import type { ReplicationFigures, SegmentSummary, StepSummary } from './replication-figures';
import { type Walk, WalkSlots } from './walk-slots';

const MINUTES_PER_HOUR = 60;
/**
 * After the horizon, declarations in progress are followed this long, minutes: long enough for any plan
 * to end where the resources keep up (the longest, a two-step import's complete declaration, comes
 * within 14 days), bounded so that an overloaded scenario ends too. Those still in progress then are
 * reported as unfinished.
 */
export const DRAIN_MINUTES = 90 * 24 * 60;
/** A token names a step of a declaration in progress: slot * STEP_SLOTS + step index. */
const STEP_SLOTS = 128;

export interface ReplicationInput {
  scenario: Scenario;
  option: string;
  replication: number;
  ref: ReferenceIndex;
  planner: Planner;
  /** Called with every declaration's walk as it ends (counted or not), steps as executePlan lists them. */
  onWalked?: (key: string, steps: ExecutedStep[]) => void;
}

/** Replication r draws from its own seed; replication 0 uses the scenario's seed itself, so a recorded
 *  stream from the sandbox replays with exactly the draws its automatic officers made. */
export function replicationSeed(seed: number, replication: number): number {
  return replication === 0 ? seed : hashSeed(seed, 'replication', replication);
}

/** The lodging a declaration gets under an option: two-step or advance only where the option allows it. */
export function lodgingUnder(ref: ReferenceIndex, option: string, wanted: Lodging): Lodging {
  const reforms = new Set(ref.options.get(option)?.reforms.map((r) => r.id) ?? []);
  return {
    procedure: wanted.procedure === 'two-step' && reforms.has('two-step-declaration') ? 'two-step' : 'full',
    advance: wanted.advance && reforms.has('advance-declaration'),
  };
}

/** Sums over the finished counted declarations of one segment (a port, a commodity). */
class Segment {
  declarations = 0;
  releaseHours = 0;
  exitHours = 0;
  costMinor = 0;

  add(releaseHours: number, exitHours: number, costMinor: number): void {
    this.declarations++;
    this.releaseHours += releaseHours;
    this.exitHours += exitHours;
    this.costMinor += costMinor;
  }

  /** Means over the segment's finished declarations; NaN (no value) when none finished. */
  summary(id: string): SegmentSummary {
    const n = this.declarations;
    const mean = (sum: number) => (n > 0 ? sum / n : NaN);
    return { id, declarations: n, arrivalToReleaseHours: mean(this.releaseHours), arrivalToExitHours: mean(this.exitHours), costMinor: mean(this.costMinor) };
  }
}

/** Sums over the counted runs of the steps with one id; `step` is the first of them that ran. */
interface StepTotals {
  step: PlanStep | null;
  runs: number;
  waitMinutes: number;
  serviceMinutes: number;
}

/** Sums over the counted runs of one agency's steps. */
interface AgencyTotals {
  agency: string;
  runs: number;
  waitMinutes: number;
  serviceMinutes: number;
}

interface IntervalStats {
  mean: RunningStats;
  histogram: Histogram;
}

function measure(stats: IntervalStats, hours: number): void {
  stats.mean.add(hours);
  stats.histogram.add(hours);
}

/** Plans, walks and measures one (option, replication) of a scenario. */
export function runReplication({ scenario, option, replication, ref, planner, onWalked }: ReplicationInput): ReplicationFigures {
  const sim = new Simulation();
  const seed = replicationSeed(scenario.seed, replication);
  const warmUp = scenario.warmUpHours * MINUTES_PER_HOUR;
  const horizon = scenario.horizonHours * MINUTES_PER_HOUR;

  // Resource pools: one per (site, kind) that some plan queues for; created as plans are compiled.
  const pools: Resource[] = [];
  const poolInfo: Array<{ site: string; kind: string; capacity: number; calendar: Calendar | null }> = [];
  const poolIndex = new Map<string, number>();
  const calendars = new Map<string, Calendar | null>();
  const calendarOf = (siteId: string): Calendar | null => {
    if (!calendars.has(siteId)) {
      const spec: CalendarSpec | undefined = scenario.sites[siteId]?.calendar ?? ref.sites.get(siteId)?.calendar;
      // A site open around the clock all year needs no calendar; one with a seasonal closure does.
      calendars.set(siteId, spec && (!spec.allDay || spec.seasonalClosure) ? new Calendar(spec, scenario.start) : null);
    }
    return calendars.get(siteId)!;
  };
  const poolOf = (step: PlanStep): number => {
    if (scenario.unlimitedResources || step.resource === null || step.site === null) return -1;
    const key = `${step.site}/${step.resource}`;
    let i = poolIndex.get(key);
    if (i === undefined) {
      const seeded = ref.sites.get(step.site)?.resources.find((r) => r.kind === step.resource)?.capacity;
      const capacity = scenario.sites[step.site]?.resources[step.resource] ?? seeded;
      if (capacity === undefined) return -1;
      i = pools.length;
      const calendar = calendarOf(step.site);
      pools.push(new Resource(sim, capacity, calendar));
      poolInfo.push({ site: step.site, kind: step.resource, capacity, calendar });
      poolIndex.set(key, i);
    }
    return i;
  };

  // Per-step and per-agency sums, in rows numbered as plans are compiled, so that recording a
  // declaration adds into them by index.
  const stepTotals: StepTotals[] = [];
  const stepRows = new Map<string, number>();
  const agencyTotals: AgencyTotals[] = [];
  const agencyRows = new Map<string, number>();
  const costItems = new CostItems();
  const indexes: PlanIndexes = {
    costItems,
    poolOf,
    stepRowOf: (stepId) => rowOf(stepRows, stepId, () => stepTotals.push({ step: null, runs: 0, waitMinutes: 0, serviceMinutes: 0 })),
    agencyRowOf: (agency) => rowOf(agencyRows, agency, () => agencyTotals.push({ agency, runs: 0, waitMinutes: 0, serviceMinutes: 0 })),
  };

  const compile = (declaration: Declaration, lodging: Lodging, path: string): CompiledPlan => {
    const effective = lodgingUnder(ref, option, lodging);
    const result = planner.plan(lodgementPlanRequest(declaration, option, effective, path));
    if (result.plan.steps.length > STEP_SLOTS) throw new Error(`a plan of ${result.plan.steps.length} steps does not fit a token (at most ${STEP_SLOTS})`);
    return compilePlan(result.plan, describe(declaration, ref, path), ref, indexes);
  };

  // Segments and statistics.
  const ports = new Map<string, number>();
  const commodities = new Map<string, number>();
  const segmentIndex = (map: Map<string, number>, id: string) => {
    let i = map.get(id);
    if (i === undefined) map.set(id, (i = map.size));
    return i;
  };
  const portSegments: Segment[] = [];
  const commoditySegments: Segment[] = [];
  const intervalStats = Object.fromEntries(INTERVAL_IDS.map((id) => [id, { mean: new RunningStats(), histogram: new Histogram() }])) as Record<IntervalId, IntervalStats>;
  /** Counted declarations released within 1, 6 and 24 h of arrival, finished or not. */
  const within = { h1: 0, h6: 0, h24: 0 };
  /** Per cost item (CostItems' numbering), CNY fen; sized once every plan is compiled. */
  let costSums = new Float64Array(0);
  /** Declarations that arrived from the warm-up to the horizon, and those of them whose plan ended. */
  let counted = 0;
  let finished = 0;
  let costTotal = 0;

  // Declarations in progress live in slots; a token (slot, step) travels through the agenda.
  const slots = new WalkSlots();

  const onReady: HandlerId = sim.handler((token) => ready(token));
  const onGrant: HandlerId = sim.handler((token) => start(token));
  const onFinish: HandlerId = sim.handler((token) => finish(token));
  const onSkipped: HandlerId = sim.handler((token) => complete(token));

  /** A declaration's goods arrive at `zero`; `port` and `commodity` are its segment rows. */
  function begin(plan: CompiledPlan, zero: number, key: string, port: number, commodity: number): void {
    const stream = declarationStream(seed, key);
    const slot = slots.take(plan, stream);
    const walk = slots.get(slot);
    walk.key = key;
    walk.zero = zero;
    walk.channelBit = CHANNEL_BIT[drawChannel(plan.plan, stream)];
    walk.counted = zero >= warmUp && zero < horizon;
    walk.port = port;
    walk.commodity = commodity;
    // Not reached yet (the arrays are reused): what is read of a declaration still in progress at the end.
    if (plan.arrivalIndex >= 0) walk.readyAt[plan.arrivalIndex] = NaN;
    walk.finishAt[plan.releaseIndex] = NaN;
    walk.finishAt[plan.exitIndex] = NaN;
    if (walk.counted) counted++;
    const roots = plan.roots;
    for (let i = 0; i < roots.length; i++) activate(walk, slot, roots[i]);
  }

  /** All of the step's predecessors have finished (now): decide whether it runs, and when it may start. */
  function activate(walk: Walk, slot: number, step: number): void {
    const token = slot * STEP_SLOTS + step;
    const planStep = walk.plan.steps[step];
    const earliest = walk.zero + planStep.earliestStartMinutes;
    const runs = (walk.plan.channelMask[step] & walk.channelBit) !== 0 && drawStepRuns(planStep, walk.stream);
    if (!runs) {
      // A skipped step ends when its predecessors do; a first step, at its earliest start.
      const at = planStep.after.length === 0 ? earliest : sim.now;
      if (at > sim.now) sim.schedule(at, onSkipped, token);
      else complete(token);
      return;
    }
    walk.ran[step] = 1;
    if (earliest > sim.now) sim.schedule(earliest, onReady, token);
    else ready(token);
  }

  function ready(token: number): void {
    const walk = slots.get(Math.floor(token / STEP_SLOTS));
    const step = token % STEP_SLOTS;
    const planStep = walk.plan.steps[step];
    walk.readyAt[step] = sim.now;
    walk.serviceMinutes[step] = drawStepMinutes(planStep, walk.stream);
    const pool = walk.plan.pool[step];
    if (pool >= 0) pools[pool].request(planStep.priority, onGrant, token, planStep.allDay);
    else start(token);
  }

  function start(token: number): void {
    const walk = slots.get(Math.floor(token / STEP_SLOTS));
    const step = token % STEP_SLOTS;
    walk.startAt[step] = sim.now;
    sim.schedule(sim.now + walk.serviceMinutes[step], onFinish, token);
  }

  function finish(token: number): void {
    const walk = slots.get(Math.floor(token / STEP_SLOTS));
    const pool = walk.plan.pool[token % STEP_SLOTS];
    if (pool >= 0) pools[pool].release();
    complete(token);
  }

  function complete(token: number): void {
    const slot = Math.floor(token / STEP_SLOTS);
    const walk = slots.get(slot);
    const step = token % STEP_SLOTS;
    walk.finishAt[step] = sim.now;
    if (!walk.ran[step]) walk.startAt[step] = walk.readyAt[step] = sim.now;
    const successors = walk.plan.successors[step];
    for (let i = 0; i < successors.length; i++) {
      const next = successors[i];
      if (--walk.pending[next] === 0) activate(walk, slot, next);
    }
    if (--walk.stepsLeft === 0) {
      if (walk.counted) record(walk);
      onWalked?.(walk.key, walkedSteps(walk));
      slots.release(slot);
    }
  }

  function countReleased(releaseHours: number): void {
    if (releaseHours <= 1) within.h1++;
    if (releaseHours <= 6) within.h6++;
    if (releaseHours <= 24) within.h24++;
  }

  function record(walk: Walk): void {
    finished++;
    const { plan, zero, ran, readyAt, startAt, finishAt } = walk;
    const release = finishAt[plan.releaseIndex];
    const exit = finishAt[plan.exitIndex];
    const arrival = arrivalMilestone(plan, zero, readyAt);
    let lodgement = arrival;
    if (plan.lodgementIndexes.length > 0) {
      lodgement = -Infinity;
      for (const i of plan.lodgementIndexes) lodgement = Math.max(lodgement, finishAt[i]);
    }
    const releaseHours = (release - arrival) / MINUTES_PER_HOUR;
    const exitHours = (exit - arrival) / MINUTES_PER_HOUR;
    measure(intervalStats.arrivalToLodgement, (lodgement - arrival) / MINUTES_PER_HOUR);
    measure(intervalStats.lodgementToRelease, (release - lodgement) / MINUTES_PER_HOUR);
    measure(intervalStats.releaseToExit, (exit - release) / MINUTES_PER_HOUR);
    measure(intervalStats.arrivalToRelease, releaseHours);
    measure(intervalStats.arrivalToExit, exitHours);
    countReleased(releaseHours);

    // Costs, in the order they are incurred: taxes, then each step that ran, then the waiting.
    let cost = 0;
    for (const c of plan.fixedCharges) {
      costSums[c.item] += c.amountMinor;
      cost += c.amountMinor;
    }
    let notWaitingMinutes = 0;
    for (let i = 0; i < plan.steps.length; i++) {
      if (!ran[i]) continue;
      const wait = startAt[i] - readyAt[i];
      const service = finishAt[i] - startAt[i];
      const totals = stepTotals[plan.stepRow[i]];
      totals.step ??= plan.steps[i];
      totals.runs++;
      totals.waitMinutes += wait;
      totals.serviceMinutes += service;
      const agency = agencyTotals[plan.agencyRow[i]];
      agency.runs++;
      agency.waitMinutes += wait;
      agency.serviceMinutes += service;
      for (const c of plan.stepCharges[i]) {
        costSums[c.item] += c.amountMinor;
        cost += c.amountMinor;
      }
      if (plan.notWaiting[i]) notWaitingMinutes += service;
    }
    if (plan.waitingItem >= 0) {
      const waitingHours = Math.max(0, exit - zero - notWaitingMinutes) / MINUTES_PER_HOUR;
      const amount = Math.round(plan.waitingMinorPerHour * waitingHours);
      costSums[plan.waitingItem] += amount;
      cost += amount;
    }
    costTotal += cost;
    (portSegments[walk.port] ??= new Segment()).add(releaseHours, exitHours, cost);
    (commoditySegments[walk.commodity] ??= new Segment()).add(releaseHours, exitHours, cost);
  }

  // Arrivals: each stream draws its own arrival times, the same under every option (common random numbers).
  scenario.arrivals.forEach((stream, s) => {
    const plan = compile(stream.declaration, stream, `arrivals[${s}].declaration`);
    // A declaration enters when its earliest step may start (before arrival, for advance declarations).
    const lead = Math.min(0, ...plan.steps.map((step) => step.earliestStartMinutes));
    const draws = new RandomStream(seed, 'arrivals', stream.name);
    let n = 0;
    let zero = nextArrivalMinutes(0, stream.ratePerHour, stream.hourlyProfile, draws.next());
    // The stream's segment rows, numbered when its first declaration arrives.
    let port = -1;
    let commodity = -1;
    const arrive = (): void => {
      if (port < 0) {
        port = segmentIndex(ports, stream.declaration.port);
        commodity = segmentIndex(commodities, stream.commodity);
      }
      begin(plan, zero, `${stream.name}#${n++}`, port, commodity);
      zero = nextArrivalMinutes(zero, stream.ratePerHour, stream.hourlyProfile, draws.next());
      if (zero < horizon) sim.at(Math.max(sim.now, zero + lead), arrive);
    };
    if (zero < horizon) sim.at(Math.max(0, zero + lead), arrive);
  });
  const recorded = [...scenario.recorded].sort((a, b) => a.arrivalMinutes - b.arrivalMinutes);
  recorded.forEach((row, i) => {
    const plan = compile(row.declaration, row, `recorded[${i}].declaration`);
    const lead = Math.min(0, ...plan.steps.map((step) => step.earliestStartMinutes));
    sim.at(Math.max(0, row.arrivalMinutes + lead), () =>
      begin(plan, row.arrivalMinutes, row.key, segmentIndex(ports, row.declaration.port), segmentIndex(commodities, row.commodity)),
    );
  });
  costSums = new Float64Array(costItems.list.length);
  // Resource statistics count from the end of the warm-up to the horizon.
  // Pools are made as plans are compiled, before the run, so every one has its figures at the horizon.
  const usage: ResourceStatistics[] = [];
  const queueAtHorizon: number[] = [];
  sim.at(warmUp, () => pools.forEach((pool) => pool.resetStatistics()));
  sim.at(horizon, () =>
    pools.forEach((pool, i) => {
      usage[i] = pool.statistics();
      queueAtHorizon[i] = pool.queueLength;
    }),
  );

  sim.run(horizon + DRAIN_MINUTES);

  // The declarations still in progress: counted ones are reported unfinished, and those among them
  // already released count towards the shares released within 1, 6 and 24 h.
  const unfinished = { declarations: 0, notReleased: 0, notExited: 0 };
  const inProgress = slots.inProgress();
  for (const walk of inProgress) {
    if (!walk.counted) continue;
    unfinished.declarations++;
    const { plan, finishAt } = walk;
    const release = finishAt[plan.releaseIndex];
    if (Number.isNaN(release)) {
      unfinished.notReleased++;
    } else {
      // Released before its arrival step was reached (goods released inland, before the border): 0 h or less.
      const arrival = arrivalMilestone(plan, walk.zero, walk.readyAt);
      countReleased(Number.isNaN(arrival) ? 0 : (release - arrival) / MINUTES_PER_HOUR);
    }
    if (Number.isNaN(finishAt[plan.exitIndex])) unfinished.notExited++;
  }
  if (inProgress.length > 0 && sim.pending === 0 && pools.every((pool) => pool.inUse === 0 && pool.queueLength === 0)) {
    // Nothing on the agenda and no queue holds them: no event will ever move these declarations on.
    // Traffic and opening hours cannot do that (they leave requests queued); only a fault in the engine
    // or in a plan can.
    throw new Error(
      `REPLAY.STUCK: ${inProgress.length} declaration(s) under option '${option}' (first: ${inProgress[0].key}) are in progress with nothing left to move them on: an engine or plan fault`,
    );
  }

  /** Mean per finished declaration; NaN (no value) when none finished. */
  const perDeclaration = (x: number) => (finished > 0 ? x / finished : NaN);
  const steps: StepSummary[] = stepTotals.flatMap(({ step, runs, waitMinutes, serviceMinutes }) =>
    step === null
      ? []
      : [
          {
            id: step.id,
            title: step.title,
            agency: step.actor,
            interval: step.interval,
            runs,
            waitHours: waitMinutes / runs / MINUTES_PER_HOUR,
            serviceHours: serviceMinutes / runs / MINUTES_PER_HOUR,
          },
        ],
  );
  const byId = <T extends { id: string }>(rows: T[]) => rows.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const perCounted = (x: number) => (counted > 0 ? x / counted : NaN);
  return {
    option,
    replication,
    declarations: counted,
    finished,
    unfinished,
    intervals: Object.fromEntries(
      INTERVAL_IDS.map((id) => {
        const { mean, histogram } = intervalStats[id];
        const q = (p: number) => (histogram.count > 0 ? histogram.quantile(p) : NaN);
        return [id, { mean: mean.mean, p50: q(0.5), p90: q(0.9), p95: q(0.95) }];
      }),
    ) as ReplicationFigures['intervals'],
    // Over every counted declaration: one still unreleased at the end was not released within 24 h.
    releasedWithin: { h1: perCounted(within.h1), h6: perCounted(within.h6), h24: perCounted(within.h24) },
    steps: byId(steps),
    agencies: agencyTotals
      .filter((t) => t.runs > 0)
      .map((t) => ({ agency: t.agency, waitHours: perDeclaration(t.waitMinutes) / MINUTES_PER_HOUR, serviceHours: perDeclaration(t.serviceMinutes) / MINUTES_PER_HOUR }))
      .sort((a, b) => (a.agency < b.agency ? -1 : 1)),
    resources: poolInfo
      .map(({ site, kind, capacity }, i) => ({
        site,
        kind,
        capacity,
        utilisation: usage[i].utilisation,
        outOfHoursWorkHours: usage[i].outOfHoursMinutes / MINUTES_PER_HOUR,
        waitHours: usage[i].served > 0 ? usage[i].totalWaitMinutes / usage[i].served / MINUTES_PER_HOUR : 0,
        served: usage[i].served,
        queueAtWarmUp: usage[i].queueAtStart,
        queueAtHorizon: queueAtHorizon[i],
        queueAtEnd: pools[i].queueLength,
      }))
      .sort((a, b) => (a.site === b.site ? (a.kind < b.kind ? -1 : 1) : a.site < b.site ? -1 : 1)),
    cost: {
      totalMinor: perDeclaration(costTotal),
      items: costItems.list.map((info, i) => ({ item: info.id, title: info.title, kind: info.kind, amountMinor: perDeclaration(costSums[i] ?? 0) })),
    },
    byPort: byId([...ports.entries()].map(([id, i]) => (portSegments[i] ?? new Segment()).summary(id))),
    byCommodity: byId([...commodities.entries()].map(([id, i]) => (commoditySegments[i] ?? new Segment()).summary(id))),
    events: sim.eventsProcessed,
  };
}

/** The row of `id` in `rows`, adding it (and calling `added`) when it is new. */
function rowOf(rows: Map<string, number>, id: string, added: () => void): number {
  let row = rows.get(id);
  if (row === undefined) {
    row = rows.size;
    rows.set(id, row);
    added();
  }
  return row;
}

/**
 * The TRS arrival milestone (calibration.md §0.1): the goods reaching the customs frontier, when the
 * border port's arrival step may begin. Not the plan's clock zero, which for an export includes the
 * inspection at origin before loading; so arrival to exit is the border-crossing time CPMM measures
 * (TFI1). Goods released inland before they reach the border have a negative arrival to release.
 */
export function arrivalMilestone(plan: CompiledPlan, zero: number, readyAt: Float64Array): number {
  return plan.arrivalIndex >= 0 ? readyAt[plan.arrivalIndex] : zero;
}

/** A finished walk as executePlan reports one: every step, in completion order, ties in plan order. */
function walkedSteps(walk: Walk): ExecutedStep[] {
  const channel = (Object.keys(CHANNEL_BIT) as Array<keyof typeof CHANNEL_BIT>).find((c) => CHANNEL_BIT[c] === walk.channelBit)!;
  return walk.plan.steps
    .map((step, i) => ({
      index: i,
      stepId: step.id,
      ran: walk.ran[i] === 1,
      ...(isRiskDecision(step) ? { channel } : {}),
      startMinutes: walk.startAt[i],
      finishMinutes: walk.finishAt[i],
    }))
    .sort((a, b) => a.finishMinutes - b.finishMinutes || a.index - b.index)
    .map(({ index: _index, ...step }) => step);
}
