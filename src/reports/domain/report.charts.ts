// The HTML report's charts as inline SVG: bars with 95 % whiskers, and stacked bars. Written out
// here (no chart library) because a few rectangles and lines are all they need, and the markup must
// be the same bytes every time. Coordinates are px in the SVG's viewBox, rounded to 0.1.
// Readable without colour: every bar is labelled in text, stacked segments carry their legend
// number and alternate plain and hatched fills, and each shape has a <title> with its value.

import { fixed } from './report.format';

export interface WhiskerRow {
  label: string;
  mean: number;
  ci95: [number, number] | null;
  /** The value as written beside the bar. */
  valueText: string;
}

/** Rows that share one axis (one unit). */
export interface WhiskerPanel {
  heading: string;
  rows: WhiskerRow[];
  /** Centre the axis on 0 (differences), so that which side of 0 a whisker falls on reads at a glance. */
  symmetric?: boolean;
}

export interface StackedRow {
  label: string;
  /** One value per legend entry (0 where the row has none). */
  values: number[];
  totalText: string;
}

export interface ChartText {
  /** Unique in the document: prefixes the element ids. */
  id: string;
  title: string;
  description: string;
}

/** Okabe-Ito colours, distinguishable with the common colour-vision deficiencies. */
const PALETTE = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442', '#999999'];
const BAR_FILL = '#0072B2';
const PLOT_WIDTH = 360;
const ROW_HEIGHT = 28;
const BAR_HEIGHT = 16;
/** Approximate width of a character of the 12 px chart font, to size the label columns. */
const CHAR_WIDTH = 6.8;

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const px = (n: number) => fixed(n, 1);

/** A figure with no value (NaN) is drawn as nothing: a bar of 0, no whisker; its text says n/a. */
const drawn = (n: number) => (Number.isFinite(n) ? n : 0);

/** Horizontal bars from 0 to the mean with the 95 % interval as a whisker, one axis per panel. */
export function whiskerChart(text: ChartText, panels: WhiskerPanel[]): string {
  const rows = panels.flatMap((p) => p.rows);
  const labelWidth = columnWidth(rows.map((r) => r.label));
  const valueWidth = columnWidth(rows.map((r) => r.valueText));
  const x0 = labelWidth;
  const width = labelWidth + PLOT_WIDTH + valueWidth;
  const body: string[] = [];
  let y = 0;
  for (const panel of panels) {
    const bounds = panel.rows.flatMap((r) => [drawn(r.mean), ...(r.ci95 ?? []).map(drawn)]);
    const reach = Math.max(0, ...bounds.map(Math.abs));
    const scale = panel.symmetric
      ? linearScale(-reach, reach, x0, PLOT_WIDTH)
      : linearScale(Math.min(0, ...bounds), Math.max(0, ...bounds), x0, PLOT_WIDTH);
    body.push(`<text class="heading" x="${px(x0)}" y="${px(y + 14)}">${escapeXml(panel.heading)}</text>`);
    const top = y + 36;
    const bottom = top + panel.rows.length * ROW_HEIGHT;
    body.push(axis(scale, y + 30, top, bottom));
    panel.rows.forEach((r, i) => {
      const rowY = top + i * ROW_HEIGHT;
      const barY = rowY + (ROW_HEIGHT - BAR_HEIGHT) / 2;
      const mid = rowY + ROW_HEIGHT / 2;
      const left = Math.min(scale.x(0), scale.x(drawn(r.mean)));
      const barWidth = Math.abs(scale.x(drawn(r.mean)) - scale.x(0));
      body.push(`<text class="label" x="${px(x0 - 8)}" y="${px(mid + 4)}" text-anchor="end">${escapeXml(r.label)}</text>`);
      body.push(
        `<rect x="${px(left)}" y="${px(barY)}" width="${px(barWidth)}" height="${BAR_HEIGHT}" fill="${BAR_FILL}" fill-opacity="0.75"><title>${escapeXml(`${r.label}: ${r.valueText}`)}</title></rect>`,
      );
      if (r.ci95 && r.ci95.every(Number.isFinite)) {
        const [lo, hi] = r.ci95.map(scale.x);
        body.push(
          `<path class="whisker" d="M${px(lo)} ${px(mid)}H${px(hi)}M${px(lo)} ${px(mid - 6)}V${px(mid + 6)}M${px(hi)} ${px(mid - 6)}V${px(mid + 6)}"/>`,
        );
      }
      body.push(`<text class="value" x="${px(x0 + PLOT_WIDTH + 8)}" y="${px(mid + 4)}">${escapeXml(r.valueText)}</text>`);
    });
    y = bottom + 16;
  }
  return svg(text, width, y, body);
}

/**
 * Stacked horizontal bars, one per row, one segment per legend entry: positive values stack to the
 * right of 0, negative ones (an advance lodgement) to the left.
 */
