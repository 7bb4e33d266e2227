import type { Declaration } from '../declaration';
import { meanMinutes } from '../distribution';
import { releaseAncestors, stepById } from '../plan';
import { baselineOf, reformOutcome, variant } from '../testing/planning.test-kit';
import type { PlanChange, ReformParameters } from './reform';
import { threeOnesVehicles as reform } from './three-ones-vehicles.reform';

const example = reform.example;
const kinds = (changes: PlanChange[]) => changes.map((c) => [c.kind, c.stepId]);
const OFF = { inspections: 2, hauls: 2, transferDeclarationFactor: 1, dutyAtSale: 0 };

const outcome = (declaration: Declaration, overrides: ReformParameters = {}) => reformOutcome(reform, declaration, overrides);

describe('"three ones" for bonded vehicle warehousing (rules.md §5.2, an assumption throughout)', () => {
  it('says it is an assumption, in the reform and in every parameter', () => {
    expect(reform.assumption).toBe(true);
    expect(reform.parameters.map((p) => p.name)).toEqual(['inspections', 'hauls', 'transferDeclarationFactor', 'dutyAtSale']);
    for (const p of reform.parameters) {
      expect(p.assumption).toBe(true);
      expect(p.source).toMatch(/^ASSUMPTION/);
    }
  });

  describe('given passenger cars entering at Khorgos road port for the Khorgos CBZ bonded warehouse on four trucks', () => {
    it('is eligible, and the baseline inspects twice, handles the cars on the way and pays duty on entry', () => {
      const { plan, ctx } = baselineOf(example);
      expect(reform.ineligibility(ctx, plan)).toBeNull();
      expect(stepById(plan, 'vehicle-conformity-check')!.site).toBe('khorgos-road');
      expect(stepById(plan, 'warehouse-entry-inspection')!.site).toBe('khorgos-cbz');
      expect(stepById(plan, 'intermediate-handling')!.after).toEqual(['haul']);
      expect(stepById(plan, 'duty-payment')!.costs.map((c) => c.item)).toEqual(['duty-financing']);
      expect(stepById(plan, 'release')!.after).toEqual(['zone-entry-filing', 'warehouse-entry-inspection', 'duty-payment']);
    });

    it('when "three ones" applies, then one inspection, one transport and duty at sale change the plan', () => {
      const { changes } = outcome(example);
      expect(kinds(changes)).toEqual([
        ['shortened', 'transit-declaration'],
        ['removed', 'intermediate-handling'],
        ['removed', 'warehouse-entry-inspection'],
        ['moved', 'duty-payment'],
        ['re-priced', 'duty-payment'],
      ]);
      for (const change of changes) {
        expect(change).toMatchObject({ reform: 'three-ones-vehicles', clause: reform.clause });
        expect(change.reason).toMatch(/^(one inspection|one transport|integrated operation|no duty is paid before the sale)/);
        expect(change.source).toMatch(/ASSUMPTION/);
      }
    });

    it('then the port check is the only inspection, the cars go straight into the warehouse, and storage does not wait for the duty', () => {
      const { base, plan } = outcome(example);
      expect(stepById(plan, 'vehicle-conformity-check')).toBeDefined();
      expect(stepById(plan, 'warehouse-entry-inspection')).toBeUndefined();
      expect(stepById(plan, 'intermediate-handling')).toBeUndefined();
      expect(stepById(plan, 'zone-entry-filing')!.after).toEqual(['haul']);
      expect(meanMinutes(stepById(plan, 'transit-declaration')!.duration)).toBeCloseTo(0.25 * meanMinutes(stepById(base, 'transit-declaration')!.duration), 6);
      expect(stepById(plan, 'release')!.after).toEqual(['zone-entry-filing', 'haul']);
      expect(releaseAncestors(plan).has('duty-payment')).toBe(false);
      expect(stepById(plan, 'duty-payment')).toMatchObject({ after: ['zone-entry-filing'], costs: [] });
    });

    it('then the cars are in bonded storage hours earlier, and handling, the second inspection fee and duty financing are saved', () => {
      const { before, after, costBefore, costAfter } = outcome(example);
      // Shorter: no 4-hour handling, no second inspection, a quick transfer, no wait for the duty.
      expect(after.hoursToRelease).toBeLessThan(before.hoursToRelease - 6);
      expect(after.hoursToExit).toBeLessThan(before.hoursToExit);
      // Lower: the duty itself is still due at sale, but not financed for 60 days.
      const item = (c: typeof costBefore, id: string) => c.items.filter((i) => i.item === id).reduce((sum, i) => sum + i.amountMinor, 0);
      expect(item(costAfter, 'duty-financing')).toBe(0);
      expect(item(costAfter, 'handling-fee')).toBe(0);
      expect(item(costAfter, 'import-duty')).toBe(item(costBefore, 'import-duty'));
      expect(costAfter.totalMinor).toBeLessThan(costBefore.totalMinor - item(costBefore, 'duty-financing'));
    });
  });

  describe('when it is not eligible, it says why', () => {
    it.each([
      ['goods that are not vehicles', variant(example, { goods: [{ ...example.goods[0], hsCode: '8471300000', description: 'Portable computers' }] }), /not vehicles/],
      ['cars cleared for an inland office, not bonded storage', variant(example, { inlandSite: 'urumqi-inland' }), /not going into bonded storage/],
      ['cars with no inland site', variant(example, { inlandSite: undefined }), /not going into bonded storage/],
    ])('%s', (_name, declaration, reason) => {
      const { plan, ctx } = baselineOf(declaration);
      expect(reform.ineligibility(ctx, plan)).toMatch(reason);
    });
  });

  describe('parameters: every effect can be switched off', () => {
    it.each([
      ['inspections = 2 keeps the warehouse-entry inspection', { inspections: 2 }, ['removed', 'warehouse-entry-inspection']],
      ['hauls = 2 keeps the intermediate handling', { hauls: 2 }, ['removed', 'intermediate-handling']],
      ['transferDeclarationFactor = 1 keeps the transit declaration', { transferDeclarationFactor: 1 }, ['shortened', 'transit-declaration']],
      ['dutyAtSale = 0 keeps the duty payment on entry', { dutyAtSale: 0 }, ['moved', 'duty-payment']],
    ])('%s, and storage comes later than with the default', (_name, overrides, dropped) => {
      const full = outcome(example);
      const partial = outcome(example, overrides);
      expect(kinds(full.changes)).toContainEqual(dropped);
      expect(kinds(partial.changes)).not.toContainEqual(dropped);
      expect(partial.after.hoursToRelease).toBeGreaterThan(full.after.hoursToRelease);
    });

    it('with every effect off the plan is the baseline', () => {
      const { base, plan, changes } = outcome(example, OFF);
      expect(changes).toEqual([]);
      expect(plan).toEqual(base);
    });
  });
});
