import { describeDistribution, meanMinutes } from '../distribution';
import { criticalPath, expectedTime, expectedTimings } from '../expected';
import { ancestors, stepById } from '../plan';
import { applyReform, baselineOf, reference, variant } from '../testing/planning.test-kit';
import { originSmartReview as reform } from './origin-smart-review.reform';
import type { PlanChange } from './reform';

const example = reform.example;
const kinds = (changes: PlanChange[]) => changes.map((c) => [c.kind, c.stepId]);
const exitPath = (plan: Parameters<typeof expectedTimings>[0]) => criticalPath(plan, expectedTimings(plan), plan.exitStep).map((s) => s.id);

describe('certificate of origin smart review and self-printing (rules.md §6.8)', () => {
  describe('given an export of jerseys at Khorgos road port with a certificate of origin', () => {
    it('is eligible, and in the baseline the truck waits for the certificate to leave', () => {
      const { plan, ctx } = baselineOf(example);
      expect(reform.ineligibility(ctx, plan)).toBeNull();
      expect(stepById(plan, 'gate-out')!.after).toEqual(['release', 'certificate-of-origin']);
      expect(ancestors(plan, plan.releaseStep).has('certificate-of-origin')).toBe(false);
      expect(exitPath(plan)).toContain('certificate-of-origin');
    });

    it('when smart review applies, then the certificate takes a minute', () => {
      const { changes } = applyReform(reform, example);
      // Khorgos road port already works 7x24 (seeds/sites.json), so no hours change is recorded there.
      expect(reference().sites.get('khorgos-road')!.calendar.allDay).toBe(true);
      expect(kinds(changes)).toEqual([['shortened', 'certificate-of-origin']]);
      expect(changes[0]).toMatchObject({ reform: 'origin-smart-review', clause: reform.clause, before: describeDistribution(reference().step('certificate-of-origin').duration), after: '1 min', source: '[S85][S86]' });
      expect(changes[0].reason).toMatch(/half a working day/);
    });

    it('then the exit waits for release, not the certificate, and comes earlier; release is unchanged', () => {
      const { base, plan } = applyReform(reform, example);
      expect(stepById(plan, 'certificate-of-origin')!.duration).toEqual({ kind: 'constant', minutes: 1 });
      expect(exitPath(plan)).not.toContain('certificate-of-origin');
      expect(exitPath(plan)).toContain('release');
      const before = expectedTime(base);
      const after = expectedTime(plan);
      expect(after.hoursToExit).toBeLessThan(before.hoursToExit);
      // Exit is now release plus the gate.
      expect(after.hoursToExit).toBeCloseTo(after.hoursToRelease + meanMinutes(reference().step('gate-out').duration) / 60, 1);
      expect(after.hoursToRelease).toBe(before.hoursToRelease);
    });
  });

  it('given the same export at Bakhtu, which keeps office hours, then the review also runs 7x24', () => {
    const { plan, changes } = applyReform(reform, variant(example, { port: 'bakhtu' }));
    expect(reference().sites.get('bakhtu')!.calendar.allDay).toBe(false);
    expect(kinds(changes)).toEqual([
      ['shortened', 'certificate-of-origin'],
      ['hours-extended', 'certificate-of-origin'],
    ]);
    expect(changes[1]).toMatchObject({ reform: 'origin-smart-review', clause: reform.clause, source: '[S85]' });
    expect(stepById(plan, 'certificate-of-origin')!.allDay).toBe(true);
  });

  describe('when it is not eligible, it says why', () => {
    it.each([
      ['an import', variant(example, { flow: 'import', certificateOfOrigin: undefined }), /issued for exports; this is an import/],
      ['an export without a certificate', variant(example, { certificateOfOrigin: false }), /no certificate of origin is applied for/],
    ])('%s', (_name, declaration, reason) => {
      const { plan, ctx } = baselineOf(declaration);
      expect(reform.ineligibility(ctx, plan)).toMatch(reason);
    });
  });

  describe('parameters', () => {
    it('a slower review brings the certificate back onto the exit path', () => {
      const slow = applyReform(reform, example, { reviewMinutes: 480 });
      expect(stepById(slow.plan, 'certificate-of-origin')!.duration).toEqual({ kind: 'constant', minutes: 480 });
      expect(exitPath(slow.plan)).toContain('certificate-of-origin');
      expect(expectedTime(slow.plan).hoursToExit).toBeGreaterThan(expectedTime(applyReform(reform, example).plan).hoursToExit);
    });
  });
});
