// Checks no single-file schema can make: unique ids, references between files, the provenance rule,
// and the rows the planner cannot do without. Each returns problems; the loader throws them together.

import type { ReferenceData } from '../domain/reference-data';
import { CREDIT_CLASS_IDS } from './credit-classes.seed';
import { PERCENT_UNITS } from './cost-items.seed';
import { RISKS } from './hs-headings.seed';
import { REFORM_IDS } from './options.seed';

/** Where a problem is: the seed file name (e.g. "sites.json"), the JSON path in it, and what is wrong. */
export interface SeedProblem {
  file: string;
  path: string;
  message: string;
  /** 1-based, for malformed JSON only. */
  line?: number;
  column?: number;
}

/** The file each ReferenceData collection is read from. */
export const SEED_FILES: Record<keyof ReferenceData, string> = {
  sites: 'sites.json',
  supervisionModes: 'supervision-modes.json',
  transportModes: 'transport-modes.json',
  hsHeadings: 'hs-headings.json',
  creditClasses: 'credit-classes.json',
  channelRates: 'channel-rates.json',
  costItems: 'cost-items.json',
  currencies: 'currencies.json',
  steps: 'steps.json',
  routes: 'routes.json',
  options: 'options.json',
};

/**
 * The provenance rule: a row is an assumption exactly when its source contains the upper-case word
 * ASSUMPTION (usually "ASSUMPTION: ..." at the start, or "...; duration ASSUMPTION" after the sourced part).
 */
export const ASSUMPTION_WORD = /\bASSUMPTION\b/;

export function crossCheck(data: ReferenceData): SeedProblem[] {
  return [
    ...provenance(data),
    ...uniqueKeys(data),
    ...sites(data),
    ...routes(data),
    ...options(data),
    ...steps(data),
    ...costItems(data),
    ...completeness(data),
  ];
}

function provenance(data: ReferenceData): SeedProblem[] {
  const problems: SeedProblem[] = [];
  const visit = (file: string, value: unknown, path: string): void => {
    if (Array.isArray(value)) {
      value.forEach((v, i) => visit(file, v, `${path}[${i}]`));
      return;
    }
    if (typeof value !== 'object' || value === null) return;
    const row = value as Record<string, unknown>;
    if (typeof row.source === 'string' && typeof row.assumption === 'boolean') {
      const marked = ASSUMPTION_WORD.test(row.source);
      if (row.source.trim() === '') problems.push({ file, path: `${path}.source`, message: 'must name a document, or say "ASSUMPTION: ..."' });
      else if (row.assumption !== marked) {
        const message = row.assumption
          ? 'assumption is true but the source does not contain "ASSUMPTION"; say what the value is based on'
          : 'the source contains "ASSUMPTION" but assumption is false; set it to true or cite the document';
        problems.push({ file, path: `${path}.assumption`, message });
      }
    }
    for (const [key, child] of Object.entries(row)) visit(file, child, `${path}.${key}`);
  };
  for (const key of Object.keys(SEED_FILES) as Array<keyof ReferenceData>) visit(SEED_FILES[key], data[key], 'items');
  return problems;
}

function uniqueKeys(data: ReferenceData): SeedProblem[] {
  const routeKey = (r: ReferenceData['routes'][number]) => [r.from, r.to].sort().join(' <-> ') + ` by ${r.mode}`;
  return [
    ...duplicates('sites', data.sites, 'id', (s) => s.id),
    ...duplicates('supervisionModes', data.supervisionModes, 'code', (m) => m.code),
    ...duplicates('supervisionModes', data.supervisionModes, 'id', (m) => m.id),
    ...duplicates('transportModes', data.transportModes, 'id', (m) => m.id),
    ...duplicates('transportModes', data.transportModes, 'code', (m) => m.code),
    ...duplicates('hsHeadings', data.hsHeadings, 'prefix', (h) => h.prefix),
    ...duplicates('creditClasses', data.creditClasses, 'id', (c) => c.id),
    ...duplicates('channelRates', data.channelRates, 'risk', (c) => c.risk),
    ...duplicates('costItems', data.costItems, 'id', (c) => c.id),
    ...duplicates('currencies', data.currencies, 'code', (c) => c.code),
    ...duplicates('steps', data.steps, 'id', (s) => s.id),
    ...duplicates('routes', data.routes, 'from', routeKey),
    ...duplicates('options', data.options, 'id', (o) => o.id),
  ];
}

function duplicates<T>(key: keyof ReferenceData, rows: T[], field: string, keyOf: (row: T) => string): SeedProblem[] {
  const firstIndex = new Map<string, number>();
  return rows.flatMap((row, i) => {
    const k = keyOf(row);
    const first = firstIndex.get(k);
    if (first === undefined) {
      firstIndex.set(k, i);
      return [];
    }
    return [{ file: SEED_FILES[key], path: `items[${i}].${field}`, message: `duplicate '${k}' (first at items[${first}])` }];
  });
}

