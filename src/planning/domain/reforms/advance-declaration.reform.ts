// Advance declaration (GACC 2014 No.74; rules.md §6.3): the declaration is lodged, reviewed and, if
// targeted, document-checked before the goods reach the customs supervision site; only the physical
// inspection still waits for the goods.

import type { PlanStep } from '../plan';
import type { ReformDefinition } from './reform';
import { PlanEditor } from './reform';

const CLAUSE =
  "GACC Announcement 2014 No.74, advance declaration before the goods arrive, among the Overall Plan's customs facilitation measures (plan wording not verified, rules.md open question 2)";

/** Declarations that can be lodged ahead of the goods (a two-step summary keeps the id 'lodge-declaration'). */
const LODGEMENTS = ['lodge-declaration', 'transfer-declaration'];
/** The checks on the declaration that need the data, not the goods. */
const PAPER_CHECKS = ['electronic-review', 'documentary-check'];

export const advanceDeclaration: ReformDefinition = {
  id: 'advance-declaration',
  title: 'Advance declaration',
  titleZh: '提前申报',
  clause: CLAUSE,
  summary:
    'The declarant lodges the declaration once the manifest data exist, before the goods reach the supervision site (imports after the conveyance departs, exports up to 3 days ahead); electronic review and any documentary check run before arrival, and only the physical inspection waits for the goods.',
  sources: ['[S76] GACC 2014 No.74', '[S95] AEO firms may declare exports before arrival', '[S73] a two-step summary may be lodged in advance'],
  assumption: false,
  eligibility:
    'Imports and exports whose plan lodges a declaration (full, two-step summary or rail transfer declaration) that waits for the goods; not transits, which move under a transit declaration, nor border residents\' filings.',
  parameters: [
    {
      name: 'leadHours',
      title: 'Imports: how long before the goods arrive the declaration can be lodged (after the conveyance departs)',
      unit: 'hours',
      default: 24,
      min: 0,
      max: 240,
      source: 'ASSUMPTION: import declarations may be lodged after the conveyance departs [S76]; a land-border truck or train departs about a day before it reaches the port',
      assumption: true,
    },
    {
      name: 'exportLeadHours',
      title: 'Exports: how long before the goods reach the supervision site the declaration can be lodged',
      unit: 'hours',
      default: 72,
      min: 0,
      max: 72,
      source: 'Exports may be declared within 3 days before the goods reach the supervision site [S76]',
      assumption: false,
    },
  ],
  example: {
    flow: 'import',
    port: 'khorgos-road',
    transportMode: 'road',
    supervisionMode: '0110',
    trader: { name: 'Ili Auto Parts Import Co.', creditClass: 'general' },
    goods: [{ hsCode: '8708299000', description: 'Car body parts', quantity: 1200, unit: 'pcs', customsValueMinor: 18_000_000, currency: 'USD' }],
  },

  ineligibility({ facts }, plan) {
    if (facts.declaration.flow === 'transit') return 'transit goods move under a transit declaration; advance declaration covers imports and exports';
    const lodgement = plan.steps.find((s) => LODGEMENTS.includes(s.id));
    if (!lodgement) {
      const lodged = plan.steps.find((s) => s.interval === 'lodgement');
      return `the plan has no import or export declaration to lodge in advance (it uses ${lodged ? `'${lodged.id}'` : 'none'})`;
    }
    if (lodgement.earliestStartMinutes < 0 && goodsMovement(plan.steps, lodgement.after).length === 0) return `'${lodgement.id}' is already lodged before the goods arrive`;
    return null;
  },

  apply(plan, { facts }, p) {
    const edit = new PlanEditor(plan, advanceDeclaration);
    const leadHours = facts.declaration.flow === 'export' ? p.exportLeadHours : p.leadHours;
    const from = -leadHours * 60;
    const lodgement = LODGEMENTS.find((id) => edit.has(id))!;
    const after = documentsNeeded(plan.steps, edit.get(lodgement).after);
    edit.move(lodgement, { after, earliestStartMinutes: from }, {
      reason: `lodged on the manifest data up to ${leadHours} h before the goods reach the supervision site, no longer after their arrival`,
      source: facts.declaration.flow === 'export' ? '[S76][S95]' : '[S76]',
    });
    for (const id of PAPER_CHECKS.filter((c) => edit.has(c) && edit.get(c).earliestStartMinutes > from)) {
      edit.move(id, { earliestStartMinutes: from }, {
        reason: 'works on the declaration data, so it can run before arrival; physical inspection still waits for the goods',
        source: '[S76]; checks before arrival are an ASSUMPTION (rules.md §6.3 says only when the declaration may be lodged)',
      });
    }
    return edit.result();
  },
};

/** Steps that move or present the goods: what a declaration lodged in advance no longer waits for. */
function isGoodsMovement(step: PlanStep): boolean {
  return step.interval === 'arrival' || step.interval === 'transit' || step.interval === 'exit' || step.id === 'customs-seal';
}

function goodsMovement(steps: PlanStep[], ids: string[]): string[] {
  return ids.filter((id) => {
    const step = steps.find((s) => s.id === id);
    return step !== undefined && isGoodsMovement(step);
  });
}

/**
 * What the lodgement must still wait for once it no longer waits for the goods: each goods-movement
 * predecessor is replaced by its own predecessors until a document-producing step (an origin
 * inspection whose ledger number the declaration quotes [S15][S84]) or nothing is left.
 */
function documentsNeeded(steps: PlanStep[], after: string[]): string[] {
  const byId = new Map(steps.map((s) => [s.id, s]));
  const needed = new Set<string>();
  const stack = [...after];
  const seen = new Set<string>();
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    const step = byId.get(id)!;
    if (isGoodsMovement(step)) stack.push(...step.after);
    else needed.add(id);
  }
  return steps.filter((s) => needed.has(s.id)).map((s) => s.id);
}
