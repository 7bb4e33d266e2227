import { meanMinutes } from '../distribution';
import { expectedTime } from '../expected';
import { ancestors, releaseAncestors, stepById } from '../plan';
import { applyReform, baselineOf, reference, variant } from '../testing/planning.test-kit';
import type { PlanChange } from './reform';
import { twoStepDeclaration as reform } from './two-step-declaration.reform';

const example = reform.example;
const kinds = (changes: PlanChange[]) => changes.map((c) => [c.kind, c.stepId]);
const mean = (id: string) => meanMinutes(reference().step(id).duration);
/** The complete declaration's longest run (a triangular template): it starts so as to finish by the deadline. */
const longestComplete = () => {
  const d = reference().step('complete-declaration').duration;
  if (d.kind !== 'triangular') throw new Error('the spec expects a triangular complete-declaration template');
  return d.max;
};

describe('two-step declaration (GACC 2019 No.127)', () => {
  describe('given a general-trade import of computers at Khorgos road port', () => {
    it('is eligible, and the baseline lodges a full declaration and pays duty before release', () => {
      const { plan, ctx } = baselineOf(example);
      expect(reform.ineligibility(ctx, plan)).toBeNull();
      expect(stepById(plan, 'lodge-declaration')!.title).toBe(reference().step('lodge-declaration').title);
      expect(releaseAncestors(plan)).toEqual(new Set(['arrival', 'lodge-declaration', 'electronic-review', 'documentary-check', 'physical-inspection', 'duty-payment']));
      expect(stepById(plan, 'complete-declaration')).toBeUndefined();
    });

    it('when two-step applies, then the declaration becomes a summary, duty is secured, and the complete declaration follows release', () => {
      const { changes } = applyReform(reform, example);
      expect(kinds(changes)).toEqual([
        ['shortened', 'lodge-declaration'],
        ['shortened', 'duty-payment'],
        ['added', 'complete-declaration'],
      ]);
      for (const change of changes) {
        expect(change).toMatchObject({ reform: 'two-step-declaration', clause: reform.clause });
        expect(change.reason).not.toHaveLength(0);
        expect(change.source).toMatch(/\[S7[2-5]\]|\[S109\]/);
      }
      expect(changes[2].reason).toMatch(/release does not wait/);
    });

    it('then release waits for the summary and the guarantee check only, and comes earlier', () => {
      const { base, plan } = applyReform(reform, example);
      expect(stepById(plan, 'lodge-declaration')).toMatchObject({ title: reference().step('summary-declaration').title, site: 'khorgos-road' });
      expect(stepById(plan, 'duty-payment')).toMatchObject({ title: reference().step('guarantee-filing-check').title, actor: 'customs' });
      const complete = stepById(plan, 'complete-declaration')!;
      expect(complete).toMatchObject({ after: ['release'], site: 'khorgos-road', location: 'border-port', earliestStartMinutes: 14 * 24 * 60 - longestComplete() });
      expect(releaseAncestors(plan).has('complete-declaration')).toBe(false);
      expect(ancestors(plan, 'gate-out').has('complete-declaration')).toBe(false);

      // Earlier release: at least the summary's saving over the full declaration.
      const before = expectedTime(base);
      const after = expectedTime(plan);
      expect(after.hoursToRelease).toBeLessThan(before.hoursToRelease);
      expect(before.hoursToRelease - after.hoursToRelease).toBeGreaterThanOrEqual((mean('lodge-declaration') - mean('summary-declaration')) / 60 - 0.01);
      expect(after.hoursToExit).toBeLessThan(before.hoursToExit);
      // The complete declaration is done by day 14: the trader defers the tax to the deadline.
      expect(after.hoursToComplete).toBeCloseTo((14 * 24 * 60 - longestComplete() + mean('complete-declaration')) / 60, 1);
      expect(after.hoursToComplete).toBeLessThanOrEqual(14 * 24);
    });
  });

  describe('when it is not eligible, it says why', () => {
    it.each([
      ['an export', variant(example, { flow: 'export' }), /imports only; this is an export/],
      ['a discredited trader', variant(example, { trader: { name: 'X', creditClass: 'discredited' } }), /discredited; .*at least general credit/],
      [
        'a rail import declared on a transfer declaration',
        variant(example, { port: 'khorgos-rail', transportMode: 'rail', inlandSite: 'urumqi-inland' }),
        /no full import declaration .*'transfer-declaration'/,
      ],
      ['border residents\' mutual trade', variant(example, { supervisionMode: 'BMTR' }), /no full import declaration .*'resident-declaration'/],
    ])('%s', (_name, declaration, reason) => {
      const { plan, ctx } = baselineOf(declaration);
      expect(reform.ineligibility(ctx, plan)).toMatch(reason);
    });

    it('a general AEO trader is eligible (at least general credit)', () => {
      const { plan, ctx } = baselineOf(variant(example, { trader: { name: 'X', creditClass: 'general-aeo' } }));
      expect(reform.ineligibility(ctx, plan)).toBeNull();
    });
  });

  describe('parameters', () => {
    it('completionDays moves the complete declaration, not release', () => {
      const fourteen = applyReform(reform, example);
      const seven = applyReform(reform, example, { completionDays: 7 });
      expect(stepById(seven.plan, 'complete-declaration')!.earliestStartMinutes).toBe(7 * 24 * 60 - longestComplete());
      expect(expectedTime(seven.plan).hoursToComplete).toBeCloseTo(expectedTime(fourteen.plan).hoursToComplete - 7 * 24, 1);
      expect(expectedTime(seven.plan).hoursToRelease).toBe(expectedTime(fourteen.plan).hoursToRelease);
      expect(seven.changes[2].reason).toMatch(/within 7 days/);
    });
  });
});
