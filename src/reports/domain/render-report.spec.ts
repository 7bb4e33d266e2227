import { REPORT_FORMATS, REPORT_MEDIA_TYPES, isReportFormat, renderReport } from './render-report';
import type { Report } from './report';
import { overloadedReport, sampleReport } from './testing/sample-report';

describe('renderReport', () => {
  it('renders every format, each starting as its format does', () => {
    const report = sampleReport();
    expect(renderReport(report, 'table').startsWith('Replay report: ')).toBe(true);
    expect(JSON.parse(renderReport(report, 'json'))).toEqual(report);
    expect(renderReport(report, 'md').startsWith('# Replay report: ')).toBe(true);
    expect(renderReport(report, 'html').startsWith('<!doctype html>')).toBe(true);
    expect(renderReport(report, 'csv').startsWith('section,option,against,')).toBe(true);
  });

  it.each(REPORT_FORMATS)('renders %s deterministically: same report, same bytes, and the report untouched', (format) => {
    const report = sampleReport();
    const first = renderReport(report, format);
    expect(report).toEqual(sampleReport());
    expect(renderReport(structuredClone(report), format)).toBe(first);
    expect(renderReport(JSON.parse(JSON.stringify(report)) as Report, format)).toBe(first);
  });

  it.each(REPORT_FORMATS)('renders %s of an overloaded report with its warnings, deterministically', (format) => {
    const first = renderReport(overloadedReport(), format);
    expect(first).toContain('its queue kept growing in 2 of 2 replications');
    expect(first).toContain('had not finished when the replay stopped');
    expect(first).not.toContain('NaN');
    expect(renderReport(overloadedReport(), format)).toBe(first);
  });

  it.each(REPORT_FORMATS)('renders %s of a report with no option, difference or check', (format) => {
    const empty: Report = { ...sampleReport(), options: [], differences: [], calibration: [] };
    expect(renderReport(empty, format).length).toBeGreaterThan(0);
  });

  it('knows its formats and their media types', () => {
    expect(REPORT_FORMATS).toEqual(['table', 'json', 'md', 'html', 'csv']);
    expect(REPORT_FORMATS.filter(isReportFormat)).toEqual([...REPORT_FORMATS]);
    expect(isReportFormat('pdf')).toBe(false);
    expect(Object.keys(REPORT_MEDIA_TYPES)).toEqual([...REPORT_FORMATS]);
  });
});
