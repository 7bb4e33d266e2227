// Bonded maintenance in a comprehensive bonded zone (rules.md §4): goods of the zone's maintenance
// catalogue enter the zone for repair on the zone enterprise's entry record list and bonded
// verification list (1371) instead of a customs declaration, with duties suspended and so no
// guarantee; repaired goods that are re-exported pay nothing, those returned to the domestic market
// pay duty and VAT on the repair fee only, the goods themselves being exempt [S57][S61].

import type { ReformDefinition } from './reform';
import { PlanEditor } from './reform';

const CLAUSE =
  'Overall Plan, new business forms: bonded maintenance ("global maintenance") in the comprehensive bonded zones (plan wording not verified, rules.md open question 2)';

const DECLARATION = 'lodge-declaration';
const GUARANTEE = 'repair-guarantee';
const REPAIR_MODES = ['1300', '1371'];

export const bondedMaintenance: ReformDefinition = {
  id: 'bonded-maintenance',
  title: 'Bonded maintenance in comprehensive bonded zones',
  titleZh: '综合保税区保税维修',
  clause: CLAUSE,
  summary:
    "Catalogue goods enter the zone for repair on the zone enterprise's entry record list and bonded verification list instead of a customs declaration; duties are suspended, so no guarantee; re-exported goods pay nothing, goods returned to the domestic market pay duty and VAT on the repair fee only.",
  sources: [
    '[S57] MOFCOM/MEE/GACC 2024 No.7: third CBZ maintenance catalogue',
    '[S58] 2020 No.16: maintenance plan and enterprise conditions',
    '[S61] bonded maintenance declaration under 1371/1300; on domestic return only the repair fee is taxed',
    '[S63] bonded verification list fields',
  ],
  assumption: false,
  eligibility:
    'Imports for repair (supervision mode 1300 or 1371) into a comprehensive bonded zone, every goods line in the CBZ maintenance catalogue and carrying its repair fee.',
  parameters: [
    {
      name: 'guaranteeWaived',
      title: 'Duties suspended in the zone, so no guarantee (1), or the repair guarantee kept (0, to see what the zone filing alone saves)',
      unit: 'flag (0 or 1)',
      default: 1,
      min: 0,
      max: 1,
      source: 'Duties and taxes suspended in the zone [S61]; no guarantee in a CBZ, unlike import for repair (calibration.md §6)',
      assumption: false,
    },
  ],
  example: {
    flow: 'import',
    port: 'kashgar-cbz',
    transportMode: 'road',
    supervisionMode: '1371',
    trader: { name: 'Kashgar Heavy Equipment Service Co.', creditClass: 'general' },
    goods: [
      {
        hsCode: '8429521200',
        description: 'Crawler excavator for repair',
        quantity: 1,
        unit: 'unit',
        customsValueMinor: 15_000_000,
        currency: 'USD',
        repairFeeMinor: 1_200_000,
      },
    ],
    disposition: 're-export',
  },

  ineligibility({ facts }, plan) {
    const d = facts.declaration;
    if (facts.port.kind !== 'bonded-zone') return `${facts.port.name} is not a comprehensive bonded zone; bonded maintenance is done inside a zone [S57], so name the zone as the port`;
    if (d.flow !== 'import') return `bonded maintenance here covers goods entering the zone for repair; this is ${d.flow === 'export' ? 'an export' : 'a transit'}`;
    if (!REPAIR_MODES.includes(d.supervisionMode)) return `supervision mode ${d.supervisionMode} is neither goods for repair (1300) nor bonded maintenance (1371) [S61]`;
    if (!facts.headings.every((h) => h.maintenanceCatalogue)) return 'not every goods line is in the CBZ maintenance product catalogue [S57]';
    if (!d.goods.every((g) => g.repairFeeMinor !== undefined)) return 'not every goods line gives its repair fee (repairFeeMinor), on which a domestic return is taxed [S61]';
    if (!plan.steps.some((s) => s.id === DECLARATION)) return 'the plan lodges no customs declaration for the zone filing to replace';
    return null;
  },

  apply(plan, { facts, ref }, p) {
    const edit = new PlanEditor(plan, bondedMaintenance);
    edit.swap(DECLARATION, ref.step('zone-entry-filing'), {
      reason: 'the zone enterprise files an entry record list and a bonded verification list under 1371 on its ledger instead of a customs declaration',
      source: '[S61][S63]',
    });
    if (p.guaranteeWaived >= 0.5 && edit.has(GUARANTEE)) {
      edit.remove(GUARANTEE, { reason: 'duties and taxes are suspended while the goods are in the zone for repair, so nothing is secured', source: '[S61]; calibration.md §6' });
    }
    const domestic = facts.declaration.disposition === 'domestic-market';
    const basis = domestic ? 'repair-fee' : 'none';
    if (plan.taxation.basis !== basis) {
      edit.setTaxation(
        { ...plan.taxation, basis },
        domestic
          ? { reason: 'returned to the domestic market, the repaired goods are fully exempt and duty and VAT are charged on the repair fee only', source: '[S61]' }
          : { reason: 're-exported after repair, the goods pay no duty or VAT', source: '[S61]' },
      );
    }
    return edit.result();
  },
};
