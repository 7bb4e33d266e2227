// The report as Markdown (CommonMark with GitHub tables): the same sections as the terminal table.

import type { Report } from './report';
import { type ReportBlock, reportSections, reportTitle } from './report.sections';

export function renderReportMarkdown(report: Report): string {
  const out: string[] = [`# ${md(reportTitle(report))}\n`];
  for (const section of reportSections(report)) {
    out.push(`\n## ${md(section.title)}\n`);
    for (const block of section.blocks) out.push(`\n${renderBlock(block)}`);
  }
  return out.join('');
}

function renderBlock(block: ReportBlock): string {
  switch (block.kind) {
    case 'paragraph':
      return `${md(block.text)}\n`;
    case 'list':
      return block.items.map((item) => `- ${md(item)}\n`).join('');
    case 'table': {
      const { head, align, rows } = block.table;
      const rule = align.map((a) => (a === 'right' ? '---:' : '---'));
      const line = (cells: string[]) => `| ${cells.join(' | ')} |\n`;
      return line(head.map(md)) + line(rule) + rows.map((r) => line(r.map(md))).join('');
    }
  }
}

/** Figures as the renderers write them ('12.34 [11.20, 13.48]', '45.3%', '-'): nothing to escape. */
const FIGURE = /^[-+0-9.,%[\] ]*$/;

/**
 * Text that Markdown shows as written: line breaks become spaces (a table row is one line), the
 * characters that start emphasis, code, links, HTML or entities, or end a table cell, are escaped,
 * and so is a leading list or heading marker ('- ', '1. ', '=').
 */
function md(text: string): string {
  if (FIGURE.test(text)) return text;
  return text
    .replace(/\r?\n/g, ' ')
    .replace(/[\\`*_[\]<>&|#!~]/g, (c) => `\\${c}`)
    .replace(/^(\s*)(?:([-+=])|(\d+)([.)]))/, (_, space: string, marker: string | undefined, digits: string, dot: string) =>
      marker ? `${space}\\${marker}` : `${space}${digits}\\${dot}`,
    );
}
