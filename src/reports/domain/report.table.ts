// The report for the terminal: plain text tables (cli-table3 with colours off, so the output can be
// piped or saved and is the same bytes wherever it is rendered).

import Table from 'cli-table3';
import type { Report } from './report';
import { type ReportBlock, reportSections, reportTitle } from './report.sections';

export function renderReportTable(report: Report): string {
  const out: string[] = [];
  const title = plain(reportTitle(report));
  out.push(`${title}\n${'='.repeat(title.length)}\n`);
  for (const section of reportSections(report)) {
    out.push(`\n${section.title}\n${'-'.repeat(section.title.length)}\n`);
    for (const block of section.blocks) out.push(renderBlock(block));
  }
  return out.join('');
}

function renderBlock(block: ReportBlock): string {
  switch (block.kind) {
    case 'paragraph':
      return `${plain(block.text)}\n`;
    case 'list':
      return block.items.map((item) => `- ${plain(item)}\n`).join('');
    case 'table': {
      const { head, align, rows, widths = [] } = block.table;
      const cells = rows.map((r) => r.map((c, i) => wrap(plain(c), widths[i] ?? null)));
      const table = new Table({ head: head.map(plain), style: { head: [], border: [] }, colAligns: align });
      table.push(...cells);
      return `${table.toString()}\n`;
    }
  }
}

/** `text` in lines of at most `width` characters, broken between words (a longer word is cut). */
function wrap(text: string, width: number | null): string {
  if (width === null) return text;
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    let rest = [...word];
    if (line && [...line].length + 1 + rest.length <= width) {
      line += ` ${word}`;
      continue;
    }
    if (line) lines.push(line);
    while (rest.length > width) {
      lines.push(rest.slice(0, width).join(''));
      rest = rest.slice(width);
    }
    line = rest.join('');
  }
  lines.push(line);
  return lines.join('\n');
}

/** Report text without control characters, so a title cannot move the cursor or recolour the terminal. */
function plain(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '?').replace(/\n/g, ' ');
}
