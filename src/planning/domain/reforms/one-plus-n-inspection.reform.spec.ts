import type { Declaration } from '../declaration';
import { meanMinutes } from '../distribution';
import { ancestors, releaseAncestors, runProbability, stepById } from '../plan';
import { applyReform, baselineOf, reformOutcome, variant } from '../testing/planning.test-kit';
import { bondedMaintenance } from './bonded-maintenance.reform';
import { greenChannel } from './green-channel.reform';
import { onePlusNInspection as reform } from './one-plus-n-inspection.reform';
import { portPlusUnloadingPlace } from './port-plus-unloading-place.reform';
import type { PlanChange, ReformParameters } from './reform';

const example = reform.example;
const kinds = (changes: PlanChange[]) => changes.map((c) => [c.kind, c.stepId]);
const cars: Declaration = variant(example, {
  port: 'khorgos-road',
  goods: [{ hsCode: '8703236000', description: 'Passenger cars', quantity: 6, unit: 'unit', customsValueMinor: 15_000_000, currency: 'USD' }],
});
const copper: Declaration = variant(portPlusUnloadingPlace.example, { inlandSite: undefined });

const outcome = (declaration: Declaration, overrides: ReformParameters = {}) => reformOutcome(reform, declaration, overrides);

describe('"1+N" joint inspection (rules.md §6.6, an assumption)', () => {
  describe('given Kyrgyz cherries imported at Irkeshtam on two trucks', () => {
    it('is eligible, and the baseline has a red-channel physical inspection and an always-on quarantine inspection side by side', () => {
      const { plan, ctx } = baselineOf(example);
      expect(reform.ineligibility(ctx, plan)).toBeNull();
      const physical = stepById(plan, 'physical-inspection')!;
      const quarantine = stepById(plan, 'quarantine-inspection')!;
      expect([physical.site, quarantine.site]).toEqual(['irkeshtam', 'irkeshtam']);
      expect(runProbability(plan, physical)).toBeCloseTo(0.15, 9);
      expect(runProbability(plan, quarantine)).toBe(1);
      expect(ancestors(plan, 'physical-inspection').has('quarantine-inspection')).toBe(false);
      expect(ancestors(plan, 'quarantine-inspection').has('physical-inspection')).toBe(false);
      expect(releaseAncestors(plan).has('physical-inspection') && releaseAncestors(plan).has('quarantine-inspection')).toBe(true);
    });

    it('when 1+N applies, then one joint inspection replaces the two', () => {
      const { changes } = outcome(example);
      expect(kinds(changes)).toEqual([
        ['added', 'joint-inspection'],
        ['removed', 'physical-inspection'],
        ['removed', 'quarantine-inspection'],
      ]);
      for (const change of changes) {
        expect(change).toMatchObject({ reform: 'one-plus-n-inspection', clause: reform.clause, source: expect.stringMatching(/rules\.md §6\.6 \(ASSUMPTION/) });
        expect(change.reason).not.toHaveLength(0);
      }
      expect(changes[0].reason).toMatch(/one joint operation for 2 checks .*unloaded and presented once/);
    });

    it('then the joint inspection runs on every lot, takes the longest check due plus the overhead, charges one handling fee, and release waits for it', () => {
      const { base, plan } = outcome(example);
      const joint = stepById(plan, 'joint-inspection')!;
      expect(joint).toMatchObject({ site: 'irkeshtam', location: 'border-port', channels: null, probability: 1, resource: 'inspection-bay' });
      expect(joint.after).toEqual(['documentary-check', 'arrival', 'electronic-review']);
      // 85 % of lots need only quarantine (mean 90 min); 15 % need both: max(160, 90) + 15 min.
      const quarantine = meanMinutes(stepById(base, 'quarantine-inspection')!.duration);
      const physical = meanMinutes(stepById(base, 'physical-inspection')!.duration);
      expect(meanMinutes(joint.duration)).toBeCloseTo(0.85 * quarantine + 0.15 * (Math.max(physical, quarantine) + 15), 6);
      // One unloading: the quarantine handling fee alone, or the dearer inspection handling fee when both checks are due.
      expect(joint.costs.map((c) => c.item)).toEqual(['quarantine-handling-fee', 'inspection-handling-fee']);
      expect(joint.costs[0].quantity).toBeCloseTo(0.85, 9);
      expect(joint.costs[1].quantity).toBeCloseTo(0.15, 9);
      expect(stepById(plan, 'physical-inspection')).toBeUndefined();
      expect(stepById(plan, 'quarantine-inspection')).toBeUndefined();
      expect(stepById(plan, 'release')!.after).toContain('joint-inspection');
      expect(releaseAncestors(plan).has('joint-inspection')).toBe(true);
    });

    it('then release is no later (the duty payment decides it) and the trucks pay one handling fee where they paid two', () => {
      const { before, after, costBefore, costAfter } = outcome(example);
      expect(after.hoursToRelease).toBe(before.hoursToRelease);
      expect(after.criticalPath).toContain('duty-payment');
      // Lower: 15 % of lots x 2 trucks x RMB 275 quarantine handling no longer charged on top of the inspection handling.
      expect(costAfter.totalMinor).toBe(costBefore.totalMinor - 8_250);
    });
  });

  it('given cars imported at Khorgos road port, then the conformity check and the physical inspection merge and pay one fee per truck', () => {
    const { plan } = outcome(cars);
    const joint = stepById(plan, 'joint-inspection')!;
    expect(joint.costs).toHaveLength(1);
    expect(joint.costs[0].item).toBe('inspection-handling-fee');
    expect(joint.costs[0].quantity).toBeCloseTo(1, 9);
    expect(stepById(plan, 'vehicle-conformity-check')).toBeUndefined();
  });

  it('given copper concentrate at Alashankou, then the solid-waste screening joins the physical inspection and the radiation scan stays apart', () => {
    const { plan } = outcome(copper);
    expect(stepById(plan, 'radiation-check')).toBeDefined();
    expect(stepById(plan, 'solid-waste-screening')).toBeUndefined();
    expect(stepById(plan, 'joint-inspection')!.after).toEqual(['documentary-check', 'gauge-transshipment', 'radiation-check']);
    expect(stepById(plan, 'sampling')!.after).toContain('joint-inspection');
  });

  describe('when it is not eligible, it says why', () => {
    it.each([
      ['a fruit export (origin inspection away from the port, one check at the port)', greenChannel.example],
      ['an excavator for repair (one physical inspection)', bondedMaintenance.example],
    ])('%s', (_name, declaration) => {
      const { plan, ctx } = baselineOf(declaration);
      expect(reform.ineligibility(ctx, plan)).toMatch(/fewer than two inspections at one site .* \(found physical-inspection at /);
    });

    it('a plan whose checks were already merged', () => {
      const { plan } = applyReform(reform, example);
      expect(reform.ineligibility(baselineOf(example).ctx, plan)).toMatch(/fewer than two inspections .*\(found none\)/);
    });
  });

  describe('parameters', () => {
    it('overheadMinutes = 120: a slow joint operation outlasts the duty payment and release comes later than with the default', () => {
      const usual = outcome(example);
      const slow = outcome(example, { overheadMinutes: 120 });
      expect(meanMinutes(stepById(slow.plan, 'joint-inspection')!.duration) - meanMinutes(stepById(usual.plan, 'joint-inspection')!.duration)).toBeCloseTo(0.15 * 105, 6);
      expect(slow.after.hoursToRelease).toBeGreaterThan(usual.after.hoursToRelease);
      expect(slow.after.criticalPath).toContain('joint-inspection');
    });
  });
});
