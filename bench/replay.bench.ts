// npm run bench:replay: the figures of issue 5, "Speed and scale". (a) The engine alone on the
// reference network of the calibration work, beside a hand-written typed-array heap loop of the same
// model (bench/engine.bench.ts). (b) A full replay through runReplay, one replication per option, so
// the two options run in parallel on two worker threads and are merged in a fixed order, of a mix of
// the reforms' example declarations at their own ports (Khorgos road and rail, Irkeshtam, Bakhtu,
// Alashankou) with the seeded resources and opening hours, under `baseline` and `overall-plan-2023`:
// first 100,000 and then 1,000,000 declarations per option, so that the growth can be checked.
//
// The streams keep hourly rates each port sustains for years with its seeded resources (6.6
// declarations an hour in all), so the horizon is what grows: about 1.7 years for 100,000
// declarations and 17 years for 1,000,000. No warm-up: every declaration that arrives is counted.
// The replay's time is wall time from the call to the rendered JSON report, worker start-up and
// report building included; its memory is the peak resident set size of the process, worker threads
// included (they share it). The replays run before the engine figures, so the peak is theirs.
//
// The last line is one JSON object. BENCH_DECLARATIONS overrides the 1,000,000 (the small run is a
// tenth of it); BENCH_CONSIGNMENTS, the engine's 1,000,000.

import { performance } from 'node:perf_hooks';
import type { Declaration } from '../src/planning/domain/declaration';
import type { ArrivalStream, Scenario } from '../src/scenarios/domain/scenario';
import { engineBenchmark } from './engine.bench';

// The replay runs from the build (`npm run build`, which the npm script runs first): its worker
// threads then load compiled JavaScript instead of compiling the sources with ts-node each, which
// would add seconds and hundreds of MiB to the figures. The types are the sources'.
/* eslint-disable @typescript-eslint/no-require-imports */
const dist = (path: string): unknown => require(`../dist/${path}`);
const { runReplay } = dist('replay/application/replay-runner') as typeof import('../src/replay/application/replay-runner');
const { ReferenceIndex } = dist('reference/domain/reference-index') as typeof import('../src/reference/domain/reference-index');
const { loadReferenceData } = dist('reference/seeds/load-reference-data') as typeof import('../src/reference/seeds/load-reference-data');
const { renderReport } = dist('reports/domain/render-report') as typeof import('../src/reports/domain/render-report');
const { REFORMS } = dist('planning/domain/reforms/reform-catalogue') as typeof import('../src/planning/domain/reforms/reform-catalogue');
/* eslint-enable @typescript-eslint/no-require-imports */

const OPTIONS = ['baseline', 'overall-plan-2023'];

/** Border-crossing hours (10:00-19:00) weigh more at Irkeshtam; mean 1 over the day. */
const DAYTIME = [0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.4, 1.0, 1.8, 2.6, 2.6, 1.8, 2.2, 2.4, 2.4, 1.8, 1.4, 1.0, 0.7, 0.5, 0.3, 0.2, 0.2];
/** Farm produce reaches the border in the morning; mean 1 over the day. */
const MORNING = [0.2, 0.2, 0.2, 0.2, 0.2, 0.2, 0.6, 1.2, 2.4, 3.0, 3.0, 2.4, 2.0, 1.8, 1.4, 1.2, 1.0, 0.8, 0.6, 0.4, 0.3, 0.3, 0.2, 0.2];

/** The example declaration of a reform. */
function example(reformId: string): Declaration {
  const reform = REFORMS.find((r) => r.id === reformId);
  if (!reform) throw new Error(`no reform '${reformId}'`);
  return reform.example;
}

function stream(name: string, declaration: Declaration, ratePerHour: number, fields: Partial<ArrivalStream> = {}): ArrivalStream {
  return { name, ratePerHour, hourlyProfile: null, declaration, commodity: name, procedure: 'full', advance: false, ...fields };
}

