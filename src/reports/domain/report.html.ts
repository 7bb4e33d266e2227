// The report as one self-contained HTML file: inline CSS, charts as inline SVG, no script and no
// reference to anything outside the file, so it can be mailed or archived and opens offline.

import type { Difference, OptionReport, Report } from './report';
import { type ChartText, escapeXml, stackedChart, type WhiskerPanel, whiskerChart } from './report.charts';
import {
  CONSECUTIVE_INTERVALS,
  DIFFERENCE_UNITS,
  INTERVAL_LABELS,
  type MetricUnit,
  describeMetric,
  differenceFormatter,
  estimate,
  fixed,
  hours,
  yuan,
} from './report.format';
import { type ReportBlock, type ReportSection, type SectionId, costItemUnion, reportSections, reportTitle } from './report.sections';

const STYLE = `
body { margin: 0; color: #1a1a1a; background: #fff; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; }
main { max-width: 1120px; margin: 0 auto; padding: 16px 24px 48px; }
h1 { font-size: 1.6em; margin-bottom: 0.2em; }
h2 { font-size: 1.25em; margin-top: 2em; border-bottom: 1px solid #ccc; }
.table { overflow-x: auto; }
table { border-collapse: collapse; margin: 12px 0; font-variant-numeric: tabular-nums; }
th, td { border: 1px solid #ccc; padding: 4px 8px; text-align: left; vertical-align: top; }
th { background: #f2f2f2; }
.num { text-align: right; white-space: nowrap; }
figure { margin: 20px 0; }
figcaption { color: #444; font-size: 0.9em; margin-top: 4px; }
svg.chart { display: block; max-width: 100%; height: auto; }
svg text { font: 12px system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; fill: #1a1a1a; }
svg .heading { font-weight: 600; }
svg .tick { fill: #555; }
svg .grid { stroke: #e3e3e3; }
svg .zero { stroke: #333; stroke-width: 1.5; }
svg .whisker { stroke: #1a1a1a; stroke-width: 1.5; fill: none; }
svg .segment { font-weight: 600; stroke: #fff; stroke-width: 3px; paint-order: stroke; }
#warnings { border-left: 4px solid #D55E00; padding: 0 12px 4px; background: #fff5ee; }
#warnings h2 { color: #a33a00; }
`;

export function renderReportHtml(report: Report): string {
  const title = escapeXml(reportTitle(report));
  const out: string[] = [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${title}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    '<main>',
    `<h1>${title}</h1>`,
  ];
  for (const section of reportSections(report)) out.push(renderSection(section, charts(report, section.id)));
  out.push('</main>', '</body>', '</html>');
  return `${out.join('\n')}\n`;
}

/** The figures that follow a section's tables. */
function charts(report: Report, section: SectionId): string[] {
  if (section === 'summary' && report.options.length > 0) return [releaseChart(report.options), intervalChart(report.options), costChart(report.options)];
  if (section === 'differences' && report.differences.length > 0) return [differenceChart(report.differences)];
  return [];
}

function renderSection(section: ReportSection, figures: string[]): string {
  const heading = `<h2>${escapeXml(section.title)}</h2>`;
  return [`<section id="${section.id}">`, heading, ...section.blocks.map(renderBlock), ...figures, '</section>'].join('\n');
}

function renderBlock(block: ReportBlock): string {
  switch (block.kind) {
    case 'paragraph':
      return `<p>${escapeXml(block.text)}</p>`;
    case 'list':
      return `<ul>\n${block.items.map((item) => `<li>${escapeXml(item)}</li>`).join('\n')}\n</ul>`;
    case 'table': {
      const { head, align, rows } = block.table;
      const cls = (i: number) => (align[i] === 'right' ? ' class="num"' : '');
      const headRow = `<tr>${head.map((h, i) => `<th scope="col"${cls(i)}>${escapeXml(h)}</th>`).join('')}</tr>`;
      const bodyRows = rows.map((r) => `<tr>${r.map((c, i) => `<td${cls(i)}>${escapeXml(c)}</td>`).join('')}</tr>`);
      return `<div class="table"><table>\n<thead>${headRow}</thead>\n<tbody>\n${bodyRows.join('\n')}\n</tbody>\n</table></div>`;
    }
  }
}

function figure(svg: string, caption: string): string {
  return `<figure>\n${svg}\n<figcaption>${escapeXml(caption)}</figcaption>\n</figure>`;
}

