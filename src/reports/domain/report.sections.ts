// The report as headed sections of paragraphs, lists and tables of plain text: the terminal,
// Markdown and HTML renderings all lay out these sections, so they say the same thing and differ
// only in markup. Cells hold the report's own text unescaped; each renderer escapes for its format.

import type { CostItemFigures, OptionReport, Report, SegmentFigures } from './report';
import { INTERVAL_IDS, OVERLOADED_QUEUE_GROWTH, OVERLOADED_UTILISATION } from './report';
import {
  CONSECUTIVE_INTERVALS,
  DIFFERENCE_UNITS,
  INTERVAL_LABELS,
  calibrationChecked,
  calibrationPublished,
  calibrationValue,
  count,
  describeMetric,
  differenceFormatter,
  estimate,
  fixed,
  hours,
  percent,
  yuan,
} from './report.format';

export type Align = 'left' | 'right';

export interface ReportTable {
  head: string[];
  align: Align[];
  rows: string[][];
  /** Terminal column widths in characters (longer text wraps); absent or null: as wide as the text. */
  widths?: Array<number | null>;
}

export type ReportBlock = { kind: 'paragraph'; text: string } | { kind: 'list'; items: string[] } | { kind: 'table'; table: ReportTable };

export type SectionId =
  | 'warnings'
  | 'scenario'
  | 'summary'
  | 'differences'
  | 'calibration'
  | 'cost-items'
  | 'steps'
  | 'agencies'
  | 'resources'
  | 'ports'
  | 'commodities'
  | 'legend';

export interface ReportSection {
  id: SectionId;
  title: string;
  blocks: ReportBlock[];
}

/** Items shown under the cost total in the side-by-side summary; the full list has its own section. */
const TOP_COST_ITEMS = 3;

export function reportTitle(report: Report): string {
  return `Replay report: ${report.scenario.title}`;
}

export function reportSections(report: Report): ReportSection[] {
  return [
    ...(report.warnings.length > 0 ? [warningsSection(report)] : []),
    scenarioSection(report),
    summarySection(report.options),
    differencesSection(report),
    calibrationSection(report),
    costItemsSection(report.options),
    stepsSection(report.options),
    agenciesSection(report.options),
    resourcesSection(report.options),
    segmentSection('ports', 'By port', 'port', report.options, (o) => o.byPort),
    segmentSection('commodities', 'By commodity', 'commodity', report.options, (o) => o.byCommodity),
    legendSection(report),
  ];
}

/** First, when there is anything to warn of: what the reader must know before trusting the figures. */
function warningsSection(report: Report): ReportSection {
  const items = report.warnings.map((w) => `${w.option}: ${w.kind === 'unfinished' ? 'unfinished declarations' : 'overloaded resource'}: ${w.message}`);
  return {
    id: 'warnings',
    title: 'Warnings',
    blocks: [
      { kind: 'paragraph', text: 'Read these before the figures: they say where the figures cannot be taken at face value.' },
      { kind: 'list', items },
    ],
  };
}

/** Cost items of all options, in the order they first appear (options in report order). */
export function costItemUnion(options: OptionReport[]): Array<Pick<CostItemFigures, 'item' | 'title' | 'kind'>> {
  const seen = new Map<string, Pick<CostItemFigures, 'item' | 'title' | 'kind'>>();
  for (const o of options) for (const c of o.cost.items) if (!seen.has(c.item)) seen.set(c.item, { item: c.item, title: c.title, kind: c.kind });
  return [...seen.values()];
}

function table(head: string[], rows: string[][], align: Align[], widths?: Array<number | null>): ReportBlock {
  return { kind: 'table', table: { head, align, rows, ...(widths ? { widths } : {}) } };
}

/** A table, or a line saying there is nothing to show. */
function tableOrNone(head: string[], rows: string[][], align: Align[], none: string, widths?: Array<number | null>): ReportBlock {
  return rows.length > 0 ? table(head, rows, align, widths) : { kind: 'paragraph', text: none };
}

function rightAfter(left: number, columns: number): Align[] {
  return Array.from({ length: columns }, (_, i) => (i < left ? 'left' : 'right'));
}

