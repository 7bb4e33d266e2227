import { DomainError } from '../../common/domain/domain-error';
import type { Declaration } from './declaration';
import { greenChannel } from './reforms/green-channel.reform';
import { REFORMS } from './reforms/reform-catalogue';
import { planner, variant } from './testing/planning.test-kit';

const produce: Declaration = greenChannel.example;
const copper = REFORMS.find((r) => r.id === 'port-plus-unloading-place')!.example;

function failure(run: () => unknown): DomainError {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError');
}

describe('Planner', () => {
  it('gives the baseline plan and no changes when no reform is asked for', () => {
    const result = planner().plan({ declaration: produce, reforms: [] });
    expect(result.changes).toEqual([]);
    expect(result.reforms).toEqual([]);
    expect(result.expected).toEqual(result.baseline.expected);
  });

  it('applies the reforms of an option where eligible and says which did not apply and why', () => {
    const result = planner().plan({ declaration: produce, option: 'overall-plan-2023' });
    expect(result.option).toBe('overall-plan-2023');
    expect(result.reforms.map((r) => r.id)).toContain('green-channel');
    const skipped = result.notApplied.map((n) => n.reform);
    expect(skipped).toContain('tir');
    expect(skipped).toContain('bonded-maintenance');
    expect(result.notApplied.every((n) => n.reason.length > 0)).toBe(true);
    expect(result.reforms.length + result.notApplied.length).toBe(REFORMS.length);
    expect(result.expected.hoursToExit).toBeLessThan(result.baseline.expected.hoursToExit);
  });

  it('composes reforms in the catalogue order whatever order they are asked in', () => {
    const ids = ['aeo-treatment', 'advance-declaration', 'two-step-declaration'];
    const aeoImport = REFORMS.find((r) => r.id === 'aeo-treatment')!.example;
    const result = planner().plan({ declaration: aeoImport, reforms: ids });
    const order = REFORMS.map((r) => r.id);
    expect(result.reforms.map((r) => r.id)).toEqual([...ids].sort((a, b) => order.indexOf(a) - order.indexOf(b)));
    expect([...new Set(result.changes.map((c) => c.reform))]).toEqual(result.reforms.map((r) => r.id));
  });

  it('refuses an ineligible reform with a typed error naming the reform and the reason', () => {
    const error = failure(() => planner().plan({ declaration: copper, reforms: ['green-channel'] }));
    expect(error.code).toBe('REFORM.INELIGIBLE');
    expect(error.kind).toBe('rule');
    expect(error.details).toEqual({ reform: 'green-channel', reason: expect.stringContaining('fresh produce') });
    expect(error.errors).toEqual([{ path: 'reforms[0]', message: expect.any(String) }]);
  });

  it('names unknown and repeated reforms by their position', () => {
    const error = failure(() => planner().plan({ declaration: produce, reforms: ['green-channel', 'fast-lane', 'green-channel'] }));
    expect(error.code).toBe('PLAN.UNKNOWN_REFORM');
    expect(error.errors.map((e) => e.path)).toEqual(['reforms[1]', 'reforms[2]']);
  });

  it('applies required reforms on top of an option, and names the field that asked for an ineligible one', () => {
    const twoStep = REFORMS.find((r) => r.id === 'two-step-declaration')!.example;
    const result = planner().plan({ declaration: twoStep, option: 'baseline', required: [{ reform: 'two-step-declaration', path: 'procedure' }] });
    expect(result.reforms.map((r) => r.id)).toEqual(['two-step-declaration']);
    const error = failure(() => planner().plan({ declaration: produce, option: 'overall-plan-2023', required: [{ reform: 'two-step-declaration', path: 'procedure' }] }));
    expect(error.code).toBe('REFORM.INELIGIBLE');
    expect(error.errors).toEqual([{ path: 'procedure', message: expect.stringContaining('import') }]);
  });

  it('leaves out the reforms of an option that the declarant did not choose', () => {
    const full = planner().plan({ declaration: produce, option: 'overall-plan-2023' });
    const lodged = planner().plan({ declaration: produce, option: 'overall-plan-2023', excluded: ['advance-declaration'] });
    expect(full.reforms.map((r) => r.id)).toContain('advance-declaration');
    expect(lodged.reforms.map((r) => r.id)).not.toContain('advance-declaration');
    expect(lodged.plan.steps.every((s) => s.earliestStartMinutes >= 0)).toBe(true);
  });

  it('names an unknown option', () => {
    const error = failure(() => planner().plan({ declaration: produce, option: 'plan-2030' }));
    expect(error.code).toBe('PLAN.UNKNOWN_OPTION');
    expect(error.errors).toEqual([{ path: 'option', message: expect.stringContaining('plan-2030') }]);
  });

  it('refuses reforms and an option together', () => {
    const error = failure(() => planner().plan({ declaration: produce, reforms: [], option: 'baseline' }));
    expect(error.kind).toBe('validation');
    expect(error.errors.map((e) => e.path)).toEqual(['reforms', 'option']);
  });

  it('checks parameter overrides by name and range', () => {
    const error = failure(() =>
      planner().plan({ declaration: produce, reforms: ['green-channel'], parameters: { 'green-channel': { inspectionRateFactor: 3, speed: 1 }, tir: { examEnRouteRate: 0 } } }),
    );
    expect(error.code).toBe('REFORM.BAD_PARAMETER');
    expect(error.errors.map((e) => e.path).sort()).toEqual(['parameters.green-channel.inspectionRateFactor', 'parameters.green-channel.speed', 'parameters.tir']);
  });

  it('uses parameter overrides', () => {
    const strict = planner().plan({ declaration: produce, reforms: ['green-channel'], parameters: { 'green-channel': { handlingFactor: 1 } } });
    const relaxed = planner().plan({ declaration: produce, reforms: ['green-channel'] });
    expect(strict.reforms[0].parameters.handlingFactor).toBe(1);
    expect(relaxed.expected.hoursToRelease).toBeLessThan(strict.expected.hoursToRelease);
  });

  it('names codes the reference data does not know', () => {
    const error = failure(() => planner().plan({ declaration: variant(produce, { port: 'atlantis', goods: [{ ...produce.goods[0], hsCode: '9999999999' }] }) }));
    expect(error.code).toBe('DECLARATION.UNKNOWN_REFERENCE');
    expect(error.errors.map((e) => e.path)).toEqual(['declaration.port', 'declaration.goods[0].hsCode']);
  });

  it('shares a plan between declarations of one class but computes duties and per-truck costs for each', () => {
    const p = planner();
    const one = p.plan({ declaration: { ...copper, conveyances: 1 } });
    const many = p.plan({ declaration: { ...copper, conveyances: 4, goods: [{ ...copper.goods[0], customsValueMinor: copper.goods[0].customsValueMinor * 2 }] } });
    expect(many.plan.steps).toBe(one.plan.steps);
    expect(many.expected.hoursToRelease).toBe(one.expected.hoursToRelease);
    expect(many.expected.cost.totalMinor).toBeGreaterThan(one.expected.cost.totalMinor);
    const vat = (r: typeof one) => r.expected.cost.items.find((i) => i.item === 'import-vat')!.amountMinor;
    expect(vat(many)).toBeCloseTo(2 * vat(one), -1);
  });

  it('gives the same answer twice (plans are data, nothing is mutated)', () => {
    const p = planner();
    const first = JSON.stringify(p.plan({ declaration: produce, option: 'overall-plan-2023' }));
    p.plan({ declaration: copper, option: 'overall-plan-2023' });
    expect(JSON.stringify(p.plan({ declaration: produce, option: 'overall-plan-2023' }))).toBe(first);
  });
});
