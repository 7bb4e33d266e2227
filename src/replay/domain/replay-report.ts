// From the replications to the report: each figure is estimated over replications (mean and 95 %
// Student's t interval); options are compared by paired differences, replication by replication, which
// common random numbers make tight; each calibration target is checked against its option's estimate;
// and the report warns of declarations left unfinished and of resources whose queue kept growing.

import type { ReferenceIndex } from '../../reference/domain/reference-index';
import {
  type CalibrationCheck,
  type Difference,
  type Estimate,
  INTERVAL_IDS,
  OVERLOADED_QUEUE_GROWTH,
  OVERLOADED_UTILISATION,
  type OptionReport,
  REPORT_SCHEMA_VERSION,
  type ReplayWarning,
  type Report,
  type ResourceFigures,
  type SegmentFigures,
} from '../../reports/domain/report';
import { count, percent } from '../../reports/domain/report.format';
import type { CalibrationMetric, Scenario } from '../../scenarios/domain/scenario';
import { confidenceInterval95, pairedDifference } from '../../sim/statistics';
import { DRAIN_MINUTES } from './replication';
import type { ReplicationFigures, ResourceSummary, SegmentSummary } from './replication-figures';

/** A figure some replication has no value for (NaN) has no estimate: its mean is NaN, with no interval. */
const NO_VALUE: Estimate = { mean: NaN, ci95: null };

const estimate = (values: number[]): Estimate => {
  if (values.some((v) => Number.isNaN(v))) return { ...NO_VALUE };
  const { mean, ci95 } = confidenceInterval95(values);
  return { mean, ci95 };
};

/**
 * A mean per occurrence (a step's wait per run, a resource's wait per request) over the replications
 * in which it occurred: a replication with none (NaN) has nothing to say about it, where a 0 would
 * pull the mean down. No value when it occurred in none.
 */
const estimateWhereObserved = (values: number[]): Estimate => {
  const observed = values.filter((v) => !Number.isNaN(v));
  return observed.length === 0 ? { ...NO_VALUE } : estimate(observed);
};

/** Rows keyed by id across replications; a row missing from a replication counts as `empty`. */
function rowsById<R, T>(replications: R[], rows: (r: R) => T[], id: (row: T) => string): Array<{ id: string; first: T; each: Array<T | undefined> }> {
  const ids = new Map<string, T>();
  for (const r of replications) for (const row of rows(r)) if (!ids.has(id(row))) ids.set(id(row), row);
  return [...ids.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, first]) => ({ id: key, first, each: replications.map((r) => rows(r).find((row) => id(row) === key)) }));
}

function segments(replications: ReplicationFigures[], pick: (r: ReplicationFigures) => SegmentSummary[]): SegmentFigures[] {
  return rowsById(replications, pick, (s) => s.id).map(({ id, each }) => ({
    id,
    declarations: estimate(each.map((s) => s?.declarations ?? 0)),
    // A segment none of whose declarations arrived in a replication has no time or cost there.
    arrivalToReleaseHours: estimate(each.map((s) => s?.arrivalToReleaseHours ?? NaN)),
    arrivalToExitHours: estimate(each.map((s) => s?.arrivalToExitHours ?? NaN)),
    costMinor: estimate(each.map((s) => s?.costMinor ?? NaN)),
  }));
}

export function optionReport(id: string, ref: ReferenceIndex, replications: ReplicationFigures[]): OptionReport {
  const option = ref.options.get(id);
  const over = (pick: (r: ReplicationFigures) => number) => estimate(replications.map(pick));
  return {
    id,
    title: option?.title ?? id,
    reforms: option?.reforms.map((r) => r.id) ?? [],
    declarations: over((r) => r.declarations),
    unfinished: {
      declarations: over((r) => r.unfinished.declarations),
      notReleased: over((r) => r.unfinished.notReleased),
      notExited: over((r) => r.unfinished.notExited),
    },
    intervals: Object.fromEntries(
      INTERVAL_IDS.map((interval) => [
        interval,
        {
          meanHours: over((r) => r.intervals[interval].mean),
          p50Hours: over((r) => r.intervals[interval].p50),
          p90Hours: over((r) => r.intervals[interval].p90),
          p95Hours: over((r) => r.intervals[interval].p95),
        },
      ]),
    ) as OptionReport['intervals'],
    releasedWithin: { h1: over((r) => r.releasedWithin.h1), h6: over((r) => r.releasedWithin.h6), h24: over((r) => r.releasedWithin.h24) },
    steps: rowsById(replications, (r) => r.steps, (s) => s.id).map(({ id: stepId, first, each }) => ({
      id: stepId,
      title: first.title,
      agency: first.agency,
      interval: first.interval,
      runShare: estimate(each.map((s, i) => (replications[i].finished === 0 ? NaN : s ? s.runs / replications[i].finished : 0))),
      waitHours: estimateWhereObserved(each.map((s) => (s && s.runs > 0 ? s.waitHours : NaN))),
      serviceHours: estimateWhereObserved(each.map((s) => (s && s.runs > 0 ? s.serviceHours : NaN))),
    })),
    agencies: rowsById(replications, (r) => r.agencies, (a) => a.agency).map(({ id: agency, each }) => ({
      agency,
      waitHours: estimate(each.map((a) => a?.waitHours ?? 0)),
      serviceHours: estimate(each.map((a) => a?.serviceHours ?? 0)),
    })),
    resources: rowsById(replications, (r) => r.resources, (x) => `${x.site}/${x.kind}`).map(({ first, each }) => ({
      site: first.site,
      kind: first.kind,
      capacity: first.capacity,
      utilisation: estimate(each.map((x) => x?.utilisation ?? 0)),
      outOfHoursWorkHours: estimate(each.map((x) => x?.outOfHoursWorkHours ?? 0)),
      waitHours: estimateWhereObserved(each.map((x) => (x && x.served > 0 ? x.waitHours : NaN))),
      served: estimate(each.map((x) => x?.served ?? 0)),
      queueAtHorizon: estimate(each.map((x) => x?.queueAtHorizon ?? 0)),
      queueAtEnd: estimate(each.map((x) => x?.queueAtEnd ?? 0)),
    })),
    cost: {
      currency: 'CNY',
      totalMinor: over((r) => r.cost.totalMinor),
      items: rowsById(replications, (r) => r.cost.items, (c) => c.item).map(({ id: item, first, each }) => ({
        item,
        title: first.title,
        kind: first.kind,
        amountMinor: estimate(each.map((c) => c?.amountMinor ?? 0)),
      })),
    },
    byPort: segments(replications, (r) => r.byPort),
    byCommodity: segments(replications, (r) => r.byCommodity),
  };
}

