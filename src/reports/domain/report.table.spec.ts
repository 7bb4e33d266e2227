import { renderReportTable } from './report.table';
import { overloadedReport, sampleReport } from './testing/sample-report';

/** The cells of the first table row whose first cell starts with `label`. */
function row(text: string, label: string): string[] {
  const line = text.split('\n').find((l) => l.startsWith('│') && l.split('│')[1].trim().startsWith(label));
  if (!line) throw new Error(`no row ${label}`);
  return line.split('│').slice(1, -1).map((c) => c.trim());
}

/** The cells of the first table row whose first cells are `first`. */
function rowOf(text: string, ...first: string[]): string[] {
  const rows = text.split('\n').filter((l) => l.startsWith('│')).map((l) => l.split('│').slice(1, -1).map((c) => c.trim()));
  const found = rows.find((cells) => first.every((c, i) => cells[i] === c));
  if (!found) throw new Error(`no row ${first.join(' | ')}`);
  return found;
}

describe('renderReportTable', () => {
  const text = renderReportTable(sampleReport());

  it('puts the options side by side with intervals, percentiles, shares released and cost', () => {
    expect(row(text, 'figure')).toEqual(['figure', 'baseline', 'green-channel']);
    expect(row(text, 'declarations per replication')).toEqual(['declarations per replication', '1,200.0 [945.9, 1,454.1]', '1,200.0 [945.9, 1,454.1]']);
    expect(row(text, 'arrival → release: mean h')).toEqual(['arrival → release: mean h', '4.02 [2.50, 5.54]', '1.95 [0.04, 3.86]']);
    expect(row(text, 'arrival → lodgement: mean h')[2]).toBe('-0.15 [-0.79, 0.49]');
    expect(row(text, 'arrival → exit: p95 h')[1]).toBe('10.65 [6.20, 15.10]');
    expect(row(text, 'released within 6 h')).toEqual(['released within 6 h', '79.0% [66.3%, 91.7%]', '95.5% [89.1%, 101.9%]']);
    expect(row(text, 'cost per declaration, CNY')[1]).toBe('12,422.84 [11,442.36, 13,403.31]');
    // The largest items under the total; an item an option does not have is a dash.
    expect(row(text, 'of which Duties and import VAT')[2]).toBe('9,050.00 [8,414.69, 9,685.31]');
    expect(row(text, 'Waiting cost of the truck')).toEqual(['Waiting cost of the truck', 'waiting', '382.84 [37.67, 728.00]', '-']);
  });

  it('lists the paired differences with their interval and relative change', () => {
    const differences = text.split('\n').filter((l) => l.includes('│ green-channel │ baseline │'));
    expect(differences.map((l) => l.split('│').slice(3, -1).map((c) => c.trim()))).toEqual([
      ['arrival → release, mean', 'h', '-2.07 [-2.45, -1.69]', '-51.5%'],
      ['released within 24 h', 'pp', '+0.5 [-5.9, +6.9]', '+0.5%'],
      ['cost per declaration', 'CNY', '-272.84 [-618.00, +72.33]', '-2.2%'],
    ]);
  });

  it('says which calibration checks pass and which fail, in words, and what the mean was checked against', () => {
    expect(row(text, 'Green channel: fruit and').slice(4, 9)).toEqual(['2.00', '1.95 [0.04, 3.86]', 'mean in [1.70, 2.30]', '2.5%', 'pass']);
    expect(row(text, 'Broker, fees and "waiting"').slice(4, 9)).toEqual(['9,000.00', '12,422.83 [11,442.36, 13,403.31]', 'mean in [7,650.00,', '38.0%', 'fail']);
    // The tolerance follows the interval on the next line of the cell.
    expect(text).toContain('│ (±15.0%)');
    // A published range or bound: no value, no deviation; the check is the range itself.
    expect(row(text, 'Produce clearance 2-3 days').slice(4, 9)).toEqual(['48.00 to 72.00', '4.33 [2.68, 5.98]', 'mean in [48.00, 72.00]', '-', 'fail']);
    expect(row(text, 'Produce clearance under 3 h').slice(4, 9)).toEqual(['at most 3.00', '2.25 [0.34, 4.16]', 'mean ≤ 3.00', '-', 'pass']);
  });

  it('has the further tables and the legend, under headings', () => {
    const headings = [
      'Scenario',
      'Summary by option',
      'Paired differences between options',
      'Calibration against published figures',
      'Cost per declaration by item, CNY',
      'Waiting and service by step',
      'Waiting and service by agency, h per declaration',
      'Resources',
      'By port',
      'By commodity',
      'How to read this report',
    ];
    for (const heading of headings) expect(text).toContain(`\n${heading}\n${'-'.repeat(heading.length)}\n`);
    expect(text).not.toContain('Warnings');
    expect(rowOf(text, 'option', 'site')).toEqual(['option', 'site', 'resource', 'capacity', 'utilisation', 'out-of-hours work, unit-h', 'wait h', 'served per replication', 'waiting at the horizon']);
    expect(rowOf(text, 'baseline', 'bakhtu', 'gate')).toEqual(['baseline', 'bakhtu', 'gate', 'unlimited', 'n/a', '0.00 [0.00, 0.00]', '0.00', '1,200.0 [945.9, 1,454.1]', '0.0 [0.0, 0.0]']);
    const legend = text.slice(text.indexOf('How to read this report'));
    expect(legend).toContain('works out of hours');
    expect(legend).toContain('never passes 100 %');
    expect(legend).toContain('followed for at most 90 days more');
  });

  describe('of an overloaded scenario', () => {
    const overloaded = renderReportTable(overloadedReport());

    it('starts with the warnings, each naming its option and what it is about', () => {
      const title = overloaded.indexOf('\nWarnings\n--------\n');
      expect(title).toBeGreaterThan(0);
      expect(title).toBeLessThan(overloaded.indexOf('\nScenario\n'));
      expect(overloaded).toContain('- baseline: unfinished declarations: 30.5 of 1,200.0 counted declarations per replication (2.5%) had not finished');
      expect(overloaded).toContain('- baseline: overloaded resource: bakhtu/inspection-bay (2 units): its queue kept growing in 2 of 2 replications.');
    });

    it('counts the unfinished declarations in the summary, and the requests still waiting at the end', () => {
      expect(row(overloaded, 'unfinished when the replay stopped')).toEqual(['unfinished when the replay stopped (not in the figures below)', '30.5 [24.1, 36.9]', '0.0 [0.0, 0.0]']);
      expect(row(overloaded, 'of which not yet released')[1]).toBe('28.5 [22.1, 34.9]');
      expect(rowOf(overloaded, 'baseline', 'bakhtu', 'inspection-bay').slice(4)).toEqual([
        '99.5% [93.1%, 105.9%]',
        '13.50 [0.79, 26.21]',
        '1.35 [-0.56, 3.26]',
        '135.0 [71.5, 198.5]',
        '630.0 [375.9, 884.1]',
        '30.5 [24.1, 36.9]',
      ]);
    });

    it('writes n/a for a figure with no value', () => {
      expect(rowOf(overloaded, 'baseline', 'melons').slice(2)).toEqual(['490.0 [362.9, 617.1]', 'n/a', 'n/a', 'n/a']);
    });
  });

  it('is plain text: the report title as written, no colour codes, no control characters from the report', () => {
    expect(text.startsWith('Replay report: Bakhtu produce <&> "green", channel\n')).toBe(true);
    expect(text.includes('\u001b')).toBe(false);
    const report = sampleReport();
    report.scenario.title = 'red \u001b[31malert\u001b[0m';
    expect(renderReportTable(report).split('\n')[0]).toBe('Replay report: red ?[31malert?[0m');
  });

  it('wraps long calibration text between words rather than cutting it off', () => {
    expect(text).toContain('│ calibration.md §3.1,');
    expect(text).toContain('https://www.example.org/green-ch');
    expect(text).toContain('annel');
  });
});
