// npm run bench:engine: the discrete-event engine (Simulation + Resource) against a hand-written
// typed-array heap loop of the same model, in the same process, on the reference network of the
// calibration work: Poisson arrivals 1/min; document check c = 4, mean 3 min; 30 % then go to
// inspection, c = 2, mean 5 min; a third of those (10 % of all) then go to the lab, c = 1, mean
// 7.5 min; exponential services, FIFO queues. Every station runs at a load of 0.75.
//
// Both draw from the same named random streams (one per purpose), so they simulate the same
// consignments and must agree on the mean time in the system; the figures are compared only when
// they do. Each is warmed up, then timed three times; the fastest run of each counts.
// The last line is one JSON object with the figures. BENCH_CONSIGNMENTS overrides the 1,000,000.

import { performance } from 'node:perf_hooks';
import { RandomStream } from '../src/sim/random';
import { Resource } from '../src/sim/resource';
import { Simulation } from '../src/sim/simulation';

const ARRIVAL_MEAN_MINUTES = 1;
const DOCUMENT_CHECK = { units: 4, meanMinutes: 3 };
const INSPECTION = { units: 2, meanMinutes: 5, share: 0.3 };
const LAB = { units: 1, meanMinutes: 7.5, shareOfInspected: 1 / 3 };
const SEED = 2024;

interface Streams {
  arrivals: RandomStream;
  documentCheck: RandomStream;
  inspection: RandomStream;
  lab: RandomStream;
  toInspection: RandomStream;
  toLab: RandomStream;
}

function streams(): Streams {
  const root = new RandomStream(SEED, 'engine-bench');
  return {
    arrivals: root.fork('arrivals'),
    documentCheck: root.fork('service', 'document-check'),
    inspection: root.fork('service', 'inspection'),
    lab: root.fork('service', 'lab'),
    toInspection: root.fork('route', 'inspection'),
    toLab: root.fork('route', 'lab'),
  };
}

function exponential(stream: RandomStream, mean: number): number {
  return -mean * Math.log(1 - stream.next());
}

interface RunResult {
  seconds: number;
  events: number;
  meanMinutesInSystem: number;
}

/** The model on the engine: one handler per step, consignments as indexes. */
function runEngine(consignments: number): RunResult {
  const started = performance.now();
  const s = streams();
  const sim = new Simulation();
  const documentCheck = new Resource(sim, DOCUMENT_CHECK.units);
  const inspection = new Resource(sim, INSPECTION.units);
  const lab = new Resource(sim, LAB.units);
  const arrivedAt = new Float64Array(consignments);
  let minutesInSystem = 0;
  const leave = (i: number) => {
    minutesInSystem += sim.now - arrivedAt[i];
  };

  const labDone = sim.handler((i) => {
    lab.release();
    leave(i);
  });
  const labStart = sim.handler((i) => sim.schedule(sim.now + exponential(s.lab, LAB.meanMinutes), labDone, i));
  const inspectionDone = sim.handler((i) => {
    inspection.release();
    if (s.toLab.next() < LAB.shareOfInspected) lab.request(0, labStart, i);
    else leave(i);
  });
  const inspectionStart = sim.handler((i) => sim.schedule(sim.now + exponential(s.inspection, INSPECTION.meanMinutes), inspectionDone, i));
  const documentDone = sim.handler((i) => {
    documentCheck.release();
    if (s.toInspection.next() < INSPECTION.share) inspection.request(0, inspectionStart, i);
    else leave(i);
  });
  const documentStart = sim.handler((i) => sim.schedule(sim.now + exponential(s.documentCheck, DOCUMENT_CHECK.meanMinutes), documentDone, i));
  const arrive = sim.handler((i) => {
    arrivedAt[i] = sim.now;
    documentCheck.request(0, documentStart, i);
    if (i + 1 < consignments) sim.schedule(sim.now + exponential(s.arrivals, ARRIVAL_MEAN_MINUTES), arrive, i + 1);
  });

  sim.schedule(exponential(s.arrivals, ARRIVAL_MEAN_MINUTES), arrive, 0);
  sim.run();
  return { seconds: (performance.now() - started) / 1000, events: sim.eventsProcessed, meanMinutesInSystem: minutesInSystem / consignments };
}

const ARRIVAL = 0;
const DOCUMENT_DONE = 1;
const INSPECTION_DONE = 2;
const LAB_DONE = 3;

