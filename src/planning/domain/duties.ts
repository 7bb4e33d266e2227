// Import duty and VAT from the goods lines (rates in seeds/hs-headings.json): duty on the customs
// value, VAT on value plus duty. Bonded maintenance taxes only the repair fee [S61]; border mutual
// trade exempts RMB 8,000 per resident per day [S69].

import type { ReferenceIndex } from '../../reference/domain/reference-index';
import type { DeclarationFacts } from './declaration';
import type { Taxation } from './plan';
import type { CostLine } from './planning.types';

export interface Taxes {
  /** Duty and VAT the declaration pays, CNY fen. */
  dueMinor: number;
  /** Duty and VAT at stake on the full customs value (what a guarantee secures), CNY fen. */
  securedMinor: number;
  lines: CostLine[];
}

export function computeTaxes(taxation: Taxation, facts: DeclarationFacts, ref: ReferenceIndex): Taxes {
  const goods = facts.declaration.goods;
  const onValue = (pick: (i: number) => number) =>
    goods.reduce(
      (acc, line, i) => {
        const heading = facts.headings[i];
        const base = pick(i);
        const duty = (base * heading.dutyPercent) / 100;
        return { base: acc.base + base, duty: acc.duty + duty, vat: acc.vat + ((base + duty) * heading.vatPercent) / 100 };
      },
      { base: 0, duty: 0, vat: 0 },
    );
  const value = (i: number) => ref.toCnyMinor(goods[i].customsValueMinor, goods[i].currency);
  const repairFee = (i: number) => ref.toCnyMinor(goods[i].repairFeeMinor ?? 0, goods[i].currency);

  const secured = onValue(value);
  const securedMinor = Math.round(secured.duty + secured.vat);
  if (taxation.basis === 'none') return { dueMinor: 0, securedMinor, lines: [] };

  const taxed = onValue(taxation.basis === 'repair-fee' ? repairFee : value);
  let share = 1;
  let basis = taxation.basis === 'repair-fee' ? `repair fee of CNY ${fmt(taxed.base)} (repaired goods exempt)` : `customs value of CNY ${fmt(taxed.base)}`;
  if (taxation.allowancePerResidentMinor > 0 && taxed.base > 0) {
    const residents = facts.declaration.borderResidents ?? 1;
    const allowance = taxation.allowancePerResidentMinor * residents;
    share = Math.max(0, taxed.base - allowance) / taxed.base;
    basis += `, less the mutual-trade allowance of CNY ${fmt(allowance)} for ${residents} resident(s)`;
  }
  const duty = Math.round(taxed.duty * share);
  const vat = Math.round(taxed.vat * share);
  const source = [...new Set(facts.headings.map((h) => `HS ${h.prefix}: ${h.source}`))].join('; ');
  const assumption = facts.headings.some((h) => h.assumption);
  const line = (item: string, title: string, amountMinor: number, what: string): CostLine => ({
    item,
    title,
    kind: 'tax',
    stepId: null,
    amountMinor,
    currency: 'CNY',
    basis: `${what} on the ${basis}`,
    source,
    assumption,
  });
  return {
    dueMinor: duty + vat,
    securedMinor,
    lines: [line('import-duty', 'Import duty', duty, 'duty rate of each HS heading'), line('import-vat', 'Import VAT', vat, 'VAT on value plus duty')],
  };
}

function fmt(minor: number): string {
  return (minor / 100).toFixed(2);
}
