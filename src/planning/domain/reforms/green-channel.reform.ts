// Green channel for farm products at land ports (rules.md §1): a dedicated window handled on arrival,
// priority at every service point, 7x24 clearance, non-intrusive inspection instead of unloading and
// fewer physical inspections.

import type { ReformDefinition } from './reform';
import { PlanEditor } from './reform';

const CLAUSE = 'Overall Plan, trade facilitation: green channel for agricultural and sideline products at the land ports (wording not verified, rules.md open question 2)';

export const greenChannel: ReformDefinition = {
  id: 'green-channel',
  title: 'Green channel for farm products',
  titleZh: '农副产品绿色通道',
  clause: CLAUSE,
  summary:
    'Fresh fruit and vegetables get a dedicated window handled on arrival, priority at the desk, the inspection area and the lane, 7x24 clearance, scanning instead of unloading, and a lower physical inspection rate.',
  sources: ['[S1] Erenhot green channel', '[S3] Bakhtu 3 days -> 3 hours', '[S6][S7] Khorgos-Nur Zholy', '[S10] Khorgos 7x24', '[S11] Khorgos declaration 3 h -> 1 h'],
  assumption: true,
  eligibility: 'Fresh produce (HS chapters 07-08 fresh, or flagged) imported or exported through a land border port by road or rail.',
  parameters: [
    {
      name: 'handlingFactor',
      title: 'Declaration handling and document review time under the dedicated window, as a share of the baseline',
      unit: 'factor',
      default: 1 / 3,
      min: 0,
      max: 1,
      source: 'Khorgos declaration handling about 3 h -> about 1 h [S11]',
      assumption: false,
    },
    {
      name: 'inspectionRateFactor',
      title: 'Physical inspection rate as a share of the baseline',
      unit: 'factor',
      default: 0.5,
      min: 0,
      max: 1,
      source: 'ASSUMPTION: no source gives an inspection rate for green-channel cargo (rules.md §1.4)',
      assumption: true,
    },
    {
      name: 'priority',
      title: 'Queue priority class of green-channel cargo at every service point at the port',
      unit: 'priority class',
      default: 1,
      min: 0,
      max: 9,
      source: 'Priority document review, inspection and release [S1][S6][S7]',
      assumption: false,
    },
  ],
  example: {
    flow: 'export',
    port: 'bakhtu',
    transportMode: 'road',
    supervisionMode: '0110',
    trader: { name: 'Tacheng Fresh Produce Co.', creditClass: 'general' },
    goods: [{ hsCode: '0806100000', description: 'Fresh grapes', quantity: 20000, unit: 'kg', customsValueMinor: 3_000_000, currency: 'USD' }],
  },

  ineligibility({ facts }) {
    if (!facts.flags.freshProduce) return 'the goods are not fresh produce (green channel covers fresh fruit and vegetables)';
    if (facts.port.kind !== 'border-port') return `${facts.port.name} is not a land border port`;
    if (facts.declaration.transportMode !== 'road' && facts.declaration.transportMode !== 'rail') return 'green channels serve road and rail crossings';
    if (facts.declaration.flow === 'transit') return 'green channels serve imports and exports, not transit';
    return null;
  },

  apply(plan, { facts, ref }, p) {
    const edit = new PlanEditor(plan, greenChannel);
    const atPort = (id: string) => edit.has(id) && edit.get(id).site === facts.port.id;
    for (const id of ['lodge-declaration', 'documentary-check'].filter(atPort)) {
      edit.scaleDuration(id, p.handlingFactor, { reason: 'dedicated window, handled on arrival, priority document review', source: '[S1][S6][S11]' });
    }
    if (atPort('physical-inspection')) {
      edit.swap('physical-inspection', ref.step('non-intrusive-inspection'), { reason: 'non-intrusive inspection replaces unloading where possible', source: '[S1]' });
    }
    const { green, yellow, red } = plan.channelRates;
    const lowered = red * p.inspectionRateFactor;
    edit.setChannelRates({ green: green + (red - lowered), yellow, red: lowered }, { reason: 'fewer physical inspections of perishables (ASSUMPTION: no published rate)', source: 'rules.md §1.4' });
    const portSteps = edit.ids((s) => s.site === facts.port.id);
    edit.setPriority(portSteps, p.priority, { reason: 'priority at the desk, the inspection area and the lane', source: '[S1][S6][S7]' });
    if (!facts.port.calendar.allDay) {
      edit.setAllDay(portSteps, { reason: 'appointment clearance out of hours, 7x24 at Khorgos', source: '[S1][S10]' });
    }
    return edit.result();
  },
};
