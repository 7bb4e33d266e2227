import { renderReportMarkdown } from './report.markdown';
import { sampleReport } from './testing/sample-report';

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

  it("escapes the report's text so that it shows as written", () => {
    expect(text).toContain('| baseline | Documentary check \\| review | customs |');
    expect(text).toContain('\\~4 h -\\> \\~2 h (Khorgos)');
    expect(text).not.toContain('<&>');
    const report = sampleReport();
    report.scenario.description = '1. [link](javascript:x) *bold* <b>\nsecond line';
    const paragraph = renderReportMarkdown(report).split('\n').find((l) => l.includes('link'));
    expect(paragraph).toBe('1\\. \\[link\\](javascript:x) \\*bold\\* \\<b\\> second line');
  });

  it('is the same text every time', () => {
    expect(renderReportMarkdown(sampleReport())).toBe(text);
  });
});
