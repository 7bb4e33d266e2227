import type { Declaration } from '../declaration';
import { meanMinutes } from '../distribution';
import { releaseAncestors, runProbability, stepById } from '../plan';
import { applyReform, baselineOf, reformOutcome, variant } from '../testing/planning.test-kit';
import type { PlanChange, ReformParameters } from './reform';
import { thirdPartyInspection as reform } from './third-party-inspection.reform';

const example = reform.example;
const kinds = (changes: PlanChange[]) => changes.map((c) => [c.kind, c.stepId]);
const iron = (quality: boolean): Declaration =>
  variant(example, { goods: [{ ...example.goods[0], hsCode: '2601111000', description: 'Iron ore, non-agglomerated' }], qualityCertificateRequested: quality });

const outcome = (declaration: Declaration, overrides: ReformParameters = {}) => reformOutcome(reform, declaration, overrides);

describe('acceptance of third-party inspection results (rules.md §2.3)', () => {
  describe('given copper concentrate by rail at Alashankou', () => {
    it('is eligible, and in the baseline the customs lab tests the lot before release and the certificate', () => {
      const { plan, ctx } = baselineOf(example);
      expect(reform.ineligibility(ctx, plan)).toBeNull();
      expect(stepById(plan, 'lab-test')).toMatchObject({ actor: 'lab', after: ['sampling'], costs: [{ item: 'lab-fee', quantity: 1 }] });
      expect(stepById(plan, 'conformity-certificate')!.after).toEqual(['lab-test']);
      expect(releaseAncestors(plan).has('lab-test')).toBe(true);
    });

    it('when acceptance applies, then the body samples and tests, customs verify its report and keep a spot test', () => {
      const { changes } = outcome(example);
      expect(kinds(changes)).toEqual([
        ['moved', 'sampling'],
        ['moved', 'lab-test'],
        ['shortened', 'lab-test'],
        ['re-priced', 'lab-test'],
        ['added', 'report-verification'],
        ['added', 'supervisory-lab-test'],
      ]);
      expect(changes[1]).toMatchObject({ before: 'by lab, holding the lab', after: "by inspection-body, outside the site's shared resources" });
      expect(changes[3]).toMatchObject({ before: 'lab-fee', after: 'third-party-lab-fee' });
      for (const change of changes) {
        expect(change).toMatchObject({ reform: 'third-party-inspection', clause: reform.clause });
        expect(change.reason).not.toHaveLength(0);
        expect(change.source).toMatch(/\[S2[46]\]|ASSUMPTION|cost-items/);
      }
    });

    it('then release and the certificate wait for the verified report, not for a spot test', () => {
      const { base, plan } = outcome(example);
      expect(stepById(plan, 'lab-test')!.actor).toBe('inspection-body');
      expect(stepById(plan, 'lab-test')!.resource).toBeNull();
      expect(stepById(plan, 'sampling')!.actor).toBe('inspection-body');
      expect(meanMinutes(stepById(plan, 'lab-test')!.duration)).toBeCloseTo(0.6 * meanMinutes(stepById(base, 'lab-test')!.duration), 6);
      expect(stepById(plan, 'report-verification')).toMatchObject({ after: ['lab-test'], site: 'alashankou-rail', actor: 'customs' });
      expect(stepById(plan, 'release')!.after).toContain('report-verification');
      expect(stepById(plan, 'conformity-certificate')!.after).toContain('report-verification');
      expect(releaseAncestors(plan).has('report-verification')).toBe(true);
      const spot = stepById(plan, 'supervisory-lab-test')!;
      expect(spot).toMatchObject({ after: ['release'], probability: 0.1, actor: 'lab' });
      expect(releaseAncestors(plan).has('supervisory-lab-test')).toBe(false);
    });

    it('then release comes more than a day earlier and, though the body charges more, the four wagons wait less so the total is lower', () => {
      const { before, after, costBefore, costAfter } = outcome(example);
      // Shorter: 60 % of a 4.3-day lab cycle plus a 1.5 h verification.
      expect(after.hoursToRelease).toBeLessThan(before.hoursToRelease - 24);
      expect(after.hoursToExit).toBeLessThan(before.hoursToExit - 24);
      // Lower: RMB 1,000 more for the test and RMB 150 expected for spot tests, against about 40 h less waiting for 4 wagons.
      expect(costAfter.totalMinor).toBeLessThan(costBefore.totalMinor);
    });
  });

  it('given iron ore with a quality certificate (released before the result), then only the certificate waits for the verification', () => {
    const { plan, after, before } = outcome(iron(true));
    expect(stepById(plan, 'conformity-certificate')!.after).toContain('report-verification');
    expect(stepById(plan, 'release')!.after).not.toContain('report-verification');
    expect(releaseAncestors(plan).has('report-verification')).toBe(false);
    expect(after.hoursToComplete).toBeLessThan(before.hoursToComplete);
  });

  describe('when it is not eligible, it says why', () => {
    it('iron ore without a quality certificate request has no lab test', () => {
      const { plan, ctx } = baselineOf(iron(false));
      expect(reform.ineligibility(ctx, plan)).toMatch(/no laboratory test/);
    });

    it('a lab test already done by an accepted body', () => {
      const { plan } = applyReform(reform, example);
      expect(reform.ineligibility(baselineOf(example).ctx, plan)).toMatch(/already done by an accepted inspection body/);
    });
  });

  describe('parameters', () => {
    it('labTimeFactor = 1: the body is no faster than the customs lab, so release is later than with the default', () => {
      const fast = outcome(example);
      const slow = outcome(example, { labTimeFactor: 1 });
      expect(kinds(slow.changes)).not.toContainEqual(['shortened', 'lab-test']);
      expect(slow.after.hoursToRelease).toBeGreaterThan(fast.after.hoursToRelease + 24);
      // Verification now adds time to an unchanged lab cycle.
      expect(slow.after.hoursToRelease).toBeGreaterThan(slow.before.hoursToRelease);
    });

    it('spotCheckRate = 0.5: customs test half the lots again, which costs more but never delays release', () => {
      const usual = outcome(example);
      const strict = outcome(example, { spotCheckRate: 0.5 });
      const spot = stepById(strict.plan, 'supervisory-lab-test')!;
      expect(runProbability(strict.plan, spot)).toBe(0.5);
      expect(strict.costAfter.totalMinor).toBeGreaterThan(usual.costAfter.totalMinor);
      expect(strict.after.hoursToRelease).toBe(usual.after.hoursToRelease);
    });
  });
});
