import { calibrationChecked, calibrationPublished, count, describeMetric, differenceFormatter, estimate, fixed, hours, percent, points, yuan } from './report.format';
import { sampleReport } from './testing/sample-report';

describe('report number formatting', () => {
  it('groups thousands and rounds to the decimals asked for, whatever the locale', () => {
    expect(fixed(1234567.891, 2, { group: true })).toBe('1,234,567.89');
    expect(fixed(999.995, 2, { group: true })).toBe('1,000.00');
    expect(fixed(123, 0, { group: true })).toBe('123');
    expect(fixed(-1234.5, 1, { group: true })).toBe('-1,234.5');
    expect(fixed(1234.5, 1)).toBe('1234.5');
  });

  it('never writes a negative zero, and signs only non-zero values', () => {
    expect(fixed(-0.001, 2)).toBe('0.00');
    expect(fixed(-0, 1)).toBe('0.0');
    expect(fixed(0, 2, { signed: true })).toBe('0.00');
    expect(fixed(0.5, 2, { signed: true })).toBe('+0.50');
    expect(fixed(-0.5, 2, { signed: true })).toBe('-0.50');
  });

  it('writes n/a for a value that is not a number', () => {
    expect(fixed(Number.NaN, 2)).toBe('n/a');
    expect(fixed(Number.POSITIVE_INFINITY, 2)).toBe('n/a');
    expect(percent(Number.NaN)).toBe('n/a');
    expect(yuan(Number.NaN)).toBe('n/a');
    expect(estimate({ mean: Number.NaN, ci95: null }, hours)).toBe('n/a');
  });

  it('writes hours with 2 decimals, shares as percentages with 1, CNY fen as yuan with 2', () => {
    expect(hours(4.016)).toBe('4.02');
    expect(hours(1234.5)).toBe('1,234.50');
    expect(percent(0.4532)).toBe('45.3%');
    expect(percent(-0.0149, true)).toBe('-1.5%');
    expect(points(0.021)).toBe('+2.1');
    expect(yuan(123456789)).toBe('1,234,567.89');
    expect(yuan(-5)).toBe('-0.05');
    expect(yuan(-0.4)).toBe('0.00');
    expect(yuan(0.5, true)).toBe('+0.01');
    expect(yuan(-27283.5)).toBe('-272.84');
    expect(count(1199.96)).toBe('1,200.0');
  });

  it('writes an estimate as mean [low, high], or the mean alone without an interval', () => {
    expect(estimate({ mean: 4.02, ci95: [2.5, 5.544] }, hours)).toBe('4.02 [2.50, 5.54]');
    expect(estimate({ mean: 0.3, ci95: null }, percent)).toBe('30.0%');
  });

  it('names a difference metric and its unit', () => {
    expect(describeMetric('arrivalToRelease.meanHours')).toEqual({ label: 'arrival → release, mean', unit: 'hours' });
    expect(describeMetric('arrivalToExit.p90Hours')).toEqual({ label: 'arrival → exit, p90', unit: 'hours' });
    expect(describeMetric('releasedWithin.h24')).toEqual({ label: 'released within 24 h', unit: 'share' });
    expect(describeMetric('cost.totalMinor')).toEqual({ label: 'cost per declaration', unit: 'money' });
    expect(describeMetric('byPort.costMinor')).toEqual({ label: 'byPort.costMinor', unit: 'money' });
    expect(describeMetric('something')).toEqual({ label: 'something', unit: 'number' });
    expect(differenceFormatter('money')(-27283.5)).toBe('-272.84');
    expect(differenceFormatter('share')(0.005)).toBe('+0.5');
  });

  it('says how a calibration figure was published and what the mean had to be', () => {
    const [value, cost, range, bound] = sampleReport().calibration;
    expect([value, cost, range, bound].map(calibrationPublished)).toEqual(['2.00', '9,000.00', '48.00 to 72.00', 'at most 3.00']);
    expect([value, cost, range, bound].map(calibrationChecked)).toEqual([
      'mean in [1.70, 2.30] (±15.0%)',
      'mean in [7,650.00, 10,350.00] (±15.0%)',
      'mean in [48.00, 72.00]',
      'mean ≤ 3.00',
    ]);
    const atLeast = { ...bound, atLeast: 2, atMost: null };
    expect([calibrationPublished(atLeast), calibrationChecked(atLeast)]).toEqual(['at least 2.00', 'mean ≥ 2.00']);
  });
});
