// Acceptance (采信) of third-party inspection results for imported ores (rules.md §2.3): an accepted
// inspection body samples and tests the lot, customs verify its report instead of testing in their own
// lab, and keep a supervisory spot test after release. The acceptance regime is GACC's [S26]; how a
// minerals pilot works in Xinjiang is our ASSUMPTION (rules.md open question 5).

import { stepFromTemplate } from '../plan';
import type { ReformDefinition } from './reform';
import { PlanEditor } from './reform';

const CLAUSE =
  'Overall Plan, trade facilitation: acceptance of third-party inspection results for imported resource commodities (plan wording not verified, rules.md open question 2)';

const LAB = 'lab-test';
const SAMPLING = 'sampling';
const SOURCE = '[S26]; ASSUMPTION for minerals (rules.md §2.3, open question 5)';

export const thirdPartyInspection: ReformDefinition = {
  id: 'third-party-inspection',
  title: 'Acceptance of third-party inspection results',
  titleZh: '第三方检验结果采信',
  clause: CLAUSE,
  summary:
    "An accepted inspection body samples and tests the lot; customs verify its report and release or certify on it, where they waited for their own lab before, and keep a supervisory spot test after release that release does not wait for.",
  sources: ['[S26] GACC acceptance (cai xin) of inspection bodies\' reports (imported clothing, December 2022)', 'rules.md §2.3: the minerals pilot is an ASSUMPTION'],
  assumption: true,
  eligibility: 'Declarations whose plan has a customs laboratory test: copper concentrate always; iron, lead and zinc ores when a quality certificate is requested [S20][S21][S23].',
  parameters: [
    {
      name: 'labTimeFactor',
      title: "The accepted body's test time as a share of the customs lab cycle",
      unit: 'factor',
      default: 0.6,
      min: 0.1,
      max: 1,
      source: 'ASSUMPTION: no published turnaround for accepted bodies; a commercial lab serving the consignee is taken to turn a sample round in 60 % of the customs cycle (within one week [S24])',
      assumption: true,
    },
    {
      name: 'spotCheckRate',
      title: 'Share of lots customs test again themselves (supervisory spot test after release)',
      unit: 'probability',
      default: 0.1,
      min: 0,
      max: 1,
      source: 'ASSUMPTION: customs keep spot-check testing under acceptance (rules.md §2.3); no rate is published (open question 5)',
      assumption: true,
    },
  ],
  example: {
    flow: 'import',
    port: 'alashankou-rail',
    transportMode: 'rail',
    supervisionMode: '0110',
    trader: { name: 'Bortala Nonferrous Metals Co.', creditClass: 'general' },
    goods: [{ hsCode: '2603000010', description: 'Copper concentrate (Cu 13 % or more)', quantity: 260_000, unit: 'kg', customsValueMinor: 72_800_000, currency: 'USD' }],
    conveyances: 4,
  },

  ineligibility(_ctx, plan) {
    const lab = plan.steps.find((s) => s.id === LAB);
    if (!lab) return 'the plan has no laboratory test (e.g. iron ore without a quality certificate request [S20]), so there is no test result for an accepted body to provide';
    if (lab.actor === 'inspection-body') return 'the laboratory test is already done by an accepted inspection body';
    return null;
  },

  apply(plan, { ref }, p) {
    const edit = new PlanEditor(plan, thirdPartyInspection);
    const lab = edit.get(LAB);
    const place = { location: lab.location, site: lab.site };
    if (edit.has(SAMPLING)) {
      edit.move(SAMPLING, { actor: 'inspection-body' }, { reason: 'the accepted inspection body takes the samples for its own test', source: SOURCE });
    }
    edit.move(LAB, { actor: 'inspection-body', resource: null }, { reason: "an accepted inspection body tests the lot; customs accept its report instead of testing in their own lab", source: SOURCE });
    if (p.labTimeFactor !== 1) {
      edit.scaleDuration(LAB, p.labTimeFactor, {
        reason: `the body's test takes ${Math.round(p.labTimeFactor * 100)} % of the customs lab cycle (ASSUMPTION)`,
        source: 'ASSUMPTION (rules.md §2.3); customs lab cycle within one week [S24]',
      });
    }
    edit.setCosts(LAB, [{ item: 'third-party-lab-fee', quantity: 1 }], { reason: "the consignee pays the accepted body's fee instead of the customs lab fee", source: 'seeds/cost-items.json third-party-lab-fee (ASSUMPTION)' });

    // Whatever waited for the lab (release for copper, the certificate always) now waits for customs' verification of the report.
    const waiting = edit.ids((s) => s.after.includes(LAB));
    edit.add(stepFromTemplate(ref.step('report-verification'), place, [LAB], { condition: "every accepted body's report, before customs act on it" }), {
      reason: "customs verify the accepted body's report (prescribed test items, methods, content, validity) before releasing or certifying on it",
      source: '[S26]',
    }, { before: waiting });
    edit.add(
      {
        ...stepFromTemplate(ref.step('supervisory-lab-test'), place, [plan.releaseStep]),
        probability: p.spotCheckRate,
        condition: `supervisory spot test of ${Math.round(p.spotCheckRate * 100)} % of lots, after release (ASSUMPTION)`,
      },
      { reason: `customs keep a supervisory spot test of ${Math.round(p.spotCheckRate * 100)} % of lots in their own lab; release does not wait for it`, source: SOURCE },
    );
    return edit.result();
  },
};
