// npm run bench:plan: how many plans per second the planner makes, for a stream that mixes every
// reform's example declaration with varied traders, values and conveyances (what replay feeds it).
// Cached: declarations of a class already seen; uncached: a fresh planner for every class.
// The last line is one JSON object with the figures.

import { performance } from 'node:perf_hooks';
import type { Declaration } from '../src/planning/domain/declaration';
import { Planner } from '../src/planning/domain/planner';
import { REFORMS } from '../src/planning/domain/reforms/reform-catalogue';
import { ReferenceIndex } from '../src/reference/domain/reference-index';
import { loadReferenceData } from '../src/reference/seeds/load-reference-data';

const DECLARATIONS = Number(process.env.BENCH_DECLARATIONS ?? 200_000);
const ref = new ReferenceIndex(loadReferenceData());
const credit = ['general', 'advanced-aeo', 'general-aeo'] as const;

/** A deterministic stream: example i, with a value and conveyance count that vary declaration by declaration. */
function stream(n: number): Array<{ declaration: Declaration; option: string }> {
  const out: Array<{ declaration: Declaration; option: string }> = [];
  for (let i = 0; i < n; i++) {
    const reform = REFORMS[i % REFORMS.length];
    const base = reform.example;
    const declaration: Declaration = {
      ...base,
      trader: { ...base.trader, creditClass: reform.id === 'aeo-treatment' ? 'advanced-aeo' : credit[(i >> 4) % credit.length] },
      conveyances: 1 + (i % 7),
      goods: base.goods.map((g) => ({ ...g, customsValueMinor: g.customsValueMinor + (i % 1000) * 100 })),
    };
    out.push({ declaration, option: i % 2 === 0 ? 'baseline' : 'overall-plan-2023' });
  }
  return out;
}

function measure(label: string, run: () => number): number {
  const started = performance.now();
  const count = run();
  const seconds = (performance.now() - started) / 1000;
  const perSecond = Math.round(count / seconds);
  console.log(`${label}: ${count} plans in ${seconds.toFixed(2)} s = ${perSecond.toLocaleString('en')} plans/s`);
  return perSecond;
}

const requests = stream(DECLARATIONS);
const planner = new Planner(ref, REFORMS);
let checksum = 0;
const cached = measure('cached (one planner, repeated declaration classes)', () => {
  for (const r of requests) checksum += planner.plan(r).expected.cost.totalMinor;
  return requests.length;
});
const coldCount = Math.min(2_000, DECLARATIONS);
const uncached = measure('uncached (a new planner per declaration)', () => {
  for (const r of requests.slice(0, coldCount)) checksum += new Planner(ref, REFORMS).plan(r).expected.cost.totalMinor;
  return coldCount;
});
console.log(`checksum ${checksum}`);
console.log(JSON.stringify({ plansPerSecond: cached, uncachedPlansPerSecond: uncached, declarations: DECLARATIONS }));
