// Calibration: every bundled scenario is replayed with its own seed and replications, and the mean of
// each figure it is calibrated to must lie within the figure's tolerance (±15 %) of a published value,
// or inside a published range or bound (issue 5, calibration.md §0). Replications run in this thread:
// worker start-up would cost more than these small replays.

import { ReferenceIndex } from '../src/reference/domain/reference-index';
import { loadReferenceData } from '../src/reference/seeds/load-reference-data';
import { runReplay } from '../src/replay/application/replay-runner';
import type { CalibrationCheck } from '../src/reports/domain/report';
import { type BundledScenario, bundledScenarioFiles, bundledScenariosDir, loadBundledScenarios } from '../src/scenarios/application/scenario-loader';

/** Scenarios with at least one published target: issue 5 asks for eight; ten are today. */
const MIN_CALIBRATED = 10;
/** Per scenario: its replications under every option, in this thread. */
const REPLAY_TIMEOUT_MS = 120_000;

const names = bundledScenarioFiles(bundledScenariosDir()).map((f) => f.replace(/^.*\//, '').replace(/\.yaml$/, ''));

describe('calibration of the bundled scenarios', () => {
  const ref = new ReferenceIndex(loadReferenceData());
  let bundled: Map<string, BundledScenario>;

  beforeAll(async () => {
    const { scenarios, problems } = await loadBundledScenarios(ref);
    expect(problems).toEqual([]);
    bundled = new Map(scenarios.map((s) => [s.name, s]));
  });

  it(`has at least ${MIN_CALIBRATED} scenarios calibrated to a published figure; the others say they are not calibrated`, () => {
    const all = [...bundled.values()];
    expect(all.filter((s) => s.scenario.calibration.length > 0).length).toBeGreaterThanOrEqual(MIN_CALIBRATED);
    const unsaid = all.filter((s) => s.scenario.calibration.length === 0 && !/not calibrated/i.test(s.scenario.description)).map((s) => s.name);
    expect(unsaid).toEqual([]);
  });

  it.each(names)(
    '%s: the mean over its replications is within tolerance of every figure it names',
    async (name) => {
      const { scenario } = bundled.get(name)!;
      const report = await runReplay(scenario, ref, { workers: 0 });
      expect(report.calibration).toHaveLength(scenario.calibration.length);
      // One line per figure missed, so a failure names the scenario, the figure and both values.
      const missed = report.calibration
        .filter((c) => !c.passed)
        .map(
          (c) =>
            `${name}: "${c.figure}" (${c.option}, ${c.metric}): published ${published(c)}, ` +
            `simulated mean ${round(c.simulated.mean)}${c.simulated.ci95 ? ` [${round(c.simulated.ci95[0])}, ${round(c.simulated.ci95[1])}]` : ''}` +
            (c.deviation !== null && c.tolerance !== null ? `, deviation ${round(c.deviation * 100)} % > ${round(c.tolerance * 100)} %` : ''),
        );
      expect(missed).toEqual([]);
    },
    REPLAY_TIMEOUT_MS,
  );
});

/** The published figure as the scenario gives it: a value, a range, or a bound. */
function published(c: CalibrationCheck): string {
  if (c.published !== null) return `${c.published} ${c.unit}`;
  return `${c.atLeast ?? '-∞'} to ${c.atMost ?? '∞'} ${c.unit}`;
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}
