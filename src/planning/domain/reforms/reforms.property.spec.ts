// Properties every reform keeps, checked on many variants of every reform's example declaration.

import fc from 'fast-check';
import type { CreditClassId } from '../../../reference/domain/reference-data';
import type { Declaration } from '../declaration';
import { expectedTime } from '../expected';
import { baselineOf } from '../testing/planning.test-kit';
import { REFORMS } from './reform-catalogue';
import type { ChangeKind } from './reform';

const CREDIT: CreditClassId[] = ['advanced-aeo', 'general-aeo', 'general', 'discredited'];
/** The only kinds of change that can make a plan take longer; each carries its reason. */
const CAN_LENGTHEN: ChangeKind[] = ['added', 'moved', 'lengthened', 'rate-changed'];

const variants = (example: Declaration) =>
  fc
    .record({
      creditClass: fc.constantFrom(...CREDIT),
      conveyances: fc.integer({ min: 1, max: 12 }),
      valueFactor: fc.double({ min: 0.1, max: 10, noNaN: true }),
      quality: fc.boolean(),
      origin: fc.boolean(),
      domestic: fc.boolean(),
    })
    .map(
      (v): Declaration => ({
        ...example,
        trader: { ...example.trader, creditClass: v.creditClass },
        conveyances: v.conveyances,
        goods: example.goods.map((g) => ({ ...g, customsValueMinor: Math.round(g.customsValueMinor * v.valueFactor) })),
        qualityCertificateRequested: example.goods.some((g) => g.hsCode.startsWith('26')) ? v.quality : example.qualityCertificateRequested,
        certificateOfOrigin: example.flow === 'export' ? v.origin || example.certificateOfOrigin : example.certificateOfOrigin,
        disposition: example.disposition !== undefined ? (v.domestic ? 'domestic-market' : 're-export') : undefined,
      }),
    );

describe.each(REFORMS.map((r) => [r.id, r] as const))('reform %s', (_id, reform) => {
  const defaults = Object.fromEntries(reform.parameters.map((p) => [p.name, p.default]));

  it('never makes release or exit later without a change that says why, and never mutates the plan it is given', () => {
    fc.assert(
      fc.property(variants(reform.example), (declaration) => {
        const { plan, ctx } = baselineOf(declaration);
        fc.pre(reform.ineligibility(ctx, plan) === null);
        const before = JSON.stringify(plan);
        const { plan: after, changes } = reform.apply(plan, ctx, defaults);
        expect(JSON.stringify(plan)).toBe(before);
        const t0 = expectedTime(plan);
        const t1 = expectedTime(after);
        if (t1.hoursToRelease > t0.hoursToRelease + 1e-9 || t1.hoursToExit > t0.hoursToExit + 1e-9) {
          expect(changes.some((c) => CAN_LENGTHEN.includes(c.kind))).toBe(true);
        }
        for (const change of changes) {
          expect(change).toMatchObject({ reform: reform.id, clause: reform.clause });
          expect(change.reason.length).toBeGreaterThan(0);
          expect(change.source.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('is eligible for its own example and changes it', () => {
    const { plan, ctx } = baselineOf(reform.example);
    expect(reform.ineligibility(ctx, plan)).toBeNull();
    expect(reform.apply(plan, ctx, defaults).changes.length).toBeGreaterThan(0);
  });
});
