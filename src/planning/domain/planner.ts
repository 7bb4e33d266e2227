// The planner: declaration + reforms (or an option) -> the baseline plan, the reformed plan, the
// changes between them and the expected time and cost. Plans depend only on a declaration's class
// (planClassKey), so they are cached; duties and per-conveyance costs are computed per declaration.

import { DomainError, type FieldProblem } from '../../common/domain/domain-error';
import type { ReferenceIndex } from '../../reference/domain/reference-index';
import { buildBaselinePlan } from './baseline.rules';
import { type DeclarationFacts, describe, planClassKey } from './declaration';
import { expectedCost, expectedTime, expectedTimings } from './expected';
import { type ClearancePlan, releaseAncestors, runProbability } from './plan';
import type { AppliedReform, ExplainedStep, PlanRequest, PlanResult } from './planning.types';
import type { PlanChange, ReformDefinition, ReformParameters } from './reforms/reform';

interface Selection {
  reform: ReformDefinition;
  parameters: ReformParameters;
  /** Where the user named it (`reforms[2]`), or null when it came with an option. */
  path: string | null;
}

interface ClassPlan {
  base: ClearancePlan;
  /** The plan as answered: steps explained. */
  view: PlanResult['plan'];
  baseTime: ReturnType<typeof expectedTime>;
  plan: ClearancePlan;
  time: ReturnType<typeof expectedTime>;
  changes: PlanChange[];
  reforms: AppliedReform[];
  notApplied: Array<{ reform: string; reason: string }>;
}

export class Planner {
  private readonly byId: Map<string, ReformDefinition>;
  private readonly cache = new Map<string, ClassPlan>();
  /** Resolved selections by the shape of the request (reforms, option, parameters), with their cache-key part. */
  private readonly selections = new Map<string, { selections: Selection[]; key: string }>();

  /** `reforms` in the order they compose. */
  constructor(
    private readonly ref: ReferenceIndex,
    private readonly reforms: ReformDefinition[],
    private readonly maxCachedPlans = 10_000,
  ) {
    this.byId = new Map(reforms.map((r) => [r.id, r]));
  }

  plan(request: PlanRequest): PlanResult {
    const facts = describe(request.declaration, this.ref, request.declarationPath);
    const declarationClass = planClassKey(facts);
    const { selections, key: selectionKey } = this.selectionFor(request);
    const key = `${declarationClass}#${selectionKey}`;
    let planned = this.cache.get(key);
    if (!planned) {
      planned = this.planClass(facts, selections);
      if (this.cache.size >= this.maxCachedPlans) this.cache.delete(this.cache.keys().next().value!);
      this.cache.set(key, planned);
    }
    const { base, baseTime, plan, time } = planned;
    const { waitingHours, ...expected } = time;
    const { waitingHours: baseWaitingHours, ...baselineExpected } = baseTime;
    return {
      declarationClass,
      option: request.option ?? null,
      reforms: planned.reforms,
      notApplied: planned.notApplied,
      plan: planned.view,
      expected: { ...expected, cost: expectedCost(plan, facts, this.ref, waitingHours) },
      baseline: { expected: { ...baselineExpected, cost: expectedCost(base, facts, this.ref, baseWaitingHours) } },
      changes: planned.changes,
    };
  }

  private selectionFor(request: PlanRequest): { selections: Selection[]; key: string } {
    const required = request.required?.map((r) => `${r.reform}:${r.path}`).join(',') ?? '';
    const shape = `${request.option ?? ''}|${request.reforms?.join(',') ?? '-'}|${required}|${request.excluded?.join(',') ?? ''}|${request.parameters ? JSON.stringify(request.parameters) : ''}`;
    let found = this.selections.get(shape);
    if (!found) {
      const selections = this.select(request);
      found = { selections, key: `${selections.map((s) => `${s.reform.id}${JSON.stringify(s.parameters)}`).join(',')}#${request.option ?? ''}` };
      if (this.selections.size >= this.maxCachedPlans) this.selections.delete(this.selections.keys().next().value!);
      this.selections.set(shape, found);
    }
    return found;
  }

