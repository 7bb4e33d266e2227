// "Road port + local direct clearance" (rules.md §6.5): imports bound for a Xinjiang inland office or
// bonded zone are declared, checked, taxed and released by the local customs there; the road port
// only seals the truck and lets it out. Khorgos road port import steps 9 -> 4, local-vehicle clearance
// 2 days -> 2 hours [S10][S68]. The process details are our ASSUMPTION.

import { meanMinutes, scaleDistribution } from '../distribution';
import { placeAt, stepById, stepFromTemplate } from '../plan';
import type { ReformDefinition } from './reform';
import { PlanEditor } from './reform';

const CLAUSE =
  'Overall Plan, trade facilitation: "road port + local direct clearance" for goods bound for local (Xinjiang) customs (plan wording not verified, rules.md open question 2)';

/** What stays at the road port: the arrival report, the seal and the gate [S68]. */
const AT_PORT = ['arrival', 'customs-seal', 'gate-out'];

export const localDirectClearance: ReformDefinition = {
  id: 'local-direct-clearance',
  title: 'Road port + local direct clearance',
  titleZh: '公路口岸+属地直通',
  clause: CLAUSE,
  summary:
    'A road import bound for a Xinjiang inland office or bonded zone is sealed at the border port and driven straight there; the declaration, review, checks, duty payment and release move to the local customs. The truck leaves the port within hours, but release now follows the haul.',
  sources: ['[S10] Khorgos local-vehicle clearance 2 days -> 2 hours', '[S68] Khorgos road port import steps 9 -> 4', 'rules.md §6.5 (process details ASSUMPTION)'],
  assumption: true,
  eligibility: 'Road imports through a land border port bound for an inland customs office or a comprehensive bonded zone in Xinjiang (the "local" customs), declared on a full import declaration.',
  parameters: [
    {
      name: 'sealMinutes',
      title: 'Mean time to affix (or check) the customs seal at the road port',
      unit: 'minutes',
      default: 25,
      min: 1,
      max: 240,
      source: 'ASSUMPTION: seeds/steps.json customs-seal (triangular 10/20/45 min, mean 25) scaled to this mean; no published figure for the seal at Khorgos',
      assumption: true,
    },
  ],
  example: {
    flow: 'import',
    port: 'khorgos-road',
    transportMode: 'road',
    supervisionMode: '0110',
    trader: { name: 'Urumqi Appliance Import Co.', creditClass: 'general' },
    goods: [{ hsCode: '8528720000', description: 'Television receivers', quantity: 600, unit: 'pcs', customsValueMinor: 15_000_000, currency: 'USD' }],
    inlandSite: 'urumqi-inland',
  },

  ineligibility({ facts }, plan) {
    const d = facts.declaration;
    if (d.flow !== 'import') return `local direct clearance covers imports; this is ${d.flow === 'export' ? 'an export' : 'a transit'}`;
    if (d.transportMode !== 'road') return `local direct clearance is a road-port measure; this consignment travels by ${d.transportMode}`;
    if (facts.port.kind !== 'border-port') return `${facts.port.name} is not a land border port`;
    if (!facts.inlandSite) return 'no inland site is named, so there is no local customs to clear the goods at';
    if (facts.inlandSite.kind !== 'inland-office' && facts.inlandSite.kind !== 'bonded-zone') {
      return `${facts.inlandSite.name} is ${facts.inlandSite.kind === 'unloading-place' ? 'an unloading place' : `a ${facts.inlandSite.kind}`}, not an inland customs office or bonded zone`;
    }
    const release = stepById(plan, plan.releaseStep);
    if (release?.site !== facts.port.id) return `release already happens at ${release?.site ?? 'another place'}, not at the border port`;
    if (stepById(plan, 'lodge-declaration')?.site !== facts.port.id) return 'the plan lodges no full import declaration at the border port to move to the local customs';
    if (!stepById(plan, 'haul')) return `the plan has no haul from ${facts.port.name} to ${facts.inlandSite.name}`;
    return null;
  },

  apply(plan, { facts, ref }, p) {
    const edit = new PlanEditor(plan, localDirectClearance);
    const port = facts.port.id;
    const inland = facts.inlandSite!;
    const inlandPlace = placeAt(inland);
    const haulHours = Math.round((meanMinutes(edit.get('haul').duration) / 60) * 10) / 10;
    const toMove = edit.ids((s) => s.site === port && !AT_PORT.includes(s.id) && s.id !== plan.releaseStep);

    const seal = ref.step('customs-seal');
    edit.add(
      stepFromTemplate(seal, { location: 'border-port', site: port }, ['arrival'], {
        duration: scaleDistribution(seal.duration, p.sealMinutes / meanMinutes(seal.duration)),
        condition: 'every truck bound for the local customs',
      }),
      {
      reason: 'at the road port only the seal and gate checks remain; the truck drives to the local customs under seal',
      source: '[S10][S68]; rules.md §6.5 (ASSUMPTION on the details)',
    }, { before: ['gate-out'] });
    edit.move('gate-out', { after: ['customs-seal'] }, {
      reason: 'the truck leaves the port under seal instead of waiting for release there, so the port dwell falls from days to hours',
      source: '[S10][S68]',
    });
    for (const id of toMove) {
      const after = edit.get(id).after.map((a) => (a === 'arrival' ? 'haul' : a));
      edit.move(id, { ...inlandPlace, after }, {
        reason: `done by the local customs at ${inland.name} after the ${haulHours} h haul, not at the road port`,
        source: '[S68]; rules.md §6.5 (ASSUMPTION on the details)',
      });
    }
    const release = edit.get(plan.releaseStep);
    edit.move(plan.releaseStep, { ...inlandPlace, after: release.after.map((a) => (a === 'arrival' ? 'haul' : a)) }, {
      reason: `release moves to the local customs at ${inland.name}: the truck leaves the port within hours, but release now comes after the ${haulHours} h haul and the checks there, so it can be later in hours than at the port`,
      source: '[S10][S68]; rules.md §6.5 (ASSUMPTION on the details)',
    });
    return edit.result();
  },
};
