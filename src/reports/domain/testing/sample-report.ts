// A small report for the renderers' specs: two options over two replications, one difference of
// each unit, a passing and a failing check of a published value and of a published range or bound,
// and report text that needs escaping in every format (a title with '<&>', a comma and a quote; a
// step title with a '|'; a calibration figure with a comma and quotes). Every declaration finished
// and no queue grew, so it has no warnings; overloadedReport() is the same scenario with one bay
// that could not keep up.

import type { Estimate, IntervalFigures, OptionReport, Report } from '../report';

/** Student's t quantile for a 95 % interval with 1 degree of freedom (two replications). */
const T_975_1DF = 12.706204736;

/** The estimate two replications that gave `a` and `b` make: their mean and 95 % t interval. */
export function twoReplications(a: number, b: number): Estimate {
  const mean = (a + b) / 2;
  const half = (T_975_1DF * Math.abs(a - b)) / 2;
  return { mean, ci95: [mean - half, mean + half] };
}

function interval(mean: [number, number], p50: [number, number], p90: [number, number], p95: [number, number]): IntervalFigures {
  return { meanHours: twoReplications(...mean), p50Hours: twoReplications(...p50), p90Hours: twoReplications(...p90), p95Hours: twoReplications(...p95) };
}

const baseline: OptionReport = {
  id: 'baseline',
  title: 'Baseline (no reforms)',
  reforms: [],
  declarations: twoReplications(1180, 1220),
  unfinished: { declarations: twoReplications(0, 0), notReleased: twoReplications(0, 0), notExited: twoReplications(0, 0) },
  intervals: {
    arrivalToLodgement: interval([0.5, 0.54], [0.4, 0.42], [1.1, 1.2], [1.5, 1.6]),
    lodgementToRelease: interval([3.4, 3.6], [2.9, 3.1], [6.5, 6.9], [8, 8.6]),
    releaseToExit: interval([0.3, 0.32], [0.25, 0.26], [0.6, 0.62], [0.8, 0.82]),
    arrivalToRelease: interval([3.9, 4.14], [3.3, 3.5], [7.6, 8.1], [9.5, 10.2]),
    arrivalToExit: interval([4.2, 4.46], [3.6, 3.8], [8.2, 8.7], [10.3, 11]),
  },
  releasedWithin: { h1: twoReplications(0.08, 0.1), h6: twoReplications(0.78, 0.8), h24: twoReplications(0.99, 1) },
  steps: [
    {
      id: 'documentary-check',
      title: 'Documentary check | review',
      agency: 'customs',
      interval: 'documentary-check',
      runShare: twoReplications(0.3, 0.32),
      waitHours: twoReplications(0.5, 0.6),
      serviceHours: twoReplications(0.25, 0.25),
    },
    {
      id: 'physical-inspection',
      title: 'Physical inspection',
      agency: 'customs',
      interval: 'physical-inspection',
      runShare: twoReplications(0.1, 0.12),
      waitHours: twoReplications(1.2, 1.5),
      serviceHours: twoReplications(0.75, 0.8),
    },
  ],
  agencies: [
    { agency: 'customs', waitHours: twoReplications(0.3, 0.36), serviceHours: twoReplications(0.16, 0.17) },
    { agency: 'quarantine', waitHours: twoReplications(0.2, 0.22), serviceHours: twoReplications(0.1, 0.1) },
  ],
  resources: [
    {
      site: 'bakhtu',
      kind: 'inspection-bay',
      capacity: 2,
      utilisation: twoReplications(0.62, 0.66),
      outOfHoursWorkHours: twoReplications(12.5, 14.5),
      waitHours: twoReplications(1.2, 1.5),
      served: twoReplications(130, 140),
      queueAtHorizon: twoReplications(2, 4),
      queueAtEnd: twoReplications(0, 0),
    },
    {
      site: 'bakhtu',
      kind: 'gate',
      capacity: null,
      utilisation: null,
      outOfHoursWorkHours: twoReplications(0, 0),
      waitHours: { mean: 0, ci95: null },
      served: twoReplications(1180, 1220),
      queueAtHorizon: twoReplications(0, 0),
      queueAtEnd: twoReplications(0, 0),
    },
  ],
  cost: {
    currency: 'CNY',
    totalMinor: twoReplications(1_234_567, 1_250_000),
    items: [
      { item: 'broker-fee', title: "Customs broker's declaration fee", kind: 'fee', amountMinor: twoReplications(45_000, 45_000) },
      { item: 'port-charges', title: 'Border-crossing fees per truck', kind: 'fee', amountMinor: twoReplications(254_000, 254_000) },
      { item: 'duties-and-taxes', title: 'Duties and import VAT', kind: 'tax', amountMinor: twoReplications(900_000, 910_000) },
      { item: 'waiting', title: 'Waiting cost of the truck', kind: 'waiting', amountMinor: twoReplications(35_567, 41_000) },
    ],
  },
  byPort: [
    {
      id: 'bakhtu',
      declarations: twoReplications(1180, 1220),
      arrivalToReleaseHours: twoReplications(3.9, 4.14),
      arrivalToExitHours: twoReplications(4.2, 4.46),
      costMinor: twoReplications(1_234_567, 1_250_000),
    },
  ],
  byCommodity: [
    {
      id: 'grapes',
      declarations: twoReplications(700, 720),
      arrivalToReleaseHours: twoReplications(4.1, 4.3),
      arrivalToExitHours: twoReplications(4.4, 4.6),
      costMinor: twoReplications(1_300_000, 1_310_000),
    },
    {
      id: 'melons',
      declarations: twoReplications(480, 500),
      arrivalToReleaseHours: twoReplications(3.6, 3.9),
      arrivalToExitHours: twoReplications(3.9, 4.2),
      costMinor: twoReplications(1_150_000, 1_170_000),
    },
  ],
};

