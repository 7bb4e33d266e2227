// "Port + unloading place" joint supervision of imported ores and concentrates (rules.md §2.2): the
// border port keeps only the radiation check and the wagons or trucks go on unopened; the concealment
// and solid-waste screening, the sampling and the lab test are done by the destination customs at the
// unloading place (the smelter's siding) after the haul. Alashankou -> Urumqi/Changji since August
// 2024 [S17]; Alashankou -> Jinchang: entry to factory about 20 days -> 3-5 days [S18].

import { type ClearancePlan, releaseAncestors } from '../plan';
import type { ReformDefinition, Why } from './reform';
import { PlanEditor } from './reform';

const CLAUSE =
  'Overall Plan, trade facilitation: "port + unloading place" joint supervision of imported ores and concentrates (plan wording not verified, rules.md open question 2)';

/** The check that stays at the border port [S17][S18]. */
const AT_PORT = 'radiation-check';
/** The mineral checks done at the unloading place instead, in plan order; sampling and the lab only when a test is due. */
const MOVED = ['solid-waste-screening', 'sampling', 'lab-test', 'conformity-certificate'];
const HAUL = 'haul';

export const portPlusUnloadingPlace: ReformDefinition = {
  id: 'port-plus-unloading-place',
  title: 'Port + unloading place for imported ores',
  titleZh: '口岸+卸货地',
  clause: CLAUSE,
  summary:
    'At the border port imported ores and concentrates get only the radiation check and go on unopened; concealment and solid-waste screening, sampling and the lab test are done by the destination customs at the unloading place after the haul. The lot is released at the port before the lab result, and may not be sold or used until the conformity certificate.',
  sources: [
    '[S17] Alashankou -> Urumqi/Changji copper concentrate, 2024: radiation at the port, the rest at the unloading place',
    '[S18] Alashankou -> Jinchang (Jinchuan), 2022: entry to factory about 20 days -> 3-5 days',
    '[S19] GACC 2018 No.134: release first, test later; no sale or use before the certificate',
  ],
  assumption: false,
  eligibility:
    'Imported ores and concentrates (copper, iron, lead and zinc) by rail or road whose inland site is an unloading place (a smelter or plant siding supervised by the destination customs).',
  parameters: [
    {
      name: 'labFollowsRelease',
      title: 'Release at the border port before the lab result (1), or at the unloading place once the lab result is in (0)',
      unit: 'flag (0 or 1)',
      default: 1,
      min: 0,
      max: 1,
      source:
        'ASSUMPTION: whether copper concentrate is released before the harmful-element result is not published (rules.md open question 15); 1 follows "release first, test later" [S19], with sale and use waiting for the certificate',
      assumption: true,
    },
  ],
  example: {
    flow: 'import',
    port: 'alashankou-rail',
    transportMode: 'rail',
    supervisionMode: '0110',
    trader: { name: 'Xinjiang Copper Smelting Co.', creditClass: 'general' },
    goods: [{ hsCode: '2603000010', description: 'Copper concentrate (Cu 13 % or more)', quantity: 260_000, unit: 'kg', customsValueMinor: 72_800_000, currency: 'USD' }],
    inlandSite: 'changji-unloading',
    conveyances: 4,
  },

  ineligibility({ facts }, plan) {
    const d = facts.declaration;
    if (facts.minerals.length === 0) return 'the goods are not ores or concentrates (copper, iron, lead or zinc); port + unloading place supervises imported minerals';
    if (d.flow !== 'import') return `port + unloading place supervises imports; this is ${d.flow === 'export' ? 'an export' : 'a transit'}`;
    if (d.transportMode !== 'rail' && d.transportMode !== 'road') return `port + unloading place moves ores by rail or road; this consignment travels by ${d.transportMode}`;
    if (!facts.inlandSite) return 'no inland site is named: give the unloading place (the smelter or plant siding) where the checks would be done';
    if (facts.inlandSite.kind !== 'unloading-place') return `${facts.inlandSite.name} is not an unloading place (a smelter or plant siding under the destination customs)`;
    const atPort = (id: string) => plan.steps.some((s) => s.id === id && s.site === facts.port.id);
    if (!atPort(AT_PORT) || !atPort(MOVED[0])) return `the mineral checks are no longer at ${facts.port.name}, so there is nothing to move to the unloading place`;
    if (!plan.steps.some((s) => s.id === HAUL)) return `the plan has no haul from ${facts.port.name} to ${facts.inlandSite.name}`;
    return null;
  },

  apply(plan, { facts }, p) {
    const edit = new PlanEditor(plan, portPlusUnloadingPlace);
    const inland = facts.inlandSite!;
    const unloadingPlace = { location: 'unloading-place' as const, site: inland.id };
    const moved = MOVED.filter((id) => edit.has(id));
    const gating = releaseAncestors(plan);

    if (p.labFollowsRelease >= 0.5) {
      // From the release end backwards, so each check's own chain (screening -> sampling -> lab) stays intact.
      for (const id of [...moved].reverse().filter((m) => gating.has(m))) {
        edit.releaseWithout(id, {
          reason: `released at ${facts.port.name} once the radiation check is passed ("release first, test later"); the goods may not be sold or used until the conformity certificate`,
          source: '[S17][S19]; release before the lab result is an ASSUMPTION for copper (rules.md open question 15)',
        });
      }
    } else {
      // The lot leaves the port under customs control, not released; release follows the lab at the unloading place.
      edit.move('gate-out', { after: portChecks(plan, moved) }, {
        reason: `the wagons leave ${facts.port.name} under customs control once the radiation check is passed, without waiting for the checks moved inland`,
        source: '[S17][S18]',
      });
      edit.move(plan.releaseStep, unloadingPlace, {
        reason: `released by the destination customs at ${inland.name} once the lab result is in (ASSUMPTION: labFollowsRelease = 0)`,
        source: '[S18]; rules.md open question 15',
      });
    }

    const why = (id: string): Why => ({
      reason:
        id === MOVED[0]
          ? `done by the destination customs at ${inland.name} after supervised unloading, so the goods are forwarded from the port without unloading`
          : `done by the destination customs at ${inland.name}, not at the border port`,
      source: '[S17][S18]',
    });
    for (const id of moved) {
      edit.move(id, id === MOVED[0] ? { ...unloadingPlace, after: [HAUL] } : unloadingPlace, why(id));
    }
    return edit.result();
  },
};

/**
 * What the port still waits for once the moved checks go inland: release's predecessors with each
 * moved check replaced by what it waited for, the same substitution `releaseWithout` makes.
 */
function portChecks(plan: ClearancePlan, moved: string[]): string[] {
  const byId = new Map(plan.steps.map((s) => [s.id, s]));
  let after = byId.get(plan.releaseStep)!.after;
  for (const id of [...moved].reverse()) {
    if (after.includes(id)) after = [...new Set(after.flatMap((a) => (a === id ? byId.get(id)!.after : [a])))];
  }
  return after;
}
