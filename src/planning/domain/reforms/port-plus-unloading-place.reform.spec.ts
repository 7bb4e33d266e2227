import type { Declaration } from '../declaration';
import { expectedTimings } from '../expected';
import { type ClearancePlan, releaseAncestors, stepById } from '../plan';
import { applyReform, baselineOf, reformOutcome, variant } from '../testing/planning.test-kit';
import { portPlusUnloadingPlace as reform } from './port-plus-unloading-place.reform';
import type { PlanChange, ReformParameters } from './reform';

const example = reform.example;
const kinds = (changes: PlanChange[]) => changes.map((c) => [c.kind, c.stepId]);
const placeOf = (plan: ClearancePlan, id: string) => {
  const step = stepById(plan, id)!;
  return { location: step.location, site: step.site };
};

const outcome = (declaration: Declaration, overrides: ReformParameters = {}) => reformOutcome(reform, declaration, overrides);

describe('port + unloading place (rules.md §2.2)', () => {
  describe('given copper concentrate by rail through Alashankou to the Changji unloading place', () => {
    it('is eligible, and the baseline screens, samples and tests at the border port before release', () => {
      const { plan, ctx } = baselineOf(example);
      expect(reform.ineligibility(ctx, plan)).toBeNull();
      for (const id of ['radiation-check', 'solid-waste-screening', 'sampling', 'lab-test', 'conformity-certificate']) {
        expect(placeOf(plan, id)).toEqual({ location: 'border-port', site: 'alashankou-rail' });
      }
      expect(stepById(plan, 'release')!.after).toEqual(expect.arrayContaining(['sampling', 'lab-test']));
      expect([...releaseAncestors(plan)]).toEqual(expect.arrayContaining(['radiation-check', 'solid-waste-screening', 'sampling', 'lab-test']));
      expect(stepById(plan, 'haul')!.after).toEqual(['gate-out']);
    });

    it('when the reform applies, then release stops waiting for the inland checks and they move to the unloading place, in that order', () => {
      const { changes } = outcome(example);
      expect(kinds(changes)).toEqual([
        ['moved', 'lab-test'],
        ['moved', 'sampling'],
        ['moved', 'solid-waste-screening'],
        ['moved', 'solid-waste-screening'],
        ['moved', 'sampling'],
        ['moved', 'lab-test'],
        ['moved', 'conformity-certificate'],
      ]);
      expect(changes.slice(0, 3).map((c) => c.after)).toEqual(Array(3).fill('release no longer waits for it'));
      expect(changes[3].after).toBe('at unloading-place (changji-unloading), after haul');
      for (const change of changes) {
        expect(change).toMatchObject({ reform: 'port-plus-unloading-place', clause: reform.clause });
        expect(change.reason).not.toHaveLength(0);
        expect(change.source).toMatch(/\[S1[79]\]/);
      }
      expect(changes[0].reason).toMatch(/may not be sold or used until the conformity certificate/);
    });

    it('then only the radiation check stays at the port, release follows it there, and the certificate still waits for the lab', () => {
      const { plan } = outcome(example);
      expect(placeOf(plan, 'radiation-check')).toEqual({ location: 'border-port', site: 'alashankou-rail' });
      for (const id of ['solid-waste-screening', 'sampling', 'lab-test', 'conformity-certificate']) {
        expect(placeOf(plan, id)).toEqual({ location: 'unloading-place', site: 'changji-unloading' });
      }
      expect(stepById(plan, 'solid-waste-screening')!.after).toEqual(['haul']);
      expect(stepById(plan, 'sampling')!.after).toEqual(['solid-waste-screening']);
      expect(stepById(plan, 'conformity-certificate')!.after).toEqual(['lab-test']);
      expect(placeOf(plan, 'release')).toEqual({ location: 'border-port', site: 'alashankou-rail' });
      expect(stepById(plan, 'release')!.after).toEqual(['documentary-check', 'physical-inspection', 'radiation-check', 'duty-payment']);
      const gating = releaseAncestors(plan);
      expect(gating.has('radiation-check')).toBe(true);
      for (const id of ['solid-waste-screening', 'sampling', 'lab-test', 'conformity-certificate', 'haul']) expect(gating.has(id)).toBe(false);
    });

    it('then release and exit come days earlier, the wagons wait less, and the lot reaches the plant within the reported 3-5 days', () => {
      const { base, plan, before, after, costBefore, costAfter } = outcome(example);
      // Shorter: release no longer waits for the multi-day lab cycle at the port.
      expect(after.hoursToRelease).toBeLessThan(before.hoursToRelease - 24);
      expect(after.hoursToExit).toBeLessThan(before.hoursToExit - 24);
      // Lower: the same fees, fewer wagon-hours at the border.
      expect(costAfter.totalMinor).toBeLessThan(costBefore.totalMinor);
      // Entry to factory about 20 days -> 3-5 days at Jinchuan [S18]: the haul now ends within 5 days of arrival.
      const atPlant = (p: ClearancePlan) => expectedTimings(p).get('haul')!.finishMinutes / 60;
      expect(atPlant(plan)).toBeLessThan(5 * 24);
      expect(atPlant(plan)).toBeLessThan(atPlant(base));
    });
  });

  it('given iron ore without a quality certificate request (no lab), then only the screening moves and release follows the radiation check', () => {
    const iron = variant(example, { goods: [{ ...example.goods[0], hsCode: '2601111000', description: 'Iron ore, non-agglomerated' }] });
    const { plan, changes, before, after } = outcome(iron);
    expect(stepById(plan, 'lab-test')).toBeUndefined();
    expect(kinds(changes)).toEqual([
      ['moved', 'solid-waste-screening'],
      ['moved', 'solid-waste-screening'],
    ]);
    expect(stepById(plan, 'release')!.after).toContain('radiation-check');
    expect(releaseAncestors(plan).has('solid-waste-screening')).toBe(false);
    // Not shorter here: the transfer declaration (mean 30 h) outlasts the screening on the way to release.
    expect(after.hoursToRelease).toBe(before.hoursToRelease);
  });

  describe('when it is not eligible, it says why', () => {
    it.each([
      ['goods that are not minerals', variant(example, { goods: [{ ...example.goods[0], hsCode: '8471300000', description: 'Portable computers' }] }), /not ores or concentrates/],
      ['an export', variant(example, { flow: 'export' }), /supervises imports; this is an export/],
      ['no inland site', variant(example, { inlandSite: undefined }), /no inland site is named/],
      ['an inland site that is not an unloading place', variant(example, { inlandSite: 'urumqi-inland' }), /is not an unloading place/],
    ])('%s', (_name, declaration, reason) => {
      const { plan, ctx } = baselineOf(declaration);
      expect(reform.ineligibility(ctx, plan)).toMatch(reason);
    });

    it('a plan whose mineral checks already left the port', () => {
      const { plan } = applyReform(reform, example);
      const { ctx } = baselineOf(example);
      expect(reform.ineligibility(ctx, plan)).toMatch(/no longer at .*Alashankou/i);
    });
  });

  describe('parameters', () => {
    it('labFollowsRelease = 0: the wagons still leave after the radiation check, but release waits for the lab at the unloading place', () => {
      const released = outcome(example);
      const held = outcome(example, { labFollowsRelease: 0 });
      expect(kinds(held.changes).slice(0, 2)).toEqual([
        ['moved', 'gate-out'],
        ['moved', 'release'],
      ]);
      expect(stepById(held.plan, 'gate-out')!.after).toEqual(['documentary-check', 'physical-inspection', 'radiation-check', 'duty-payment']);
      expect(placeOf(held.plan, 'release')).toEqual({ location: 'unloading-place', site: 'changji-unloading' });
      expect(releaseAncestors(held.plan).has('lab-test')).toBe(true);
      expect(held.after.hoursToExit).toBeCloseTo(released.after.hoursToExit, 0);
      // Later than the default (and than the baseline): release now also waits for the haul and the lab.
      expect(held.after.hoursToRelease).toBeGreaterThan(released.after.hoursToRelease + 24);
      expect(held.after.hoursToRelease).toBeGreaterThan(held.before.hoursToRelease);
    });
  });
});
