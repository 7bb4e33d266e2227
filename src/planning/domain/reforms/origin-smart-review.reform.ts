// Certificate of origin smart review and self-printing (rules.md §6.8): the system reviews the
// application and the exporter prints the certificate itself, 7x24; from about half a working day to
// under one minute [S85] (25 s reported at Lanzhou [S86]).

import { stepById } from '../plan';
import type { ReformDefinition } from './reform';
import { PlanEditor } from './reform';

const CLAUSE =
  'GACC measure rolled out nationwide on 10 December 2020: smart review and self-printing of certificates of origin, among the Overall Plan\'s trade facilitation measures (plan wording not verified, rules.md open question 2)';

const CERTIFICATE = 'certificate-of-origin';

export const originSmartReview: ReformDefinition = {
  id: 'origin-smart-review',
  title: 'Certificate of origin smart review and self-printing',
  titleZh: '原产地证书智能审核和自助打印',
  clause: CLAUSE,
  summary: 'The certificate of origin is reviewed by the system and printed by the exporter, 7x24: about half a working day becomes under one minute.',
  sources: ['[S85] smart review nationwide from 10 Dec 2020, 16 certificate types, half a working day -> under 1 minute', '[S86] Lanzhou: 25 seconds', '[S87] no origin enterprise filing since 1 Nov 2023'],
  assumption: false,
  eligibility: 'Exports that apply for a certificate of origin (one of the 16 types under smart review: 14 FTA, non-preferential, GSP).',
  parameters: [
    {
      name: 'reviewMinutes',
      title: 'Time from submitting the certificate data to the printable certificate',
      unit: 'minutes',
      default: 1,
      min: 0,
      max: 480,
      source: 'Under 1 minute after smart review and self-printing [S85]; 25 s reported [S86]',
      assumption: false,
    },
  ],
  example: {
    flow: 'export',
    port: 'khorgos-road',
    transportMode: 'road',
    supervisionMode: '0110',
    trader: { name: 'Yining Knitwear Co.', creditClass: 'general' },
    goods: [{ hsCode: '6110200000', description: 'Cotton jerseys', quantity: 20000, unit: 'pcs', customsValueMinor: 12_000_000, currency: 'USD' }],
    certificateOfOrigin: true,
  },

  ineligibility({ facts }, plan) {
    if (facts.declaration.flow !== 'export') return `certificates of origin are issued for exports; this is ${facts.declaration.flow === 'import' ? 'an import' : 'a transit'}`;
    if (!facts.declaration.certificateOfOrigin) return 'no certificate of origin is applied for (declaration.certificateOfOrigin)';
    if (!stepById(plan, CERTIFICATE)) return 'the plan has no certificate of origin step';
    return null;
  },

  apply(plan, { ref }, p) {
    const edit = new PlanEditor(plan, originSmartReview);
    edit.setDuration(CERTIFICATE, { kind: 'constant', minutes: p.reviewMinutes }, {
      reason: 'the system reviews the application and the exporter prints the certificate itself, instead of a manual review of about half a working day',
      source: '[S85][S86]',
    });
    const site = edit.get(CERTIFICATE).site;
    // Where the site already works 7x24 (seeds/sites.json) the flag would change nothing; no change is recorded.
    if (site === null || !ref.sites.get(site)?.calendar.allDay) {
      edit.setAllDay([CERTIFICATE], { reason: 'smart review and self-printing are available 7x24', source: '[S85]' });
    }
    return edit.result();
  },
};
