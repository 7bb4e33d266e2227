// Shared by the planning specs: the real seeds, loaded once, and short ways to plan a declaration.

import { ReferenceIndex } from '../../../reference/domain/reference-index';
import { loadReferenceData } from '../../../reference/seeds/load-reference-data';
import { buildBaselinePlan } from '../baseline.rules';
import { type Declaration, describe } from '../declaration';
import { expectedCost, expectedTime } from '../expected';
import type { ClearancePlan } from '../plan';
import { Planner } from '../planner';
import { REFORMS } from '../reforms/reform-catalogue';
import type { ReformContext, ReformDefinition, ReformParameters, ReformResult } from '../reforms/reform';

let cached: ReferenceIndex | undefined;

export function reference(): ReferenceIndex {
  cached ??= new ReferenceIndex(loadReferenceData());
  return cached;
}

export function planner(): Planner {
  return new Planner(reference(), REFORMS);
}

export function baselineOf(declaration: Declaration): { plan: ClearancePlan; ctx: ReformContext } {
  const ref = reference();
  const facts = describe(declaration, ref);
  return { plan: buildBaselinePlan(facts, ref), ctx: { facts, ref } };
}

/** Applies one reform to the baseline plan of `declaration`, with its default parameters unless overridden. */
export function applyReform(reform: ReformDefinition, declaration: Declaration, overrides: ReformParameters = {}): ReformResult & { base: ClearancePlan; ctx: ReformContext } {
  const { plan, ctx } = baselineOf(declaration);
  const params = { ...Object.fromEntries(reform.parameters.map((p) => [p.name, p.default])), ...overrides };
  return { base: plan, ctx, ...reform.apply(plan, ctx, params) };
}

/** A reform applied to `declaration`, with the expected time and cost before (baseline) and after. */
export function reformOutcome(reform: ReformDefinition, declaration: Declaration, overrides: ReformParameters = {}) {
  const { base, plan, changes, ctx } = applyReform(reform, declaration, overrides);
  const before = expectedTime(base);
  const after = expectedTime(plan);
  return {
    base,
    plan,
    changes,
    before,
    after,
    costBefore: expectedCost(base, ctx.facts, ctx.ref, before.waitingHours),
    costAfter: expectedCost(plan, ctx.facts, ctx.ref, after.waitingHours),
  };
}

/** The example declaration of a reform, changed by `patch`. */
export function variant(declaration: Declaration, patch: Partial<Declaration>): Declaration {
  return { ...declaration, ...patch };
}
