// Graded inspection and classified supervision of border residents' mutual trade (rules.md §6.1):
// instead of inspecting every lot, lots are classed by the risk of their goods; low-risk goods are
// released by the system or spot-checked, medium-risk goods sampled, high-risk goods keep batch
// inspection. No source describes the Xinjiang scheme (open question 4): the tiers and rates are ours.

import type { CommodityRisk } from '../../../reference/domain/reference-data';
import type { ReformDefinition } from './reform';
import { PlanEditor } from './reform';

const CLAUSE =
  "Overall Plan, trade facilitation: graded inspection and classified supervision of border residents' mutual trade (plan wording not verified, rules.md open question 2)";

const INSPECTION = 'mutual-trade-inspection';
const SOURCE = 'rules.md §6.1 (ASSUMPTION: no source for the Xinjiang scheme, open question 4)';

/** What each graded tier means, in words; high-risk lots keep batch inspection and are not graded. */
const TIERS: Record<Exclude<CommodityRisk, 'high'>, { parameter: 'lowRiskCheckRate' | 'mediumRiskCheckRate'; treatment: string; examples: string }> = {
  low: { parameter: 'lowRiskCheckRate', treatment: 'system release with a random check', examples: 'whitelisted dried fruit or nuts, packaged daily goods' },
  medium: { parameter: 'mediumRiskCheckRate', treatment: 'document check with sampling of some lots', examples: 'goods neither whitelisted nor needing quarantine' },
};

export const mutualTradeTieredInspection: ReformDefinition = {
  id: 'mutual-trade-tiered-inspection',
  title: "Graded inspection for border residents' mutual trade",
  titleZh: '边民互市分级查验、分类监管',
  clause: CLAUSE,
  summary:
    "Mutual-trade lots are graded by the risk class of their goods: low-risk lots are released by the system and checked at random, medium-risk lots are sampled, high-risk lots (food and farm products needing quarantine, goods subject to limits) keep the inspection of every lot.",
  sources: ['[S69][S71] mutual trade: residents within 20 km, RMB 8,000 per person per day', 'rules.md §6.1: the graded scheme is an ASSUMPTION (open question 4)'],
  assumption: true,
  eligibility: "Border residents' mutual trade (supervision mode BMTR) in low- or medium-risk goods; high-risk goods keep batch inspection.",
  parameters: [
    {
      name: 'lowRiskCheckRate',
      title: 'Share of low-risk lots checked at random',
      unit: 'probability',
      default: 0.05,
      min: 0,
      max: 1,
      source: 'ASSUMPTION: "system release or random check at a low rate" (rules.md §6.1); 5 % is ours',
      assumption: true,
    },
    {
      name: 'mediumRiskCheckRate',
      title: 'Share of medium-risk lots inspected (document check and sampling)',
      unit: 'probability',
      default: 0.3,
      min: 0,
      max: 1,
      source: 'ASSUMPTION: "document check and sampling" for medium risk (rules.md §6.1); 30 % is ours',
      assumption: true,
    },
  ],
  example: {
    flow: 'import',
    port: 'khorgos-road',
    transportMode: 'road',
    supervisionMode: 'BMTR',
    trader: { name: 'Khorgos border residents (2)', creditClass: 'general' },
    goods: [{ hsCode: '0802920000', description: 'Pine nuts, shelled', quantity: 400, unit: 'kg', customsValueMinor: 3_000_000, currency: 'CNY' }],
    borderResidents: 2,
  },

  ineligibility({ facts }, plan) {
    if (facts.declaration.supervisionMode !== 'BMTR') return `this is not border residents' mutual trade (supervision mode BMTR) but ${facts.declaration.supervisionMode}`;
    if (facts.risk === 'high') return 'high-risk lots (food or farm products needing quarantine, goods subject to limits) keep batch inspection of every lot, so grading changes nothing';
    if (!plan.steps.some((s) => s.id === INSPECTION)) return 'the plan has no mutual-trade inspection to grade';
    return null;
  },

  apply(plan, { facts }, p) {
    const edit = new PlanEditor(plan, mutualTradeTieredInspection);
    const risk = facts.risk as Exclude<CommodityRisk, 'high'>;
    const tier = TIERS[risk];
    const rate = p[tier.parameter];
    const percent = `${Math.round(rate * 1000) / 10} %`;
    edit.setProbability(
      INSPECTION,
      rate,
      {
        reason: `${risk}-risk tier (the riskiest goods line is ${risk} risk, e.g. ${tier.examples}): ${tier.treatment}, ${percent} of lots instead of every lot`,
        source: SOURCE,
      },
      `${risk}-risk tier: ${tier.treatment}, ${percent} of lots (ASSUMPTION, rules.md §6.1)`,
    );
    return edit.result();
  },
};
