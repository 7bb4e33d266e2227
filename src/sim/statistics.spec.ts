import { RandomStream, sampleMinutes } from './random';
import { Histogram, RunningStats, confidenceInterval95, pairedDifference, studentTQuantile } from './statistics';

const sample = (n: number, seed: number) => {
  const stream = new RandomStream(seed, 'statistics');
  return Array.from({ length: n }, () => sampleMinutes({ kind: 'lognormal', mean: 120, cv: 1.5 }, stream.uniform));
};

describe('RunningStats', () => {
  it('gives the count, mean, sample variance, sd, min and max of a two-pass computation', () => {
    const xs = sample(10_000, 1);
    const stats = new RunningStats();
    for (const x of xs) stats.add(x);
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    const variance = xs.reduce((s, x) => s + (x - mean) ** 2, 0) / (xs.length - 1);
    expect(stats.count).toBe(10_000);
    expect(stats.mean).toBeCloseTo(mean, 9);
    expect(stats.variance / variance).toBeCloseTo(1, 12);
    expect(stats.sd).toBeCloseTo(Math.sqrt(variance), 9);
    expect(stats.min).toBe(Math.min(...xs));
    expect(stats.max).toBe(Math.max(...xs));
    expect(stats.sum).toBeCloseTo(mean * xs.length, 6);
  });

  it('merges partial results as if the values had been added to one', () => {
    const xs = sample(9_000, 2);
    const whole = new RunningStats();
    const parts = [new RunningStats(), new RunningStats(), new RunningStats()];
    xs.forEach((x, i) => {
      whole.add(x);
      parts[i % 3].add(x);
    });
    const merged = new RunningStats().merge(parts[0]).merge(parts[1]).merge(new RunningStats()).merge(parts[2]);
    expect(merged.count).toBe(whole.count);
    expect(merged.mean).toBeCloseTo(whole.mean, 9);
    expect(merged.variance / whole.variance).toBeCloseTo(1, 12);
    expect([merged.min, merged.max]).toEqual([whole.min, whole.max]);
  });

  it('says NaN for what an empty or single sample cannot tell', () => {
    const stats = new RunningStats();
    expect([stats.count, stats.mean, stats.variance, stats.min, stats.max]).toEqual([0, NaN, NaN, NaN, NaN]);
    stats.add(4);
    expect([stats.mean, stats.variance, stats.min, stats.max]).toEqual([4, NaN, 4, 4]);
  });
});

describe('Histogram', () => {
  const exact = (sorted: number[], p: number) => sorted[Math.floor(p * (sorted.length - 1))];
  const PS = [0, 0.001, 0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99, 0.999, 1];

  it('gives every quantile of a large sample within 1 % of the exact one, negatives and zeros included', () => {
    const stream = new RandomStream(3, 'histogram');
    const xs = sample(200_000, 3);
    // Advance declarations: some arrival-to-lodgement times are negative; some are exactly zero.
    for (let i = 0; i < 40_000; i++) xs.push(-sampleMinutes({ kind: 'exponential', mean: 600 }, stream.uniform));
    for (let i = 0; i < 5_000; i++) xs.push(0);
    const histogram = new Histogram(0.01);
    for (const x of xs) histogram.add(x);
    const sorted = [...xs].sort((a, b) => a - b);
    expect(histogram.count).toBe(xs.length);
    for (const p of PS) {
      const truth = exact(sorted, p);
      const estimate = histogram.quantile(p);
      if (truth === 0) expect(estimate).toBe(0);
      else expect(Math.abs(estimate - truth) / Math.abs(truth)).toBeLessThanOrEqual(0.01 + 1e-12);
    }
    // Ranks in the zeros: 40,000 negatives come first.
    expect(histogram.quantile(40_500 / (xs.length - 1))).toBe(0);
  });

  it('keeps its memory bounded by the range of magnitudes, not the count', () => {
    const histogram = new Histogram();
    const stream = new RandomStream(4, 'histogram');
    for (let i = 0; i < 300_000; i++) histogram.add(sampleMinutes({ kind: 'lognormal', mean: 300, cv: 2 }, stream.uniform));
    // Magnitudes from about 0.01 to 1e5 minutes at 1 %: log(1e7) / log(1.0202), about 800 buckets.
    expect(histogram.bucketCount).toBeLessThan(1_000);
    expect(histogram.count).toBe(300_000);
  });

  it('merges exactly: the parts merged in any order give the quantiles of the whole', () => {
    const xs = sample(30_000, 5).map((x, i) => (i % 7 === 0 ? -x : x));
    const whole = new Histogram();
    const a = new Histogram();
    const b = new Histogram();
    xs.forEach((x, i) => {
      whole.add(x);
      (i < 10_000 ? a : b).add(x);
    });
    const ab = new Histogram().merge(a).merge(b);
    const ba = new Histogram().merge(b).merge(a);
    for (const p of PS) {
      expect(ab.quantile(p)).toBe(whole.quantile(p));
      expect(ba.quantile(p)).toBe(whole.quantile(p));
    }
    expect(ab.count).toBe(30_000);
    expect(() => ab.merge(new Histogram(0.02))).toThrow(RangeError);
  });

  it('handles the empty and refuses what it cannot hold', () => {
    const histogram = new Histogram();
    expect(histogram.quantile(0.5)).toBeNaN();
    expect(() => histogram.add(NaN)).toThrow(RangeError);
    expect(() => histogram.add(Infinity)).toThrow(RangeError);
    expect(() => histogram.quantile(1.5)).toThrow(RangeError);
    histogram.add(42);
    expect([histogram.quantile(0), histogram.quantile(0.5), histogram.quantile(1)]).toEqual([42, 42, 42]);
  });
});