  /** The reforms a request asks for, in composition order, with their parameters checked. */
  private select(request: PlanRequest): Selection[] {
    if (request.reforms !== undefined && request.option !== undefined) {
      throw new DomainError('PLAN.REFORMS_AND_OPTION', 'Give either reforms or an option, not both', 'validation', [
        { path: 'reforms', message: 'cannot be combined with option' },
        { path: 'option', message: 'cannot be combined with reforms' },
      ]);
    }
    const chosen: Selection[] = [];
    const problems: FieldProblem[] = [];
    if (request.option !== undefined) {
      const option = this.ref.options.get(request.option);
      if (!option) throw unknown('PLAN.UNKNOWN_OPTION', 'option', `unknown option '${request.option}'; see GET /api/options`);
      for (const r of option.reforms) {
        if (!request.excluded?.includes(r.id)) chosen.push({ reform: this.byId.get(r.id)!, parameters: { ...r.parameters }, path: null });
      }
    }
    (request.reforms ?? []).forEach((id, i) => {
      const reform = this.byId.get(id);
      if (!reform) problems.push({ path: `reforms[${i}]`, message: `unknown reform '${id}'; see GET /api/reforms` });
      else if (chosen.some((c) => c.reform.id === id)) problems.push({ path: `reforms[${i}]`, message: `'${id}' is listed twice` });
      else chosen.push({ reform, parameters: {}, path: `reforms[${i}]` });
    });
    for (const { reform: id, path } of request.required ?? []) {
      const reform = this.byId.get(id);
      const already = chosen.find((c) => c.reform.id === id);
      if (!reform) problems.push({ path, message: `unknown reform '${id}'` });
      else if (already) already.path = path;
      else chosen.push({ reform, parameters: {}, path });
    }
    if (problems.length) throw new DomainError('PLAN.UNKNOWN_REFORM', problems.map((p) => p.message).join('; '), 'rule', problems);

    for (const [id, values] of Object.entries(request.parameters ?? {})) {
      const selection = chosen.find((c) => c.reform.id === id);
      if (!selection) {
        problems.push({ path: `parameters.${id}`, message: `reform '${id}' is not applied in this request` });
        continue;
      }
      Object.assign(selection.parameters, values);
    }
    for (const selection of chosen) {
      const declared = new Map(selection.reform.parameters.map((p) => [p.name, p]));
      for (const [name, value] of Object.entries(selection.parameters)) {
        const parameter = declared.get(name);
        const path = `parameters.${selection.reform.id}.${name}`;
        if (!parameter) problems.push({ path, message: `'${selection.reform.id}' has no parameter '${name}' (it has ${[...declared.keys()].join(', ') || 'none'})` });
        else if (typeof value !== 'number' || !Number.isFinite(value) || value < parameter.min || value > parameter.max) {
          problems.push({ path, message: `must be a number from ${parameter.min} to ${parameter.max} (${parameter.unit})` });
        }
      }
      selection.parameters = { ...Object.fromEntries(selection.reform.parameters.map((p) => [p.name, p.default])), ...selection.parameters };
    }
    if (problems.length) throw new DomainError('REFORM.BAD_PARAMETER', problems.map((p) => `${p.path}: ${p.message}`).join('; '), 'rule', problems);
    const order = (s: Selection) => this.reforms.indexOf(s.reform);
    return chosen.sort((a, b) => order(a) - order(b));
  }

  private planClass(facts: DeclarationFacts, selections: Selection[]): ClassPlan {
    const base = buildBaselinePlan(facts, this.ref);
    const ctx = { facts, ref: this.ref };
    let plan = base;
    const changes: PlanChange[] = [];
    const reforms: AppliedReform[] = [];
    const notApplied: ClassPlan['notApplied'] = [];
    for (const { reform, parameters, path } of selections) {
      const reason = reform.ineligibility(ctx, plan);
      if (reason !== null) {
        if (path === null) {
          notApplied.push({ reform: reform.id, reason });
          continue;
        }
        throw new DomainError('REFORM.INELIGIBLE', `Reform '${reform.id}' does not apply to this declaration: ${reason}`, 'rule', [{ path, message: reason }], {
          reform: reform.id,
          reason,
        });
      }
      const result = reform.apply(plan, ctx, parameters);
      plan = result.plan;
      changes.push(...result.changes);
      reforms.push({ id: reform.id, title: reform.title, clause: reform.clause, parameters });
    }
    return { base, view: { ...plan, steps: explain(plan) }, baseTime: expectedTime(base), plan, time: expectedTime(plan), changes, reforms, notApplied };
  }
}

function explain(plan: ClearancePlan): ExplainedStep[] {
  const timings = expectedTimings(plan);
  const gating = releaseAncestors(plan);
  const hours = (minutes: number) => Math.round((minutes / 60) * 100) / 100;
  return plan.steps.map((step) => ({
    ...step,
    runProbability: Math.round(runProbability(plan, step) * 10_000) / 10_000,
    releaseWaits: gating.has(step.id) || step.id === plan.releaseStep,
    expectedStartHours: hours(timings.get(step.id)!.startMinutes),
    expectedFinishHours: hours(timings.get(step.id)!.finishMinutes),
  }));
}

function unknown(code: string, path: string, message: string): DomainError {
  return new DomainError(code, message, 'rule', [{ path, message }]);
}
