// The replay report: what policy staff read (calibration.md §0: TRS intervals, distribution,
// per-agency attribution, cost). One versioned JSON shape; the table, Markdown, HTML and CSV
// renderings are made from it, so every format says the same thing. Same scenario, seed and options:
// the same report, byte for byte (no wall-clock times in it).

/**
 * Version of the report's JSON shape; it changes when a field is removed, renamed or changes meaning.
 * 2: a calibration check says how the figure was published (a value or a range) and the interval the
 * mean had to fall in; `withinTolerance` became `passed`.
 */
export const REPORT_SCHEMA_VERSION = 2;

/**
 * A figure estimated over replications: the mean of the per-replication values and its 95 %
 * confidence interval (Student's t over replications); `ci95` is null with a single replication.
 */
export interface Estimate {
  mean: number;
  ci95: [number, number] | null;
}

/** The TRS intervals reported (calibration.md §0.1): milestone to milestone, hours. */
export type IntervalId = 'arrivalToLodgement' | 'lodgementToRelease' | 'releaseToExit' | 'arrivalToRelease' | 'arrivalToExit';
export const INTERVAL_IDS: IntervalId[] = ['arrivalToLodgement', 'lodgementToRelease', 'releaseToExit', 'arrivalToRelease', 'arrivalToExit'];

/**
 * One interval's distribution over the counted declarations of a replication, then estimated over
 * replications. arrivalToLodgement is negative for advance declarations (lodged before arrival).
 */
export interface IntervalFigures {
  meanHours: Estimate;
  p50Hours: Estimate;
  p90Hours: Estimate;
  p95Hours: Estimate;
}

export interface StepFigures {
  /** Plan step id (e.g. 'documentary-check'). */
  id: string;
  title: string;
  /** The actor that owns the step (customs, quarantine, port operator, lab, carrier, trader, ...). */
  agency: string;
  /** TRS interval the step belongs to. */
  interval: string;
  /** Share of counted declarations in which the step ran (0..1). */
  runShare: Estimate;
  /** Mean hours a declaration that ran the step waited for it (queue and closed hours). */
  waitHours: Estimate;
  /** Mean hours of service once started. */
  serviceHours: Estimate;
}

export interface AgencyFigures {
  agency: string;
  /** Mean hours per counted declaration spent waiting for this agency's steps (all of them, ran or not). */
  waitHours: Estimate;
  serviceHours: Estimate;
}

export interface ResourceFigures {
  /** seeds/sites.json id. */
  site: string;
  /** Resource kind: document-desk, inspection-bay, scanner, lab, escort, gate. */
  kind: string;
  /** Units of the resource (null when unlimited). */
  capacity: number | null;
  /** Busy unit-hours over available unit-hours after the warm-up (0..1); null when unlimited. */
  utilisation: Estimate | null;
  /** Mean hours a request waited before it was served. */
  waitHours: Estimate;
  /** Requests served after the warm-up, per replication. */
  served: Estimate;
}

export interface CostItemFigures {
  /** seeds/cost-items.json id, or 'duties-and-taxes', or the waiting cost item. */
  item: string;
  title: string;
  /** fee | waiting | guarantee | tax | financing */
  kind: string;
  /** Mean amount per counted declaration, CNY fen. */
  amountMinor: Estimate;
}

/** A slice of the counted declarations (one port, one commodity). */
export interface SegmentFigures {
  /** Port id or commodity label. */
  id: string;
  /** Counted declarations per replication. */
  declarations: Estimate;
  arrivalToReleaseHours: Estimate;
  arrivalToExitHours: Estimate;
  costMinor: Estimate;
}

export interface OptionReport {
  /** seeds/options.json id. */
  id: string;
  title: string;
  /** The reforms of the option, in composition order. */
  reforms: string[];
  /** Declarations counted (arrived after the warm-up and before the horizon), per replication. */
  declarations: Estimate;
  intervals: Record<IntervalId, IntervalFigures>;
  /** Share of counted declarations released within 1, 6 and 24 hours of arrival (0..1). */
  releasedWithin: { h1: Estimate; h6: Estimate; h24: Estimate };
  steps: StepFigures[];
  agencies: AgencyFigures[];
  resources: ResourceFigures[];
  cost: {
    currency: 'CNY';
    /** Mean cost per counted declaration, CNY fen: the sum of the items. */
    totalMinor: Estimate;
    items: CostItemFigures[];
  };
  byPort: SegmentFigures[];
  byCommodity: SegmentFigures[];
}

/** A paired difference: (option - against), replication by replication, on common random numbers. */
export interface Difference {
  option: string;
  against: string;
  /** 'arrivalToRelease.meanHours', 'arrivalToExit.p90Hours', 'releasedWithin.h24', 'cost.totalMinor', ... */
  metric: string;
  difference: Estimate;
  /** difference.mean / the mean of `against`, or null when that mean is 0. */
  relative: number | null;
}

/** How a calibration figure was published: a value (checked within a tolerance) or a range or bound (checked as published). */
export type CalibrationKind = 'value' | 'range';

/** A simulated figure (the mean over replications) checked against a published one. */
export interface CalibrationCheck {
  figure: string;
  source: string;
  option: string;
  metric: string;
  unit: string;
  kind: CalibrationKind;
  /** The published value (kind 'value'), in unit; null for a range or bound. */
  published: number | null;
  /** Allowed relative deviation from the published value (kind 'value'); null for a range or bound. */
  tolerance: number | null;
  /** The least mean that passes, in unit: the published lower bound, or published × (1 - tolerance); null: no lower bound. */
  atLeast: number | null;
  /** The greatest mean that passes, in unit: the published upper bound, or published × (1 + tolerance); null: no upper bound. */
  atMost: number | null;
  simulated: Estimate;
  /** |simulated.mean - published| / published (kind 'value'); null for a range or bound. */
  deviation: number | null;
  /** Whether simulated.mean lies from atLeast to atMost (for a value: the deviation is within the tolerance). */
  passed: boolean;
}

export interface Report {
  schemaVersion: typeof REPORT_SCHEMA_VERSION;
  scenario: {
    name: string;
    title: string;
    description: string;
    start: string;
    horizonHours: number;
    warmUpHours: number;
    replications: number;
    seed: number;
    unlimitedResources: boolean;
  };
  options: OptionReport[];
  differences: Difference[];
  calibration: CalibrationCheck[];
}