function scenarioSection(report: Report): ReportSection {
  const s = report.scenario;
  const blocks: ReportBlock[] = [];
  if (s.description) blocks.push({ kind: 'paragraph', text: s.description });
  blocks.push(
    table(
      ['setting', 'value'],
      [
        ['scenario', s.name],
        ['start (simulated minute 0)', s.start],
        ['horizon, h', hours(s.horizonHours)],
        ['warm-up, h', hours(s.warmUpHours)],
        ['declarations followed after the horizon for at most, h', hours(s.drainHours)],
        ['replications', String(s.replications)],
        ['seed', String(s.seed)],
        ['resources', s.unlimitedResources ? 'unlimited (plan walk alone, no queueing)' : 'as seeded, with the scenario overrides'],
        ['report schema version', String(report.schemaVersion)],
      ],
      ['left', 'left'],
    ),
  );
  blocks.push(
    tableOrNone(
      ['option', 'title', 'reforms'],
      report.options.map((o) => [o.id, o.title, o.reforms.length ? o.reforms.join(', ') : 'none']),
      ['left', 'left', 'left'],
      'No options were replayed.',
      [null, 40, 40],
    ),
  );
  return { id: 'scenario', title: 'Scenario', blocks };
}

function summarySection(options: OptionReport[]): ReportSection {
  const row = (label: string, cell: (o: OptionReport) => string) => [label, ...options.map(cell)];
  const rows: string[][] = [row('declarations per replication', (o) => estimate(o.declarations, count))];
  // Only when some declarations had not finished: the figures below are then over the others.
  if (options.some((o) => o.unfinished.declarations.mean > 0)) {
    rows.push(row('  unfinished when the replay stopped (not in the figures below)', (o) => estimate(o.unfinished.declarations, count)));
    rows.push(row('    of which not yet released', (o) => estimate(o.unfinished.notReleased, count)));
    rows.push(row('    of which not yet exited', (o) => estimate(o.unfinished.notExited, count)));
  }
  for (const id of INTERVAL_IDS) {
    const label = INTERVAL_LABELS[id];
    rows.push(row(`${label}: mean h`, (o) => estimate(o.intervals[id].meanHours, hours)));
    rows.push(row(`${label}: p50 h`, (o) => estimate(o.intervals[id].p50Hours, hours)));
    rows.push(row(`${label}: p90 h`, (o) => estimate(o.intervals[id].p90Hours, hours)));
    rows.push(row(`${label}: p95 h`, (o) => estimate(o.intervals[id].p95Hours, hours)));
  }
  rows.push(row('released within 1 h', (o) => estimate(o.releasedWithin.h1, percent)));
  rows.push(row('released within 6 h', (o) => estimate(o.releasedWithin.h6, percent)));
  rows.push(row('released within 24 h', (o) => estimate(o.releasedWithin.h24, percent)));
  rows.push(row('cost per declaration, CNY', (o) => estimate(o.cost.totalMinor, yuan)));
  for (const item of topCostItems(options)) {
    rows.push(
      row(`  of which ${item.title}`, (o) => {
        const figures = o.cost.items.find((c) => c.item === item.item);
        return figures ? estimate(figures.amountMinor, yuan) : '-';
      }),
    );
  }
  return {
    id: 'summary',
    title: 'Summary by option',
    blocks: [tableOrNone(['figure', ...options.map((o) => o.id)], rows, rightAfter(1, options.length + 1), 'No options were replayed.')],
  };
}

/** The largest items by their largest mean over the options; ties keep the union order. */
function topCostItems(options: OptionReport[]): Array<Pick<CostItemFigures, 'item' | 'title'>> {
  const largest = (item: string) => Math.max(...options.map((o) => o.cost.items.find((c) => c.item === item)?.amountMinor.mean ?? -Infinity));
  return costItemUnion(options)
    .map((item, order) => ({ item, order, amount: largest(item.item) }))
    .sort((a, b) => b.amount - a.amount || a.order - b.order)
    .slice(0, TOP_COST_ITEMS)
    .map((x) => x.item);
}

