import type {
  ChannelRates,
  CommodityRisk,
  CostItem,
  CreditClass,
  Currency,
  HsHeading,
  OptionDefinition,
  ReferenceData,
  Route,
  Site,
  StepTemplate,
  SupervisionMode,
  TransportMode,
} from './reference-data';

/** Reference data indexed for look-ups; built once at start-up, never mutated. */
export class ReferenceIndex {
  readonly sites: ReadonlyMap<string, Site>;
  readonly supervisionModes: ReadonlyMap<string, SupervisionMode>;
  readonly transportModes: ReadonlyMap<string, TransportMode>;
  readonly creditClasses: ReadonlyMap<string, CreditClass>;
  readonly channelRates: ReadonlyMap<CommodityRisk, ChannelRates>;
  readonly costItems: ReadonlyMap<string, CostItem>;
  readonly currencies: ReadonlyMap<string, Currency>;
  readonly steps: ReadonlyMap<string, StepTemplate>;
  readonly options: ReadonlyMap<string, OptionDefinition>;
  private readonly headingsLongestFirst: HsHeading[];

  constructor(readonly data: ReferenceData) {
    const byKey = <T>(rows: T[], key: (row: T) => string) => new Map(rows.map((row) => [key(row), row]));
    this.sites = byKey(data.sites, (s) => s.id);
    this.supervisionModes = byKey(data.supervisionModes, (m) => m.code);
    this.transportModes = byKey(data.transportModes, (m) => m.id);
    this.creditClasses = byKey(data.creditClasses, (c) => c.id);
    this.channelRates = new Map(data.channelRates.map((c) => [c.risk, c]));
    this.costItems = byKey(data.costItems, (c) => c.id);
    this.currencies = byKey(data.currencies, (c) => c.code);
    this.steps = byKey(data.steps, (s) => s.id);
    this.options = byKey(data.options, (o) => o.id);
    this.headingsLongestFirst = [...data.hsHeadings].sort((a, b) => b.prefix.length - a.prefix.length);
  }

  /** The heading whose prefix is the longest match for a 10-digit CodeTS, if any. */
  heading(hsCode: string): HsHeading | undefined {
    return this.headingsLongestFirst.find((h) => hsCode.startsWith(h.prefix));
  }

  route(from: string, to: string): Route | undefined {
    return this.data.routes.find((r) => (r.from === from && r.to === to) || (r.from === to && r.to === from));
  }

  step(id: string): StepTemplate {
    const template = this.steps.get(id);
    if (!template) throw new Error(`seeds/steps.json has no step '${id}'`);
    return template;
  }

  costItem(id: string): CostItem {
    const item = this.costItems.get(id);
    if (!item) throw new Error(`seeds/cost-items.json has no item '${id}'`);
    return item;
  }

  /** Converts an amount in minor units of `currency` to CNY fen. */
  toCnyMinor(amountMinor: number, currency: string): number {
    const c = this.currencies.get(currency);
    if (!c) throw new Error(`seeds/currencies.json has no currency '${currency}'`);
    const cny = this.currencies.get('CNY')!;
    return (amountMinor / c.minorPerMajor) * c.cnyPerUnit * cny.minorPerMajor;
  }
}
