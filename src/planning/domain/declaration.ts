// The declaration a plan is made for: the China Single Window head and goods lines reduced to what
// decides clearance time and cost (rules.md §7.2-7.3). `describe` checks it against the reference
// data and derives the facts the rules look at.

import { DomainError, FieldProblem } from '../../common/domain/domain-error';
import type { CommodityRisk, CreditClassId, HsHeading, Site, TransportModeId } from '../../reference/domain/reference-data';
import type { ReferenceIndex } from '../../reference/domain/reference-index';

export type Flow = 'import' | 'export' | 'transit';
export type Disposition = 're-export' | 'domestic-market';

export interface GoodsLine {
  /** CodeTS: 10-digit commodity code. */
  hsCode: string;
  description: string;
  quantity: number;
  unit: string;
  /** Customs value of the line in minor units of `currency`. */
  customsValueMinor: number;
  currency: string;
  /** Bonded maintenance: the repair fee charged for this line, minor units of `currency`. */
  repairFeeMinor?: number;
  /** UN number, for dangerous goods. */
  unNumber?: string;
}

export interface DeclarationFlags {
  freshProduce: boolean;
  mineral: boolean;
  dangerousGoods: boolean;
  vehicle: boolean;
}

export interface Declaration {
  flow: Flow;
  /** Site where the goods cross the border (or enter the bonded zone); a seeds/sites.json id. */
  port: string;
  transportMode: TransportModeId;
  /** TradeMode: supervision mode code, e.g. "0110". */
  supervisionMode: string;
  trader: { name: string; creditClass: CreditClassId };
  goods: GoodsLine[];
  /** Inland end of the journey: destination of an import, origin of an export (unloading place, bonded zone, inland office). */
  inlandSite?: string;
  /** Transit only: the border port where the goods leave China. */
  exitPort?: string;
  /** Trucks or wagons carrying the consignment (waiting cost is per conveyance). */
  conveyances?: number;
  /** TIR carnet number, when the consignment moves under a carnet. */
  tirCarnet?: string;
  /** Flags the HS codes cannot tell (dangerous goods without a UN number, say); added to the derived ones. */
  flags?: Partial<DeclarationFlags>;
  /** Minerals: a quality certificate (grade, moisture) is requested (GACC 2020 No.69, 2023 No.108). */
  qualityCertificateRequested?: boolean;
  /** Exports: a certificate of origin is applied for. */
  certificateOfOrigin?: boolean;
  /** Bonded maintenance: what happens to the repaired goods. */
  disposition?: Disposition;
  /** Border mutual trade: residents sharing the consignment (each has a daily duty-free allowance). */
  borderResidents?: number;
}

/** What the rules look at: the declaration plus what the reference data says about it. */
export interface DeclarationFacts {
  declaration: Declaration;
  port: Site;
  inlandSite: Site | null;
  exitPort: Site | null;
  headings: HsHeading[];
  flags: DeclarationFlags;
  minerals: Array<'copper' | 'iron' | 'lead-zinc'>;
  risk: CommodityRisk;
  conveyances: number;
}

const RISK_ORDER: CommodityRisk[] = ['low', 'medium', 'high'];

