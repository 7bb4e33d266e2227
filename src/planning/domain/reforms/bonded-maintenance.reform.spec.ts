import type { Declaration } from '../declaration';
import { releaseAncestors, stepById } from '../plan';
import { baselineOf, reformOutcome, reference, variant } from '../testing/planning.test-kit';
import { bondedMaintenance as reform } from './bonded-maintenance.reform';
import type { PlanChange, ReformParameters } from './reform';

const example = reform.example;
const domestic = variant(example, { disposition: 'domestic-market' });
const kinds = (changes: PlanChange[]) => changes.map((c) => [c.kind, c.stepId]);

const outcome = (declaration: Declaration, overrides: ReformParameters = {}) => reformOutcome(reform, declaration, overrides);

const amount = (cost: ReturnType<typeof outcome>['costAfter'], item: string) => cost.items.find((i) => i.item === item)?.amountMinor ?? 0;

describe('bonded maintenance in a comprehensive bonded zone (rules.md §4)', () => {
  describe('given an excavator brought into Kashgar CBZ for repair and re-export', () => {
    it('is eligible, and the baseline declares it through a broker and secures the duties with a guarantee before release', () => {
      const { plan, ctx } = baselineOf(example);
      expect(reform.ineligibility(ctx, plan)).toBeNull();
      expect(ctx.facts.port.kind).toBe('bonded-zone');
      expect(ctx.facts.headings.every((h) => h.maintenanceCatalogue)).toBe(true);
      expect(stepById(plan, 'lodge-declaration')).toMatchObject({ actor: 'trader', costs: [{ item: 'broker-fee', quantity: 1 }] });
      expect(releaseAncestors(plan).has('repair-guarantee')).toBe(true);
      expect(plan.taxation.basis).toBe('none');
    });

    it('when bonded maintenance applies, then the zone filing replaces the declaration and the guarantee goes', () => {
      const { changes } = outcome(example);
      expect(kinds(changes)).toEqual([
        ['shortened', 'lodge-declaration'],
        ['removed', 'repair-guarantee'],
      ]);
      for (const change of changes) {
        expect(change).toMatchObject({ reform: 'bonded-maintenance', clause: reform.clause });
        expect(change.reason).not.toHaveLength(0);
        expect(change.source).toMatch(/\[S6[13]\]/);
      }
      expect(changes[0].reason).toMatch(/entry record list and a bonded verification list under 1371/);
    });

    it('then the zone operator files on its ledger, nothing is secured, and no duty is charged', () => {
      const { plan } = outcome(example);
      expect(stepById(plan, 'lodge-declaration')).toMatchObject({ title: reference().step('zone-entry-filing').title, actor: 'bonded-zone-operator', costs: [] });
      expect(stepById(plan, 'repair-guarantee')).toBeUndefined();
      expect(stepById(plan, 'release')!.after).toEqual(['documentary-check', 'physical-inspection']);
      expect(plan.taxation.basis).toBe('none');
    });

    it('then release comes hours earlier and the broker fee, the guarantee premium and waiting go', () => {
      const { before, after, costBefore, costAfter } = outcome(example);
      // Shorter: a 45-minute zone filing instead of a 3-hour declaration, and no 4-hour guarantee.
      expect(after.hoursToRelease).toBeLessThan(before.hoursToRelease - 4);
      // Lower: broker fee RMB 450 and a 1 % premium on about RMB 198,600 of duties secured go.
      expect(amount(costAfter, 'broker-fee')).toBe(0);
      expect(amount(costAfter, 'guarantee-fee')).toBe(0);
      expect(costAfter.totalMinor).toBeLessThan(costBefore.totalMinor - amount(costBefore, 'guarantee-fee'));
    });
  });

  describe('given the repaired excavator returns to the domestic market', () => {
    it('then the zone filing replaces the declaration, duty is still paid, but only on the repair fee', () => {
      const { plan, changes, costBefore, costAfter, after, before } = outcome(domestic);
      expect(kinds(changes)).toEqual([
        ['shortened', 'lodge-declaration'],
        ['tax-basis-changed', 'plan'],
      ]);
      expect(changes[1]).toMatchObject({ before: 'duty and VAT on customs-value', after: 'duty and VAT on repair-fee', source: '[S61]' });
      expect(plan.taxation.basis).toBe('repair-fee');
      expect(releaseAncestors(plan).has('duty-payment')).toBe(true);
      // The repair fee of USD 12,000 at 7.1 is CNY 85,200: 5 % duty, then 13 % VAT on fee plus duty.
      expect(amount(costAfter, 'import-duty')).toBe(426_000);
      expect(amount(costAfter, 'import-vat')).toBe(Math.round((8_520_000 + 426_000) * 0.13));
      expect(amount(costBefore, 'import-duty')).toBe(5_325_000);
      expect(costAfter.totalMinor).toBeLessThan(costBefore.totalMinor);
      expect(after.hoursToRelease).toBeLessThan(before.hoursToRelease);
    });
  });

  describe('when it is not eligible, it says why', () => {
    it.each([
      ['outside a bonded zone (into Khorgos road port)', variant(example, { port: 'khorgos-road' }), /Khorgos.* is not a comprehensive bonded zone/],
      ['an export', variant(example, { flow: 'export' }), /entering the zone for repair; this is an export/],
      ['general trade', variant(example, { supervisionMode: '0110' }), /0110 is neither goods for repair \(1300\) nor bonded maintenance \(1371\)/],
      ['goods outside the catalogue', variant(example, { goods: [{ ...example.goods[0], hsCode: '6110200090', description: 'Jerseys' }] }), /maintenance product catalogue/],
      ['no repair fee', variant(example, { goods: [{ ...example.goods[0], repairFeeMinor: undefined }] }), /repair fee/],
    ])('%s', (_name, declaration, reason) => {
      const { plan, ctx } = baselineOf(declaration);
      expect(reform.ineligibility(ctx, plan)).toMatch(reason);
    });
  });

  describe('parameters', () => {
    it('guaranteeWaived = 0: the guarantee stays, so the filing alone saves less time and money than the default', () => {
      const full = outcome(example);
      const filingOnly = outcome(example, { guaranteeWaived: 0 });
      expect(kinds(filingOnly.changes)).toEqual([['shortened', 'lodge-declaration']]);
      expect(releaseAncestors(filingOnly.plan).has('repair-guarantee')).toBe(true);
      expect(filingOnly.after.hoursToRelease).toBeGreaterThan(full.after.hoursToRelease);
      expect(filingOnly.costAfter.totalMinor).toBeGreaterThan(full.costAfter.totalMinor);
      expect(filingOnly.costAfter.totalMinor).toBeLessThan(filingOnly.costBefore.totalMinor);
    });
  });
});
