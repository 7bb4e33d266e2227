import { reference } from '../../planning/domain/testing/planning.test-kit';
import { INTERVAL_IDS } from '../../reports/domain/report';
import type { CalibrationTarget } from '../../scenarios/domain/scenario';
import type { ReplicationFigures, ResourceSummary } from './replication-figures';
import { buildReport, calibrationChecks, overloaded } from './replay-report';
import { scenarioOf } from './testing/scenario.test-kit';

/** A replication whose every interval has the mean `hours` and whose cost is `costMinor` fen per declaration. */
function replication(replication: number, hours: number, costMinor = 0): ReplicationFigures {
  const interval = { mean: hours, p50: hours, p90: hours, p95: hours };
  return {
    option: 'baseline',
    replication,
    declarations: 10,
    finished: 10,
    unfinished: { declarations: 0, notReleased: 0, notExited: 0 },
    intervals: Object.fromEntries(INTERVAL_IDS.map((id) => [id, interval])) as ReplicationFigures['intervals'],
    releasedWithin: { h1: 0, h6: 0, h24: 1 },
    steps: [],
    agencies: [],
    resources: [],
    cost: { totalMinor: costMinor, items: [] },
    byPort: [],
    byCommodity: [],
    events: 0,
  };
}

const common = { figure: 'a figure', source: 'rules.md §6.4', option: 'baseline', metric: 'arrivalToExitHours', unit: 'hours' } as const;

/** The checks of `targets` over two replications whose means average `mean` hours. */
function checks(mean: number, ...targets: CalibrationTarget[]) {
  const byOption = new Map([['baseline', [replication(1, mean - 1, 90_000), replication(2, mean + 1, 110_000)]]]);
  return calibrationChecks(scenarioOf({ calibration: targets }), byOption);
}

describe('calibrationChecks', () => {
  it('checks a published value within its relative tolerance, and says which interval that is', () => {
    const [check] = checks(17, { ...common, kind: 'value', value: 16.3, tolerance: 0.15 });
    expect(check).toEqual({
      ...common,
      kind: 'value',
      published: 16.3,
      tolerance: 0.15,
      atLeast: 16.3 * 0.85,
      atMost: 16.3 * 1.15,
      simulated: { mean: 17, ci95: [expect.any(Number), expect.any(Number)] },
      deviation: expect.closeTo(0.7 / 16.3, 12),
      passed: true,
    });
    expect(checks(19, { ...common, kind: 'value', value: 16.3, tolerance: 0.15 })[0].passed).toBe(false);
  });

  it('checks a published range on the mean, bounds included, with no value, tolerance or deviation', () => {
    const range: CalibrationTarget = { ...common, kind: 'range', atLeast: 48, atMost: 72 };
    expect(checks(57, range)[0]).toEqual({ ...common, kind: 'range', published: null, tolerance: null, atLeast: 48, atMost: 72, simulated: expect.objectContaining({ mean: 57 }), deviation: null, passed: true });
    expect([47.99, 48, 72, 72.01].map((mean) => checks(mean, range)[0].passed)).toEqual([false, true, true, false]);
  });

  it('checks a bound from one side only, the other end open', () => {
    const under16: CalibrationTarget = { ...common, kind: 'range', atLeast: null, atMost: 16 };
    expect([0.5, 15.9, 16, 16.1].map((mean) => checks(mean, under16)[0].passed)).toEqual([true, true, true, false]);
    const over2: CalibrationTarget = { ...common, kind: 'range', atLeast: 2, atMost: null };
    expect([1.9, 2, 500].map((mean) => checks(mean, over2)[0].passed)).toEqual([false, true, true]);
  });

  it('reads costs in yuan, as published, from the report\'s fen', () => {
    const [check] = checks(5, { ...common, metric: 'costPerDeclarationCny', unit: 'CNY', kind: 'range', atLeast: 900, atMost: 1100 });
    expect(check.simulated.mean).toBe(1000);
    expect(check.passed).toBe(true);
  });
});

/** A resource of one replication: `fields` over a bay busy 80 % of the time, with no queue. */
function bay(fields: Partial<ResourceSummary> = {}): ResourceSummary {
  return { site: 'bakhtu', kind: 'inspection-bay', capacity: 2, utilisation: 0.8, outOfHoursWorkHours: 0, waitHours: 0.5, served: 100, queueAtWarmUp: 0, queueAtHorizon: 0, queueAtEnd: 0, ...fields };
}

describe('overloaded', () => {
  it('flags a resource with no spare time whose queue grew by more than 5 % of what it served', () => {
    expect(overloaded(bay({ utilisation: 0.99, queueAtWarmUp: 3, queueAtHorizon: 40 }))).toBe(true);
    expect(overloaded(bay({ utilisation: 0.95, queueAtWarmUp: 0, queueAtHorizon: 6 }))).toBe(true);
    // Busy but stable: about as many waiting at the horizon as at the end of the warm-up.
    expect(overloaded(bay({ utilisation: 0.97, queueAtWarmUp: 3, queueAtHorizon: 8 }))).toBe(false);
    // A long queue at the horizon (a weekend's arrivals) at a resource with spare time while open.
    expect(overloaded(bay({ utilisation: 0.7, queueAtWarmUp: 0, queueAtHorizon: 60 }))).toBe(false);
  });

  it('flags a resource never available whose queue grew, and any that still had requests waiting at the end', () => {
    expect(overloaded(bay({ utilisation: NaN, served: 0, queueAtHorizon: 4 }))).toBe(true);
    expect(overloaded(bay({ utilisation: NaN, served: 0 }))).toBe(false);
    expect(overloaded(bay({ utilisation: 0.5, queueAtEnd: 1 }))).toBe(true);
  });
});

