// TIR (rules.md §3): the consignment crosses China under one sealed TIR carnet instead of an ordinary
// national transit. The carnet's guarantee chain replaces the national guarantee [S43][S114], customs
// may not ask for escort (Art. 23) and do not examine sealed loads en route save on suspicion
// (Art. 5) [S27], and the truck goes through without trans-shipment [S45]. China applies the
// Convention since 5 January 2017, at every checkpoint since June 2019 [S36][S39].

import { stepFromTemplate } from '../plan';
import type { ReformDefinition } from './reform';
import { PlanEditor } from './reform';

const CLAUSE =
  'Overall Plan, trade facilitation: wider use of TIR international road transport through the Xinjiang land ports (plan wording not verified, rules.md open question 2)';

const TRANSIT_DECLARATION = 'transit-declaration';
/** ASSUMPTION: the TIR-EPD is filed two hours before the truck reaches the office; it is free and off the critical path [S50]. */
const EPD_LEAD_MINUTES = 120;

export const tir: ReformDefinition = {
  id: 'tir',
  title: 'TIR transit',
  titleZh: 'TIR国际道路运输',
  clause: CLAUSE,
  summary:
    "The truck crosses China under one sealed TIR carnet: advance data by TIR-EPD, the carnet accepted in minutes instead of a national transit declaration, no national guarantee (the carnet's chain guarantees), no escort, examination en route only on suspicion, no trans-shipment at the exit border, and the carnet terminated there.",
  sources: [
    '[S27] TIR Convention: Arts. 4-5 (no deposit, no examination en route as a rule), 8 (guarantee chain), 23 (no escort at the carrier\'s expense)',
    '[S43] Khorgos: first Chinese TIR truck cleared in about 3 minutes, no transit guarantee deposit',
    '[S45] no trans-shipment ("不换车、不倒装")',
    '[S50] TIR-EPD, free pre-declaration',
    '[S114] IRU: one guarantee for the whole journey',
  ],
  assumption: false,
  eligibility: 'Road consignments that the baseline moves under an ordinary national transit declaration: transits across China, and exports declared at an inland office and driven to the border.',
  parameters: [
    {
      name: 'examEnRouteRate',
      title: 'Share of sealed TIR loads re-examined at the exit border (only when an irregularity is suspected)',
      unit: 'probability',
      default: 0.01,
      min: 0,
      max: 1,
      source: 'TIR Convention Art. 5: sealed loads are as a rule not examined en route [S27]; the 1 % rate is an ASSUMPTION (rules.md §3.6 p_exam_en_route)',
      assumption: true,
    },
  ],
  example: {
    flow: 'export',
    port: 'irkeshtam',
    transportMode: 'road',
    supervisionMode: '0110',
    trader: { name: 'Kashgar Knitwear Export Co.', creditClass: 'general' },
    goods: [{ hsCode: '6110200090', description: 'Cotton jerseys and pullovers', quantity: 12_000, unit: 'pcs', customsValueMinor: 18_000_000, currency: 'USD' }],
    inlandSite: 'kashgar-cbz',
    conveyances: 2,
    tirCarnet: 'XC71234567',
  },

  ineligibility({ facts }, plan) {
    const mode = facts.declaration.transportMode;
    if (mode !== 'road') {
      return `TIR covers goods carried in road vehicles under customs seal (some part of the journey by road, Convention Art. 2 [S27]); this consignment travels by ${mode}, under the ${mode} transit regime`;
    }
    if (!plan.steps.some((s) => s.id === TRANSIT_DECLARATION)) {
      return 'the plan has no national transit declaration for a carnet to replace (TIR applies to transits across China and to exports declared at an inland office)';
    }
    return null;
  },

  apply(plan, { ref }, p) {
    const edit = new PlanEditor(plan, tir);
    const declaration = edit.get(TRANSIT_DECLARATION);
    edit.add(
      {
        ...stepFromTemplate(ref.step('tir-epd'), { location: declaration.location, site: declaration.site }, []),
        earliestStartMinutes: -EPD_LEAD_MINUTES,
        condition: `filed online about ${EPD_LEAD_MINUTES / 60} h before the truck reaches the office, free (ASSUMPTION on the lead time)`,
      },
      { reason: 'advance cargo data by the free TIR-EPD lets customs risk-assess before the truck arrives', source: '[S50]' },
      { before: [TRANSIT_DECLARATION] },
    );
    edit.swap(TRANSIT_DECLARATION, ref.step('tir-carnet-acceptance'), {
      reason: 'customs accept the TIR carnet and check the goods against its manifest in minutes instead of a national transit declaration',
      source: '[S27] Arts. 19-20; [S43] about 3 minutes at Khorgos',
    });
    if (edit.has('transit-guarantee')) {
      edit.remove('transit-guarantee', { reason: "no national transit guarantee: the carnet's guaranteeing association and the IRU chain guarantee the duties for the whole journey", source: '[S27] Art. 8; [S43][S114]' });
    }
    if (edit.has('escort')) {
      edit.remove('escort', { reason: "customs may not require escort at the carrier's expense for a TIR transport save in special cases", source: '[S27] Art. 23' });
    }
    if (edit.has('transit-termination')) {
      edit.swap('transit-termination', ref.step('tir-carnet-termination'), { reason: 'the TIR operation is terminated at the exit office on the seals and the carnet', source: '[S27] Art. 1; rules.md §3.2 step 6' });
    }
    if (edit.has('exit-reinspection')) {
      edit.setProbability(
        'exit-reinspection',
        p.examEnRouteRate,
        { reason: `sealed TIR loads are not examined en route as a rule, only when an irregularity is suspected: ${round(p.examEnRouteRate * 100)} % of loads (ASSUMPTION on the rate)`, source: '[S27] Art. 5' },
        `only when an irregularity is suspected: ${round(p.examEnRouteRate * 100)} % of sealed TIR loads (TIR Convention Art. 5; rate ASSUMPTION)`,
      );
    }
    if (edit.has('transshipment')) {
      edit.remove('transshipment', { reason: 'the sealed TIR truck goes through to destination without trans-shipment to a foreign truck at the border', source: '[S45]' });
    }
    return edit.result();
  },
};

function round(x: number): number {
  return Math.round(x * 10) / 10;
}