function differencesSection(report: Report): ReportSection {
  const rows = report.differences.map((d) => {
    const metric = describeMetric(d.metric);
    return [
      d.option,
      d.against,
      metric.label,
      DIFFERENCE_UNITS[metric.unit],
      estimate(d.difference, differenceFormatter(metric.unit)),
      d.relative === null ? 'n/a' : percent(d.relative, true),
    ];
  });
  return {
    id: 'differences',
    title: 'Paired differences between options',
    blocks: [
      tableOrNone(
        ['option', 'against', 'metric', 'unit', 'difference [95% CI]', 'relative'],
        rows,
        ['left', 'left', 'left', 'left', 'right', 'right'],
        'No differences: a single option was replayed.',
      ),
    ],
  };
}

function calibrationSection(report: Report): ReportSection {
  const rows = report.calibration.map((c) => [
    c.figure,
    c.option,
    c.metric,
    c.unit,
    calibrationPublished(c),
    estimate(c.simulated, (n) => calibrationValue(n, c.unit)),
    calibrationChecked(c),
    c.deviation === null ? '-' : percent(c.deviation),
    c.passed ? 'pass' : 'fail',
    c.source,
  ]);
  return {
    id: 'calibration',
    title: 'Calibration against published figures',
    blocks: [
      tableOrNone(
        ['figure', 'option', 'metric', 'unit', 'published', 'simulated', 'checked', 'deviation', 'result', 'source'],
        rows,
        ['left', 'left', 'left', 'left', 'right', 'right', 'left', 'right', 'left', 'left'],
        'The scenario names no published figure to check.',
        [32, null, null, null, null, null, 24, null, null, 32],
      ),
    ],
  };
}

function costItemsSection(options: OptionReport[]): ReportSection {
  const rows = costItemUnion(options).map((item) => [
    item.title,
    item.kind,
    ...options.map((o) => {
      const figures = o.cost.items.find((c) => c.item === item.item);
      return figures ? estimate(figures.amountMinor, yuan) : '-';
    }),
  ]);
  rows.push(['total', '', ...options.map((o) => estimate(o.cost.totalMinor, yuan))]);
  return {
    id: 'cost-items',
    title: 'Cost per declaration by item, CNY',
    blocks: [tableOrNone(['item', 'kind', ...options.map((o) => o.id)], options.length ? rows : [], rightAfter(2, options.length + 2), 'No options were replayed.', [40])],
  };
}

function stepsSection(options: OptionReport[]): ReportSection {
  const rows = options.flatMap((o) =>
    o.steps.map((s) => [o.id, s.title, s.agency, s.interval, estimate(s.runShare, percent), estimate(s.waitHours, hours), estimate(s.serviceHours, hours)]),
  );
  return {
    id: 'steps',
    title: 'Waiting and service by step',
    blocks: [
      tableOrNone(['option', 'step', 'agency', 'interval', 'ran in', 'wait h', 'service h'], rows, rightAfter(4, 7), 'No steps were run.', [null, 36]),
    ],
  };
}

function agenciesSection(options: OptionReport[]): ReportSection {
  const rows = options.flatMap((o) => o.agencies.map((a) => [o.id, a.agency, estimate(a.waitHours, hours), estimate(a.serviceHours, hours)]));
  return {
    id: 'agencies',
    title: 'Waiting and service by agency, h per declaration',
    blocks: [tableOrNone(['option', 'agency', 'wait h', 'service h'], rows, rightAfter(2, 4), 'No agency took part.')],
  };
}

function resourcesSection(options: OptionReport[]): ReportSection {
  // Requests still waiting when the replay stopped: a column only when there were some.
  const stuck = options.some((o) => o.resources.some((r) => r.queueAtEnd.mean > 0));
  const rows = options.flatMap((o) =>
    o.resources.map((r) => [
      o.id,
      r.site,
      r.kind,
      r.capacity === null ? 'unlimited' : String(r.capacity),
      r.utilisation === null ? 'n/a' : estimate(r.utilisation, percent),
      estimate(r.outOfHoursWorkHours, hours),
      estimate(r.waitHours, hours),
      estimate(r.served, count),
      estimate(r.queueAtHorizon, count),
      ...(stuck ? [estimate(r.queueAtEnd, count)] : []),
    ]),
  );
  const head = ['option', 'site', 'resource', 'capacity', 'utilisation', 'out-of-hours work, unit-h', 'wait h', 'served per replication', 'waiting at the horizon'];
  if (stuck) head.push('waiting when the replay stopped');
  return {
    id: 'resources',
    title: 'Resources',
    blocks: [tableOrNone(head, rows, rightAfter(3, head.length), 'No resource was used.')],
  };
}

