// The reference data swsim plans with, as plain types. The JSON files in seeds/ hold the values and
// their sources; src/reference/seeds validates them into these shapes at start-up.

/** Where a figure comes from: a document and table, or "ASSUMPTION: ..." when no source was found. */
export interface Sourced {
  source: string;
  /** True when the value is ours, not published; exactly when the source contains the word ASSUMPTION. */
  assumption: boolean;
}

export type TransportModeId = 'road' | 'rail' | 'air' | 'post';
export type SiteKind = 'border-port' | 'airport' | 'bonded-zone' | 'inland-office' | 'unloading-place';
export type ResourceKind = 'document-desk' | 'inspection-bay' | 'scanner' | 'lab' | 'escort' | 'gate';

export interface Calendar {
  /** True when the site works around the clock, every day. */
  allDay: boolean;
  /** ISO weekdays open (1 = Monday ... 7 = Sunday). */
  weekdays: number[];
  /** Local opening and closing time, "HH:MM". Ignored when allDay. */
  opens: string;
  closes: string;
  /** A yearly closure, month-day inclusive, e.g. Khunjerab from 12-01 to 03-31. */
  seasonalClosure?: { from: string; to: string };
}

export interface SiteResource extends Sourced {
  kind: ResourceKind;
  capacity: number;
}

export interface Site extends Sourced {
  id: string;
  name: string;
  nameZh: string;
  kind: SiteKind;
  /** ISO 3166 alpha-3 of the neighbouring country, or null for inland sites. */
  countryFaced: string | null;
  modes: TransportModeId[];
  /** 4-digit customs code, or null where no code could be verified. */
  customsCode: string | null;
  customsCodeVerified: boolean;
  calendar: Calendar;
  resources: SiteResource[];
  /** A green channel for farm products runs here today (rules.md §1.1). */
  greenChannel: boolean;
  /** A border residents' mutual-trade zone is attached (rules.md §6.1). */
  mutualTradeZone: boolean;
}

export interface SupervisionMode extends Sourced {
  /** The 4-digit TradeMode code; swsim's own 4-letter code where none is published. */
  code: string;
  id: string;
  name: string;
  nameZh: string;
  flows: Array<'import' | 'export' | 'transit'>;
}

export interface TransportMode extends Sourced {
  id: TransportModeId;
  /** TrafMode code of the Single Window (rules.md §7.4). */
  code: string;
  name: string;
  conveyance: 'truck' | 'wagon' | 'aircraft' | 'none';
}

export type CommodityRisk = 'low' | 'medium' | 'high';

export interface HsHeading extends Sourced {
  /** A 4- or 6-digit prefix of the 10-digit CodeTS; the longest matching prefix wins. */
  prefix: string;
  description: string;
  /** MFN import duty, percent of customs value. */
  dutyPercent: number;
  /** Import VAT, percent of (customs value + duty). */
  vatPercent: number;
  freshProduce: boolean;
  mineral: 'copper' | 'iron' | 'lead-zinc' | null;
  dangerousGoods: boolean;
  vehicle: boolean;
  /** Listed in the comprehensive bonded zone maintenance catalogue (rules.md §4.1). */
  maintenanceCatalogue: boolean;
  risk: CommodityRisk;
}

export type CreditClassId = 'advanced-aeo' | 'general-aeo' | 'general' | 'discredited';

export interface CreditClass extends Sourced {
  id: CreditClassId;
  name: string;
  /** Multiplies the documentary and physical inspection rates of the commodity's risk class. */
  inspectionRateMultiplier: number;
  /** Floor on the physical inspection rate (discredited firms: above 80 %). */
  minimumInspectionRate: number;
}

export interface ChannelRates extends Sourced {
  risk: CommodityRisk;
  /** Share of declarations sent to documentary check only (yellow). */
  yellow: number;
  /** Share sent to physical inspection (red). */
  red: number;
}

export type CostUnit = 'per-declaration' | 'per-conveyance' | 'per-conveyance-hour' | 'per-sample' | 'per-carnet' | 'percent-of-secured-amount' | 'percent-per-year';

export interface CostItem extends Sourced {
  id: string;
  title: string;
  unit: CostUnit;
  /** Amount in minor units of `currency`, or, for percent units, the percentage itself. */
  amount: number;
  currency: string;
}

export interface Currency extends Sourced {
  code: string;
  /** Minor units per major unit (CNY fen: 100). */
  minorPerMajor: number;
  /** CNY per one major unit. */
  cnyPerUnit: number;
}

export type Distribution =
  | { kind: 'constant'; minutes: number }
  | { kind: 'uniform'; min: number; max: number }
  | { kind: 'triangular'; min: number; mode: number; max: number }
  | { kind: 'exponential'; mean: number }
  | { kind: 'lognormal'; mean: number; cv: number }
  | { kind: 'empirical'; values: number[] };

/** WCO Time Release Study intervals (calibration.md §0.1). */
export const TRS_INTERVALS = [
  'arrival',
  'lodgement',
  'risk-decision',
  'documentary-check',
  'physical-inspection',
  'sampling-and-lab',
  'payment-or-guarantee',
  'release',
  'exit',
  'transit',
] as const;
export type TrsInterval = (typeof TRS_INTERVALS)[number];

export const ACTORS = ['customs', 'port-operator', 'lab', 'inspection-body', 'bonded-zone-operator', 'carrier', 'trader', 'guarantee-chain'] as const;
export type Actor = (typeof ACTORS)[number];

/** What a step is, wherever a rule or reform puts it: seeds/steps.json. */
export interface StepTemplate extends Sourced {
  id: string;
  title: string;
  interval: TrsInterval;
  actor: Actor;
  resource: ResourceKind | null;
  /** Duration in minutes. */
  duration: Distribution;
  /** Chance the step runs when a rule includes it (1 = always); channels come on top. */
  probability: number;
  /** Cost items charged when the step runs (ids in seeds/cost-items.json), one unit each unless a rule says otherwise. */
  costs: string[];
}

export interface Route extends Sourced {
  from: string;
  to: string;
  mode: TransportModeId;
  haulHours: number;
}

export interface OptionReform {
  id: string;
  parameters: Record<string, number>;
}

export interface OptionDefinition extends Sourced {
  id: string;
  title: string;
  description: string;
  reforms: OptionReform[];
}

export interface ReferenceData {
  sites: Site[];
  supervisionModes: SupervisionMode[];
  transportModes: TransportMode[];
  hsHeadings: HsHeading[];
  creditClasses: CreditClass[];
  channelRates: ChannelRates[];
  costItems: CostItem[];
  currencies: Currency[];
  steps: StepTemplate[];
  routes: Route[];
  options: OptionDefinition[];
}
