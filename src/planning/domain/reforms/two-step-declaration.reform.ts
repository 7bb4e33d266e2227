// Two-step declaration for imports (GACC 2019 No.127; rules.md §6.2): a short summary declaration
// releases the goods once risk handling is done, duties secured by the filed guarantee; the complete
// declaration and the tax payment follow after release, within 14 days of the conveyance's entry.

import type { Distribution } from '../../../reference/domain/reference-data';
import { stepById, stepFromTemplate } from '../plan';
import type { ReformDefinition } from './reform';
import { PlanEditor } from './reform';

const CLAUSE =
  "GACC Announcement 2019 No.127, two-step declaration (summary, then complete) for imports, among the Overall Plan's customs facilitation measures (plan wording not verified, rules.md open question 2)";

/** The full declarations the summary can replace; others (transfer, transit, resident) are not import declarations split in two. */
const FULL_DECLARATION = 'lodge-declaration';

export const twoStepDeclaration: ReformDefinition = {
  id: 'two-step-declaration',
  title: 'Two-step declaration',
  titleZh: '两步申报',
  clause: CLAUSE,
  summary:
    'The importer files a summary declaration (9 items + 2 logistics confirmations instead of about 105), duties are secured by the filed guarantee, and the goods are released on the summary; the complete declaration and the tax payment follow within 14 days of entry, and release does not wait for them.',
  sources: ['[S72] GACC 2019 No.127', '[S73] summary items, guarantee, credit, 14 days', '[S74] 105 items; all modes', '[S75] one number; inspection only at the summary stage, after arrival', '[S109] 14 days of the conveyance\'s entry'],
  assumption: false,
  eligibility: 'Imports declared on a full import declaration (not a transfer, transit or border-resident filing) by a trader of at least general credit (not discredited) [S73].',
  parameters: [
    {
      name: 'completionDays',
      title: 'Days after the conveyance\'s entry by which the complete declaration and the tax payment are done (the trader defers them to this day)',
      unit: 'days',
      default: 14,
      min: 0,
      max: 14,
      source: 'Both steps within 14 days of the conveyance\'s declaration of entry [S73][S109]; that traders use the whole window to defer the tax is an ASSUMPTION',
      assumption: true,
    },
  ],
  example: {
    flow: 'import',
    port: 'khorgos-road',
    transportMode: 'road',
    supervisionMode: '0110',
    trader: { name: 'Urumqi Computer Trading Co.', creditClass: 'general' },
    goods: [{ hsCode: '8471300000', description: 'Portable computers', quantity: 800, unit: 'pcs', customsValueMinor: 40_000_000, currency: 'USD' }],
  },

  ineligibility({ facts }, plan) {
    const d = facts.declaration;
    if (d.flow !== 'import') return `two-step declaration is for imports only; this is ${d.flow === 'export' ? 'an export' : 'a transit'}`;
    if (d.trader.creditClass === 'discredited') return 'the trader is discredited; two-step declaration needs at least general credit [S73]';
    if (!stepById(plan, FULL_DECLARATION)) {
      const lodged = plan.steps.find((s) => s.interval === 'lodgement');
      return `the plan lodges no full import declaration to split into summary and complete (it uses ${lodged ? `'${lodged.id}'` : 'none'})`;
    }
    return null;
  },

  apply(plan, { ref }, p) {
    const edit = new PlanEditor(plan, twoStepDeclaration);
    edit.swap(FULL_DECLARATION, ref.step('summary-declaration'), {
      reason: 'a summary declaration on the bill of lading (9 items + 2 logistics confirmations against about 105) is enough for risk handling and release',
      source: '[S73][S74]',
    });
    if (edit.has('duty-payment')) {
      edit.swap('duty-payment', ref.step('guarantee-filing-check'), {
        reason: 'taxable goods quote a valid guarantee filing number on the summary, so release waits for the guarantee check, not for the tax payment',
        source: '[S73]',
      });
    }
    const template = ref.step('complete-declaration');
    const summary = edit.get(FULL_DECLARATION);
    const deadlineMinutes = p.completionDays * 24 * 60;
    edit.add(
      {
        ...stepFromTemplate(template, summary, [plan.releaseStep]),
        // Starts late enough to use the window yet finishes by the deadline even at its longest.
        earliestStartMinutes: deadlineMinutes - longestMinutes(template.duration),
        condition: `after release, done by day ${p.completionDays} after the conveyance's entry (the trader defers the tax payment to the deadline, ASSUMPTION)`,
      },
      {
        reason: `the remaining items and the tax payment follow release, within ${p.completionDays} days of entry; release does not wait for them (same declaration, one number)`,
        source: '[S73][S75][S109]',
      },
    );
    return edit.result();
  },
};

/** The longest a step can take; unbounded shapes use three times their mean. */
function longestMinutes(d: Distribution): number {
  switch (d.kind) {
    case 'constant':
      return d.minutes;
    case 'uniform':
    case 'triangular':
      return d.max;
    case 'empirical':
      return Math.max(...d.values);
    case 'exponential':
    case 'lognormal':
      return 3 * d.mean;
  }
}
