import { RandomStream } from '../../sim/random';
import { expectedTime } from './expected';
import { type ClearancePlan, CHANNELS, ancestors } from './plan';
import { type ExecutedStep, channelFor, declarationStream, executePlan } from './plan-execution';
import { REFORMS } from './reforms/reform-catalogue';
import { planner } from './testing/planning.test-kit';

const example = (id: string) => REFORMS.find((r) => r.id === id)!.example;
const planOf = (reformId: string, reforms: string[] = [reformId]): ClearancePlan => planner().plan({ declaration: example(reformId), reforms }).plan;
/** Computers imported by road at Khorgos, general trade, baseline rules. */
const importPlan = () => planOf('two-step-declaration', []);
const byId = (walk: ExecutedStep[]) => new Map(walk.map((s) => [s.stepId, s]));
const seeds = (n: number) => Array.from({ length: n }, (_, i) => i + 1);
const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
const standardError = (xs: number[]) => {
  const m = mean(xs);
  return Math.sqrt(xs.reduce((s, x) => s + (x - m) ** 2, 0) / (xs.length - 1) / xs.length);
};
const releaseHours = (plan: ClearancePlan, seed: number) => byId(executePlan(plan, declarationStream(seed, 'D-1'), 0)).get(plan.releaseStep)!.finishMinutes / 60;