function segmentSection(
  id: SectionId,
  title: string,
  label: string,
  options: OptionReport[],
  segments: (o: OptionReport) => SegmentFigures[],
): ReportSection {
  const rows = options.flatMap((o) =>
    segments(o).map((s) => [
      o.id,
      s.id,
      estimate(s.declarations, count),
      estimate(s.arrivalToReleaseHours, hours),
      estimate(s.arrivalToExitHours, hours),
      estimate(s.costMinor, yuan),
    ]),
  );
  return {
    id,
    title,
    blocks: [
      tableOrNone(
        ['option', label, 'declarations', 'arrival → release h', 'arrival → exit h', 'cost per declaration, CNY'],
        rows,
        rightAfter(2, 6),
        `No ${label} figures.`,
      ),
    ],
  };
}

function legendSection(report: Report): ReportSection {
  const milestones = CONSECUTIVE_INTERVALS.map((id) => INTERVAL_LABELS[id]).join(', ');
  const drainDays = fixed(report.scenario.drainHours / 24, 0);
  return {
    id: 'legend',
    title: 'How to read this report',
    blocks: [
      {
        kind: 'list',
        items: [
          `TRS intervals (WCO Time Release Study): the milestones are arrival → lodgement → release → exit, and the report gives each interval between them (${milestones}) and the totals arrival → release (the TRS headline) and arrival → exit. Arrival is when the goods reach the customs frontier (the border port), so arrival → exit is the border-crossing time CPMM measures; an advance declaration is lodged before arrival, so its arrival → lodgement is negative, and goods released inland before they reach the border have a negative arrival → release; release is when customs lets the trader dispose of the goods; exit is when the conveyance leaves the port's control area.`,
          `Counted declarations arrived after the warm-up and before the horizon. Arrivals stop at the horizon and the declarations in progress are followed for at most ${drainDays} days more; a counted declaration whose plan has not ended by then is unfinished. Time, cost, step, agency, port and commodity figures are over the finished declarations, so where some are unfinished they leave out the longest waits and read low (the report then warns and gives the count); shares released within 1, 6 and 24 h count from arrival over every counted declaration, an unfinished one not released counting as not released in time. p50, p90 and p95 are percentiles over the finished counted declarations of a replication; n/a is a figure with no value (no declaration finished in some replication).`,
          "Utilisation is a resource's busy unit-hours over its available unit-hours from the warm-up to the horizon. A unit is available while its site is open, and also while it actually works out of hours: a 7x24 step served while the site is closed (the green channel, railway fast clearance) or a service run on past closing is overtime, counted as both busy and available. So utilisation never passes 100 %; out-of-hours work, unit-h, shows how much of the load the opening hours did not cover.",
          `A resource is overloaded (a warning names it) when in a replication it had no spare time (utilisation at least ${percent(OVERLOADED_UTILISATION)}, or never available) and its queue grew from the end of the warm-up to the horizon by more than ${percent(OVERLOADED_QUEUE_GROWTH)} of the requests it served, or when requests still waited for it when the replay stopped. Its demand outruns what it can serve, so waits grow with the horizon and the time figures describe this horizon, not a steady state.`,
          "Estimates read mean [low, high]: the mean over replications and its 95 % confidence interval (Student's t over the replications); the mean stands alone when there was a single replication. A step's wait and service per run, and a resource's wait per request, are over the replications in which the step ran or the resource served.",
          'Paired differences are option minus against, taken replication by replication: both options replay the same declarations with the same random draws (common random numbers), so the interval of the difference is tighter than the two options\' intervals suggest. An interval that does not contain 0 is a difference the replications support. Relative is the difference over the mean of against; pp are percentage points.',
          'Calibration checks the mean over replications against each published figure. A figure published as a value passes when the mean is within the tolerance of it (deviation = |mean - published| / published); one published as a range (2-3 days) or a bound (under 16 h) passes when the mean lies inside it, bounds included. "checked" gives the interval the mean had to fall in.',
          'Costs are means per finished counted declaration in CNY (converted from fen), including the cost of waiting; hours are elapsed hours.',
        ],
      },
    ],
  };
}
