// Tables for the terminal (cli-table3, no colours so output can be piped) and for Markdown.

import Table from 'cli-table3';

export type TextFormat = 'table' | 'md';

/** `widths` caps (and word-wraps) the columns of terminal tables; null leaves a column as wide as its text. */
export function renderTable(
  format: TextFormat,
  head: string[],
  rows: Array<Array<string | number>>,
  align: Array<'left' | 'right'> = [],
  widths: Array<number | null> = [],
): string {
  if (format === 'md') {
    const cell = (v: string | number) => String(v).replace(/\|/g, '\\|').replace(/\n/g, ' ');
    const rule = head.map((_, i) => (align[i] === 'right' ? '---:' : '---'));
    return [head, rule, ...rows].map((r) => `| ${r.map(cell).join(' | ')} |`).join('\n') + '\n';
  }
  const table = new Table({
    head,
    style: { head: [], border: [] },
    colAligns: head.map((_, i) => align[i] ?? 'left'),
    colWidths: head.map((_, i) => widths[i] ?? null),
    wordWrap: true,
  });
  table.push(...rows);
  return table.toString() + '\n';
}

export function hours(value: number): string {
  return value.toFixed(2);
}

/** CNY fen as yuan with two decimals and thousands separators. */
export function yuan(amountMinor: number): string {
  return (amountMinor / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

export function percent(probability: number): string {
  return `${Math.round(probability * 1000) / 10}%`;
}