describe('executePlan: a plan executed with unlimited resources', () => {
  describe('given an import plan and a seed', () => {
    it('then the same seed and declaration give the same walk, and another seed another one', () => {
      const plan = importPlan();
      const walk = executePlan(plan, declarationStream(42, 'D-1'), 1000);
      expect(executePlan(plan, declarationStream(42, 'D-1'), 1000)).toEqual(walk);
      expect(executePlan(plan, declarationStream(43, 'D-1'), 1000)).not.toEqual(walk);
      expect(executePlan(plan, declarationStream(42, 'D-2'), 1000)).not.toEqual(walk);
    });

    it('then every step appears once, in completion order with ties in plan order', () => {
      const plan = importPlan();
      for (const seed of seeds(50)) {
        const walk = executePlan(plan, declarationStream(seed, 'D-1'), 0);
        expect(walk.map((s) => s.stepId).sort()).toEqual(plan.steps.map((s) => s.id).sort());
        const order = (id: string) => plan.steps.findIndex((s) => s.id === id);
        for (let i = 1; i < walk.length; i++) {
          const [a, b] = [walk[i - 1], walk[i]];
          expect(a.finishMinutes < b.finishMinutes || (a.finishMinutes === b.finishMinutes && order(a.stepId) < order(b.stepId))).toBe(true);
        }
      }
    });

    it('then the channel is on the risk-decision step, and channel-conditioned steps run only in their channels', () => {
      const plan = importPlan();
      for (const seed of seeds(200)) {
        const walk = byId(executePlan(plan, declarationStream(seed, 'D-1'), 0));
        const channel = walk.get('electronic-review')!.channel!;
        expect(CHANNELS).toContain(channel);
        expect([...walk.values()].filter((s) => s.channel !== undefined).map((s) => s.stepId)).toEqual(['electronic-review']);
        expect(walk.get('documentary-check')!.ran).toBe(channel !== 'green');
        expect(walk.get('physical-inspection')!.ran).toBe(channel === 'red');
      }
    });

    it('then no step starts before its predecessors finish or before its earliest start, and release never precedes a step it waits for', () => {
      for (const plan of [importPlan(), planOf('port-plus-unloading-place', []), planOf('tir'), planOf('advance-declaration'), planOf('two-step-declaration')]) {
        const gating = ancestors(plan, plan.releaseStep);
        for (const seed of seeds(100)) {
          const walk = byId(executePlan(plan, declarationStream(seed, 'D-1'), 500));
          for (const step of plan.steps) {
            const done = walk.get(step.id)!;
            for (const dep of step.after) expect(done.startMinutes).toBeGreaterThanOrEqual(walk.get(dep)!.finishMinutes);
            if (done.ran) expect(done.startMinutes).toBeGreaterThanOrEqual(500 + step.earliestStartMinutes);
            else expect(done.finishMinutes).toBe(done.startMinutes);
            expect(done.finishMinutes).toBeGreaterThanOrEqual(done.startMinutes);
          }
          const release = walk.get(plan.releaseStep)!;
          for (const id of gating) expect(release.startMinutes).toBeGreaterThanOrEqual(walk.get(id)!.finishMinutes);
        }
      }
    });

    it('then a step skipped by its own probability finishes with its predecessors', () => {
      const plan = planOf('tir');
      const walks = seeds(400).map((seed) => byId(executePlan(plan, declarationStream(seed, 'D-1'), 0)));
      const skipped = walks.filter((w) => !w.get('exit-reinspection')!.ran);
      expect(skipped.length).toBeGreaterThan(350);
      for (const w of skipped) expect(w.get('exit-reinspection')!.finishMinutes).toBe(w.get('transit-termination')!.finishMinutes);
    });
  });

  describe('over many seeds', () => {
    it('then the channel frequencies match the plan channel rates within sampling error', () => {
      // Dangerous chemicals: high risk, so all three channels are frequent.
      const plan = planOf('dangerous-chemicals-batch-inspection');
      const n = 4000;
      const counts = { green: 0, yellow: 0, red: 0 };
      for (const seed of seeds(n)) counts[executePlan(plan, declarationStream(seed, 'D-1'), 0).find((s) => s.channel)!.channel!]++;
      for (const channel of CHANNELS) {
        const p = plan.channelRates[channel];
        expect(Math.abs(counts[channel] / n - p)).toBeLessThan(5 * Math.sqrt((p * (1 - p)) / n));
      }
    });

    it('then, where release waits on one chain of certain steps, the mean release time approaches the expected hours to release', () => {
      // All green: the checks are skipped for certain, so release waits on a single chain of steps that
      // always run (arrival -> lodgement -> review -> duty payment -> release), and the mean of a sum is
      // the sum of the means.
      const plan: ClearancePlan = { ...importPlan(), channelRates: { green: 1, yellow: 0, red: 0 } };
      const hours = seeds(2000).map((seed) => releaseHours(plan, seed));
      expect(Math.abs(mean(hours) - expectedTime(plan).hoursToRelease)).toBeLessThan(5 * standardError(hours) + 0.005);
    });

    it('then, with probabilistic branches, the mean release time is at least the expected hours to release, and above it where branches join', () => {
      // expectedTime walks the probability-weighted critical path: each join takes the max of its
      // predecessors' *expected* finishes. A real walk takes the max of the *actual* finishes, and
      // E[max(X, Y)] >= max(E[X], E[Y]) (max is convex, Jensen), so every join can only add: the
      // executed mean equals the expectation only when nothing random meets at a join.
      for (const plan of [importPlan(), planOf('port-plus-unloading-place', []), planOf('one-plus-n-inspection')]) {
        const hours = seeds(1000).map((seed) => releaseHours(plan, seed));
        // expectedTime rounds to 0.01 h.
        expect(mean(hours)).toBeGreaterThan(expectedTime(plan).hoursToRelease - 5 * standardError(hours) - 0.005);
      }
      // "1+N": the joint inspection (about 1.7 h) and the duty payment (15 min to 4 h) both follow the
      // documentary check and meet at release, so the gap is clear.
      const joint = planOf('one-plus-n-inspection');
      const hours = seeds(1000).map((seed) => releaseHours(joint, seed));
      expect(mean(hours)).toBeGreaterThan(expectedTime(joint).hoursToRelease + 3 * standardError(hours));
    });

    it('then two plans of one declaration share their draws step by step (common random numbers)', () => {
      const base = importPlan();
      const faster: ClearancePlan = { ...base, steps: base.steps.map((s) => (s.id === 'gate-out' ? { ...s, duration: { kind: 'constant', minutes: 1 } } : s)) };
      for (const seed of seeds(20)) {
        const a = byId(executePlan(base, declarationStream(seed, 'D-1'), 0));
        const b = byId(executePlan(faster, declarationStream(seed, 'D-1'), 0));
        expect(b.get('release')).toEqual(a.get('release'));
        expect(b.get('gate-out')!.finishMinutes - b.get('gate-out')!.startMinutes).toBe(1);
      }
    });
  });
});

describe('channelFor', () => {
  it('maps a uniform to a channel by cumulative rates, never to a channel with rate 0', () => {
    const rates = { green: 0.5, yellow: 0.3, red: 0.2 };
    expect([0, 0.49, 0.5, 0.79, 0.8, 0.999].map((u) => channelFor(rates, u))).toEqual(['green', 'green', 'yellow', 'yellow', 'red', 'red']);
    expect(channelFor({ green: 0.7, yellow: 0.2999999999, red: 0 }, 0.99999999999)).toBe('yellow');
    expect(channelFor({ green: 1, yellow: 0, red: 0 }, new RandomStream(1).next())).toBe('green');
  });
});
