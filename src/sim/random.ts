// Seeded random streams and duration sampling (design.md: "the engine owns time and chance").
//
// One stream per purpose: a stream is named by the parts it was derived from (seed, declaration key,
// step id, purpose), never by how many numbers were drawn before it. Two executions of the same
// declaration with the same seed therefore draw the same numbers whatever else ran in between
// (common random numbers), which is what lets the live lifecycle and the replay engine agree and lets
// policy options be compared on the same draws.

import type { Distribution } from '../reference/domain/reference-data';

// pure-rand 8 publishes its modules through package "exports" only, which this project's
// `moduleResolution: node` does not read; the types are resolved as CommonJS (TS 5.3+), the values
// with require(), which Node and Jest resolve through "exports".
type XoroshiroModule = typeof import('pure-rand/generator/xoroshiro128plus', { with: { 'resolution-mode': 'require' } });
type UniformFloat64Module = typeof import('pure-rand/distribution/uniformFloat64', { with: { 'resolution-mode': 'require' } });
type Generator = ReturnType<XoroshiroModule['xoroshiro128plusFromState']>;
/* eslint-disable @typescript-eslint/no-require-imports */
const { xoroshiro128plusFromState } = require('pure-rand/generator/xoroshiro128plus') as XoroshiroModule;
const { uniformFloat64 } = require('pure-rand/distribution/uniformFloat64') as UniformFloat64Module;
/* eslint-enable @typescript-eslint/no-require-imports */

export type SeedPart = string | number;

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/**
 * 32-bit FNV-1a over the parts, unsigned. Each part is tagged with its type (so 1 and "1" differ) and
 * terminated (so ["ab", "c"] and ["a", "bc"] differ); strings are hashed by UTF-16 code unit, numbers
 * by their shortest decimal text, so the value is the same on every platform.
 */
export function hashSeed(...parts: SeedPart[]): number {
  return fnv1a(FNV_OFFSET, parts);
}

function fnv1a(offset: number, parts: SeedPart[]): number {
  let h = offset >>> 0;
  const byte = (b: number) => {
    h ^= b & 0xff;
    h = Math.imul(h, FNV_PRIME);
  };
  for (const part of parts) {
    const text = typeof part === 'number' ? `n${String(part)}` : `s${part}`;
    for (let i = 0; i < text.length; i++) {
      const unit = text.charCodeAt(i);
      byte(unit);
      byte(unit >>> 8);
    }
    byte(0xff);
    byte(0xfe);
  }
  return h >>> 0;
}

/** murmur3's finaliser: spreads a 32-bit value over all bits (seed expansion, not a generator). */
function mix32(x: number): number {
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x | 0;
}

/**
 * A seeded stream of uniform numbers in [0, 1) with 53-bit resolution, on pure-rand's
 * xoroshiro128plus. Its identity is 64 bits derived from the parts it is named by (two independent
 * FNV-1a hashes), so forks of a stream are independent of each other and of the draws made so far.
 */
export class RandomStream {
  /** The stream's 64-bit name as two 32-bit words; forks hash it together with their own parts. */
  readonly key: readonly [number, number];
  private readonly rng: Generator;

  /** `new RandomStream(seed)` or `new RandomStream(seed, 'declaration', key)`: the parts name the stream. */
  constructor(...parts: SeedPart[]) {
    if (parts.length === 0) throw new Error('a RandomStream needs a seed');
    this.key = [fnv1a(FNV_OFFSET, parts), fnv1a(0x6c8e9cf5, parts)];
    const [a, b] = this.key;
    const state = [mix32(a ^ 0x9e3779b9), mix32(b ^ 0x7f4a7c15), mix32(a + 0x3c6ef372), mix32(b + 0xdaa66d2b)];
    // xoroshiro128+ must not start from the all-zero state.
    if ((state[0] | state[1] | state[2] | state[3]) === 0) state[0] = 1;
    this.rng = xoroshiro128plusFromState(state);
  }

  /** Uniform in [0, 1), a multiple of 2^-53. */
  next(): number {
    return uniformFloat64(this.rng);
  }

  /** An independent stream named by this stream's name plus `parts` (e.g. a step id and a purpose). */
  fork(...parts: SeedPart[]): RandomStream {
    return new RandomStream('fork', this.key[0], this.key[1], ...parts);
  }

  /** `next` as a plain function, for samplers that take `() => number`. */
  readonly uniform = (): number => this.next();
}

/** One draw of a duration, minutes; `u` gives uniforms in [0, 1). Never negative. */
export function sampleMinutes(d: Distribution, u: () => number): number {
  switch (d.kind) {
    case 'constant':
      return d.minutes;
    case 'uniform':
      return d.min + u() * (d.max - d.min);
    case 'triangular':
      return triangular(d.min, d.mode, d.max, u());
    case 'exponential':
      // 1 - u is in (0, 1], so the log is finite.
      return -d.mean * Math.log(1 - u());
    case 'lognormal': {
      if (d.cv <= 0) return d.mean;
      // Mean m and coefficient of variation cv of the lognormal -> parameters of the underlying normal.
      const sigma2 = Math.log(1 + d.cv * d.cv);
      const mu = Math.log(d.mean) - sigma2 / 2;
      return Math.exp(mu + Math.sqrt(sigma2) * standardNormal(u));
    }
    case 'empirical':
      return d.values[Math.min(d.values.length - 1, Math.floor(u() * d.values.length))];
  }
}

/** Inverse CDF of the triangular distribution. */
function triangular(min: number, mode: number, max: number, p: number): number {
  const width = max - min;
  if (width <= 0) return min;
  const split = (mode - min) / width;
  return p < split ? min + Math.sqrt(p * width * (mode - min)) : max - Math.sqrt((1 - p) * width * (max - mode));
}

/** Box-Muller from two uniforms (one normal per call, so every draw uses exactly two numbers). */
function standardNormal(u: () => number): number {
  const r = Math.sqrt(-2 * Math.log(1 - u()));
  return r * Math.cos(2 * Math.PI * u());
}