const greenChannel: OptionReport = {
  ...baseline,
  id: 'green-channel',
  title: 'Green channel for farm produce',
  reforms: ['green-channel'],
  intervals: {
    // An advance declaration: lodged before arrival, so arrival to lodgement is negative.
    arrivalToLodgement: interval([-0.2, -0.1], [-0.3, -0.2], [0.2, 0.3], [0.4, 0.5]),
    lodgementToRelease: interval([2, 2.2], [1.7, 1.8], [3.9, 4.1], [4.8, 5]),
    releaseToExit: interval([0.3, 0.3], [0.25, 0.25], [0.6, 0.6], [0.8, 0.8]),
    arrivalToRelease: interval([1.8, 2.1], [1.5, 1.6], [3.9, 4.2], [5, 5.3]),
    arrivalToExit: interval([2.1, 2.4], [1.8, 1.9], [4.5, 4.8], [5.8, 6.1]),
  },
  releasedWithin: { h1: twoReplications(0.3, 0.34), h6: twoReplications(0.95, 0.96), h24: twoReplications(1, 1) },
  cost: {
    currency: 'CNY',
    totalMinor: twoReplications(1_210_000, 1_220_000),
    items: [
      { item: 'broker-fee', title: "Customs broker's declaration fee", kind: 'fee', amountMinor: twoReplications(45_000, 45_000) },
      { item: 'port-charges', title: 'Border-crossing fees per truck', kind: 'fee', amountMinor: twoReplications(254_000, 254_000) },
      { item: 'duties-and-taxes', title: 'Duties and import VAT', kind: 'tax', amountMinor: twoReplications(900_000, 910_000) },
      { item: 'green-lane-fee', title: 'Green lane booking', kind: 'fee', amountMinor: twoReplications(11_000, 11_000) },
    ],
  },
};