function releaseChart(options: OptionReport[]): string {
  const text: ChartText = {
    id: 'chart-release',
    title: 'Mean hours from arrival to release, by option',
    description: 'One bar per option from 0 to the mean over replications; the whisker spans the 95 % confidence interval.',
  };
  const panel: WhiskerPanel = {
    heading: 'hours from arrival to release',
    rows: options.map((o) => {
      const e = o.intervals.arrivalToRelease.meanHours;
      return { label: o.id, mean: e.mean, ci95: e.ci95, valueText: `${estimate(e, hours)} h` };
    }),
  };
  return figure(whiskerChart(text, [panel]), `${text.title}. Bars: mean; whiskers: 95 % confidence interval.`);
}

function intervalChart(options: OptionReport[]): string {
  const legend = CONSECUTIVE_INTERVALS.map((id) => INTERVAL_LABELS[id]);
  const rows = options.map((o) => {
    const values = CONSECUTIVE_INTERVALS.map((id) => o.intervals[id].meanHours.mean);
    return { label: o.id, values, totalText: `${hours(values.reduce((s, v) => s + v, 0))} h to exit` };
  });
  const text: ChartText = {
    id: 'chart-intervals',
    title: 'Mean hours by TRS interval, by option',
    description: `One stacked bar per option; segments numbered as in the legend: ${legend.map((l, i) => `${i + 1} ${l}`).join(', ')}. A negative arrival to lodgement (advance declaration) is drawn left of 0.`,
  };
  return figure(stackedChart(text, legend, rows, (v) => `${hours(v)} h`), `${text.title}. Segments are numbered as in the legend below the bars.`);
}

function costChart(options: OptionReport[]): string {
  const items = costItemUnion(options);
  const rows = options.map((o) => ({
    label: o.id,
    values: items.map((item) => (o.cost.items.find((c) => c.item === item.item)?.amountMinor.mean ?? 0) / 100),
    totalText: `CNY ${yuan(o.cost.totalMinor.mean)}`,
  }));
  const text: ChartText = {
    id: 'chart-cost',
    title: 'Mean cost per declaration by item, CNY, by option',
    description: `One stacked bar per option; segments numbered as in the legend: ${items.map((item, i) => `${i + 1} ${item.title}`).join(', ')}.`,
  };
  const legend = items.map((item) => item.title);
  const svg = stackedChart(text, legend, rows, (v) => `CNY ${fixed(v, 2, { group: true })}`);
  return figure(svg, `${text.title}. Segments are numbered as in the legend below the bars.`);
}

/** Display scale of a metric's values: shares in percentage points, money in yuan. */
const DISPLAY_FACTOR: Record<MetricUnit, number> = { hours: 1, share: 100, money: 0.01, count: 1, number: 1 };
const PANEL_HEADINGS: Record<MetricUnit, string> = {
  hours: 'hours',
  share: 'percentage points of declarations',
  money: 'CNY per declaration',
  count: 'declarations',
  number: 'other figures',
};

function differenceChart(differences: Difference[]): string {
  const panels = new Map<MetricUnit, WhiskerPanel>();
  for (const d of differences) {
    const metric = describeMetric(d.metric);
    const factor = DISPLAY_FACTOR[metric.unit];
    const unit = DIFFERENCE_UNITS[metric.unit];
    if (!panels.has(metric.unit)) panels.set(metric.unit, { heading: PANEL_HEADINGS[metric.unit], rows: [], symmetric: true });
    panels.get(metric.unit)!.rows.push({
      label: `${d.option} vs ${d.against}: ${metric.label}`,
      mean: d.difference.mean * factor,
      ci95: d.difference.ci95 ? [d.difference.ci95[0] * factor, d.difference.ci95[1] * factor] : null,
      valueText: `${estimate(d.difference, differenceFormatter(metric.unit))}${unit ? ` ${unit}` : ''}`,
    });
  }
  const text: ChartText = {
    id: 'chart-differences',
    title: 'Paired differences between options, option minus against',
    description: 'One bar per difference from 0 to its mean over replications, the whisker spanning its 95 % confidence interval; one axis per unit. A whisker that does not cross 0 is a difference the replications support.',
  };
  return figure(whiskerChart(text, [...panels.values()]), `${text.title}. Bars: mean difference; whiskers: 95 % confidence interval; the dark line is 0.`);
}
