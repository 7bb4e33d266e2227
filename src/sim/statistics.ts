// Streaming statistics for replay: memory does not grow with the number of declarations, and partial
// results (per worker, per replication) merge deterministically, so the same runs merged in the same
// order give the same bytes.

/** Count, mean, variance, min and max in one pass (Welford), mergeable (Chan et al.). */
export class RunningStats {
  private n = 0;
  private m = 0;
  private m2 = 0;
  private total = 0;
  private lo = Infinity;
  private hi = -Infinity;

  add(x: number): void {
    const n = ++this.n;
    const delta = x - this.m;
    this.m += delta / n;
    this.m2 += delta * (x - this.m);
    this.total += x;
    if (x < this.lo) this.lo = x;
    if (x > this.hi) this.hi = x;
  }

  /** Folds `other` into this one, as if its values had been added here. */
  merge(other: RunningStats): this {
    if (other.n === 0) return this;
    if (this.n === 0) {
      this.n = other.n;
      this.m = other.m;
      this.m2 = other.m2;
    } else {
      const n = this.n + other.n;
      const delta = other.m - this.m;
      this.m += (delta * other.n) / n;
      this.m2 += other.m2 + (delta * delta * this.n * other.n) / n;
      this.n = n;
    }
    this.total += other.total;
    this.lo = Math.min(this.lo, other.lo);
    this.hi = Math.max(this.hi, other.hi);
    return this;
  }

  get count(): number {
    return this.n;
  }

  get sum(): number {
    return this.total;
  }

  /** NaN when empty. */
  get mean(): number {
    return this.n === 0 ? NaN : this.m;
  }

  /** Sample variance (n - 1 in the denominator); NaN below two values. */
  get variance(): number {
    return this.n < 2 ? NaN : this.m2 / (this.n - 1);
  }

  get sd(): number {
    return Math.sqrt(this.variance);
  }

  /** NaN when empty. */
  get min(): number {
    return this.n === 0 ? NaN : this.lo;
  }

  get max(): number {
    return this.n === 0 ? NaN : this.hi;
  }
}

/** Magnitudes below this count as zero (minutes: far below any clock's resolution). */
const ZERO_THRESHOLD = 1e-9;

/**
 * Streaming quantiles in a histogram with logarithmic buckets (the DDSketch layout, Masson et al.,
 * VLDB 2019): every quantile is within `relativeAccuracy` of the exact sample quantile, memory grows
 * with the range of magnitudes (about 2,400 buckets from 1e-9 to 1e12 at 1 %), not with the count,
 * and merging adds integer counts, so it is exact and order-free. Negative values (an advance
 * declaration lodged before arrival) go to a mirrored set of buckets; values within 1e-9 of zero are
 * counted as zero.
 */
export class Histogram {
  readonly relativeAccuracy: number;
  private readonly gamma: number;
  private readonly logGamma: number;
  private readonly positive = new BucketStore();
  private readonly negative = new BucketStore();
  private zeros = 0;
  private n = 0;
  private lo = Infinity;
  private hi = -Infinity;

  constructor(relativeAccuracy = 0.01) {
    if (!(relativeAccuracy > 0 && relativeAccuracy < 1)) throw new RangeError('relativeAccuracy must be in (0, 1)');
    this.relativeAccuracy = relativeAccuracy;
    this.gamma = (1 + relativeAccuracy) / (1 - relativeAccuracy);
    this.logGamma = Math.log(this.gamma);
  }

  get count(): number {
    return this.n;
  }

  /** Buckets held in memory: grows with the range of magnitudes seen, not with the count. */
  get bucketCount(): number {
    return this.positive.counts.length + this.negative.counts.length;
  }

  add(x: number): void {
    if (!Number.isFinite(x)) throw new RangeError(`a histogram takes finite values, not ${x}`);
    if (x > ZERO_THRESHOLD) this.positive.add(this.bucketOf(x), 1);
    else if (x < -ZERO_THRESHOLD) this.negative.add(this.bucketOf(-x), 1);
    else this.zeros++;
    this.n++;
    if (x < this.lo) this.lo = x;
    if (x > this.hi) this.hi = x;
  }

  /**
   * The value of rank floor(p * (count - 1)) (0-based) in the sorted sample, within the relative
   * accuracy (exact at the minimum and maximum); NaN when empty.
   */
  quantile(p: number): number {
    if (!(p >= 0 && p <= 1)) throw new RangeError(`a quantile needs p in [0, 1], not ${p}`);
    if (this.n === 0) return NaN;
    const rank = Math.floor(p * (this.n - 1));
    if (rank === 0) return this.lo;
    if (rank === this.n - 1) return this.hi;
    let seen = 0;
    // Most negative first: the largest magnitudes of the mirrored buckets.
    const neg = this.negative;
    for (let i = neg.counts.length - 1; i >= 0; i--) {
      seen += neg.counts[i];
      if (seen > rank) return this.clamp(-this.valueOf(neg.offset + i));
    }
    seen += this.zeros;
    if (seen > rank) return this.clamp(0);
    const pos = this.positive;
    for (let i = 0; i < pos.counts.length; i++) {
      seen += pos.counts[i];
      if (seen > rank) return this.clamp(this.valueOf(pos.offset + i));
    }
    return this.hi;
  }

  /** Folds `other` (same relative accuracy) into this one. */
  merge(other: Histogram): this {
    if (other.relativeAccuracy !== this.relativeAccuracy) throw new RangeError('cannot merge histograms of different relative accuracy');
    this.positive.mergeFrom(other.positive);
    this.negative.mergeFrom(other.negative);
    this.zeros += other.zeros;
    this.n += other.n;
    this.lo = Math.min(this.lo, other.lo);
    this.hi = Math.max(this.hi, other.hi);
    return this;
  }