export function stackedChart(text: ChartText, legend: string[], rows: StackedRow[], valueText: (n: number) => string): string {
  const labelWidth = columnWidth(rows.map((r) => r.label));
  const valueWidth = columnWidth(rows.map((r) => r.totalText));
  const x0 = labelWidth;
  const width = Math.max(labelWidth + PLOT_WIDTH + valueWidth, columnWidth(legend.map((l, i) => `${i + 1} ${l}`)) + 40);
  const sums = rows.map((r) => ({
    positive: r.values.reduce((s, v) => s + Math.max(drawn(v), 0), 0),
    negative: r.values.reduce((s, v) => s + Math.min(drawn(v), 0), 0),
  }));
  const scale = linearScale(Math.min(0, ...sums.map((s) => s.negative)), Math.max(0, ...sums.map((s) => s.positive)), x0, PLOT_WIDTH);
  const top = 24;
  const bottom = top + rows.length * ROW_HEIGHT;
  const body: string[] = [defs(text.id), axis(scale, 18, top, bottom)];
  rows.forEach((r, i) => {
    const rowY = top + i * ROW_HEIGHT;
    const barY = rowY + (ROW_HEIGHT - BAR_HEIGHT) / 2;
    const mid = rowY + ROW_HEIGHT / 2;
    body.push(`<text class="label" x="${px(x0 - 8)}" y="${px(mid + 4)}" text-anchor="end">${escapeXml(r.label)}</text>`);
    let right = 0;
    let left = 0;
    r.values.forEach((value, k) => {
      const v = drawn(value);
      if (v === 0) return;
      const from = v > 0 ? right : left + v;
      if (v > 0) right += v;
      else left += v;
      const x = scale.x(from);
      const w = scale.x(from + Math.abs(v)) - x;
      const title = `<title>${escapeXml(`${r.label}: ${k + 1} ${legend[k]}: ${valueText(v)}`)}</title>`;
      body.push(swatch(text.id, k, x, barY, w, BAR_HEIGHT, title));
      if (w >= 16) body.push(`<text class="segment" x="${px(x + w / 2)}" y="${px(mid + 4)}" text-anchor="middle">${k + 1}</text>`);
    });
    body.push(`<text class="value" x="${px(x0 + PLOT_WIDTH + 8)}" y="${px(mid + 4)}">${escapeXml(r.totalText)}</text>`);
  });
  let y = bottom + 12;
  legend.forEach((entry, k) => {
    body.push(swatch(text.id, k, 8, y, 14, 14, ''));
    body.push(`<text class="legend" x="30" y="${px(y + 11)}">${escapeXml(`${k + 1} ${entry}`)}</text>`);
    y += 20;
  });
  return svg(text, width, y + 4, body);
}

interface Scale {
  x: (value: number) => number;
  ticks: number[];
  decimals: number;
}

/** A linear scale over [min, max] widened to round ticks (1, 2 or 5 times a power of ten, about 5 of them). */
function linearScale(min: number, max: number, x0: number, width: number): Scale {
  if (min === max) max = min + 1;
  const raw = (max - min) / 5;
  let magnitude = 1;
  let decimals = 0;
  while (magnitude > raw) {
    magnitude /= 10;
    decimals += 1;
  }
  while (magnitude * 10 <= raw) magnitude *= 10;
  const factor = [1, 2, 5, 10].find((f) => f * magnitude >= raw)!;
  const step = factor * magnitude;
  if (factor === 10 && decimals > 0) decimals -= 1;
  const lo = Math.floor(min / step) * step;
  const hi = Math.ceil(max / step) * step;
  const count = Math.round((hi - lo) / step);
  const ticks = Array.from({ length: count + 1 }, (_, i) => Number((lo + i * step).toFixed(decimals)));
  return { x: (v) => x0 + ((v - lo) / (hi - lo)) * width, ticks, decimals };
}

/** Tick labels above the plot and vertical grid lines through it; the zero line darker. */
function axis(scale: Scale, labelY: number, top: number, bottom: number): string {
  return scale.ticks
    .map((t) => {
      const x = px(scale.x(t));
      const line = `<line class="${t === 0 ? 'zero' : 'grid'}" x1="${x}" y1="${px(top)}" x2="${x}" y2="${px(bottom)}"/>`;
      return `${line}<text class="tick" x="${x}" y="${px(labelY)}" text-anchor="middle">${fixed(t, scale.decimals, { group: true })}</text>`;
    })
    .join('');
}

/** A hatch for every other legend entry, so neighbouring segments differ in texture as well as colour. */
function defs(id: string): string {
  return `<defs><pattern id="${id}-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><line x1="0" y1="0" x2="0" y2="6" stroke="#fff" stroke-width="2" stroke-opacity="0.7"/></pattern></defs>`;
}

function swatch(id: string, k: number, x: number, y: number, w: number, h: number, title: string): string {
  const box = `x="${px(x)}" y="${px(y)}" width="${px(w)}" height="${px(h)}"`;
  const hatch = k % 2 === 1 ? `<rect ${box} fill="url(#${id}-hatch)"/>` : '';
  return `<g><rect ${box} fill="${PALETTE[k % PALETTE.length]}" stroke="#fff" stroke-width="0.5"/>${hatch}${title}</g>`;
}

function columnWidth(texts: string[]): number {
  const longest = Math.max(0, ...texts.map((t) => [...t].length));
  return Math.min(420, Math.max(80, Math.ceil(longest * CHAR_WIDTH) + 16));
}

function svg(text: ChartText, width: number, height: number, body: string[]): string {
  const w = px(width);
  const h = px(height);
  return (
    `<svg class="chart" viewBox="0 0 ${w} ${h}" width="${w}" height="${h}" role="img" aria-labelledby="${text.id}-title ${text.id}-desc">` +
    `<title id="${text.id}-title">${escapeXml(text.title)}</title><desc id="${text.id}-desc">${escapeXml(text.description)}</desc>\n` +
    `${body.join('\n')}\n</svg>`
  );
}
