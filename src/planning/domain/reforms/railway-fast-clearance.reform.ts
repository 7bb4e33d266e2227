// Railway fast clearance (rules.md §6.4): customs review, release and write off on the railway's
// electronic manifest, paperless, with no separate (transfer) declaration, and the rail port works
// 7x24. Calibration targets: Khorgos rail import dwell 2-3 days -> within 16 h [S78]; declaration
// to exit 7-8 days -> under 36 h (calibration.md §5).

import { stepById } from '../plan';
import type { ReformDefinition } from './reform';
import { PlanEditor } from './reform';

const CLAUSE =
  "Overall Plan, trade facilitation: railway fast clearance at the Khorgos and Alashankou rail ports (China State Railway Group and GACC, from 10 September 2021; plan wording not verified, rules.md open question 2)";

/** The declarations the railway manifest replaces, in order of preference. */
const DECLARATIONS = ['transfer-declaration', 'lodge-declaration'];

export const railwayFastClearance: ReformDefinition = {
  id: 'railway-fast-clearance',
  title: 'Railway fast clearance',
  titleZh: '铁路快通',
  clause: CLAUSE,
  summary:
    "Customs review, release and write off on the railway's electronic manifest data, paperless: the enterprise files no separate transfer declaration, the manifest review does the risk targeting, and the rail port serves trains 7x24.",
  sources: ['[S77] rail fast clearance, Alashankou car train 1-2 days faster', '[S78] Khorgos rail import dwell 2-3 days -> within 16 h', '[S79] Khorgos rail port 7x24, wagon turnover +20 %'],
  assumption: false,
  eligibility: 'Rail imports and exports at a rail border port (Khorgos or Alashankou rail) whose plan lodges a transfer or customs declaration; not road, not transit.',
  parameters: [
    {
      name: 'wagonTurnoverGain',
      title: 'Gain in wagon turnover at the smart rail port; the gauge transshipment takes 1 / (1 + gain) of its baseline time',
      unit: 'share',
      default: 0.2,
      min: 0,
      max: 1,
      source: 'Khorgos rail port wagon turnover +20 % [S79]; that it shortens the gauge transshipment in the same proportion is an ASSUMPTION',
      assumption: true,
    },
  ],
  example: {
    flow: 'import',
    port: 'khorgos-rail',
    transportMode: 'rail',
    supervisionMode: '0110',
    trader: { name: 'Xinjiang Rail Import Co.', creditClass: 'general' },
    goods: [{ hsCode: '8471300000', description: 'Portable computers', quantity: 4000, unit: 'pcs', customsValueMinor: 200_000_000, currency: 'USD' }],
    inlandSite: 'urumqi-inland',
  },

  ineligibility({ facts }, plan) {
    const d = facts.declaration;
    if (d.transportMode !== 'rail') return `railway fast clearance works on the railway's manifest; this consignment travels by ${d.transportMode}`;
    if (facts.port.kind !== 'border-port') return `${facts.port.name} is not a rail border port (railway fast clearance runs at Khorgos and Alashankou rail ports)`;
    if (d.flow === 'transit') return 'transit trains move under a transit declaration; railway fast clearance covers imports and exports';
    if (!DECLARATIONS.some((id) => stepById(plan, id))) {
      const lodged = plan.steps.find((s) => s.interval === 'lodgement');
      return `the plan has no transfer or customs declaration for the manifest to replace (it uses ${lodged ? `'${lodged.id}'` : 'none'})`;
    }
    return null;
  },

  apply(plan, { facts, ref }, p) {
    const edit = new PlanEditor(plan, railwayFastClearance);
    const declaration = DECLARATIONS.find((id) => edit.has(id))!;
    edit.swap(declaration, ref.step('manifest-based-review'), {
      reason: "no separate declaration: customs review, release and write off on the railway's electronic manifest data, paperless",
      source: '[S77]',
    });
    // Kept, it would count risk targeting twice: the manifest review does what the electronic review did.
    if (edit.has('electronic-review')) {
      edit.remove('electronic-review', { reason: 'risk targeting runs on the manifest data, within the manifest review', source: '[S77]' });
    }
    if (edit.has('gauge-transshipment') && p.wagonTurnoverGain > 0) {
      edit.scaleDuration('gauge-transshipment', 1 / (1 + p.wagonTurnoverGain), {
        reason: `wagon turnover ${Math.round(p.wagonTurnoverGain * 100)} % faster at the smart rail port (ASSUMPTION: the transshipment time falls in proportion)`,
        source: '[S79]',
      });
    }
    // A port whose calendar is already 7x24 (seeds/sites.json) gains nothing; no change is recorded.
    if (!facts.port.calendar.allDay) {
      edit.setAllDay(
        edit.ids((s) => s.site === facts.port.id),
        { reason: 'the smart rail port serves trains 7x24', source: '[S79]' },
      );
    }
    return edit.result();
  },
};
