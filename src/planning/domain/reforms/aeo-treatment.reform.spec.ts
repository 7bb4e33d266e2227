import type { Declaration } from '../declaration';
import { meanMinutes } from '../distribution';
import { expectedCost, expectedTime } from '../expected';
import { releaseAncestors, stepById } from '../plan';
import { applyReform, baselineOf, reference, variant } from '../testing/planning.test-kit';
import { aeoTreatment as reform } from './aeo-treatment.reform';
import type { PlanChange } from './reform';

const example = reform.example;
const kinds = (changes: PlanChange[]) => changes.map((c) => [c.kind, c.stepId]);
const QUEUED = ['arrival', 'documentary-check', 'physical-inspection', 'gate-out'];

const copperByRail: Declaration = {
  ...example,
  port: 'alashankou-rail',
  transportMode: 'rail',
  goods: [{ hsCode: '2603000010', description: 'Copper concentrate', quantity: 3_000_000, unit: 'kg', customsValueMinor: 600_000_000, currency: 'USD' }],
  inlandSite: 'urumqi-inland',
};
const transitByRoad: Declaration = { ...example, flow: 'transit', supervisionMode: 'TRST', exitPort: 'irkeshtam' };

function costOf(declaration: Declaration, which: 'base' | 'plan', overrides = {}): number {
  const result = applyReform(reform, declaration, overrides);
  const { ctx } = baselineOf(declaration);
  const plan = result[which];
  return expectedCost(plan, ctx.facts, ctx.ref, expectedTime(plan).waitingHours).totalMinor;
}

describe('advanced AEO facilitation (rules.md §6.11)', () => {
  describe('given an advanced-AEO import of computers at Khorgos road port', () => {
    it('is eligible, and the baseline already cuts its inspection rates to 20 % of normal', () => {
      const { plan, ctx } = baselineOf(example);
      expect(reform.ineligibility(ctx, plan)).toBeNull();
      const low = reference().channelRates.get('low')!;
      expect(plan.channelRates.red).toBeCloseTo(low.red * 0.2, 10);
      expect(plan.channelRates.yellow).toBeCloseTo(low.yellow * 0.2, 10);
      expect(plan.steps.every((s) => s.priority === 0)).toBe(true);
    });

    it('when AEO treatment applies, then every queue gives priority and documentary checks fall', () => {
      const { changes } = applyReform(reform, example);
      expect(kinds(changes)).toEqual([...QUEUED.map((id) => ['re-prioritised', id]), ['rate-changed', 'plan']]);
      for (const change of changes) {
        expect(change).toMatchObject({ reform: 'aeo-treatment', clause: reform.clause });
        expect(change.reason).not.toHaveLength(0);
        expect(change.source).toMatch(/\[S95\]/);
      }
      expect(changes[0]).toMatchObject({ before: 'queue priority 0', after: 'queue priority 2' });
    });

    it('then queued steps have priority 2, the yellow share is a fifth, and release comes a little earlier', () => {
      const { base, plan } = applyReform(reform, example);
      for (const step of plan.steps) expect(step.priority).toBe(step.resource !== null ? 2 : 0);
      expect(plan.channelRates.yellow).toBeCloseTo(base.channelRates.yellow * 0.2, 10);
      expect(plan.channelRates.red).toBe(base.channelRates.red);
      expect(plan.channelRates.green).toBeCloseTo(base.channelRates.green + base.channelRates.yellow * 0.8, 10);
      expect(releaseAncestors(plan)).toEqual(releaseAncestors(base));
      expect(expectedTime(plan).hoursToRelease).toBeLessThan(expectedTime(base).hoursToRelease);
    });
  });

  it('given copper concentrate by rail, then the lab test is flagged urgent and takes half the time', () => {
    const { base, plan, changes } = applyReform(reform, copperByRail);
    expect(changes.filter((c) => c.stepId === 'lab-test').map((c) => c.kind)).toEqual(['re-prioritised', 'shortened']);
    expect(changes.find((c) => c.kind === 'shortened')).toMatchObject({ reform: 'aeo-treatment', source: '[S98]' });
    expect(meanMinutes(stepById(plan, 'lab-test')!.duration)).toBeCloseTo(meanMinutes(stepById(base, 'lab-test')!.duration) / 2, 6);
    // Copper waits for the lab (rules.md §2.1), so release comes days earlier.
    expect(expectedTime(base).hoursToRelease - expectedTime(plan).hoursToRelease).toBeGreaterThan(24);
  });

  it('given a road transit, then the national transit guarantee is waived: less time and no premium', () => {
    const { base, plan, changes } = applyReform(reform, transitByRoad);
    expect(stepById(base, 'transit-guarantee')).toBeDefined();
    expect(changes.filter((c) => c.kind === 'removed').map((c) => c.stepId)).toEqual(['transit-guarantee']);
    expect(stepById(plan, 'transit-guarantee')).toBeUndefined();
    expect(stepById(plan, 'customs-seal')!.after).toEqual(['electronic-review', 'physical-inspection']);
    expect(expectedTime(plan).hoursToRelease).toBeLessThan(expectedTime(base).hoursToRelease);
    expect(costOf(transitByRoad, 'plan')).toBeLessThan(costOf(transitByRoad, 'base'));
  });

  describe('when it is not eligible, it says why', () => {
    it.each([
      ['a trader under normal management', 'general' as const, /credit class is Enterprise under normal management \(general\), not advanced/],
      ['a general certified enterprise', 'general-aeo' as const, /\(general-aeo\), not advanced/],
      ['a discredited trader', 'discredited' as const, /\(discredited\), not advanced/],
    ])('%s', (_name, creditClass, reason) => {
      const { plan, ctx } = baselineOf(variant(example, { trader: { name: 'X', creditClass } }));
      expect(reform.ineligibility(ctx, plan)).toMatch(reason);
    });
  });

  describe('parameters', () => {
    it('documentaryCheckFactor 1 keeps the yellow share, and release time with it', () => {
      const { base, plan, changes } = applyReform(reform, example, { documentaryCheckFactor: 1 });
      expect(changes.some((c) => c.kind === 'rate-changed')).toBe(false);
      expect(plan.channelRates).toEqual(base.channelRates);
      expect(expectedTime(plan).hoursToRelease).toBe(expectedTime(base).hoursToRelease);
    });

    it('labTimeFactor sets the lab time', () => {
      const { base, plan } = applyReform(reform, copperByRail, { labTimeFactor: 0.25 });
      expect(meanMinutes(stepById(plan, 'lab-test')!.duration)).toBeCloseTo(meanMinutes(stepById(base, 'lab-test')!.duration) / 4, 6);
    });

    it('priority sets the queue class', () => {
      const { plan } = applyReform(reform, example, { priority: 5 });
      expect(stepById(plan, 'documentary-check')!.priority).toBe(5);
    });
  });
});