describe("Student's t quantile", () => {
  it.each([
    [0.975, 1, 12.706],
    [0.975, 2, 4.303],
    [0.975, 3, 3.182],
    [0.975, 4, 2.776],
    [0.975, 5, 2.571],
    [0.975, 9, 2.262],
    [0.975, 10, 2.228],
    [0.975, 19, 2.093],
    [0.975, 29, 2.045],
    [0.975, 30, 2.042],
    [0.975, 60, 2.0],
    [0.975, 120, 1.98],
    [0.95, 10, 1.812],
    [0.995, 5, 4.032],
    [0.9, 1, 3.078],
    [0.999, 20, 3.552],
  ])('t(%s, %s) = %s, as in the tables', (p, df, table) => {
    expect(Math.round(studentTQuantile(p, df) * 1000) / 1000).toBe(table);
  });

  it('is exact well beyond the tables', () => {
    // R: qt(0.975, c(4, 9, 29)).
    expect(studentTQuantile(0.975, 4)).toBeCloseTo(2.7764451052, 9);
    expect(studentTQuantile(0.975, 9)).toBeCloseTo(2.2621571628, 9);
    expect(studentTQuantile(0.975, 29)).toBeCloseTo(2.0452296421, 9);
  });

  it('is symmetric, zero at the median, tends to the normal quantile, and refuses bad arguments', () => {
    expect(studentTQuantile(0.025, 7)).toBe(-studentTQuantile(0.975, 7));
    expect(studentTQuantile(0.5, 3)).toBe(0);
    expect(studentTQuantile(0.975, 100_000)).toBeCloseTo(1.95999, 4);
    expect(() => studentTQuantile(1, 5)).toThrow(RangeError);
    expect(() => studentTQuantile(0.9, 0)).toThrow(RangeError);
    expect(() => studentTQuantile(0.9, 2.5)).toThrow(RangeError);
  });
});

describe('confidenceInterval95 and pairedDifference', () => {
  it('gives the mean with a t-based interval', () => {
    // Mean 3, sd sqrt(2.5), t(0.975, 4) = 2.7764451: half-width 2.7764451 * 1.5811388 / sqrt(5) = 1.9632432.
    const { mean, ci95 } = confidenceInterval95([1, 2, 3, 4, 5]);
    expect(mean).toBe(3);
    expect(ci95![0]).toBeCloseTo(3 - 1.9632432, 6);
    expect(ci95![1]).toBeCloseTo(3 + 1.9632432, 6);
  });

  it('gives no interval below two values', () => {
    expect(confidenceInterval95([7])).toEqual({ mean: 7, ci95: null });
    expect(confidenceInterval95([]).ci95).toBeNull();
  });

  it('pairs the replications: the interval of the differences, tight when the noise is shared', () => {
    const noise = sample(30, 6);
    const baseline = noise.map((x) => 100 + x);
    const reform = noise.map((x, i) => 90 + x + (i % 2 === 0 ? 0.5 : -0.5));
    const paired = pairedDifference(baseline, reform);
    expect(paired.mean).toBeCloseTo(10, 12);
    expect(paired).toEqual(confidenceInterval95(baseline.map((x, i) => x - reform[i])));
    const [low, high] = paired.ci95!;
    expect(high - low).toBeLessThan(1);
    const unpaired = confidenceInterval95(baseline).ci95!;
    expect(unpaired[1] - unpaired[0]).toBeGreaterThan(10 * (high - low));
    expect(() => pairedDifference([1, 2], [1])).toThrow(RangeError);
  });
});
