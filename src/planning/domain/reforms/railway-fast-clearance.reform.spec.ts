import type { Declaration } from '../declaration';
import { meanMinutes } from '../distribution';
import { expectedCost, expectedTime } from '../expected';
import { releaseAncestors, stepById } from '../plan';
import { applyReform, baselineOf, reference, variant } from '../testing/planning.test-kit';
import { railwayFastClearance as reform } from './railway-fast-clearance.reform';
import type { PlanChange } from './reform';

const example = reform.example;
const kinds = (changes: PlanChange[]) => changes.map((c) => [c.kind, c.stepId]);

describe('railway fast clearance (rules.md §6.4)', () => {
  describe('given a rail import of computers at Khorgos rail port bound for Urumqi', () => {
    it('is eligible, and the baseline lodges a separate transfer declaration at the port', () => {
      const { plan, ctx } = baselineOf(example);
      expect(reform.ineligibility(ctx, plan)).toBeNull();
      expect(stepById(plan, 'transfer-declaration')).toMatchObject({ actor: 'trader', after: ['arrival'], site: 'khorgos-rail' });
      expect(stepById(plan, 'electronic-review')!.after).toEqual(['transfer-declaration']);
      expect(releaseAncestors(plan).has('transfer-declaration')).toBe(true);
    });

    it('when fast clearance applies, then the manifest replaces the declaration and its review, and wagons turn faster', () => {
      const { changes } = applyReform(reform, example);
      // No 7x24 change: seeds/sites.json already gives Khorgos rail port a 7x24 calendar [S79].
      expect(reference().sites.get('khorgos-rail')!.calendar.allDay).toBe(true);
      expect(kinds(changes)).toEqual([
        ['shortened', 'transfer-declaration'],
        ['removed', 'electronic-review'],
        ['shortened', 'gauge-transshipment'],
      ]);
      for (const change of changes) {
        expect(change).toMatchObject({ reform: 'railway-fast-clearance', clause: reform.clause });
        expect(change.reason).not.toHaveLength(0);
        expect(change.source).toMatch(/\[S7[79]\]/);
      }
      expect(changes[0].reason).toMatch(/no separate declaration/);
    });

    it('then customs review on the manifest, the port dwell falls within the published 16 hours, and the broker fee goes', () => {
      const { base, plan, changes } = applyReform(reform, example);
      const { ctx } = baselineOf(example);
      const review = stepById(plan, 'transfer-declaration')!;
      expect(review).toMatchObject({ title: reference().step('manifest-based-review').title, actor: 'customs', costs: [] });
      expect(stepById(plan, 'electronic-review')).toBeUndefined();
      expect(stepById(plan, 'documentary-check')!.after).toEqual(['transfer-declaration']);
      expect(meanMinutes(stepById(plan, 'gauge-transshipment')!.duration)).toBeCloseTo(meanMinutes(stepById(base, 'gauge-transshipment')!.duration) / 1.2, 6);
      expect(stepById(plan, 'release')!.site).toBe('khorgos-rail');
      expect(changes.some((c) => c.kind === 'hours-extended')).toBe(false);

      // Port dwell (arrival to gate-out): [S78] reports 2-3 days -> within 16 h at Khorgos.
      const before = expectedTime(base);
      const after = expectedTime(plan);
      expect(after.hoursToExit).toBeLessThan(before.hoursToExit);
      expect(after.hoursToExit).toBeLessThan(16);
      expect(after.hoursToRelease).toBeLessThan(before.hoursToRelease);
      expect(expectedCost(plan, ctx.facts, ctx.ref, after.waitingHours).totalMinor).toBeLessThan(expectedCost(base, ctx.facts, ctx.ref, before.waitingHours).totalMinor);
    });
  });

  it('given a rail export from Urumqi through Alashankou, then the manifest replaces the export declaration', () => {
    const exportByRail: Declaration = { ...example, flow: 'export', port: 'alashankou-rail', inlandSite: 'urumqi-inland' };
    const { base, plan, changes } = applyReform(reform, exportByRail);
    expect(kinds(changes).slice(0, 2)).toEqual([
      ['shortened', 'lodge-declaration'],
      ['removed', 'electronic-review'],
    ]);
    expect(stepById(plan, 'lodge-declaration')!.actor).toBe('customs');
    expect(expectedTime(plan).hoursToExit).toBeLessThan(expectedTime(base).hoursToExit);
  });

  describe('when it is not eligible, it says why', () => {
    it.each([
      ['a road import', variant(example, { port: 'khorgos-road', transportMode: 'road' }), /railway's manifest; this consignment travels by road/],
      ['an import by rail declared at an inland office', variant(example, { port: 'urumqi-inland', inlandSite: undefined }), /Urumqi.* is not a rail border port/],
      ['a rail transit', variant(example, { flow: 'transit', supervisionMode: 'TRST', inlandSite: undefined, exitPort: 'alashankou-rail' }), /transit trains move under a transit declaration/],
    ])('%s', (_name, declaration, reason) => {
      const { plan, ctx } = baselineOf(declaration);
      expect(reform.ineligibility(ctx, plan)).toMatch(reason);
    });
  });

  describe('parameters', () => {
    it('without the wagon turnover gain the transshipment keeps its time and the dwell is longer', () => {
      const gain = applyReform(reform, example);
      const none = applyReform(reform, example, { wagonTurnoverGain: 0 });
      expect(kinds(none.changes)).toEqual([
        ['shortened', 'transfer-declaration'],
        ['removed', 'electronic-review'],
      ]);
      expect(stepById(none.plan, 'gauge-transshipment')!.duration).toEqual(stepById(none.base, 'gauge-transshipment')!.duration);
      expect(expectedTime(none.plan).hoursToExit).toBeGreaterThan(expectedTime(gain.plan).hoursToExit);
    });
  });
});
