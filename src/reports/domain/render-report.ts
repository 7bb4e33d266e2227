// One report, five renderings: every format is made from the same Report, so they say the same
// thing, and each is a pure function of it (same report, same bytes).

import type { Report } from './report';
import { renderReportCsv } from './report.csv';
import { renderReportHtml } from './report.html';
import { renderReportJson } from './report.json';
import { renderReportMarkdown } from './report.markdown';
import { renderReportTable } from './report.table';

export const REPORT_FORMATS = ['table', 'json', 'md', 'html', 'csv'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** Content type of each rendering, for HTTP responses. */
export const REPORT_MEDIA_TYPES: Record<ReportFormat, string> = {
  table: 'text/plain; charset=utf-8',
  json: 'application/json; charset=utf-8',
  md: 'text/markdown; charset=utf-8',
  html: 'text/html; charset=utf-8',
  csv: 'text/csv; charset=utf-8; header=present',
};

export function isReportFormat(value: string): value is ReportFormat {
  return (REPORT_FORMATS as readonly string[]).includes(value);
}

export function renderReport(report: Report, format: ReportFormat): string {
  switch (format) {
    case 'table':
      return renderReportTable(report);
    case 'json':
      return renderReportJson(report);
    case 'md':
      return renderReportMarkdown(report);
    case 'html':
      return renderReportHtml(report);
    case 'csv':
      return renderReportCsv(report);
  }
}
