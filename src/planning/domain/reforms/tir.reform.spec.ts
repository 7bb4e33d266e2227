import type { Declaration } from '../declaration';
import { releaseAncestors, stepById } from '../plan';
import { baselineOf, reformOutcome, reference, variant } from '../testing/planning.test-kit';
import type { PlanChange, ReformParameters } from './reform';
import { tir as reform } from './tir.reform';

const example = reform.example;
const kinds = (changes: PlanChange[]) => changes.map((c) => [c.kind, c.stepId]);
const TIR_CHANGES = [
  ['added', 'tir-epd'],
  ['shortened', 'transit-declaration'],
  ['removed', 'transit-guarantee'],
  ['removed', 'escort'],
  ['shortened', 'transit-termination'],
  ['rate-changed', 'exit-reinspection'],
  ['removed', 'transshipment'],
];
/** Goods entering at Irkeshtam and leaving China at Khorgos under an ordinary national transit. */
const transit: Declaration = variant(example, { flow: 'transit', port: 'irkeshtam', exitPort: 'khorgos-road', supervisionMode: 'TRST', inlandSite: undefined });

const outcome = (declaration: Declaration, overrides: ReformParameters = {}) => reformOutcome(reform, declaration, overrides);

describe('TIR (rules.md §3)', () => {
  describe('given jerseys exported by road from Kashgar CBZ through Irkeshtam', () => {
    it('is eligible, and the baseline moves them to the border under a national transit with guarantee, escort, re-inspection and transshipment', () => {
      const { plan, ctx } = baselineOf(example);
      expect(reform.ineligibility(ctx, plan)).toBeNull();
      expect(stepById(plan, 'transit-declaration')).toMatchObject({ site: 'kashgar-cbz', after: ['release'], costs: [{ item: 'transit-declaration-fee', quantity: 1 }] });
      expect(stepById(plan, 'transit-guarantee')!.after).toEqual(['transit-declaration']);
      expect(stepById(plan, 'escort')!.location).toBe('en-route');
      expect(stepById(plan, 'transit-termination')!.site).toBe('irkeshtam');
      expect(stepById(plan, 'exit-reinspection')!.probability).toBe(0.2);
      expect(stepById(plan, 'transshipment')).toBeDefined();
      expect(plan.exitStep).toBe('exit-gate-out');
    });

    it('when TIR applies, then the carnet replaces the national transit, step by step', () => {
      const { changes } = outcome(example);
      expect(kinds(changes)).toEqual(TIR_CHANGES);
      for (const change of changes) {
        expect(change).toMatchObject({ reform: 'tir', clause: reform.clause });
        expect(change.reason).not.toHaveLength(0);
        expect(change.source).toMatch(/\[S(27|43|45|50|114)\]/);
      }
      expect(changes.find((c) => c.stepId === 'escort')!.source).toMatch(/Art\. 23/);
      expect(changes.find((c) => c.stepId === 'exit-reinspection')!.source).toMatch(/Art\. 5/);
    });

    it('then the EPD goes before arrival, the carnet is accepted in minutes, the truck drives unescorted and is rarely opened at the exit', () => {
      const { plan } = outcome(example);
      const epd = stepById(plan, 'tir-epd')!;
      expect(epd.earliestStartMinutes).toBeLessThan(0);
      expect(epd).toMatchObject({ after: [], costs: [], site: 'kashgar-cbz' });
      const acceptance = stepById(plan, 'transit-declaration')!;
      expect(acceptance).toMatchObject({ title: reference().step('tir-carnet-acceptance').title, actor: 'customs', costs: [{ item: 'tir-carnet', quantity: 1 }] });
      expect(acceptance.after).toEqual(['release', 'tir-epd']);
      expect(stepById(plan, 'customs-seal')!.after).toEqual(['transit-declaration']);
      expect(stepById(plan, 'haul')!.after).toEqual(['customs-seal']);
      expect(stepById(plan, 'transit-termination')!.title).toBe(reference().step('tir-carnet-termination').title);
      expect(stepById(plan, 'exit-reinspection')!.probability).toBe(0.01);
      expect(stepById(plan, 'exit-gate-out')!.after).toEqual(['exit-reinspection']);
      for (const id of ['transit-guarantee', 'escort', 'transshipment']) expect(stepById(plan, id)).toBeUndefined();
    });

    it('then the truck leaves China more than 9 hours sooner and the trip costs less; release at the inland office is unchanged', () => {
      const { before, after, costBefore, costAfter } = outcome(example);
      // Shorter: no guarantee, escort or transshipment and a rare re-inspection (TIR: up to 58 % less transport time [S44]);
      // 19.79 h -> 10.61 h with one transit in ten changing truck at the border (seeds/steps.json transshipment).
      expect(after.hoursToExit).toBeLessThan(before.hoursToExit - 9);
      // Lower: a carnet (about RMB 446 a truck) instead of the transit fee, the guarantee premium, escort and transshipment fees and waiting.
      expect(costAfter.totalMinor).toBeLessThan(costBefore.totalMinor);
      expect(after.hoursToRelease).toBe(before.hoursToRelease);
    });
  });

  it('given goods in transit from Irkeshtam to Khorgos, then the same changes apply and release at the entry port no longer waits for a guarantee', () => {
    const { plan, changes, before, after, costBefore, costAfter } = outcome(transit);
    expect(kinds(changes)).toEqual(TIR_CHANGES);
    expect(stepById(plan, 'tir-epd')!.site).toBe('irkeshtam');
    expect(stepById(plan, 'transit-termination')!.site).toBe('khorgos-road');
    expect(releaseAncestors(plan).has('transit-guarantee')).toBe(false);
    expect(stepById(plan, 'customs-seal')!.after).toEqual(['electronic-review', 'physical-inspection']);
    expect(after.hoursToRelease).toBeLessThan(before.hoursToRelease);
    expect(after.hoursToExit).toBeLessThan(before.hoursToExit);
    expect(costAfter.totalMinor).toBeLessThan(costBefore.totalMinor);
  });

  describe('when it is not eligible, it says why', () => {
    it('TIR on rail (a transit train from Alashankou to Khorgos)', () => {
      const rail = variant(transit, { port: 'alashankou-rail', exitPort: 'khorgos-rail', transportMode: 'rail' });
      const { plan, ctx } = baselineOf(rail);
      expect(stepById(plan, 'transit-declaration')).toBeDefined();
      expect(reform.ineligibility(ctx, plan)).toMatch(/road vehicles under customs seal .* Art\. 2.*travels by rail/);
    });

    it('a road export declared at the border port (no national transit to replace)', () => {
      const { plan, ctx } = baselineOf(variant(example, { inlandSite: undefined }));
      expect(reform.ineligibility(ctx, plan)).toMatch(/no national transit declaration/);
    });
  });

  describe('parameters', () => {
    it('examEnRouteRate = 0.5: half the sealed loads are re-examined at the exit, so the truck leaves later than with the default', () => {
      const usual = outcome(example);
      const suspicious = outcome(example, { examEnRouteRate: 0.5 });
      expect(stepById(suspicious.plan, 'exit-reinspection')!.probability).toBe(0.5);
      expect(suspicious.changes.find((c) => c.stepId === 'exit-reinspection')!.after).toBe('runs with probability 0.5');
      expect(suspicious.after.hoursToExit).toBeGreaterThan(usual.after.hoursToExit);
      expect(suspicious.costAfter.totalMinor).toBeGreaterThan(usual.costAfter.totalMinor);
    });
  });
});
