// "1+N" inspection (rules.md §6.6): the checks several purposes make of one lot at one site are done
// in one joint operation, the goods unloaded and presented once. No source defines "1+N" (open
// question 3): the rule below and every number are our ASSUMPTION.
//
// Which checks merge: the goods inspections of MERGEABLE at the same site that release waits for and
// that run side by side (none waits for another, directly or through others), taken in plan order.
// The radiation check is left out: it is a drive-through scan that unloads nothing, so there is
// nothing to share, and it is the one check that stays apart at the port under "port + unloading
// place" [S17].
//
// How they merge, taking the rarer checks to be due only on lots where the more frequent ones are
// (so the joint operation runs with the highest run probability among them, rules.md §6.6):
// - it runs in every channel with that probability, after everything the merged checks waited for;
// - its duration is the longest mean among the checks due plus `overheadMinutes` when two or more
//   are due (t = max(t_i) + overhead, rules.md §6.6), averaged over which checks are due;
// - the goods are unloaded once, so of the handling fees due only the dearest is charged; other cost
//   items are kept, each charged once, with the chance it had.

import type { StepTemplate } from '../../../reference/domain/reference-data';
import type { ReferenceIndex } from '../../../reference/domain/reference-index';
import { meanMinutes, scaleDistribution } from '../distribution';
import { type ClearancePlan, type PlanStep, type StepCost, ancestors, releaseAncestors, runProbability } from '../plan';
import type { ReformDefinition } from './reform';
import { PlanEditor } from './reform';

const CLAUSE = 'Overall Plan, trade facilitation: "1+N" joint inspection operation (plan wording not verified, rules.md open questions 2 and 3)';

/** Checks that look at the goods themselves and can be done in one operation. */
const MERGEABLE = ['physical-inspection', 'quarantine-inspection', 'vehicle-conformity-check', 'mutual-trade-inspection', 'solid-waste-screening'];
/** Cost items for unloading and presenting the goods to an inspection: one unloading, one fee. */
const HANDLING_FEES = ['inspection-handling-fee', 'quarantine-handling-fee'];
const JOINT = 'joint-inspection';
const SOURCE = 'rules.md §6.6 (ASSUMPTION: "1+N" has no public definition, open question 3)';

export const onePlusNInspection: ReformDefinition = {
  id: 'one-plus-n-inspection',
  title: '"1+N" joint inspection',
  titleZh: '"1+N"查验作业',
  clause: CLAUSE,
  summary:
    'The inspections a lot gets at one site for several purposes (customs examination, quarantine, vehicle conformity, mutual trade, solid waste) are done in one joint operation: the goods are unloaded once and pay one handling fee, and the operation takes as long as the longest check plus a coordination overhead. Release waits for the joint inspection.',
  sources: ['rules.md §6.6: "1+N" is an ASSUMPTION (no source; open question 3): t = max(t_i) + overhead instead of separate checks'],
  assumption: true,
  eligibility: 'Declarations whose plan has two or more goods inspections at one site, side by side, that release waits for: e.g. fresh produce imports (physical inspection and quarantine) or vehicle imports (physical inspection and conformity check).',
  parameters: [
    {
      name: 'overheadMinutes',
      title: 'Coordination overhead of a joint inspection when two or more checks are due, minutes',
      unit: 'minutes',
      default: 15,
      min: 0,
      max: 240,
      source: 'ASSUMPTION: 15 minutes to bring the inspectors of several purposes together (rules.md §6.6 overhead, no source)',
      assumption: true,
    },
  ],
  example: {
    flow: 'import',
    port: 'irkeshtam',
    transportMode: 'road',
    supervisionMode: '0110',
    trader: { name: 'Kashgar Fresh Fruit Import Co.', creditClass: 'general' },
    goods: [{ hsCode: '0809290000', description: 'Sweet cherries, fresh (Kyrgyzstan)', quantity: 6_000, unit: 'kg', customsValueMinor: 2_400_000, currency: 'USD' }],
    conveyances: 2,
  },

  ineligibility(_ctx, plan) {
    const merged = mergeable(plan);
    if (merged.length >= 2) return null;
    const found = plan.steps.filter((s) => MERGEABLE.includes(s.id)).map((s) => `${s.id} at ${s.site ?? s.location}`);
    return `fewer than two inspections at one site run side by side before release, so there is nothing to merge (found ${found.length ? found.join(', ') : 'none'})`;
  },

  apply(plan, { ref }, p) {
    const edit = new PlanEditor(plan, onePlusNInspection);
    const merged = mergeable(plan);
    const joint = jointStep(plan, merged, ref, p.overheadMinutes);
    const successors = plan.steps.filter((s) => s.after.some((a) => merged.includes(a))).map((s) => s.id);
    const names = merged.map((id) => stepOf(plan, id).title.toLowerCase()).join('; ');
    edit.add(joint, { reason: `one joint operation for ${merged.length} checks (${names}): the goods are unloaded and presented once`, source: SOURCE }, { before: successors });
    for (const id of merged) {
      edit.remove(id, { reason: 'done within the joint inspection', source: SOURCE });
    }
    return edit.result();
  },
};

