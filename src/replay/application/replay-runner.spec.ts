import { greenChannel } from '../../planning/domain/reforms/green-channel.reform';
import { reference } from '../../planning/domain/testing/planning.test-kit';
import { REPORT_FORMATS, renderReport } from '../../reports/domain/render-report';
import { overloadedScenario, scenarioOf, streamOf } from '../domain/testing/scenario.test-kit';
import { ReplayCancelled, runReplay } from './replay-runner';

const ref = reference();
const scenario = scenarioOf({
  arrivals: [streamOf('grapes', greenChannel.example, 2)],
  options: ['baseline', 'green-channel'],
  replications: 3,
  calibration: [
    { figure: 'a test figure', source: 'none', option: 'green-channel', metric: 'arrivalToReleaseHours', kind: 'value', value: 2, unit: 'hours', tolerance: 0.15 },
    { figure: 'a test bound', source: 'none', option: 'baseline', metric: 'arrivalToExitHours', kind: 'range', atLeast: null, atMost: 1000, unit: 'hours' },
  ],
});

describe('runReplay', () => {
  it('estimates every option over its replications, with paired differences and calibration checks', async () => {
    const progress: number[] = [];
    const report = await runReplay(scenario, ref, { workers: 0, onProgress: (p) => progress.push(p.done) });
    expect(progress).toEqual([1, 2, 3, 4, 5, 6]);
    expect(report.options.map((o) => o.id)).toEqual(['baseline', 'green-channel']);
    expect(report.scenario.replications).toBe(3);
    const [base, green] = report.options;
    expect(base.intervals.arrivalToRelease.meanHours.ci95).not.toBeNull();
    expect(green.intervals.arrivalToRelease.meanHours.mean).toBeLessThan(base.intervals.arrivalToRelease.meanHours.mean);
    const difference = report.differences.find((d) => d.metric === 'arrivalToRelease.meanHours')!;
    expect(difference).toMatchObject({ option: 'green-channel', against: 'baseline' });
    expect(difference.difference.mean).toBeCloseTo(green.intervals.arrivalToRelease.meanHours.mean - base.intervals.arrivalToRelease.meanHours.mean, 9);
    // Common random numbers: the paired interval is narrower than the two options' intervals side by side.
    const width = (ci: [number, number] | null) => (ci ? ci[1] - ci[0] : Infinity);
    expect(width(difference.difference.ci95)).toBeLessThan(width(base.intervals.arrivalToRelease.meanHours.ci95) + width(green.intervals.arrivalToRelease.meanHours.ci95));
    expect(report.calibration).toEqual([
      expect.objectContaining({ option: 'green-channel', kind: 'value', published: 2, atLeast: 1.7, simulated: green.intervals.arrivalToRelease.meanHours }),
      expect.objectContaining({ option: 'baseline', kind: 'range', published: null, atMost: 1000, simulated: base.intervals.arrivalToExit.meanHours, passed: true }),
    ]);
  });

  it('gives the same bytes whether replications run in worker threads or in this one', async () => {
    const here = await runReplay(scenario, ref, { workers: 0 });
    const threads = await runReplay(scenario, ref, { workers: 2 });
    expect(renderReport(threads, 'json')).toBe(renderReport(here, 'json'));
  }, 60_000);

  it('reports a scenario its resources keep up with without warnings or unfinished declarations', async () => {
    const light = { ...scenario, arrivals: [streamOf('grapes', greenChannel.example, 0.5)] };
    const report = await runReplay(light, ref, { workers: 0 });
    expect(report.warnings).toEqual([]);
    for (const o of report.options) expect(o.unfinished.declarations.mean).toBe(0);
  });

  describe('given one inspection bay and arrivals at 3x its service rate', () => {
    const overloaded = overloadedScenario();
    let report: Awaited<ReturnType<typeof runReplay>>;
    beforeAll(async () => {
      report = await runReplay(overloaded, ref, { workers: 0 });
    });

    it('replays to a report that counts the unfinished declarations and names the bay', () => {
      const [option] = report.options;
      expect(option.unfinished.declarations.mean).toBeGreaterThan(100);
      expect(option.declarations.mean).toBeGreaterThan(option.unfinished.declarations.mean);
      expect(report.warnings.map((w) => [w.kind, w.resource, w.replications])).toEqual([
        ['unfinished', null, 2],
        ['overloaded', 'khorgos-road/inspection-bay', 2],
      ]);
      const bay = option.resources.find((r) => r.site === 'khorgos-road' && r.kind === 'inspection-bay')!;
      expect(bay.utilisation!.mean).toBeGreaterThan(0.99);
      expect(bay.queueAtHorizon.mean).toBeGreaterThan(1000);
      expect(bay.queueAtEnd.mean).toBeGreaterThan(0);
    });

    it.each(REPORT_FORMATS)('warns in %s, with the count and the bay', (format) => {
      const text = renderReport(report, format);
      const [unfinished] = report.warnings;
      expect(text).toContain(unfinished.message.slice(0, unfinished.message.indexOf(' per replication')));
      expect(text).toContain('had not finished when the replay stopped');
      expect(text).toContain('khorgos-road/inspection-bay (1 unit): its queue kept growing in 2 of 2 replications');
    });
  });

  it('stops when cancelled', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(runReplay(scenario, ref, { workers: 0, signal: controller.signal })).rejects.toBeInstanceOf(ReplayCancelled);
    await expect(runReplay(scenario, ref, { workers: 1, signal: controller.signal })).rejects.toBeInstanceOf(ReplayCancelled);
  });
});
