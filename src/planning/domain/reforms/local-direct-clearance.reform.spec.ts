import { meanMinutes } from '../distribution';
import { expectedCost, expectedTime } from '../expected';
import { ancestors, releaseAncestors, stepById } from '../plan';
import { applyReform, baselineOf, reference, variant } from '../testing/planning.test-kit';
import { localDirectClearance as reform } from './local-direct-clearance.reform';
import type { PlanChange } from './reform';

const example = reform.example;
const kinds = (changes: PlanChange[]) => changes.map((c) => [c.kind, c.stepId]);
const MOVED_INLAND = ['lodge-declaration', 'electronic-review', 'documentary-check', 'physical-inspection', 'duty-payment', 'release'];

describe('road port + local direct clearance (rules.md §6.5)', () => {
  describe('given a general import of television sets at Khorgos road port bound for Urumqi', () => {
    it('is eligible, and the baseline clears everything at the road port before the haul', () => {
      const { plan, ctx } = baselineOf(example);
      expect(reform.ineligibility(ctx, plan)).toBeNull();
      expect(plan.steps.filter((s) => s.site === 'khorgos-road').map((s) => s.id)).toEqual(['arrival', ...MOVED_INLAND, 'gate-out']);
      expect(stepById(plan, 'gate-out')!.after).toEqual(['release']);
      expect(stepById(plan, 'haul')!.after).toEqual(['gate-out']);
    });

    it('when local direct clearance applies, then the port seals the truck and the clearance moves to Urumqi', () => {
      const { changes } = applyReform(reform, example);
      expect(kinds(changes)).toEqual([
        ['added', 'customs-seal'],
        ['moved', 'gate-out'],
        ...MOVED_INLAND.map((id) => ['moved', id]),
      ]);
      for (const change of changes) {
        expect(change).toMatchObject({ reform: 'local-direct-clearance', clause: reform.clause });
        expect(change.reason).not.toHaveLength(0);
        expect(change.source).toMatch(/\[S68\]/);
      }
      const release = changes[changes.length - 1];
      expect(release.after).toBe('at inland-office (urumqi-inland), after documentary-check, physical-inspection, duty-payment');
      expect(release.reason).toMatch(/release now comes after the 16 h haul .* later in hours than at the port/);
    });

    it('then the port keeps only arrival, seal and gate (8 steps -> 3), the truck leaves within hours, and release follows the haul', () => {
      const { base, plan } = applyReform(reform, example);
      const { ctx } = baselineOf(example);
      expect(plan.steps.filter((s) => s.site === 'khorgos-road').map((s) => s.id)).toEqual(['arrival', 'customs-seal', 'gate-out']);
      for (const id of MOVED_INLAND) expect(stepById(plan, id)).toMatchObject({ location: 'inland-office', site: 'urumqi-inland' });
      expect(stepById(plan, 'customs-seal')).toMatchObject({ location: 'border-port', after: ['arrival'] });
      expect(stepById(plan, 'gate-out')!.after).toEqual(['customs-seal']);
      expect(stepById(plan, 'lodge-declaration')!.after).toEqual(['haul']);
      expect(stepById(plan, 'physical-inspection')!.after).toEqual(['documentary-check', 'haul']);
      expect(ancestors(plan, 'gate-out')).toEqual(new Set(['arrival', 'customs-seal']));
      expect(releaseAncestors(plan).has('haul')).toBe(true);

      const before = expectedTime(base);
      const after = expectedTime(plan);
      // Port dwell falls (the published Khorgos figure is 2 days -> 2 hours [S10]) ...
      expect(after.hoursToExit).toBeLessThan(before.hoursToExit);
      expect(after.hoursToExit).toBeLessThan(2);
      // ... while release, now after the haul, comes later.
      const haulHours = meanMinutes(stepById(plan, 'haul')!.duration) / 60;
      expect(after.hoursToRelease).toBeGreaterThan(before.hoursToRelease);
      expect(after.hoursToRelease).toBeGreaterThan(haulHours);
      // The truck waits less at the port, so the expected cost falls.
      expect(expectedCost(plan, ctx.facts, ctx.ref, after.waitingHours).totalMinor).toBeLessThan(expectedCost(base, ctx.facts, ctx.ref, before.waitingHours).totalMinor);
    });
  });

  it('given goods bound for the Urumqi comprehensive bonded zone, then the zone clears them', () => {
    const { plan } = applyReform(reform, variant(example, { inlandSite: 'urumqi-cbz' }));
    expect(stepById(plan, 'release')).toMatchObject({ location: 'bonded-zone', site: 'urumqi-cbz' });
  });

  describe('when it is not eligible, it says why', () => {
    it.each([
      ['an export', variant(example, { flow: 'export' }), /covers imports; this is an export/],
      ['a rail import', variant(example, { port: 'khorgos-rail', transportMode: 'rail' }), /road-port measure; this consignment travels by rail/],
      ['no inland site', variant(example, { inlandSite: undefined }), /no inland site is named/],
      ['an unloading place', variant(example, { inlandSite: 'changji-unloading' }), /Changji smelter siding .* is an unloading place, not an inland customs office or bonded zone/],
      [
        'vehicles for bonded warehousing',
        variant(example, {
          goods: [{ hsCode: '8703231900', description: 'Passenger cars', quantity: 6, unit: 'pcs', customsValueMinor: 18_000_000, currency: 'USD' }],
          inlandSite: 'khorgos-cbz',
        }),
        /release already happens at khorgos-cbz/,
      ],
      ["border residents' mutual trade", variant(example, { supervisionMode: 'BMTR' }), /no full import declaration at the border port/],
    ])('%s', (_name, declaration, reason) => {
      const { plan, ctx } = baselineOf(declaration);
      expect(reform.ineligibility(ctx, plan)).toMatch(reason);
    });
  });

  describe('parameters', () => {
    it('a slower seal keeps the truck at the port longer', () => {
      const quick = applyReform(reform, example);
      const slow = applyReform(reform, example, { sealMinutes: 85 });
      expect(meanMinutes(stepById(slow.plan, 'customs-seal')!.duration)).toBeCloseTo(85, 6);
      expect(meanMinutes(stepById(quick.plan, 'customs-seal')!.duration)).toBeCloseTo(meanMinutes(reference().step('customs-seal').duration), 6);
      expect(expectedTime(slow.plan).hoursToExit).toBeCloseTo(expectedTime(quick.plan).hoursToExit + 1, 1);
    });
  });
});
