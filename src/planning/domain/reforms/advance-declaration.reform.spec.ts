import type { Declaration } from '../declaration';
import { expectedTime, expectedTimings } from '../expected';
import { stepById } from '../plan';
import { applyReform, baselineOf, variant } from '../testing/planning.test-kit';
import { advanceDeclaration as reform } from './advance-declaration.reform';
import type { PlanChange } from './reform';

const example = reform.example;
const kinds = (changes: PlanChange[]) => changes.map((c) => [c.kind, c.stepId]);

const jerseysExport: Declaration = {
  flow: 'export',
  port: 'khorgos-road',
  transportMode: 'road',
  supervisionMode: '0110',
  trader: { name: 'Yining Knitwear Co.', creditClass: 'general' },
  goods: [{ hsCode: '6110200000', description: 'Cotton jerseys', quantity: 20000, unit: 'pcs', customsValueMinor: 12_000_000, currency: 'USD' }],
};
const methanolExport: Declaration = {
  ...jerseysExport,
  goods: [{ hsCode: '2905110000', description: 'Methanol', quantity: 30000, unit: 'kg', customsValueMinor: 1_000_000, currency: 'USD', unNumber: '1230' }],
};

describe('advance declaration (GACC 2014 No.74)', () => {
  describe('given an import of car parts at Khorgos road port', () => {
    it('is eligible, and the baseline lodges the declaration only after arrival', () => {
      const { plan, ctx } = baselineOf(example);
      expect(reform.ineligibility(ctx, plan)).toBeNull();
      expect(stepById(plan, 'lodge-declaration')).toMatchObject({ after: ['arrival'], earliestStartMinutes: 0 });
      expect(stepById(plan, 'electronic-review')!.earliestStartMinutes).toBe(0);
      expect(stepById(plan, 'documentary-check')!.earliestStartMinutes).toBe(0);
    });

    it('when declared in advance, then the lodgement and the paper checks move before arrival', () => {
      const { changes } = applyReform(reform, example);
      expect(kinds(changes)).toEqual([
        ['moved', 'lodge-declaration'],
        ['moved', 'electronic-review'],
        ['moved', 'documentary-check'],
      ]);
      for (const change of changes) {
        expect(change).toMatchObject({ reform: 'advance-declaration', clause: reform.clause });
        expect(change.reason).not.toHaveLength(0);
        expect(change.source).toMatch(/\[S76\]/);
      }
      expect(changes[0]).toMatchObject({ before: 'after arrival, from 0 h relative to arrival', after: 'after nothing, from -24 h relative to arrival' });
    });

    it('then review is done by arrival, physical inspection still waits for the goods, and release comes earlier', () => {
      const { base, plan } = applyReform(reform, example);
      expect(stepById(plan, 'lodge-declaration')).toMatchObject({ after: [], earliestStartMinutes: -24 * 60 });
      expect(stepById(plan, 'electronic-review')!.earliestStartMinutes).toBe(-24 * 60);
      expect(stepById(plan, 'documentary-check')!.earliestStartMinutes).toBe(-24 * 60);
      expect(stepById(plan, 'physical-inspection')).toMatchObject({ after: ['documentary-check', 'arrival'], earliestStartMinutes: 0 });
      expect(stepById(plan, 'duty-payment')!.earliestStartMinutes).toBe(0);

      const timings = expectedTimings(plan);
      expect(timings.get('documentary-check')!.finishMinutes).toBeLessThan(0);
      expect(timings.get('physical-inspection')!.startMinutes).toBeGreaterThanOrEqual(timings.get('arrival')!.finishMinutes);
      expect(expectedTime(plan).hoursToRelease).toBeLessThan(expectedTime(base).hoursToRelease);
      expect(expectedTime(plan).hoursToExit).toBeLessThan(expectedTime(base).hoursToExit);
    });
  });

  describe('given an export of jerseys at Khorgos road port', () => {
    it('then the export is lodged up to 72 hours ahead and leaves earlier', () => {
      const { base, plan, changes } = applyReform(reform, jerseysExport);
      expect(kinds(changes)).toEqual([
        ['moved', 'lodge-declaration'],
        ['moved', 'electronic-review'],
        ['moved', 'documentary-check'],
      ]);
      expect(stepById(plan, 'lodge-declaration')).toMatchObject({ after: [], earliestStartMinutes: -72 * 60 });
      expect(expectedTime(plan).hoursToExit).toBeLessThan(expectedTime(base).hoursToExit);
    });

    it('given dangerous chemicals, then the lodgement still waits for the origin inspection whose ledger number it quotes', () => {
      const { base, plan } = applyReform(reform, methanolExport);
      expect(stepById(base, 'lodge-declaration')!.after).toEqual(['arrival']);
      expect(stepById(plan, 'lodge-declaration')).toMatchObject({ after: ['dg-origin-inspection'], earliestStartMinutes: -72 * 60 });
      expect(expectedTime(plan).hoursToRelease).toBeLessThan(expectedTime(base).hoursToRelease);
    });
  });

  it('given a rail import on a transfer declaration, then the transfer declaration is lodged before the train arrives', () => {
    const rail = variant(example, { port: 'khorgos-rail', transportMode: 'rail', inlandSite: 'urumqi-inland' });
    const { base, plan, changes } = applyReform(reform, rail);
    expect(changes[0]).toMatchObject({ kind: 'moved', stepId: 'transfer-declaration' });
    expect(stepById(plan, 'transfer-declaration')).toMatchObject({ after: [], earliestStartMinutes: -24 * 60 });
    expect(expectedTime(plan).hoursToRelease).toBeLessThan(expectedTime(base).hoursToRelease);
  });

  describe('when it is not eligible, it says why', () => {
    it.each([
      ['a transit', variant(example, { flow: 'transit', supervisionMode: 'TRST', exitPort: 'irkeshtam' }), /transit goods move under a transit declaration/],
      ["border residents' mutual trade", variant(example, { supervisionMode: 'BMTR' }), /no import or export declaration .*'resident-declaration'/],
      [
        'vehicles for a bonded warehouse, moved under transit',
        variant(example, {
          goods: [{ hsCode: '8703231900', description: 'Passenger cars', quantity: 6, unit: 'pcs', customsValueMinor: 18_000_000, currency: 'USD' }],
          inlandSite: 'khorgos-cbz',
        }),
        /no import or export declaration .*'transit-declaration'/,
      ],
    ])('%s', (_name, declaration, reason) => {
      const { plan, ctx } = baselineOf(declaration);
      expect(reform.ineligibility(ctx, plan)).toMatch(reason);
    });

    it('a declaration already lodged in advance', () => {
      const { ctx } = baselineOf(example);
      const { plan } = applyReform(reform, example);
      expect(reform.ineligibility(ctx, plan)).toMatch(/'lodge-declaration' is already lodged before the goods arrive/);
    });
  });

  describe('parameters', () => {
    it('a shorter import lead leaves part of the lodgement after arrival, so release comes later', () => {
      const day = applyReform(reform, example);
      const hour = applyReform(reform, example, { leadHours: 1 });
      expect(stepById(hour.plan, 'lodge-declaration')!.earliestStartMinutes).toBe(-60);
      expect(expectedTime(hour.plan).hoursToRelease).toBeGreaterThan(expectedTime(day.plan).hoursToRelease);
      expect(expectedTime(hour.plan).hoursToRelease).toBeLessThan(expectedTime(day.base).hoursToRelease);
    });

    it('exportLeadHours sets the export lead and leaves imports alone', () => {
      expect(stepById(applyReform(reform, jerseysExport, { exportLeadHours: 12 }).plan, 'lodge-declaration')!.earliestStartMinutes).toBe(-12 * 60);
      expect(stepById(applyReform(reform, example, { exportLeadHours: 12 }).plan, 'lodge-declaration')!.earliestStartMinutes).toBe(-24 * 60);
    });
  });
});
