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
/** Offset of the second, independent hash that makes a stream's name 64 bits. */
const FNV_OFFSET_2 = 0x6c8e9cf5;

/**
 * Where `hashParts` leaves its two results: a stream's name is hashed once per declaration in replay,
 * so the two hashes share one pass over the parts and return through this array, not a new one.
 */
const hashWords = new Uint32Array(2);

/**
 * 32-bit FNV-1a over the parts, unsigned. Each part is tagged with its type (so 1 and "1" differ) and
 * terminated (so ["ab", "c"] and ["a", "bc"] differ); strings are hashed by UTF-16 code unit, numbers
 * by their shortest decimal text, so the value is the same on every platform.
 */
export function hashSeed(...parts: SeedPart[]): number {
  hashParts(parts);
  return hashWords[0];
}

/** The FNV-1a hashes from FNV_OFFSET and FNV_OFFSET_2 of the parts (see hashSeed), into hashWords. */
function hashParts(parts: readonly SeedPart[]): void {
  let a = FNV_OFFSET | 0;
  let b = FNV_OFFSET_2 | 0;
  for (let p = 0; p < parts.length; p++) {
    const part = parts[p];
    // A part is hashed as its text: a type tag ('n' or 's') and the number's decimal text or the string.
    const text = typeof part === 'number' ? String(part) : part;
    const tag = typeof part === 'number' ? 0x6e : 0x73;
    a = Math.imul(Math.imul(a ^ tag, FNV_PRIME), FNV_PRIME);
    b = Math.imul(Math.imul(b ^ tag, FNV_PRIME), FNV_PRIME);
    // Each UTF-16 code unit as two bytes, low first.
    for (let i = 0; i < text.length; i++) {
      const unit = text.charCodeAt(i);
      a = Math.imul(Math.imul(a ^ (unit & 0xff), FNV_PRIME) ^ (unit >>> 8), FNV_PRIME);
      b = Math.imul(Math.imul(b ^ (unit & 0xff), FNV_PRIME) ^ (unit >>> 8), FNV_PRIME);
    }
    // The terminator: bytes 0xff, 0xfe.
    a = Math.imul(Math.imul(a ^ 0xff, FNV_PRIME) ^ 0xfe, FNV_PRIME);
    b = Math.imul(Math.imul(b ^ 0xff, FNV_PRIME) ^ 0xfe, FNV_PRIME);
  }
  hashWords[0] = a;
  hashWords[1] = b;
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
 * A fork's name (its parts, e.g. 'step', stepId, 'duration'), hashed once into two 32-bit words with
 * the same two FNV-1a hashes that name a root stream. Replay forks every declaration's stream several
 * times per step; a label made once per step id turns each of those forks into a few integer mixes.
 */
export class ForkLabel {
  constructor(
    readonly word0: number,
    readonly word1: number,
  ) {}
}

/** The label of the fork named by `parts`; `stream.fork(forkLabel(...parts))` equals `stream.fork(...parts)`. */
export function forkLabel(...parts: SeedPart[]): ForkLabel {
  hashParts(parts);
  return new ForkLabel(hashWords[0], hashWords[1]);
}

const seedState = [0, 0, 0, 0];

// `fork` hands the child's name to the constructor through these, behind the FORKED marker as the
// constructor's single part, so that a fork allocates nothing besides the stream (replay forks a
// declaration's stream for every draw).
const FORKED = Object.freeze({}) as unknown as SeedPart;
let forkedName0 = 0;
let forkedName1 = 0;

/**
 * A seeded stream of uniform numbers in [0, 1) with 53-bit resolution, on pure-rand's
 * xoroshiro128plus. Its identity is 64 bits: for a root stream, two independent FNV-1a hashes of the
 * parts it is named by; for a fork, its parent's 64 bits mixed with the fork label's 64 bits. Forks
 * are therefore independent of each other and of the draws made so far.
 */
export class RandomStream {
  // The 64-bit name as two int32 words: as unsigned numbers, half of them would not fit a small
  // integer and would each take a heap number.
  private readonly name0: number;
  private readonly name1: number;
  private readonly rng: Generator;
  private uniformFn: (() => number) | undefined = undefined;

  /** `new RandomStream(seed)` or `new RandomStream(seed, 'declaration', key)`: the parts name the stream. */
  constructor(...parts: SeedPart[]) {
    if (parts[0] === FORKED) {
      this.name0 = forkedName0;
      this.name1 = forkedName1;
    } else {
      if (parts.length === 0) throw new Error('a RandomStream needs a seed');
      hashParts(parts);
      this.name0 = hashWords[0] | 0;
      this.name1 = hashWords[1] | 0;
    }
    const a = this.name0;
    const b = this.name1;
    // The generator copies the state, so one array serves every stream.
    const state = seedState;
    state[0] = mix32(a ^ 0x9e3779b9);
    state[1] = mix32(b ^ 0x7f4a7c15);
    state[2] = mix32(a + 0x3c6ef372);
    state[3] = mix32(b + 0xdaa66d2b);
    // xoroshiro128+ must not start from the all-zero state.
    if ((state[0] | state[1] | state[2] | state[3]) === 0) state[0] = 1;
    this.rng = xoroshiro128plusFromState(state);
  }

  /** The stream's 64-bit name as two 32-bit words (unsigned). */
  get key0(): number {
    return this.name0 >>> 0;
  }

  get key1(): number {
    return this.name1 >>> 0;
  }

  /** The stream's 64-bit name as two 32-bit words. */
  get key(): readonly [number, number] {
    return [this.key0, this.key1];
  }

  /** Uniform in [0, 1), a multiple of 2^-53. */
  next(): number {
    return uniformFloat64(this.rng);
  }

  /**
   * An independent stream named by this stream's name plus a label (e.g. a step id and a purpose):
   * `fork(label)` with a label made once by `forkLabel`, or `fork(...parts)`, which hashes the parts
   * on every call.
   */
  fork(label: ForkLabel): RandomStream;
  fork(...parts: SeedPart[]): RandomStream;
  fork(...args: [ForkLabel] | SeedPart[]): RandomStream {
    const first = args[0];
    const label = first instanceof ForkLabel ? first : forkLabel(...(args as SeedPart[]));
    // Feistel-style rounds of murmur3's finaliser over 64 bits: a bijection for a fixed parent (distinct
    // labels give distinct children) in which every bit of the child depends on every bit of both.
    // (mix32 reads its argument modulo 2^32, so signed and unsigned words give the same result.)
    const x = mix32(this.name0 + 0x243f6a88) ^ label.word0;
    const y = mix32(this.name1 ^ 0x85a308d3) ^ label.word1;
    const k0 = mix32(x + Math.imul(y ^ 0x13198a2e, 0x9e3779b1));
    const k1 = mix32(y ^ Math.imul(k0 + 0x03707344, 0x85ebca77));
    forkedName0 = mix32(k0 ^ (k1 >>> 15));
    forkedName1 = k1;
    return new RandomStream(FORKED);
  }

  /** `next` as a plain function, for samplers that take `() => number`. */
  get uniform(): () => number {
    return (this.uniformFn ??= () => this.next());
  }
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
