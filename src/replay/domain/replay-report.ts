// From the replications to the report: each figure is estimated over replications (mean and 95 %
// Student's t interval); options are compared by paired differences, replication by replication, which
// common random numbers make tight; each calibration target is checked against its option's estimate.

import type { ReferenceIndex } from '../../reference/domain/reference-index';
import {
  type CalibrationCheck,
  type Difference,
  type Estimate,
  INTERVAL_IDS,

  type OptionReport,
  REPORT_SCHEMA_VERSION,
  type Report,
  type SegmentFigures,
} from '../../reports/domain/report';
import type { CalibrationMetric, Scenario } from '../../scenarios/domain/scenario';
import { confidenceInterval95, pairedDifference } from '../../sim/statistics';
import type { ReplicationFigures, SegmentSummary } from './replication-figures';

const estimate = (values: number[]): Estimate => {
  const { mean, ci95 } = confidenceInterval95(values);
  return { mean, ci95 };
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
    arrivalToReleaseHours: estimate(each.map((s) => s?.arrivalToReleaseHours ?? 0)),
    arrivalToExitHours: estimate(each.map((s) => s?.arrivalToExitHours ?? 0)),
    costMinor: estimate(each.map((s) => s?.costMinor ?? 0)),
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
      runShare: estimate(each.map((s, i) => (s && replications[i].declarations > 0 ? s.runs / replications[i].declarations : 0))),
      waitHours: estimate(each.map((s) => s?.waitHours ?? 0)),
      serviceHours: estimate(each.map((s) => s?.serviceHours ?? 0)),
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
      waitHours: estimate(each.map((x) => x?.waitHours ?? 0)),
      served: estimate(each.map((x) => x?.served ?? 0)),
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
    const deviation = Math.abs(simulated.mean - value) / Math.abs(value);
    return {
      ...common,
      kind: 'value',
      published: value,
      tolerance,
      atLeast: value * (1 - tolerance),
      atMost: value * (1 + tolerance),
      simulated,
      deviation,
      passed: deviation <= tolerance,
    };
  });
}

/** The report of a replayed scenario; `byOption` holds each option's replications in replication order. */
export function buildReport(scenario: Scenario, options: string[], ref: ReferenceIndex, byOption: Map<string, ReplicationFigures[]>): Report {
  const replications = byOption.get(options[0])!.length;
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    scenario: {
      name: scenario.name,
      title: scenario.title,
      description: scenario.description,
      start: scenario.start,
      horizonHours: scenario.horizonHours,
      warmUpHours: scenario.warmUpHours,
      replications,
      seed: scenario.seed,
      unlimitedResources: scenario.unlimitedResources,
    },
    options: options.map((id) => optionReport(id, ref, byOption.get(id)!)),
    differences: differences(options, byOption),
    calibration: calibrationChecks(
      { ...scenario, calibration: scenario.calibration.filter((c) => options.includes(c.option)) },
      byOption,
    ),
  };
}