/** The same model as one loop over its own binary heap of (time, sequence, kind, consignment). */
function runHandLoop(consignments: number): RunResult {
  const started = performance.now();
  const s = streams();
  let capacity = 1024;
  let times = new Float64Array(capacity);
  let sequences = new Float64Array(capacity);
  let kinds = new Int32Array(capacity);
  let ids = new Int32Array(capacity);
  let size = 0;
  let sequence = 0;

  const push = (time: number, kind: number, id: number) => {
    if (size === capacity) {
      capacity *= 2;
      const t = new Float64Array(capacity);
      t.set(times);
      times = t;
      const q = new Float64Array(capacity);
      q.set(sequences);
      sequences = q;
      const k = new Int32Array(capacity);
      k.set(kinds);
      kinds = k;
      const d = new Int32Array(capacity);
      d.set(ids);
      ids = d;
    }
    const seq = sequence++;
    let i = size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (times[parent] <= time) break;
      times[i] = times[parent];
      sequences[i] = sequences[parent];
      kinds[i] = kinds[parent];
      ids[i] = ids[parent];
      i = parent;
    }
    times[i] = time;
    sequences[i] = seq;
    kinds[i] = kind;
    ids[i] = id;
  };

  const pop = () => {
    const n = --size;
    if (n === 0) return;
    const time = times[n];
    const seq = sequences[n];
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= n) break;
      if (child + 1 < n && (times[child + 1] < times[child] || (times[child + 1] === times[child] && sequences[child + 1] < sequences[child]))) child++;
      if (times[child] > time || (times[child] === time && sequences[child] > seq)) break;
      times[i] = times[child];
      sequences[i] = sequences[child];
      kinds[i] = kinds[child];
      ids[i] = ids[child];
      i = child;
    }
    times[i] = time;
    sequences[i] = seq;
    kinds[i] = kinds[n];
    ids[i] = ids[n];
  };

  // One FIFO per station, as a ring of consignment indexes.
  const queues = [new Int32Array(consignments), new Int32Array(consignments), new Int32Array(consignments)];
  const heads = [0, 0, 0];
  const tails = [0, 0, 0];
  const busy = [0, 0, 0];
  const units = [DOCUMENT_CHECK.units, INSPECTION.units, LAB.units];
  const services = [s.documentCheck, s.inspection, s.lab];
  const means = [DOCUMENT_CHECK.meanMinutes, INSPECTION.meanMinutes, LAB.meanMinutes];
  const doneKinds = [DOCUMENT_DONE, INSPECTION_DONE, LAB_DONE];

  let now = 0;
  let events = 0;
  const arrivedAt = new Float64Array(consignments);
  let minutesInSystem = 0;

  const join = (station: number, id: number) => {
    if (busy[station] < units[station]) {
      busy[station]++;
      push(now + exponential(services[station], means[station]), doneKinds[station], id);
    } else {
      queues[station][tails[station]++] = id;
    }
  };
  const finish = (station: number) => {
    if (heads[station] < tails[station]) {
      const next = queues[station][heads[station]++];
      push(now + exponential(services[station], means[station]), doneKinds[station], next);
    } else {
      busy[station]--;
    }
  };

  push(exponential(s.arrivals, ARRIVAL_MEAN_MINUTES), ARRIVAL, 0);
  while (size > 0) {
    now = times[0];
    const kind = kinds[0];
    const id = ids[0];
    pop();
    events++;
    switch (kind) {
      case ARRIVAL:
        arrivedAt[id] = now;
        join(0, id);
        if (id + 1 < consignments) push(now + exponential(s.arrivals, ARRIVAL_MEAN_MINUTES), ARRIVAL, id + 1);
        break;
      case DOCUMENT_DONE:
        finish(0);
        if (s.toInspection.next() < INSPECTION.share) join(1, id);
        else minutesInSystem += now - arrivedAt[id];
        break;
      case INSPECTION_DONE:
        finish(1);
        if (s.toLab.next() < LAB.shareOfInspected) join(2, id);
        else minutesInSystem += now - arrivedAt[id];
        break;
      case LAB_DONE:
        finish(2);
        minutesInSystem += now - arrivedAt[id];
        break;
    }
  }
  return { seconds: (performance.now() - started) / 1000, events, meanMinutesInSystem: minutesInSystem / consignments };
}

export async function engineBenchmark(
  consignments: number,
): Promise<{ engineSeconds: number; handLoopSeconds: number; engineEventsPerSecond: number; events: number }> {
  runEngine(Math.min(consignments, 100_000));
  runHandLoop(Math.min(consignments, 100_000));
  let engine: RunResult | undefined;
  let hand: RunResult | undefined;
  for (let round = 0; round < 3; round++) {
    const e = runEngine(consignments);
    const h = runHandLoop(consignments);
    if (engine === undefined || e.seconds < engine.seconds) engine = e;
    if (hand === undefined || h.seconds < hand.seconds) hand = h;
    // Yield between rounds so a caller's progress output can be written.
    await new Promise((resolve) => setImmediate(resolve));
  }
  if (Math.abs(engine!.meanMinutesInSystem - hand!.meanMinutesInSystem) > 1e-9 * hand!.meanMinutesInSystem) {
    throw new Error(`the engine and the hand loop disagree: ${engine!.meanMinutesInSystem} vs ${hand!.meanMinutesInSystem} minutes in the system`);
  }
  return {
    engineSeconds: round3(engine!.seconds),
    handLoopSeconds: round3(hand!.seconds),
    engineEventsPerSecond: Math.round(engine!.events / engine!.seconds),
    events: engine!.events,
  };
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}

if (require.main === module) {
  const consignments = Number(process.env.BENCH_CONSIGNMENTS ?? 1_000_000);
  void engineBenchmark(consignments).then((figures) => {
    console.log(`engine: ${figures.events.toLocaleString('en')} events in ${figures.engineSeconds} s = ${figures.engineEventsPerSecond.toLocaleString('en')} events/s`);
    console.log(`hand-written loop: ${figures.handLoopSeconds} s; engine / hand loop = ${(figures.engineSeconds / figures.handLoopSeconds).toFixed(2)}`);
    console.log(JSON.stringify({ ...figures, consignments }));
  });
}