/** The figures compared between options, by report metric name, read from one replication. */
const COMPARED: Array<[string, (r: ReplicationFigures) => number]> = [
  ...INTERVAL_IDS.flatMap((id): Array<[string, (r: ReplicationFigures) => number]> => [
    [`${id}.meanHours`, (r) => r.intervals[id].mean],
    [`${id}.p90Hours`, (r) => r.intervals[id].p90],
  ]),
  ['releasedWithin.h1', (r) => r.releasedWithin.h1],
  ['releasedWithin.h6', (r) => r.releasedWithin.h6],
  ['releasedWithin.h24', (r) => r.releasedWithin.h24],
  ['cost.totalMinor', (r) => r.cost.totalMinor],
];

export function differences(options: string[], byOption: Map<string, ReplicationFigures[]>): Difference[] {
  const [against, ...others] = options;
  const base = byOption.get(against)!;
  return others.flatMap((option) =>
    COMPARED.map(([metric, pick]) => {
      const a = byOption.get(option)!.map(pick);
      const b = base.map(pick);
      if ([...a, ...b].some((x) => Number.isNaN(x))) return { option, against, metric, difference: { ...NO_VALUE }, relative: null };
      const { mean, ci95 } = pairedDifference(a, b);
      const baseMean = b.reduce((s, x) => s + x, 0) / b.length;
      return { option, against, metric, difference: { mean, ci95 }, relative: baseMean !== 0 ? mean / baseMean : null };
    }),
  );
}

const METRIC: Record<CalibrationMetric, { read: (r: ReplicationFigures) => number; reportMetric: string }> = {
  arrivalToLodgementHours: { read: (r) => r.intervals.arrivalToLodgement.mean, reportMetric: 'arrivalToLodgement.meanHours' },
  lodgementToReleaseHours: { read: (r) => r.intervals.lodgementToRelease.mean, reportMetric: 'lodgementToRelease.meanHours' },
  releaseToExitHours: { read: (r) => r.intervals.releaseToExit.mean, reportMetric: 'releaseToExit.meanHours' },
  arrivalToReleaseHours: { read: (r) => r.intervals.arrivalToRelease.mean, reportMetric: 'arrivalToRelease.meanHours' },
  arrivalToExitHours: { read: (r) => r.intervals.arrivalToExit.mean, reportMetric: 'arrivalToExit.meanHours' },
  // Report costs are CNY fen; the figure is CNY.
  costPerDeclarationCny: { read: (r) => r.cost.totalMinor / 100, reportMetric: 'cost.totalMinor' },
};

/**
 * Each target checked on the mean over replications: a published value passes within its relative
 * tolerance, a published range or bound when the mean lies inside it (bounds included).
 */
export function calibrationChecks(scenario: Scenario, byOption: Map<string, ReplicationFigures[]>): CalibrationCheck[] {
  return scenario.calibration.map((target): CalibrationCheck => {
    const simulated = estimate(byOption.get(target.option)!.map(METRIC[target.metric].read));
    const common = { figure: target.figure, source: target.source, option: target.option, metric: target.metric, unit: target.unit };
    if (target.kind === 'range') {
      const { atLeast, atMost } = target;
      const passed = (atLeast === null || simulated.mean >= atLeast) && (atMost === null || simulated.mean <= atMost);
      return { ...common, kind: 'range', published: null, tolerance: null, atLeast, atMost, simulated, deviation: null, passed };
    }
    const { value, tolerance } = target;
    // A figure with no value (no declaration finished) has no deviation, and fails.
    const deviation = Number.isNaN(simulated.mean) ? null : Math.abs(simulated.mean - value) / Math.abs(value);
    return {
      ...common,
      kind: 'value',
      published: value,
      tolerance,
      atLeast: value * (1 - tolerance),
      atMost: value * (1 + tolerance),
      simulated,
      deviation,
      passed: deviation !== null && deviation <= tolerance,
    };
  });
}

