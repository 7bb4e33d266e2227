// Duration distributions in minutes: their means (for expected plans) and scaling (for reforms).
// Sampling lives with the replay engine, which owns randomness.

import type { Distribution } from '../../reference/domain/reference-data';

export function meanMinutes(d: Distribution): number {
  switch (d.kind) {
    case 'constant':
      return d.minutes;
    case 'uniform':
      return (d.min + d.max) / 2;
    case 'triangular':
      return (d.min + d.mode + d.max) / 3;
    case 'exponential':
    case 'lognormal':
      return d.mean;
    case 'empirical':
      return d.values.reduce((sum, v) => sum + v, 0) / d.values.length;
  }
}

/** The same shape with every duration multiplied by `factor`. */
export function scaleDistribution(d: Distribution, factor: number): Distribution {
  switch (d.kind) {
    case 'constant':
      return { kind: 'constant', minutes: d.minutes * factor };
    case 'uniform':
      return { kind: 'uniform', min: d.min * factor, max: d.max * factor };
    case 'triangular':
      return { kind: 'triangular', min: d.min * factor, mode: d.mode * factor, max: d.max * factor };
    case 'exponential':
      return { kind: 'exponential', mean: d.mean * factor };
    case 'lognormal':
      return { kind: 'lognormal', mean: d.mean * factor, cv: d.cv };
    case 'empirical':
      return { kind: 'empirical', values: d.values.map((v) => v * factor) };
  }
}

export function describeDistribution(d: Distribution): string {
  const m = (x: number) => `${+x.toFixed(1)} min`;
  switch (d.kind) {
    case 'constant':
      return m(d.minutes);
    case 'uniform':
      return `uniform ${m(d.min)}-${m(d.max)}`;
    case 'triangular':
      return `triangular ${m(d.min)}/${m(d.mode)}/${m(d.max)}`;
    case 'exponential':
      return `exponential, mean ${m(d.mean)}`;
    case 'lognormal':
      return `lognormal, mean ${m(d.mean)}, CV ${d.cv}`;
    case 'empirical':
      return `empirical, mean ${m(meanMinutes(d))}`;
  }
}