/** Checks every code against the reference data and derives the facts; unknown codes are 422s naming the field. */
export function describe(declaration: Declaration, ref: ReferenceIndex, path = 'declaration'): DeclarationFacts {
  const problems: FieldProblem[] = [];
  // Field paths are rooted where the declaration sits in the request: `declaration.port` in a plan
  // request, `port` in a flat lodgement body (path '').
  const at = path === '' ? '' : `${path}.`;
  const site = (id: string | undefined, field: string): Site | null => {
    if (id === undefined) return null;
    const found = ref.sites.get(id);
    if (!found) problems.push({ path: `${at}${field}`, message: `unknown site '${id}'; see GET /api/reference/sites` });
    return found ?? null;
  };
  const port = site(declaration.port, 'port');
  const inlandSite = site(declaration.inlandSite, 'inlandSite');
  const exitPort = site(declaration.exitPort, 'exitPort');

  const mode = ref.transportModes.get(declaration.transportMode);
  if (!mode) problems.push({ path: `${at}transportMode`, message: `unknown transport mode '${declaration.transportMode}'` });
  else if (port && !port.modes.includes(mode.id)) {
    problems.push({ path: `${at}transportMode`, message: `${port.name} handles ${port.modes.join(', ')}, not ${mode.id}` });
  }
  const supervision = ref.supervisionModes.get(declaration.supervisionMode);
  if (!supervision) {
    problems.push({ path: `${at}supervisionMode`, message: `unknown supervision mode '${declaration.supervisionMode}'; see GET /api/reference/supervision-modes` });
  } else if (!supervision.flows.includes(declaration.flow)) {
    problems.push({ path: `${at}supervisionMode`, message: `${supervision.code} (${supervision.name}) is not used for ${declaration.flow}` });
  }
  if (!ref.creditClasses.has(declaration.trader.creditClass)) {
    problems.push({ path: `${at}trader.creditClass`, message: `unknown credit class '${declaration.trader.creditClass}'` });
  }
  if (declaration.flow === 'transit' && !declaration.exitPort) {
    problems.push({ path: `${at}exitPort`, message: 'a transit declaration names the port where the goods leave China' });
  }
  if (declaration.flow !== 'transit' && declaration.exitPort) {
    problems.push({ path: `${at}exitPort`, message: 'only transit declarations have an exit port' });
  }

  const headings: HsHeading[] = [];
  declaration.goods.forEach((line, i) => {
    const heading = ref.heading(line.hsCode);
    if (!heading) problems.push({ path: `${at}goods[${i}].hsCode`, message: `HS code ${line.hsCode} is not covered by seeds/hs-headings.json; see GET /api/reference/hs-headings` });
    else headings.push(heading);
    if (!ref.currencies.has(line.currency)) problems.push({ path: `${at}goods[${i}].currency`, message: `unknown currency '${line.currency}'` });
  });
  if (problems.length > 0) {
    throw new DomainError('DECLARATION.UNKNOWN_REFERENCE', `The declaration names ${problems.length === 1 ? 'a code' : 'codes'} the reference data does not know`, 'rule', problems);
  }

  const declared = declaration.flags ?? {};
  const flags: DeclarationFlags = {
    freshProduce: declared.freshProduce === true || headings.some((h) => h.freshProduce),
    mineral: declared.mineral === true || headings.some((h) => h.mineral !== null),
    dangerousGoods: declared.dangerousGoods === true || headings.some((h) => h.dangerousGoods) || declaration.goods.some((g) => g.unNumber !== undefined),
    vehicle: declared.vehicle === true || headings.some((h) => h.vehicle),
  };
  const minerals = [...new Set(headings.flatMap((h) => (h.mineral ? [h.mineral] : [])))].sort();
  const risk = headings.reduce<CommodityRisk>((worst, h) => (RISK_ORDER.indexOf(h.risk) > RISK_ORDER.indexOf(worst) ? h.risk : worst), 'low');
  return {
    declaration,
    port: port!,
    inlandSite,
    exitPort,
    headings,
    flags,
    minerals,
    risk,
    conveyances: declaration.conveyances ?? 1,
  };
}

/**
 * The attributes that decide the shape of a plan. Two declarations with the same class get the same
 * plan; only their duties and per-conveyance costs differ. Replay plans millions of declarations, so
 * the planner caches plans by this key: a rule or reform may look only at what the key holds.
 */
export function planClassKey(facts: DeclarationFacts): string {
  const d = facts.declaration;
  const f = facts.flags;
  return [
    d.flow,
    d.port,
    d.transportMode,
    d.supervisionMode,
    d.trader.creditClass,
    d.inlandSite ?? '',
    d.exitPort ?? '',
    d.tirCarnet ? 'tir' : '',
    `${+f.freshProduce}${+f.mineral}${+f.dangerousGoods}${+f.vehicle}`,
    facts.minerals.join('+'),
    facts.risk,
    facts.headings.every((h) => h.maintenanceCatalogue) ? 'cat' : '',
    d.goods.every((g) => g.repairFeeMinor !== undefined) ? 'fee' : '',
    d.qualityCertificateRequested ? 'q' : '',
    d.certificateOfOrigin ? 'co' : '',
    d.disposition ?? '',
  ].join('|');
}
