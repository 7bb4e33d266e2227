// Batch inspection of dangerous chemicals for export (rules.md §6.7): exports from the same producer
// and process, with the same composition and hazard characteristics, form one inspection batch. The
// first export of a batch gets the on-site inspection and hazard testing; later ones get a document
// review and spot verification instead of an on-site check each time [S81][S83].

import { stepById, stepFromTemplate } from '../plan';
import type { ReformDefinition } from './reform';
import { PlanEditor } from './reform';

const CLAUSE =
  'Overall Plan, trade facilitation: batch inspection of exported dangerous chemicals (GACC measure replicated from pilots; plan wording not verified, rules.md open question 2)';

const ORIGIN_INSPECTION = 'dg-origin-inspection';

export const dangerousChemicalsBatchInspection: ReformDefinition = {
  id: 'dangerous-chemicals-batch-inspection',
  title: 'Batch inspection of dangerous chemicals for export',
  titleZh: '危化品出口批次检验',
  clause: CLAUSE,
  summary:
    'Only the export that opens an inspection batch (same producer, process, composition and hazard) is inspected on site and hazard-tested; later exports of the batch get a document review and spot verification, with an on-site check only when spot-checked.',
  sources: ['[S81] Fuzhou (Jiangxi): release time cut by over 80 %', '[S82] Panjin: -2 working days', '[S83] Shatian: -4 working days', '[S84] origin inspection + port check, required documents'],
  assumption: true,
  eligibility: 'Exports of dangerous chemicals (flagged dangerous goods) whose plan inspects every batch at origin.',
  parameters: [
    {
      name: 'firstOfBatchShare',
      title: 'Share of exports that open a new inspection batch (and so get the full on-site inspection and hazard testing)',
      unit: 'share',
      default: 0.2,
      min: 0,
      max: 1,
      source: 'ASSUMPTION: no source gives how many exports a batch covers; 0.2 means a batch period covers five exports on average',
      assumption: true,
    },
    {
      name: 'spotCheckRate',
      title: 'Chance that a later export of a batch is spot-checked on site',
      unit: 'probability',
      default: 0.1,
      min: 0,
      max: 1,
      source: 'ASSUMPTION: spot verification is reported [S81][S83] but not its rate',
      assumption: true,
    },
  ],
  example: {
    flow: 'export',
    port: 'khorgos-road',
    transportMode: 'road',
    supervisionMode: '0110',
    trader: { name: 'Karamay Methanol Co.', creditClass: 'general' },
    goods: [{ hsCode: '2905110000', description: 'Methanol', quantity: 30000, unit: 'kg', customsValueMinor: 1_000_000, currency: 'USD', unNumber: '1230' }],
  },

  ineligibility({ facts }, plan) {
    if (facts.declaration.flow !== 'export') return `batch inspection covers exports of dangerous chemicals; this is ${facts.declaration.flow === 'import' ? 'an import' : 'a transit'}`;
    if (!facts.flags.dangerousGoods) return 'the goods are not dangerous chemicals (no dangerous-goods heading, UN number or flag)';
    const inspection = stepById(plan, ORIGIN_INSPECTION);
    if (!inspection) return 'the plan has no origin inspection of dangerous chemicals to batch';
    if (inspection.probability < 1) return 'the origin inspection already runs for only part of the exports';
    return null;
  },

  apply(plan, { ref }, p) {
    const edit = new PlanEditor(plan, dangerousChemicalsBatchInspection);
    const inspection = edit.get(ORIGIN_INSPECTION);
    const onSite = p.firstOfBatchShare + (1 - p.firstOfBatchShare) * p.spotCheckRate;
    const pct = (x: number) => `${Math.round(x * 1000) / 10} %`;
    edit.setProbability(
      ORIGIN_INSPECTION,
      onSite,
      {
        reason: `inspected on site only when the export opens a batch (${pct(p.firstOfBatchShare)}) or a later export is spot-checked (${pct(p.spotCheckRate)} of the rest)`,
        source: '[S81][S83]; shares ASSUMPTION',
      },
      `first export of an inspection batch, or a spot-checked later one (${pct(onSite)} of exports)`,
    );
    const successors = edit.ids((s) => s.after.includes(ORIGIN_INSPECTION));
    edit.add(
      {
        ...stepFromTemplate(ref.step('batch-document-review'), inspection, inspection.after),
        probability: 1 - p.firstOfBatchShare,
        condition: `later exports of an inspection batch (${pct(1 - p.firstOfBatchShare)} of exports)`,
      },
      {
        reason: 'later exports of a batch get a document review and spot verification against the batch record instead of an on-site check each time',
        source: '[S81][S83]',
      },
      { before: successors },
    );
    return edit.result();
  },
};
