import type { Declaration } from '../declaration';
import { releaseAncestors, runProbability, stepById } from '../plan';
import { baselineOf, reformOutcome, reference, variant } from '../testing/planning.test-kit';
import { mutualTradeTieredInspection as reform } from './mutual-trade-tiered-inspection.reform';
import type { PlanChange, ReformParameters } from './reform';

const example = reform.example;
const kinds = (changes: PlanChange[]) => changes.map((c) => [c.kind, c.stepId]);
const withGoods = (hsCode: string, description: string): Declaration => variant(example, { goods: [{ ...example.goods[0], hsCode, description }] });
/** The seeds have no medium-risk daily-use heading; machinery stands in for a medium-risk lot. */
const mediumRisk = withGoods('8429110000', 'Small crawler bulldozer');

const outcome = (declaration: Declaration, overrides: ReformParameters = {}) => reformOutcome(reform, declaration, overrides);

describe("graded inspection of border residents' mutual trade (rules.md §6.1)", () => {
  describe('given two residents importing pine nuts worth RMB 30,000 at Khorgos', () => {
    it('is eligible, and the baseline inspects every lot before release', () => {
      const { plan, ctx } = baselineOf(example);
      expect(reform.ineligibility(ctx, plan)).toBeNull();
      expect(reference().sites.get('khorgos-road')!.mutualTradeZone).toBe(true);
      expect(ctx.facts.risk).toBe('low');
      expect(stepById(plan, 'mutual-trade-inspection')).toMatchObject({ probability: 1, channels: null });
      expect(releaseAncestors(plan).has('mutual-trade-inspection')).toBe(true);
    });

    it('when grading applies, then the lot falls in the low-risk tier and is checked at random, and the plan says so', () => {
      const { changes, plan } = outcome(example);
      expect(kinds(changes)).toEqual([['rate-changed', 'mutual-trade-inspection']]);
      expect(changes[0]).toMatchObject({
        reform: 'mutual-trade-tiered-inspection',
        clause: reform.clause,
        before: 'runs with probability 1',
        after: 'runs with probability 0.05',
        source: expect.stringContaining('rules.md §6.1'),
      });
      expect(changes[0].reason).toMatch(/^low-risk tier .*system release with a random check, 5 % of lots instead of every lot/);
      expect(stepById(plan, 'mutual-trade-inspection')!.condition).toMatch(/^low-risk tier: system release with a random check, 5 % of lots/);
    });

    it('then a lot is inspected one time in twenty; release still waits for the check when it is due, and the handling fee falls', () => {
      const { plan, before, after, costBefore, costAfter } = outcome(example);
      const check = stepById(plan, 'mutual-trade-inspection')!;
      expect(runProbability(plan, check)).toBe(0.05);
      expect(releaseAncestors(plan).has('mutual-trade-inspection')).toBe(true);
      // Not shorter: the duty payment on the value above the 2 x RMB 8,000 allowance decides release here.
      expect(after.hoursToRelease).toBe(before.hoursToRelease);
      expect(after.criticalPath).toContain('duty-payment');
      expect(costAfter.items.find((i) => i.item === 'import-duty')!.amountMinor).toBeGreaterThan(0);
      // Lower: 95 % of lots no longer pay the unloading and handling for the inspection (RMB 325 per truck).
      const fee = (c: typeof costBefore) => c.items.find((i) => i.stepId === 'mutual-trade-inspection')!.amountMinor;
      expect(fee(costBefore)).toBe(32_500);
      expect(fee(costAfter)).toBe(1_625);
      expect(costAfter.totalMinor).toBe(costBefore.totalMinor - 30_875);
    });
  });

  it('given a medium-risk lot, then it is sampled in the medium tier at 30 %', () => {
    const { plan, changes } = outcome(mediumRisk);
    expect(stepById(plan, 'mutual-trade-inspection')!.probability).toBe(0.3);
    expect(changes[0].reason).toMatch(/^medium-risk tier .*document check with sampling/);
  });

  describe('when it is not eligible, it says why', () => {
    it.each([
      ['the same pine nuts under general trade', variant(example, { supervisionMode: '0110', borderResidents: undefined }), /not border residents' mutual trade .* but 0110/],
      ['high-risk goods (fresh cherries)', withGoods('0809290000', 'Sweet cherries, fresh'), /high-risk lots .* keep batch inspection of every lot/],
    ])('%s', (_name, declaration, reason) => {
      const { plan, ctx } = baselineOf(declaration);
      expect(reform.ineligibility(ctx, plan)).toMatch(reason);
    });
  });

  describe('parameters', () => {
    it('lowRiskCheckRate = 0.5: half the low-risk lots are checked, which costs more than the default 5 %', () => {
      const usual = outcome(example);
      const strict = outcome(example, { lowRiskCheckRate: 0.5 });
      expect(stepById(strict.plan, 'mutual-trade-inspection')!.probability).toBe(0.5);
      expect(strict.changes[0].reason).toMatch(/50 % of lots/);
      expect(strict.costAfter.totalMinor).toBeGreaterThan(usual.costAfter.totalMinor);
    });

    it('mediumRiskCheckRate changes medium-risk lots only', () => {
      expect(stepById(outcome(mediumRisk, { mediumRiskCheckRate: 0.8 }).plan, 'mutual-trade-inspection')!.probability).toBe(0.8);
      expect(stepById(outcome(example, { mediumRiskCheckRate: 0.8 }).plan, 'mutual-trade-inspection')!.probability).toBe(0.05);
    });
  });
});