function sites(data: ReferenceData): SeedProblem[] {
  const modes = new Set(data.transportModes.map((m) => m.id));
  return data.sites.flatMap((site, i) => {
    const at = (path: string, message: string): SeedProblem => ({ file: SEED_FILES.sites, path: `items[${i}].${path}`, message });
    const problems: SeedProblem[] = [];
    site.modes.forEach((m, j) => {
      if (!modes.has(m)) problems.push(at(`modes[${j}]`, `'${m}' is not in transport-modes.json`));
    });
    if (site.customsCodeVerified && site.customsCode === null) problems.push(at('customsCodeVerified', 'cannot be true without a customsCode'));
    const seen = new Set<string>();
    site.resources.forEach((r, j) => {
      if (seen.has(r.kind)) problems.push(at(`resources[${j}].kind`, `'${r.kind}' is listed twice for this site`));
      seen.add(r.kind);
    });
    return problems;
  });
}

function routes(data: ReferenceData): SeedProblem[] {
  const sitesById = new Map(data.sites.map((s) => [s.id, s]));
  return data.routes.flatMap((route, i) => {
    const at = (path: string, message: string): SeedProblem => ({ file: SEED_FILES.routes, path: `items[${i}].${path}`, message });
    const problems: SeedProblem[] = [];
    for (const end of ['from', 'to'] as const) {
      const site = sitesById.get(route[end]);
      if (!site) problems.push(at(end, `'${route[end]}' is not a site in sites.json`));
      else if (!site.modes.includes(route.mode)) problems.push(at('mode', `${route[end]} does not handle ${route.mode} (it handles ${site.modes.join(', ')})`));
    }
    if (route.from === route.to) problems.push(at('to', 'a route joins two different sites'));
    return problems;
  });
}

function options(data: ReferenceData): SeedProblem[] {
  const known = new Set<string>(REFORM_IDS);
  return data.options.flatMap((option, i) =>
    option.reforms.flatMap((reform, j) => {
      const path = `items[${i}].reforms[${j}].id`;
      if (!known.has(reform.id)) return [{ file: SEED_FILES.options, path, message: `'${reform.id}' is not a reform; expected one of ${REFORM_IDS.join(', ')}` }];
      if (option.reforms.findIndex((r) => r.id === reform.id) !== j) return [{ file: SEED_FILES.options, path, message: `'${reform.id}' is listed twice` }];
      return [];
    }),
  );
}

function steps(data: ReferenceData): SeedProblem[] {
  const items = new Set(data.costItems.map((c) => c.id));
  return data.steps.flatMap((step, i) =>
    step.costs.flatMap((id, j) =>
      items.has(id) ? [] : [{ file: SEED_FILES.steps, path: `items[${i}].costs[${j}]`, message: `'${id}' is not a cost item in cost-items.json` }],
    ),
  );
}

function costItems(data: ReferenceData): SeedProblem[] {
  const currencies = new Set(data.currencies.map((c) => c.code));
  return data.costItems.flatMap((item, i) => {
    const problems: SeedProblem[] = [];
    if (!currencies.has(item.currency)) {
      problems.push({ file: SEED_FILES.costItems, path: `items[${i}].currency`, message: `'${item.currency}' is not in currencies.json` });
    }
    // Money is kept in integer minor units (design.md); only percentages may have decimals.
    if (!PERCENT_UNITS.includes(item.unit) && !Number.isInteger(item.amount)) {
      problems.push({ file: SEED_FILES.costItems, path: `items[${i}].amount`, message: `must be a whole number of minor units of ${item.currency}` });
    }
    return problems;
  });
}

/** Rows the planner looks up by key and cannot plan without. */
function completeness(data: ReferenceData): SeedProblem[] {
  const missing = (key: keyof ReferenceData, present: string[], required: readonly string[], what: string): SeedProblem[] =>
    required.filter((r) => !present.includes(r)).map((r) => ({ file: SEED_FILES[key], path: 'items', message: `no ${what} '${r}'` }));
  const problems = [
    ...missing('channelRates', data.channelRates.map((c) => c.risk), RISKS, 'row for risk'),
    ...missing('creditClasses', data.creditClasses.map((c) => c.id), CREDIT_CLASS_IDS, 'credit class'),
    ...missing('currencies', data.currencies.map((c) => c.code), ['CNY'], 'currency'),
  ];
  data.channelRates.forEach((rates, i) => {
    if (rates.yellow + rates.red > 1) problems.push({ file: SEED_FILES.channelRates, path: `items[${i}]`, message: 'yellow + red must not exceed 1' });
  });
  data.currencies.forEach((c, i) => {
    if (c.code === 'CNY' && c.cnyPerUnit !== 1) problems.push({ file: SEED_FILES.currencies, path: `items[${i}].cnyPerUnit`, message: 'CNY is the base currency: 1' });
  });
  return problems;
}
