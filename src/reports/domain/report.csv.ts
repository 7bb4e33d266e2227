// The report as one long-format (tidy) CSV table that a spreadsheet can pivot: one figure a row,
// named by section, option, against, group and metric, with its unit, mean and 95 % interval.
// Numbers are written as they are in the JSON (hours, shares 0..1, CNY fen), unrounded; a figure
// with no value (null in the JSON) is an empty cell. A warning is a row whose group is its text.
// RFC 4180: CRLF line ends, fields quoted when they hold a comma, a quote or a line break.

import { stringify } from 'csv-stringify/sync';
import type { Estimate, OptionReport, Report, SegmentFigures } from './report';
import { INTERVAL_IDS } from './report';
import { describeMetric, type MetricUnit } from './report.format';

export const REPORT_CSV_COLUMNS = ['section', 'option', 'against', 'group', 'metric', 'unit', 'mean', 'ci_low', 'ci_high'] as const;

/** Units of the CSV's `unit` column. */
const UNITS: Record<MetricUnit, string> = { hours: 'hours', share: 'share', money: 'CNY fen', count: 'count', number: '' };

type Row = [string, string, string, string, string, string, number | null, number | null, number | null];

interface Key {
  section: string;
  option?: string;
  against?: string;
  group?: string;
}

/** A number as the CSV writes it: NaN (no value) and null as an empty cell. */
const cell = (x: number | null | undefined): number | null => (x === null || x === undefined || Number.isNaN(x) ? null : x);

function figure(key: Key, metric: string, unit: string, value: Estimate | number | null): Row {
  const e: Estimate | null = typeof value === 'number' ? { mean: value, ci95: null } : value;
  return [key.section, key.option ?? '', key.against ?? '', key.group ?? '', metric, unit, cell(e?.mean), cell(e?.ci95?.[0]), cell(e?.ci95?.[1])];
}

export function renderReportCsv(report: Report): string {
  const s = report.scenario;
  const scenario = { section: 'scenario' };
  const rows: Row[] = [
    figure(scenario, 'horizonHours', 'hours', s.horizonHours),
    figure(scenario, 'warmUpHours', 'hours', s.warmUpHours),
    figure(scenario, 'drainHours', 'hours', s.drainHours),
    figure(scenario, 'replications', 'count', s.replications),
    figure(scenario, 'seed', '', s.seed),
    figure(scenario, 'unlimitedResources', 'boolean', s.unlimitedResources ? 1 : 0),
  ];
  // Warnings next, so that a reader of the file meets them before the figures they qualify.
  for (const w of report.warnings) rows.push(figure({ section: 'warning', option: w.option, group: w.message }, w.kind, 'replications', w.replications));
  for (const o of report.options) rows.push(...optionRows(o));
  for (const d of report.differences) {
    const key = { section: 'difference', option: d.option, against: d.against };
    rows.push(figure({ ...key, group: 'absolute' }, d.metric, UNITS[describeMetric(d.metric).unit], d.difference));
    rows.push(figure({ ...key, group: 'relative' }, d.metric, 'ratio', d.relative));
  }
  for (const c of report.calibration) {
    const key = { section: 'calibration', option: c.option, group: c.figure };
    // A range or bound has no published value, tolerance or deviation: those rows are left empty.
    rows.push(
      figure(key, 'published', c.unit, c.published),
      figure(key, 'tolerance', 'ratio', c.tolerance),
      figure(key, 'atLeast', c.unit, c.atLeast),
      figure(key, 'atMost', c.unit, c.atMost),
      figure(key, 'simulated', c.unit, c.simulated),
      figure(key, 'deviation', 'ratio', c.deviation),
      figure(key, 'passed', 'boolean', c.passed ? 1 : 0),
    );
  }
  return stringify(rows, { header: true, columns: [...REPORT_CSV_COLUMNS], record_delimiter: 'windows', cast: { number: String } });
}

function optionRows(o: OptionReport): Row[] {
  const option = o.id;
  const unfinished = { section: 'unfinished', option };
  const rows: Row[] = [
    figure({ section: 'declarations', option }, 'declarations', 'count', o.declarations),
    figure(unfinished, 'declarations', 'count', o.unfinished.declarations),
    figure(unfinished, 'notReleased', 'count', o.unfinished.notReleased),
    figure(unfinished, 'notExited', 'count', o.unfinished.notExited),
  ];
  for (const id of INTERVAL_IDS) {
    const key = { section: 'interval', option, group: id };
    const i = o.intervals[id];
    rows.push(
      figure(key, 'meanHours', 'hours', i.meanHours),
      figure(key, 'p50Hours', 'hours', i.p50Hours),
      figure(key, 'p90Hours', 'hours', i.p90Hours),
      figure(key, 'p95Hours', 'hours', i.p95Hours),
    );
  }
  const released = { section: 'releasedWithin', option };
  rows.push(
    figure(released, 'h1', 'share', o.releasedWithin.h1),
    figure(released, 'h6', 'share', o.releasedWithin.h6),
    figure(released, 'h24', 'share', o.releasedWithin.h24),
  );
  for (const step of o.steps) {
    const key = { section: 'step', option, group: step.id };
    rows.push(figure(key, 'runShare', 'share', step.runShare), figure(key, 'waitHours', 'hours', step.waitHours), figure(key, 'serviceHours', 'hours', step.serviceHours));
  }
  for (const a of o.agencies) {
    const key = { section: 'agency', option, group: a.agency };
    rows.push(figure(key, 'waitHours', 'hours', a.waitHours), figure(key, 'serviceHours', 'hours', a.serviceHours));
  }
  for (const r of o.resources) {
    const key = { section: 'resource', option, group: `${r.site}/${r.kind}` };
    rows.push(
      figure(key, 'capacity', 'count', r.capacity),
      figure(key, 'utilisation', 'share', r.utilisation),
      figure(key, 'outOfHoursWorkHours', 'hours', r.outOfHoursWorkHours),
      figure(key, 'waitHours', 'hours', r.waitHours),
      figure(key, 'served', 'count', r.served),
      figure(key, 'queueAtHorizon', 'count', r.queueAtHorizon),
      figure(key, 'queueAtEnd', 'count', r.queueAtEnd),
    );
  }
  rows.push(figure({ section: 'cost', option, group: 'total' }, 'totalMinor', 'CNY fen', o.cost.totalMinor));
  for (const c of o.cost.items) rows.push(figure({ section: 'cost', option, group: c.item }, 'amountMinor', 'CNY fen', c.amountMinor));
  rows.push(...o.byPort.flatMap((p) => segmentRows('port', option, p)));
  rows.push(...o.byCommodity.flatMap((c) => segmentRows('commodity', option, c)));
  return rows;
}

function segmentRows(section: string, option: string, s: SegmentFigures): Row[] {
  const key = { section, option, group: s.id };
  return [
    figure(key, 'declarations', 'count', s.declarations),
    figure(key, 'arrivalToReleaseHours', 'hours', s.arrivalToReleaseHours),
    figure(key, 'arrivalToExitHours', 'hours', s.arrivalToExitHours),
    figure(key, 'costMinor', 'CNY fen', s.costMinor),
  ];
}
