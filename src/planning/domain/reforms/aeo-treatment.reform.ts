// Further facilitation for advanced certified enterprises (China AEO; rules.md §6.11). The baseline
// already gives them the low inspection rate (below 20 % of normal [S95], seeds/credit-classes.json);
// this adds priority at every queue, fewer documentary checks, priority lab testing and the waiver of
// guarantees [S95][S98].

import { meanMinutes } from '../distribution';
import type { ReformDefinition } from './reform';
import { PlanEditor } from './reform';

const CLAUSE =
  "GACC enterprise credit measures: facilitation for advanced certified enterprises (AEO), as applied under the Overall Plan's customs facilitation tasks (plan wording not verified, rules.md open question 2)";

/** Guarantees an advanced AEO may apply to have waived [S95]. */
const GUARANTEES = ['transit-guarantee', 'repair-guarantee'];

export const aeoTreatment: ReformDefinition = {
  id: 'aeo-treatment',
  title: 'Advanced AEO facilitation',
  titleZh: '高级认证企业便利措施',
  clause: CLAUSE,
  summary:
    'Beyond the lower inspection rate the baseline already applies: priority at every queue, fewer documentary checks, priority ("urgent") lab testing and no guarantee for transit or repair.',
  sources: ['[S95] AEO measures: inspection rate below 20 %, priority handling, waiver of guarantees, origin spot checks below 20 %', '[S98] priority lab testing and inspection'],
  assumption: true,
  eligibility: 'Declarations of advanced certified enterprises (China AEO); general AEO, general and discredited traders are not covered.',
  parameters: [
    {
      name: 'priority',
      title: 'Queue priority class of the AEO trader at every service point',
      unit: 'priority class',
      default: 2,
      min: 0,
      max: 9,
      source: 'Priority handling [S95]; priority port and local inspection [S98]; the class number is ours (green channel uses 1)',
      assumption: false,
    },
    {
      name: 'documentaryCheckFactor',
      title: 'Documentary check (yellow channel) share as a share of the baseline share; the rest goes green',
      unit: 'factor',
      default: 0.2,
      min: 0,
      max: 1,
      source: 'ASSUMPTION: by analogy with the origin-verification spot-check rate below 20 % of average [S95]; no source gives an AEO documentary check rate',
      assumption: true,
    },
    {
      name: 'labTimeFactor',
      title: 'Laboratory test time as a share of the baseline when flagged urgent',
      unit: 'factor',
      default: 0.5,
      min: 0,
      max: 1,
      source: 'ASSUMPTION: priority lab testing with an "urgent" flag [S98]; no source gives the time saved',
      assumption: true,
    },
  ],
  example: {
    flow: 'import',
    port: 'khorgos-road',
    transportMode: 'road',
    supervisionMode: '0110',
    trader: { name: 'Xinjiang Electronics Import Co. (AEO)', creditClass: 'advanced-aeo' },
    goods: [{ hsCode: '8471300000', description: 'Portable computers', quantity: 1000, unit: 'pcs', customsValueMinor: 50_000_000, currency: 'USD' }],
  },

  ineligibility({ facts, ref }) {
    const id = facts.declaration.trader.creditClass;
    if (id !== 'advanced-aeo') return `the trader's credit class is ${ref.creditClasses.get(id)?.name ?? id} (${id}), not advanced certified enterprise (AEO)`;
    return null;
  },

  apply(plan, _ctx, p) {
    const edit = new PlanEditor(plan, aeoTreatment);
    edit.setPriority(
      edit.ids((s) => s.resource !== null),
      p.priority,
      { reason: 'advanced AEO: priority handling at every service point', source: '[S95][S98]' },
    );
    const { green, yellow, red } = plan.channelRates;
    if (yellow > 0 && p.documentaryCheckFactor < 1) {
      const lowered = yellow * p.documentaryCheckFactor;
      edit.setChannelRates(
        { green: green + (yellow - lowered), yellow: lowered, red },
        { reason: 'advanced AEO: fewer documentary checks on top of the lower inspection rate already in the baseline (ASSUMPTION: cut like the origin spot-check rate)', source: '[S95]' },
      );
    }
    for (const id of edit.ids((s) => s.resource === 'lab' && meanMinutes(s.duration) > 0)) {
      if (p.labTimeFactor < 1) edit.scaleDuration(id, p.labTimeFactor, { reason: 'advanced AEO: samples flagged urgent get priority lab testing', source: '[S98]' });
    }
    for (const id of GUARANTEES.filter((g) => edit.has(g))) {
      edit.remove(id, { reason: 'advanced AEO: the guarantee is waived on application, so neither its time nor its premium is incurred (ASSUMPTION: the waiver is granted)', source: '[S95]' });
    }
    return edit.result();
  },
};
