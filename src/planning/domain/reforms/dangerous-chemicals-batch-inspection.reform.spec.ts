import type { Declaration } from '../declaration';
import { expectedCost, expectedTime } from '../expected';
import { releaseAncestors, runProbability, stepById } from '../plan';
import { applyReform, baselineOf, variant } from '../testing/planning.test-kit';
import { dangerousChemicalsBatchInspection as reform } from './dangerous-chemicals-batch-inspection.reform';
import type { PlanChange } from './reform';

const example = reform.example;
const kinds = (changes: PlanChange[]) => changes.map((c) => [c.kind, c.stepId]);

describe('batch inspection of dangerous chemicals for export (rules.md §6.7)', () => {
  describe('given an export of methanol at Khorgos road port by a general trader', () => {
    it('is eligible, and the baseline inspects every batch at origin before the goods leave', () => {
      const { plan, ctx } = baselineOf(example);
      expect(reform.ineligibility(ctx, plan)).toBeNull();
      expect(stepById(plan, 'dg-origin-inspection')).toMatchObject({ probability: 1, location: 'origin', after: [] });
      expect(stepById(plan, 'arrival')!.after).toEqual(['dg-origin-inspection']);
      expect(releaseAncestors(plan).has('dg-origin-inspection')).toBe(true);
    });

    it('when batch inspection applies, then only batch openers and spot checks are inspected and the rest get a document review', () => {
      const { changes } = applyReform(reform, example);
      expect(kinds(changes)).toEqual([
        ['rate-changed', 'dg-origin-inspection'],
        ['added', 'batch-document-review'],
      ]);
      for (const change of changes) {
        expect(change).toMatchObject({ reform: 'dangerous-chemicals-batch-inspection', clause: reform.clause });
        expect(change.reason).not.toHaveLength(0);
        expect(change.source).toMatch(/\[S81\]\[S83\]/);
      }
      expect(changes[0]).toMatchObject({ before: 'runs with probability 1', after: 'runs with probability 0.28' });
    });

    it('then the origin inspection runs for 28 % of exports, the review for 80 %, and release comes much earlier at lower cost', () => {
      const { base, plan } = applyReform(reform, example);
      const { ctx } = baselineOf(example);
      // 0.2 open a batch + 0.8 x 0.1 spot-checked.
      expect(stepById(plan, 'dg-origin-inspection')!.probability).toBeCloseTo(0.28, 10);
      expect(stepById(plan, 'batch-document-review')).toMatchObject({ location: 'origin', site: null, after: [], probability: 0.8 });
      expect(runProbability(plan, stepById(plan, 'batch-document-review')!)).toBeCloseTo(0.8, 10);
      expect(stepById(plan, 'arrival')!.after).toEqual(['dg-origin-inspection', 'batch-document-review']);
      expect(releaseAncestors(plan).has('batch-document-review')).toBe(true);

      const before = expectedTime(base);
      const after = expectedTime(plan);
      expect(after.hoursToRelease).toBeLessThan(before.hoursToRelease);
      // Published: release time cut by over 80 % at Fuzhou [S81], 2-4 working days saved [S82][S83].
      // The default shares give about two thirds (61.1 h -> 20.8 h, without queues or opening hours).
      const cut = 1 - after.hoursToRelease / before.hoursToRelease;
      expect(cut).toBeGreaterThan(0.6);
      expect(cut).toBeLessThan(0.8);
      expect(expectedCost(plan, ctx.facts, ctx.ref, after.waitingHours).totalMinor).toBeLessThan(expectedCost(base, ctx.facts, ctx.ref, before.waitingHours).totalMinor);
    });
  });

  it('given caustic soda exported from Urumqi by road, then the review sits at the inland office and the declaration waits for it', () => {
    const causticSoda: Declaration = {
      ...example,
      goods: [{ hsCode: '2815110000', description: 'Caustic soda, solid', quantity: 25000, unit: 'kg', customsValueMinor: 900_000, currency: 'USD', unNumber: '1823' }],
      inlandSite: 'urumqi-inland',
    };
    const { plan } = applyReform(reform, causticSoda);
    expect(stepById(plan, 'batch-document-review')).toMatchObject({ location: 'inland-office', site: 'urumqi-inland' });
    expect(stepById(plan, 'lodge-declaration')!.after).toEqual(['dg-origin-inspection', 'batch-document-review']);
  });

  describe('when it is not eligible, it says why', () => {
    it.each([
      ['an import of methanol', variant(example, { flow: 'import' }), /covers exports of dangerous chemicals; this is an import/],
      [
        'an export of jerseys',
        variant(example, { goods: [{ hsCode: '6110200000', description: 'Cotton jerseys', quantity: 100, unit: 'pcs', customsValueMinor: 100_000, currency: 'USD' }] }),
        /not dangerous chemicals/,
      ],
    ])('%s', (_name, declaration, reason) => {
      const { plan, ctx } = baselineOf(declaration);
      expect(reform.ineligibility(ctx, plan)).toMatch(reason);
    });

    it('a plan whose origin inspection is already batched', () => {
      const { ctx } = baselineOf(example);
      expect(reform.ineligibility(ctx, applyReform(reform, example).plan)).toMatch(/already runs for only part/);
    });
  });

  describe('parameters', () => {
    it('if every export opens a batch nothing is saved; a higher spot-check rate saves less', () => {
      const base = expectedTime(applyReform(reform, example).base).hoursToRelease;
      const defaults = expectedTime(applyReform(reform, example).plan).hoursToRelease;
      const everyExport = applyReform(reform, example, { firstOfBatchShare: 1 });
      expect(stepById(everyExport.plan, 'dg-origin-inspection')!.probability).toBe(1);
      expect(stepById(everyExport.plan, 'batch-document-review')!.probability).toBe(0);
      expect(expectedTime(everyExport.plan).hoursToRelease).toBe(base);
      const morespot = applyReform(reform, example, { spotCheckRate: 0.5 });
      expect(stepById(morespot.plan, 'dg-origin-inspection')!.probability).toBeCloseTo(0.6, 10);
      expect(expectedTime(morespot.plan).hoursToRelease).toBeGreaterThan(defaults);
    });
  });
});