/** The checks to merge: the first site, in plan order, with two or more mergeable checks side by side that release waits for. */
function mergeable(plan: ClearancePlan): string[] {
  const gating = releaseAncestors(plan);
  const candidates = plan.steps.filter((s) => MERGEABLE.includes(s.id) && s.site !== null && gating.has(s.id));
  for (const site of [...new Set(candidates.map((s) => s.site))]) {
    const group: string[] = [];
    for (const step of candidates.filter((s) => s.site === site)) {
      const upstream = ancestors(plan, step.id);
      if (group.every((other) => !upstream.has(other) && !ancestors(plan, other).has(step.id))) group.push(step.id);
    }
    if (group.length >= 2) return group;
  }
  return [];
}

function jointStep(plan: ClearancePlan, merged: string[], ref: ReferenceIndex, overheadMinutes: number): PlanStep {
  const template: StepTemplate = ref.step(JOINT);
  const checks = merged.map((id) => stepOf(plan, id)).map((step) => ({ step, p: runProbability(plan, step), mean: meanMinutes(step.duration) }));
  // Most frequent first: the lots due for check k are taken to be due for checks 1..k too.
  const byFrequency = [...checks].sort((a, b) => b.p - a.p);
  const top = byFrequency[0].p;

  let meanDuration = 0;
  const quantities = new Map<string, number>();
  byFrequency.forEach((_, k) => {
    const due = byFrequency.slice(0, k + 1);
    // Share of the joint operations in which exactly checks 1..k are due (all of them, if none ever runs).
    const share = top === 0 ? Number(k === byFrequency.length - 1) : (byFrequency[k].p - (byFrequency[k + 1]?.p ?? 0)) / top;
    if (share === 0) return;
    meanDuration += share * (Math.max(...due.map((c) => c.mean)) + (due.length >= 2 ? overheadMinutes : 0));
    for (const cost of chargesWhenDue(due.map((c) => c.step), ref)) quantities.set(cost.item, (quantities.get(cost.item) ?? 0) + share * cost.quantity);
  });

  const costs: StepCost[] = [...quantities].filter(([, q]) => q > 0).map(([item, quantity]) => ({ item, quantity }));
  const first = checks[0].step;
  const percent = Math.round(top * 1000) / 10;
  return {
    id: template.id,
    title: template.title,
    interval: template.interval,
    actor: template.actor,
    location: first.location,
    site: first.site,
    resource: template.resource,
    duration: scaleDistribution(template.duration, meanDuration / meanMinutes(template.duration)),
    after: [...new Set(checks.flatMap((c) => c.step.after))],
    earliestStartMinutes: 0,
    channels: null,
    probability: top,
    condition: `whenever any of ${merged.join(', ')} is due (${percent} % of lots); as long as the longest check due, plus ${overheadMinutes} min when two or more are due (ASSUMPTION)`,
    costs,
    priority: Math.max(...checks.map((c) => c.step.priority)),
    allDay: checks.every((c) => c.step.allDay),
    source: template.source,
    assumption: true,
  };
}

/** What one joint operation costs when `due` are the checks done in it: one handling fee (the dearest), other items once each. */
function chargesWhenDue(due: PlanStep[], ref: ReferenceIndex): StepCost[] {
  const all = due.flatMap((s) => s.costs);
  const cny = (item: string) => {
    const c = ref.costItem(item);
    return ref.toCnyMinor(c.amount, c.currency);
  };
  const handling = all.filter((c) => HANDLING_FEES.includes(c.item)).sort((a, b) => cny(b.item) - cny(a.item))[0];
  const charges = new Map<string, number>();
  for (const cost of all.filter((c) => !HANDLING_FEES.includes(c.item)).concat(handling ? [handling] : [])) {
    charges.set(cost.item, Math.max(charges.get(cost.item) ?? 0, cost.quantity));
  }
  return [...charges].map(([item, quantity]) => ({ item, quantity }));
}

function stepOf(plan: ClearancePlan, id: string): PlanStep {
  return plan.steps.find((s) => s.id === id)!;
}
