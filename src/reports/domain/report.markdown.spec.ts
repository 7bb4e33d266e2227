import { renderReportMarkdown } from './report.markdown';
import { overloadedReport, sampleReport } from './testing/sample-report';

/** Cells of a Markdown table row, split at the '|' that are not escaped. */
function cells(line: string): string[] {
  return line
    .slice(2, -2)
    .split(/(?<!\\)\|/)
    .map((c) => c.trim());
}

describe('renderReportMarkdown', () => {
  const text = renderReportMarkdown(sampleReport());
  const lines = text.split('\n');

  it('has a title, a heading per section and the legend', () => {
    expect(lines[0]).toBe('# Replay report: Bakhtu produce \\<\\&\\> "green", channel');
    const headings = lines.filter((l) => l.startsWith('## '));
    expect(headings).toEqual([
      '## Scenario',
      '## Summary by option',
      '## Paired differences between options',
      '## Calibration against published figures',
      '## Cost per declaration by item, CNY',
      '## Waiting and service by step',
      '## Waiting and service by agency, h per declaration',
      '## Resources',
      '## By port',
      '## By commodity',
      '## How to read this report',
    ]);
    const legend = text.slice(text.indexOf('## How to read this report'));
    expect(legend).toContain('arrival → lodgement → release → exit');
    expect(legend).toContain('95 % confidence interval');
    expect(legend).toContain("Student's t");
    expect(legend).toContain('common random numbers');
  });

  it('writes tables whose every row has as many cells as the header, figures right-aligned', () => {
    const tables = text.split('\n\n').filter((block) => block.startsWith('| '));
    expect(tables.length).toBe(11);
    for (const table of tables) {
      const rows = table.trim().split('\n');
      const width = cells(rows[0]).length;
      for (const r of rows) expect(cells(r)).toHaveLength(width);
    }
    const summary = tables[2].split('\n');
    expect(summary[0]).toBe('| figure | baseline | green-channel |');
    expect(summary[1]).toBe('| --- | ---: | ---: |');
    expect(summary).toContain('| arrival → release: mean h | 4.02 [2.50, 5.54] | 1.95 [0.04, 3.86] |');
  });

  it('writes a calibration row per figure, a value with its tolerance, a range or bound as published', () => {
    const section = text.slice(text.indexOf('## Calibration'), text.indexOf('## Cost per declaration'));
    const rows = section.split('\n').filter((l) => l.startsWith('| ')).slice(2).map(cells);
    // Markdown escapes what could read as markup: brackets, and a leading "48." (an ordered list).
    expect(rows.map((r) => r.slice(4, 9))).toEqual([
      ['2.00', '1.95 [0.04, 3.86]', 'mean in \\[1.70, 2.30\\] (±15.0%)', '2.5%', 'pass'],
      ['9,000.00', '12,422.83 [11,442.36, 13,403.31]', 'mean in \\[7,650.00, 10,350.00\\] (±15.0%)', '38.0%', 'fail'],
      ['48\\.00 to 72.00', '4.33 [2.68, 5.98]', 'mean in \\[48.00, 72.00\\]', '-', 'fail'],
      ['at most 3.00', '2.25 [0.34, 4.16]', 'mean ≤ 3.00', '-', 'pass'],
    ]);
  });

  it("escapes the report's text so that it shows as written", () => {
    expect(text).toContain('| baseline | Documentary check \\| review | customs |');
    expect(text).toContain('\\~4 h -\\> \\~2 h (Khorgos)');
    expect(text).not.toContain('<&>');
    const report = sampleReport();
    report.scenario.description = '1. [link](javascript:x) *bold* <b>\nsecond line';
    const paragraph = renderReportMarkdown(report).split('\n').find((l) => l.includes('link'));
    expect(paragraph).toBe('1\\. \\[link\\](javascript:x) \\*bold\\* \\<b\\> second line');
  });

  it('puts the warnings first, under their own heading, when there are any', () => {
    const overloaded = renderReportMarkdown(overloadedReport());
    const headings = overloaded.split('\n').filter((l) => l.startsWith('## '));
    expect(headings.slice(0, 2)).toEqual(['## Warnings', '## Scenario']);
    expect(overloaded).toContain('\n- baseline: overloaded resource: bakhtu/inspection-bay (2 units): its queue kept growing in 2 of 2 replications.\n');
    expect(overloaded).toContain('| baseline | melons | 490.0 [362.9, 617.1] | n/a | n/a | n/a |');
    expect(overloaded).toContain('| waiting at the horizon | waiting when the replay stopped |');
  });

  it('is the same text every time', () => {
    expect(renderReportMarkdown(sampleReport())).toBe(text);
  });
});
