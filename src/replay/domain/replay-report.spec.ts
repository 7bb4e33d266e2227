import { INTERVAL_IDS } from '../../reports/domain/report';
import type { CalibrationTarget } from '../../scenarios/domain/scenario';
import type { ReplicationFigures } from './replication-figures';
import { calibrationChecks } from './replay-report';
import { scenarioOf } from './testing/scenario.test-kit';

/** A replication whose every interval has the mean `hours` and whose cost is `costMinor` fen per declaration. */
function replication(replication: number, hours: number, costMinor = 0): ReplicationFigures {
  const interval = { mean: hours, p50: hours, p90: hours, p95: hours };
  return {
    option: 'baseline',
    replication,
    declarations: 10,
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