  /** Bucket i holds magnitudes in (gamma^(i-1), gamma^i]. */
  private bucketOf(magnitude: number): number {
    return Math.ceil(Math.log(magnitude) / this.logGamma);
  }

  /** The value within relative accuracy of every magnitude in bucket i. */
  private valueOf(i: number): number {
    return (2 * Math.pow(this.gamma, i)) / (this.gamma + 1);
  }

  private clamp(x: number): number {
    return Math.min(this.hi, Math.max(this.lo, x));
  }
}

/** Dense counts for a contiguous range of bucket indexes, grown as values arrive. */
class BucketStore {
  counts = new Float64Array(0);
  /** Bucket index of counts[0]. */
  offset = 0;

  add(index: number, count: number): void {
    let i = index - this.offset;
    if (i < 0 || i >= this.counts.length) {
      this.extend(index, index);
      i = index - this.offset;
    }
    this.counts[i] += count;
  }

  mergeFrom(other: BucketStore): void {
    if (other.counts.length === 0) return;
    this.extend(other.offset, other.offset + other.counts.length - 1);
    const shift = other.offset - this.offset;
    for (let i = 0; i < other.counts.length; i++) this.counts[shift + i] += other.counts[i];
  }

  /** Makes room for bucket indexes lo..hi, with some slack so a drifting range does not copy each time. */
  private extend(lo: number, hi: number): void {
    if (this.counts.length === 0) {
      this.offset = lo - 16;
      this.counts = new Float64Array(hi - lo + 33);
      return;
    }
    const oldHi = this.offset + this.counts.length - 1;
    if (lo >= this.offset && hi <= oldHi) return;
    const newLo = lo < this.offset ? lo - 32 : this.offset;
    const newHi = hi > oldHi ? hi + 32 : oldHi;
    const counts = new Float64Array(newHi - newLo + 1);
    counts.set(this.counts, this.offset - newLo);
    this.counts = counts;
    this.offset = newLo;
  }
}

/** A sample mean with its 95 % confidence interval (null below two values). */
export interface MeanInterval {
  mean: number;
  ci95: [number, number] | null;
}

/**
 * The mean of independent replications and its 95 % confidence interval from Student's t with n - 1
 * degrees of freedom.
 */
export function confidenceInterval95(values: readonly number[]): MeanInterval {
  const stats = new RunningStats();
  for (const v of values) stats.add(v);
  if (stats.count < 2) return { mean: stats.mean, ci95: null };
  const half = (studentTQuantile(0.975, stats.count - 1) * stats.sd) / Math.sqrt(stats.count);
  return { mean: stats.mean, ci95: [stats.mean - half, stats.mean + half] };
}

/**
 * The confidence interval of a[i] - b[i]: two options replayed on the same replications (common
 * random numbers) are compared pairwise, which cancels the noise they share.
 */
export function pairedDifference(a: readonly number[], b: readonly number[]): MeanInterval {
  if (a.length !== b.length) throw new RangeError(`paired samples differ in length: ${a.length} and ${b.length}`);
  return confidenceInterval95(a.map((x, i) => x - b[i]));
}

/**
 * Student's t quantile: the t with P(T <= t) = p for `df` (a positive integer) degrees of freedom,
 * found by bisection on the exact distribution function to about 1e-12.
 */
export function studentTQuantile(p: number, df: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`a t quantile needs p in (0, 1), not ${p}`);
  if (!(Number.isInteger(df) && df >= 1)) throw new RangeError(`degrees of freedom must be a positive integer, not ${df}`);
  if (p === 0.5) return 0;
  if (p < 0.5) return -studentTQuantile(1 - p, df);
  // P(|T| < t) = 2p - 1.
  const target = 2 * p - 1;
  let lo = 0;
  let hi = 1;
  while (centralProbability(hi, df) < target) {
    lo = hi;
    hi *= 2;
  }
  for (let i = 0; i < 200 && hi - lo > 1e-12 * hi; i++) {
    const mid = (lo + hi) / 2;
    if (centralProbability(mid, df) < target) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/**
 * P(|T| < t) for Student's t with integer `df`, by the finite trigonometric series of Abramowitz and
 * Stegun 26.7.3-4 (all terms positive, so no cancellation).
 */
function centralProbability(t: number, df: number): number {
  const theta = Math.atan(t / Math.sqrt(df));
  const s = Math.sin(theta);
  const c2 = Math.cos(theta) ** 2;
  if (df % 2 === 0) {
    // sin(theta) * (1 + c2/2 + (1*3)/(2*4) c2^2 + ... up to the power (df - 2)/2)
    let term = 1;
    let sum = 1;
    for (let k = 2; k <= df - 2; k += 2) {
      term *= (c2 * (k - 1)) / k;
      sum += term;
    }
    return s * sum;
  }
  // (2/pi) * (theta + sin(theta) cos(theta) * (1 + (2/3) c2 + (2*4)/(3*5) c2^2 + ...)); df = 1 is 2 theta / pi.
  if (df === 1) return (2 * theta) / Math.PI;
  let term = 1;
  let sum = 1;
  for (let k = 3; k <= df - 2; k += 2) {
    term *= (c2 * (k - 1)) / k;
    sum += term;
  }
  return (2 / Math.PI) * (theta + s * Math.cos(theta) * sum);
}