/** Whether `r` was overloaded in its replication (report.ts OVERLOADED_UTILISATION says when). */
export function overloaded(r: ResourceSummary): boolean {
  if (r.queueAtEnd > 0) return true;
  const noSpareTime = Number.isNaN(r.utilisation) || r.utilisation >= OVERLOADED_UTILISATION;
  return noSpareTime && r.queueAtHorizon - r.queueAtWarmUp > OVERLOADED_QUEUE_GROWTH * Math.max(r.served, 1);
}

/** Mean over replications, for the warnings' text. */
function meanOf(values: number[]): number {
  return values.reduce((s, x) => s + x, 0) / values.length;
}

/** The warnings of one option: its unfinished declarations first, then its overloaded resources in report order. */
export function optionWarnings(option: OptionReport, replications: ReplicationFigures[]): ReplayWarning[] {
  const warnings: ReplayWarning[] = [];
  const n = replications.length;
  const drainDays = DRAIN_MINUTES / 1440;
  const withUnfinished = replications.filter((r) => r.unfinished.declarations > 0).length;
  if (withUnfinished > 0) {
    const unfinished = meanOf(replications.map((r) => r.unfinished.declarations));
    const counted = meanOf(replications.map((r) => r.declarations));
    const noneFinished = replications.filter((r) => r.declarations > 0 && r.finished === 0).length;
    warnings.push({
      kind: 'unfinished',
      option: option.id,
      resource: null,
      replications: withUnfinished,
      message:
        `${count(unfinished)} of ${count(counted)} counted declarations per replication (${percent(unfinished / counted)}) had not finished when the replay stopped, ${drainDays} days after the horizon, ` +
        `in ${withUnfinished} of ${n} replications: ${count(meanOf(replications.map((r) => r.unfinished.notReleased)))} not yet released, ${count(meanOf(replications.map((r) => r.unfinished.notExited)))} not yet exited. ` +
        'Time, cost, step, agency and segment figures are over the finished declarations only, so they leave out the longest waits and read low; the shares released within 1, 6 and 24 h count every counted declaration.' +
        (noneFinished > 0 ? ` In ${noneFinished} replication(s) none finished, so those figures have no value (n/a).` : ''),
    });
  }
  for (const resource of option.resources) {
    const id = `${resource.site}/${resource.kind}`;
    const rows = replications.flatMap((r) => r.resources.filter((x) => `${x.site}/${x.kind}` === id));
    const flagged = rows.filter(overloaded).length;
    if (flagged === 0) continue;
    warnings.push({ kind: 'overloaded', option: option.id, resource: id, replications: flagged, message: overloadedMessage(id, resource, rows, flagged, n) });
  }
  return warnings;
}

function overloadedMessage(id: string, resource: ResourceFigures, rows: ResourceSummary[], flagged: number, n: number): string {
  const utilisation = resource.utilisation?.mean ?? NaN;
  const busy = Number.isNaN(utilisation) ? 'never available (closed from the warm-up to the horizon, with no work out of hours)' : `busy ${percent(utilisation)} of its available time`;
  const queue = (pick: (r: ResourceSummary) => number) => count(meanOf(rows.map(pick)));
  return (
    `${id} (${resource.capacity === 1 ? '1 unit' : `${resource.capacity ?? 'unlimited'} units`}): its queue kept growing in ${flagged} of ${n} replications. It was ${busy}; ` +
    `requests waiting: ${queue((r) => r.queueAtWarmUp)} at the end of the warm-up, ${queue((r) => r.queueAtHorizon)} at the horizon, ${queue((r) => r.queueAtEnd)} when the replay stopped (means over replications). ` +
    'Demand outruns what it can serve, so waits grow with the horizon: the time figures describe this horizon, not a steady state.'
  );
}

/** The report of a replayed scenario; `byOption` holds each option's replications in replication order. */
export function buildReport(scenario: Scenario, options: string[], ref: ReferenceIndex, byOption: Map<string, ReplicationFigures[]>): Report {
  const replications = byOption.get(options[0])!.length;
  const reports = options.map((id) => optionReport(id, ref, byOption.get(id)!));
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    scenario: {
      name: scenario.name,
      title: scenario.title,
      description: scenario.description,
      start: scenario.start,
      horizonHours: scenario.horizonHours,
      warmUpHours: scenario.warmUpHours,
      drainHours: DRAIN_MINUTES / 60,
      replications,
      seed: scenario.seed,
      unlimitedResources: scenario.unlimitedResources,
    },
    warnings: reports.flatMap((o) => optionWarnings(o, byOption.get(o.id)!)),
    options: reports,
    differences: differences(options, byOption),
    calibration: calibrationChecks(
      { ...scenario, calibration: scenario.calibration.filter((c) => options.includes(c.option)) },
      byOption,
    ),
  };
}