/** Road ports Khorgos, Irkeshtam and Bakhtu; rail ports Khorgos and Alashankou. */
const STREAMS: ArrivalStream[] = [
  stream('khorgos-knitwear-export', example('origin-smart-review'), 2.0, { advance: true }),
  stream('khorgos-computer-import', example('two-step-declaration'), 1.0, { procedure: 'two-step' }),
  stream('khorgos-car-parts-import', example('advance-declaration'), 0.8, { advance: true }),
  stream('khorgos-electronics-import-aeo', example('aeo-treatment'), 1.0),
  stream('khorgos-mutual-trade', example('mutual-trade-tiered-inspection'), 0.6),
  stream('irkeshtam-knitwear-export-tir', example('tir'), 0.3, { hourlyProfile: DAYTIME }),
  stream('irkeshtam-cherry-import', example('one-plus-n-inspection'), 0.3, { hourlyProfile: DAYTIME }),
  stream('bakhtu-grape-export', example('green-channel'), 0.3, { hourlyProfile: MORNING }),
  stream('khorgos-rail-import', example('railway-fast-clearance'), 0.3),
  stream('alashankou-copper-import', example('port-plus-unloading-place'), 0.02),
  stream('alashankou-copper-import-inspected', example('third-party-inspection'), 0.02),
];

/** One replication per option, horizon set so that `declarations` arrive per option on average. */
export function scenarioFor(declarations: number): Scenario {
  const ratePerHour = STREAMS.reduce((sum, s) => sum + s.ratePerHour, 0);
  return {
    name: 'bench-replay',
    title: 'Replay benchmark: reform examples at their ports',
    description: '',
    calibration: [],
    start: '2024-01-01',
    horizonHours: Math.round(declarations / ratePerHour),
    warmUpHours: 0,
    replications: 1,
    seed: 20240101,
    options: OPTIONS,
    unlimitedResources: false,
    sites: {},
    arrivals: STREAMS,
    recorded: [],
  };
}

interface ReplayFigures {
  /** Declarations replayed per option (mean over the options). */
  declarations: number;
  replaySeconds: number;
  replayPeakRssMiB: number;
}

async function replayBenchmark(ref: InstanceType<typeof ReferenceIndex>, declarations: number): Promise<ReplayFigures> {
  const scenario = scenarioFor(declarations);
  const started = performance.now();
  const report = await runReplay(scenario, ref, {
    workers: OPTIONS.length,
    onProgress: ({ done, total }) => console.log(`  ${done}/${total} replications done after ${((performance.now() - started) / 1000).toFixed(1)} s`),
  });
  const json = renderReport(report, 'json');
  const replaySeconds = (performance.now() - started) / 1000;
  const peakRss = process.resourceUsage().maxRSS / 1024;
  if (json.length === 0) throw new Error('the report is empty');
  const counted = report.options.map((o) => o.declarations.mean);
  return { declarations: Math.round(counted.reduce((a, b) => a + b, 0) / counted.length), replaySeconds: round3(replaySeconds), replayPeakRssMiB: Math.round(peakRss) };
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}

async function main(): Promise<void> {
  const declarations = Number(process.env.BENCH_DECLARATIONS ?? 1_000_000);
  const consignments = Number(process.env.BENCH_CONSIGNMENTS ?? 1_000_000);
  const ref = new ReferenceIndex(loadReferenceData());

  console.log(`replay of ${(declarations / 10).toLocaleString('en')} declarations per option under ${OPTIONS.join(' and ')}`);
  const small = await replayBenchmark(ref, declarations / 10);
  console.log(JSON.stringify({ declarations100k: small.declarations, replaySeconds100k: small.replaySeconds, replayPeakRssMiB100k: small.replayPeakRssMiB }));
  console.log(`replay of ${declarations.toLocaleString('en')} declarations per option`);
  const large = await replayBenchmark(ref, declarations);
  console.log(JSON.stringify({ declarations: large.declarations, replaySeconds: large.replaySeconds, replayPeakRssMiB: large.replayPeakRssMiB }));
  console.log(`growth ${small.declarations.toLocaleString('en')} -> ${large.declarations.toLocaleString('en')}: time x${(large.replaySeconds / small.replaySeconds).toFixed(1)}`);

  console.log(`engine alone: ${consignments.toLocaleString('en')} consignments`);
  const engine = await engineBenchmark(consignments);
  console.log(`engine: ${engine.events.toLocaleString('en')} events in ${engine.engineSeconds} s; hand loop ${engine.handLoopSeconds} s`);

  console.log(
    JSON.stringify({
      engineSeconds: engine.engineSeconds,
      handLoopSeconds: engine.handLoopSeconds,
      engineEventsPerSecond: engine.engineEventsPerSecond,
      declarations: large.declarations,
      replaySeconds: large.replaySeconds,
      replayPeakRssMiB: large.replayPeakRssMiB,
      declarations100k: small.declarations,
      replaySeconds100k: small.replaySeconds,
      replayPeakRssMiB100k: small.replayPeakRssMiB,
    }),
  );
}

if (require.main === module) void main();
