// Shared by the planning specs: the real seeds, loaded once, and short ways to plan a declaration.

import { ReferenceIndex } from '../../../reference/domain/reference-index';
import { loadReferenceData } from '../../../reference/seeds/load-reference-data';
import { buildBaselinePlan } from '../baseline.rules';
import { type Declaration, describe } from '../declaration';
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
export function applyReform(reform: ReformDefinition, declaration: Declaration, overrides: ReformParameters = {}): ReformResult & { base: ClearancePlan } {
  const { plan, ctx } = baselineOf(declaration);
  const params = { ...Object.fromEntries(reform.parameters.map((p) => [p.name, p.default])), ...overrides };
  return { base: plan, ...reform.apply(plan, ctx, params) };
}

/** The example declaration of a reform, changed by `patch`. */
export function variant(declaration: Declaration, patch: Partial<Declaration>): Declaration {
  return { ...declaration, ...patch };
}