describe('buildReport', () => {
  const ref = reference();
  /** Two replications: the second overloads the bay and leaves `unfinished` of its 10 declarations unfinished. */
  function overloadedRun(unfinished: number) {
    const calm = { ...replication(1, 4), resources: [bay()] };
    const jammed: ReplicationFigures = {
      ...replication(2, 6),
      finished: 10 - unfinished,
      unfinished: { declarations: unfinished, notReleased: unfinished, notExited: unfinished },
      resources: [bay({ utilisation: 1, queueAtWarmUp: 2, queueAtHorizon: 30, queueAtEnd: 4 })],
    };
    if (unfinished === 10) {
      jammed.intervals = Object.fromEntries(INTERVAL_IDS.map((id) => [id, { mean: NaN, p50: NaN, p90: NaN, p95: NaN }])) as ReplicationFigures['intervals'];
      jammed.cost = { totalMinor: NaN, items: [] };
    }
    return buildReport(scenarioOf({ replications: 2 }), ['baseline'], ref, new Map([['baseline', [calm, jammed]]]));
  }

  it('averages a wait per run or per request over the replications where the step ran or the resource served', () => {
    const step = (runs: number, waitHours: number) => ({ id: 'lab-test', title: 'Laboratory test', agency: 'customs', interval: 'lab', runs, waitHours, serviceHours: waitHours / 2 });
    const byOption = new Map([
      [
        'baseline',
        [
          { ...replication(1, 4), steps: [step(2, 10)], resources: [bay({ served: 5, waitHours: 3 })] },
          { ...replication(2, 4), steps: [], resources: [] },
          { ...replication(3, 4), steps: [step(0, 0)], resources: [bay({ served: 0, waitHours: 0 })] },
          { ...replication(4, 4), steps: [step(1, 20)], resources: [bay({ served: 4, waitHours: 5 })] },
        ],
      ],
    ]);
    const [option] = buildReport(scenarioOf({ replications: 4 }), ['baseline'], ref, byOption).options;
    // The lab ran in replications 1 and 4 only: its mean wait is theirs, not diluted by the others' nothing.
    expect(option.steps[0].waitHours.mean).toBe(15);
    expect(option.steps[0].serviceHours.mean).toBe(7.5);
    expect(option.steps[0].runShare.mean).toBeCloseTo((0.2 + 0 + 0 + 0.1) / 4, 12);
    expect(option.resources[0].waitHours.mean).toBe(4);
    expect(option.resources[0].served.mean).toBe(9 / 4);
  });

  it('has no warnings when every declaration finished and no queue grew', () => {
    const report = buildReport(scenarioOf(), ['baseline'], ref, new Map([['baseline', [replication(1, 4), replication(2, 6)]]]));
    expect(report.warnings).toEqual([]);
    expect(report.scenario.drainHours).toBe(90 * 24);
    expect(report.options[0].unfinished.declarations).toEqual({ mean: 0, ci95: [0, 0] });
  });

  it('warns of the unfinished declarations and of the overloaded resource, saying in how many replications and with the figures', () => {
    const report = overloadedRun(3);
    expect(report.warnings.map(({ kind, option, resource, replications }) => ({ kind, option, resource, replications }))).toEqual([
      { kind: 'unfinished', option: 'baseline', resource: null, replications: 1 },
      { kind: 'overloaded', option: 'baseline', resource: 'bakhtu/inspection-bay', replications: 1 },
    ]);
    const [unfinished, bayWarning] = report.warnings.map((w) => w.message);
    expect(unfinished).toMatch(/^1\.5 of 10\.0 counted declarations per replication \(15\.0%\) had not finished when the replay stopped, 90 days after the horizon, in 1 of 2 replications: 1\.5 not yet released, 1\.5 not yet exited\./);
    expect(unfinished).toContain('over the finished declarations only');
    expect(unfinished).not.toContain('none finished');
    expect(bayWarning).toBe(
      'bakhtu/inspection-bay (2 units): its queue kept growing in 1 of 2 replications. It was busy 90.0% of its available time; requests waiting: 1.0 at the end of the warm-up, 15.0 at the horizon, 2.0 when the replay stopped (means over replications). ' +
        'Demand outruns what it can serve, so waits grow with the horizon: the time figures describe this horizon, not a steady state.',
    );
    expect(report.options[0].resources[0].queueAtEnd.mean).toBe(2);
  });

  it('gives no value for a time or cost figure when a replication finished no declaration, and says so', () => {
    const report = overloadedRun(10);
    expect(report.options[0].intervals.arrivalToRelease.meanHours).toEqual({ mean: NaN, ci95: null });
    expect(report.options[0].cost.totalMinor).toEqual({ mean: NaN, ci95: null });
    expect(report.options[0].declarations.mean).toBe(10);
    expect(report.warnings[0].message).toContain('In 1 replication(s) none finished, so those figures have no value (n/a).');
  });

  it('fails a calibration check of a figure with no value, and compares no difference on it', () => {
    const nan = { ...replication(1, NaN), finished: 0 };
    const byOption = new Map([
      ['baseline', [replication(1, 4), replication(2, 6)]],
      ['tir', [nan, { ...nan, replication: 2 }]],
    ]);
    const target: CalibrationTarget = { ...common, option: 'tir', kind: 'value', value: 5, tolerance: 0.15 };
    const report = buildReport(scenarioOf({ calibration: [target], options: ['baseline', 'tir'] }), ['baseline', 'tir'], ref, byOption);
    expect(report.calibration[0]).toMatchObject({ deviation: null, passed: false, simulated: { mean: NaN, ci95: null } });
    expect(report.differences.find((d) => d.metric === 'arrivalToRelease.meanHours')).toMatchObject({ difference: { mean: NaN, ci95: null }, relative: null });
  });
});
