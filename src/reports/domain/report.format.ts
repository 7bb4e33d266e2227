// Number formatting for the report renderings. Written out rather than Intl/toLocaleString so that
// the output does not depend on the machine's locale or ICU data: same report, same bytes.

import { type CalibrationCheck, type Estimate, INTERVAL_IDS, type IntervalId } from './report';

/**
 * `value` rounded to `decimals` places with '.' as the decimal point, ',' between thousands when
 * `group`, a leading '-' for negatives (never '-0.00') and, when `signed`, '+' for positives.
 */
export function fixed(value: number, decimals: number, options: { group?: boolean; signed?: boolean } = {}): string {
  if (!Number.isFinite(value)) return 'n/a';
  const digits = Math.abs(value).toFixed(decimals);
  const zero = /^[0.]*$/.test(digits);
  const [whole, fraction] = digits.split('.');
  const grouped = options.group ? whole.replace(/\B(?=(\d{3})+$)/g, ',') : whole;
  const sign = zero ? '' : value < 0 ? '-' : options.signed ? '+' : '';
  return sign + grouped + (fraction === undefined ? '' : `.${fraction}`);
}

/** Hours with 2 decimals. */
export function hours(value: number, signed = false): string {
  return fixed(value, 2, { group: true, signed });
}

/** A share (0..1) as a percentage with 1 decimal: 0.4532 -> '45.3%'; n/a for no value. */
export function percent(share: number, signed = false): string {
  return Number.isFinite(share) ? `${fixed(share * 100, 1, { signed })}%` : 'n/a';
}

/** A difference of shares in percentage points, 1 decimal, without the unit: 0.021 -> '+2.1'. */
export function points(share: number): string {
  return fixed(share * 100, 1, { signed: true });
}

/**
 * CNY fen as yuan with 2 decimals and thousands separators: 123456789 -> '1,234,567.89'. Rounded to
 * the whole fen (half away from zero) in integers, so 27283.5 fen is 272.84, not 272.83 as
 * (272.835).toFixed(2) would have it.
 */
export function yuan(amountMinor: number, signed = false): string {
  if (!Number.isFinite(amountMinor)) return 'n/a';
  const fen = Math.round(Math.abs(amountMinor));
  const text = `${fixed(Math.floor(fen / 100), 0, { group: true })}.${String(fen % 100).padStart(2, '0')}`;
  const sign = fen === 0 ? '' : amountMinor < 0 ? '-' : signed ? '+' : '';
  return sign + text;
}

/** Counts averaged over replications (declarations, requests served), 1 decimal. */
export function count(value: number, signed = false): string {
  return fixed(value, 1, { group: true, signed });
}

/** `mean [low, high]`, or `mean` alone when there is no interval (a single replication). */
export function estimate(value: Estimate, format: (n: number) => string): string {
  if (value.ci95 === null) return format(value.mean);
  return `${format(value.mean)} [${format(value.ci95[0])}, ${format(value.ci95[1])}]`;
}

export const INTERVAL_LABELS: Record<IntervalId, string> = {
  arrivalToLodgement: 'arrival → lodgement',
  lodgementToRelease: 'lodgement → release',
  releaseToExit: 'release → exit',
  arrivalToRelease: 'arrival → release',
  arrivalToExit: 'arrival → exit',
};

/** The intervals between consecutive milestones, which add up to arrival → exit. */
export const CONSECUTIVE_INTERVALS: IntervalId[] = ['arrivalToLodgement', 'lodgementToRelease', 'releaseToExit'];

export type MetricUnit = 'hours' | 'share' | 'money' | 'count' | 'number';

export interface MetricInfo {
  label: string;
  unit: MetricUnit;
}

const STATISTICS: Record<string, string> = { meanHours: 'mean', p50Hours: 'p50', p90Hours: 'p90', p95Hours: 'p95' };
const RELEASED_WITHIN: Record<string, string> = { h1: '1 h', h6: '6 h', h24: '24 h' };

/** A readable label and the unit of a difference's metric ('arrivalToRelease.meanHours', 'cost.totalMinor', ...). */
export function describeMetric(metric: string): MetricInfo {
  const [head, tail] = metric.split('.');
  if ((INTERVAL_IDS as string[]).includes(head) && tail in STATISTICS) {
    return { label: `${INTERVAL_LABELS[head as IntervalId]}, ${STATISTICS[tail]}`, unit: 'hours' };
  }
  if (head === 'releasedWithin' && tail in RELEASED_WITHIN) return { label: `released within ${RELEASED_WITHIN[tail]}`, unit: 'share' };
  if (metric === 'cost.totalMinor') return { label: 'cost per declaration', unit: 'money' };
  if (metric === 'declarations') return { label: 'declarations', unit: 'count' };
  if (/Hours$/.test(metric)) return { label: metric, unit: 'hours' };
  if (/Minor$/.test(metric)) return { label: metric, unit: 'money' };
  if (/(Share|utilisation)$/.test(metric)) return { label: metric, unit: 'share' };
  return { label: metric, unit: 'number' };
}

/** A signed difference in the metric's display unit (hours, percentage points, CNY, count). */
export function differenceFormatter(unit: MetricUnit): (n: number) => string {
  switch (unit) {
    case 'hours':
      return (n) => hours(n, true);
    case 'share':
      return points;
    case 'money':
      return (n) => yuan(n, true);
    case 'count':
      return (n) => count(n, true);
    case 'number':
      return (n) => fixed(n, 2, { group: true, signed: true });
  }
}

/** The unit a difference is shown in. */
export const DIFFERENCE_UNITS: Record<MetricUnit, string> = { hours: 'h', share: 'pp', money: 'CNY', count: 'count', number: '' };

/** A calibration figure in its published unit ('hours' or 'CNY' yuan, not fen). */
export function calibrationValue(value: number, unit: string): string {
  return unit === 'hours' || unit === 'h' ? hours(value) : fixed(value, 2, { group: true });
}

/** The published figure of a check in its unit: a value ('16.30'), a range ('48.00 to 72.00') or a bound ('at most 16.00'). */
export function calibrationPublished(c: CalibrationCheck): string {
  const value = (n: number) => calibrationValue(n, c.unit);
  if (c.kind === 'value' && c.published !== null) return value(c.published);
  if (c.atLeast !== null && c.atMost !== null) return `${value(c.atLeast)} to ${value(c.atMost)}`;
  if (c.atMost !== null) return `at most ${value(c.atMost)}`;
  return c.atLeast !== null ? `at least ${value(c.atLeast)}` : '-';
}

/** What the mean over replications had to be to pass: 'mean in [13.86, 18.75] (±15.0%)', 'mean in [48.00, 72.00]', 'mean ≤ 16.00'. */
export function calibrationChecked(c: CalibrationCheck): string {
  const value = (n: number) => calibrationValue(n, c.unit);
  const within = c.kind === 'value' && c.tolerance !== null ? ` (±${percent(c.tolerance)})` : '';
  if (c.atLeast !== null && c.atMost !== null) return `mean in [${value(c.atLeast)}, ${value(c.atMost)}]${within}`;
  if (c.atMost !== null) return `mean ≤ ${value(c.atMost)}${within}`;
  return c.atLeast !== null ? `mean ≥ ${value(c.atLeast)}${within}` : 'nothing';
}
