import { parse } from 'csv-parse/sync';
import type { Report } from './report';
import { REPORT_CSV_COLUMNS, renderReportCsv } from './report.csv';
import { overloadedReport, sampleReport } from './testing/sample-report';

type Row = Record<(typeof REPORT_CSV_COLUMNS)[number], string>;

function rows(text: string): Row[] {
  return parse(text, { columns: true, record_delimiter: '\r\n' }) as Row[];
}

/** The rows a report must give: one per figure. */
function figureCount(report: Report): number {
  const perOption = report.options.map(
    (o) => 1 + 3 + 5 * 4 + 3 + o.steps.length * 3 + o.agencies.length * 2 + o.resources.length * 7 + 1 + o.cost.items.length + (o.byPort.length + o.byCommodity.length) * 4,
  );
  return 6 + report.warnings.length + perOption.reduce((s, n) => s + n, 0) + report.differences.length * 2 + report.calibration.length * 7;
}

describe('renderReportCsv', () => {
  const report = sampleReport();
  const text = renderReportCsv(report);
  const parsed = rows(text);

  it('is one long table with the named columns and a row per figure of the report', () => {
    expect(text.split('\r\n')[0]).toBe('section,option,against,group,metric,unit,mean,ci_low,ci_high');
    expect(parsed).toHaveLength(figureCount(report));
    expect(parsed).toHaveLength(176);
    const sections = [...new Set(parsed.map((r) => r.section))];
    expect(sections).toEqual(['scenario', 'declarations', 'unfinished', 'interval', 'releasedWithin', 'step', 'agency', 'resource', 'cost', 'port', 'commodity', 'difference', 'calibration']);
  });

  it('puts each warning first, its text as the group and the replications it happened in as the figure', () => {
    const report = overloadedReport();
    const found = rows(renderReportCsv(report));
    expect(found).toHaveLength(figureCount(report));
    const sections = [...new Set(found.map((r) => r.section))];
    expect(sections.slice(0, 3)).toEqual(['scenario', 'warning', 'declarations']);
    expect(found.filter((r) => r.section === 'warning').map((r) => [r.option, r.group, r.metric, r.unit, r.mean])).toEqual(
      report.warnings.map((w) => [w.option, w.message, w.kind, 'replications', '2']),
    );
    expect(found.filter((r) => r.section === 'unfinished' && r.option === 'baseline').map((r) => [r.metric, r.mean])).toEqual([
      ['declarations', '30.5'],
      ['notReleased', '28.5'],
      ['notExited', '30.5'],
    ]);
    // A figure with no value is an empty cell, not NaN.
    const melons = found.filter((r) => r.section === 'commodity' && r.option === 'baseline' && r.group === 'melons');
    expect(melons.map((r) => [r.metric, r.mean, r.ci_low])).toEqual([
      ['declarations', '490', String(report.options[0].byCommodity[1].declarations.ci95![0])],
      ['arrivalToReleaseHours', '', ''],
      ['arrivalToExitHours', '', ''],
      ['costMinor', '', ''],
    ]);
  });

  it('writes the numbers of the report unrounded, with their interval', () => {
    const find = (f: Partial<Row>) => parsed.filter((r) => Object.entries(f).every(([k, v]) => r[k as keyof Row] === v));
    const [mean] = find({ section: 'interval', option: 'green-channel', group: 'arrivalToRelease', metric: 'meanHours' });
    const expected = report.options[1].intervals.arrivalToRelease.meanHours;
    expect([Number(mean.mean), Number(mean.ci_low), Number(mean.ci_high)]).toEqual([expected.mean, ...expected.ci95!]);
    expect(mean.unit).toBe('hours');
    const [cost] = find({ section: 'difference', group: 'absolute', metric: 'cost.totalMinor' });
    expect(cost).toEqual({
      section: 'difference',
      option: 'green-channel',
      against: 'baseline',
      group: 'absolute',
      metric: 'cost.totalMinor',
      unit: 'CNY fen',
      mean: String(report.differences[2].difference.mean),
      ci_low: String(report.differences[2].difference.ci95![0]),
      ci_high: String(report.differences[2].difference.ci95![1]),
    });
    const [relative] = find({ section: 'difference', group: 'relative', metric: 'releasedWithin.h24' });
    expect([relative.unit, Number(relative.mean), relative.ci_low]).toEqual(['ratio', report.differences[1].relative, '']);
  });

  it('leaves mean or interval empty where the report has none', () => {
    const gate = parsed.filter((r) => r.section === 'resource' && r.option === 'baseline' && r.group === 'bakhtu/gate');
    expect(gate.map((r) => [r.metric, r.mean, r.ci_low, r.ci_high])).toEqual([
      ['capacity', '', '', ''],
      ['utilisation', '', '', ''],
      ['outOfHoursWorkHours', '0', '0', '0'],
      ['waitHours', '0', '', ''],
      ['served', '1200', String(report.options[0].resources[1].served.ci95![0]), String(report.options[0].resources[1].served.ci95![1])],
      ['queueAtHorizon', '0', '0', '0'],
      ['queueAtEnd', '0', '0', '0'],
    ]);
  });

  it('quotes fields as RFC 4180 says, so a comma or a quote in the report survives', () => {
    expect(text).toContain('\r\ncalibration,baseline,,"Broker, fees and ""waiting"" per declaration",published,CNY,9000,,\r\n');
    const check = parsed.filter((r) => r.section === 'calibration' && r.group.startsWith('Broker'));
    expect(check.map((r) => [r.group, r.metric, r.unit, r.mean])).toEqual([
      ['Broker, fees and "waiting" per declaration', 'published', 'CNY', '9000'],
      ['Broker, fees and "waiting" per declaration', 'tolerance', 'ratio', '0.15'],
      ['Broker, fees and "waiting" per declaration', 'atLeast', 'CNY', '7650'],
      ['Broker, fees and "waiting" per declaration', 'atMost', 'CNY', '10350'],
      ['Broker, fees and "waiting" per declaration', 'simulated', 'CNY', String(report.calibration[1].simulated.mean)],
      ['Broker, fees and "waiting" per declaration', 'deviation', 'ratio', '0.380314'],
      ['Broker, fees and "waiting" per declaration', 'passed', 'boolean', '0'],
    ]);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  });

  it('leaves the value, tolerance and deviation of a published range or bound empty, and an open end', () => {
    const bound = parsed.filter((r) => r.section === 'calibration' && r.group === 'Produce clearance under 3 h with the channel');
    expect(bound.map((r) => [r.option, r.metric, r.unit, r.mean])).toEqual([
      ['green-channel', 'published', 'hours', ''],
      ['green-channel', 'tolerance', 'ratio', ''],
      ['green-channel', 'atLeast', 'hours', ''],
      ['green-channel', 'atMost', 'hours', '3'],
      ['green-channel', 'simulated', 'hours', '2.25'],
      ['green-channel', 'deviation', 'ratio', ''],
      ['green-channel', 'passed', 'boolean', '1'],
    ]);
  });

  it('is the same bytes every time', () => {
    expect(renderReportCsv(sampleReport())).toBe(text);
  });
});