export function sampleReport(): Report {
  return {
    schemaVersion: 3,
    scenario: {
      name: 'bakhtu-green-channel',
      title: 'Bakhtu produce <&> "green", channel',
      description: 'Fresh grapes and melons through Bakhtu by road, before and after the green channel.',
      start: '2024-07-01',
      horizonHours: 720,
      warmUpHours: 48,
      drainHours: 2160,
      replications: 2,
      seed: 42,
      unlimitedResources: false,
    },
    warnings: [],
    options: [structuredClone(baseline), structuredClone(greenChannel)],
    differences: [
      { option: 'green-channel', against: 'baseline', metric: 'arrivalToRelease.meanHours', difference: twoReplications(-2.1, -2.04), relative: -2.07 / 4.02 },
      { option: 'green-channel', against: 'baseline', metric: 'releasedWithin.h24', difference: twoReplications(0.01, 0), relative: 0.005 / 0.995 },
      { option: 'green-channel', against: 'baseline', metric: 'cost.totalMinor', difference: twoReplications(-24_567, -30_000), relative: -27_283.5 / 1_242_283.5 },
    ],
    calibration: [
      {
        figure: 'Green channel: fruit and vegetable clearance ~4 h -> ~2 h (Khorgos)',
        source: 'calibration.md §3.1, https://www.example.org/green-channel',
        option: 'green-channel',
        metric: 'arrivalToReleaseHours',
        unit: 'hours',
        kind: 'value',
        published: 2,
        tolerance: 0.15,
        atLeast: 1.7,
        atMost: 2.3,
        simulated: twoReplications(1.8, 2.1),
        deviation: 0.025,
        passed: true,
      },
      {
        figure: 'Broker, fees and "waiting" per declaration',
        source: 'calibration.md §7',
        option: 'baseline',
        metric: 'costPerDeclarationCny',
        unit: 'CNY',
        kind: 'value',
        published: 9000,
        tolerance: 0.15,
        atLeast: 7650,
        atMost: 10350,
        simulated: twoReplications(12_345.67, 12_500),
        deviation: 0.380314,
        passed: false,
      },
      {
        figure: 'Produce clearance 2-3 days before the channel',
        source: 'rules.md §1.1, https://www.example.org/before',
        option: 'baseline',
        metric: 'arrivalToExitHours',
        unit: 'hours',
        kind: 'range',
        published: null,
        tolerance: null,
        atLeast: 48,
        atMost: 72,
        simulated: twoReplications(4.2, 4.46),
        deviation: null,
        passed: false,
      },
      {
        figure: 'Produce clearance under 3 h with the channel',
        source: 'rules.md §1.1, https://www.example.org/after',
        option: 'green-channel',
        metric: 'arrivalToExitHours',
        unit: 'hours',
        kind: 'range',
        published: null,
        tolerance: null,
        atLeast: null,
        atMost: 3,
        simulated: twoReplications(2.1, 2.4),
        deviation: null,
        passed: true,
      },
    ],
  };
}

/**
 * The sample scenario with baseline's inspection bay overloaded: its queue grew in both replications
 * and still held requests when the replay stopped, 30.5 of its 1,200 counted declarations per
 * replication had not finished, and in the second replication none of the melons did, so their
 * segment has no time or cost (NaN).
 */
export function overloadedReport(): Report {
  const report = sampleReport();
  const base = report.options[0];
  base.unfinished = { declarations: twoReplications(30, 31), notReleased: twoReplications(28, 29), notExited: twoReplications(30, 31) };
  Object.assign(base.resources[0], { utilisation: twoReplications(0.99, 1), queueAtHorizon: twoReplications(610, 650), queueAtEnd: twoReplications(30, 31) });
  base.byCommodity[1] = { ...base.byCommodity[1], arrivalToReleaseHours: { mean: NaN, ci95: null }, arrivalToExitHours: { mean: NaN, ci95: null }, costMinor: { mean: NaN, ci95: null } };
  report.warnings = [
    {
      kind: 'unfinished',
      option: 'baseline',
      resource: null,
      replications: 2,
      message: '30.5 of 1,200.0 counted declarations per replication (2.5%) had not finished when the replay stopped, 90 days after the horizon, in 2 of 2 replications.',
    },
    {
      kind: 'overloaded',
      option: 'baseline',
      resource: 'bakhtu/inspection-bay',
      replications: 2,
      message: 'bakhtu/inspection-bay (2 units): its queue kept growing in 2 of 2 replications.',
    },
  ];
  return report;
}
