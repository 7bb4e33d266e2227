// The replay report: what policy staff read (calibration.md §0: TRS intervals, distribution,
// per-agency attribution, cost). One versioned JSON shape; the table, Markdown, HTML and CSV
// renderings are made from it, so every format says the same thing. Same scenario, seed and options:
// the same report, byte for byte (no wall-clock times in it).

/**
 * Version of the report's JSON shape; it changes when a field is removed, renamed or changes meaning.
 * 2: a calibration check says how the figure was published (a value or a range) and the interval the
 * mean had to fall in; `withinTolerance` became `passed`.
 * 3: a resource's utilisation counts the time its units worked out of hours as available time, so it
 * never passes 1, and resources give that work and their queues at the horizon and at the end;
 * declarations still in progress when the replay stops no longer fail it: options count them
 * (`unfinished`), time and cost figures are over the finished ones, shares released within count
 * them all, `warnings` names unfinished declarations and overloaded resources, and the scenario gives
 * how long the replay followed declarations after the horizon (`drainHours`); an estimate's mean is
 * null (NaN in memory) when a replication had no value for it.
 */
export const REPORT_SCHEMA_VERSION = 3;

/**
 * A figure estimated over replications: the mean of the per-replication values and its 95 %
 * confidence interval (Student's t over replications); `ci95` is null with a single replication.
 * `mean` is NaN (null in JSON), with `ci95` null, when some replication had no value: a time or cost
 * figure of a replication in which no counted declaration finished, or the utilisation of a resource
 * that was never available.
 */
export interface Estimate {
  mean: number;
  ci95: [number, number] | null;
}

/** The TRS intervals reported (calibration.md §0.1): milestone to milestone, hours. */
export type IntervalId = 'arrivalToLodgement' | 'lodgementToRelease' | 'releaseToExit' | 'arrivalToRelease' | 'arrivalToExit';
export const INTERVAL_IDS: IntervalId[] = ['arrivalToLodgement', 'lodgementToRelease', 'releaseToExit', 'arrivalToRelease', 'arrivalToExit'];

/**
 * One interval's distribution over the finished counted declarations of a replication, then estimated
 * over replications. arrivalToLodgement is negative for advance declarations (lodged before arrival).
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
  /** Share of finished counted declarations in which the step ran (0..1). */
  runShare: Estimate;
  /** Mean hours a declaration that ran the step waited for it (queue and closed hours), over the replications in which it ran. */
  waitHours: Estimate;
  /** Mean hours of service once started, over the replications in which it ran. */
  serviceHours: Estimate;
}

export interface AgencyFigures {
  agency: string;
  /** Mean hours per finished counted declaration spent waiting for this agency's steps (all of them, ran or not). */
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
  /**
   * Busy unit-hours over available unit-hours from the warm-up to the horizon (0..1): a unit is
   * available while its site is open, and also while it works out of hours (a 7x24 step at night, a
   * service run on past closing), so busy time never exceeds available time. Null when unlimited.
   */
  utilisation: Estimate | null;
  /** Unit-hours worked while the site was closed, from the warm-up to the horizon, per replication. */
  outOfHoursWorkHours: Estimate;
  /** Mean hours a request waited before it was served, over the replications in which it served any. */
  waitHours: Estimate;
  /** Requests served after the warm-up, per replication. */
  served: Estimate;
  /** Requests waiting at the horizon, per replication. */
  queueAtHorizon: Estimate;
  /** Requests still waiting when the replay stopped (drainHours after the horizon), per replication. */
  queueAtEnd: Estimate;
}

export interface CostItemFigures {
  /** seeds/cost-items.json id, or 'duties-and-taxes', or the waiting cost item. */
  item: string;
  title: string;
  /** fee | waiting | guarantee | tax | financing */
  kind: string;
  /** Mean amount per finished counted declaration, CNY fen. */
  amountMinor: Estimate;
}

/** A slice of the finished counted declarations (one port, one commodity). */
export interface SegmentFigures {
  /** Port id or commodity label. */
  id: string;
  /** Finished counted declarations per replication. */
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
  /**
   * Counted declarations whose plan had not ended when the replay stopped, per replication, and of them
   * those not yet released and not yet exited. They are left out of the time, cost, step, agency and
   * segment figures, which are over the finished ones (and so read low when there are any).
   */
  unfinished: { declarations: Estimate; notReleased: Estimate; notExited: Estimate };
  intervals: Record<IntervalId, IntervalFigures>;
  /** Share of all counted declarations, finished or not, released within 1, 6 and 24 hours of arrival (0..1). */
  releasedWithin: { h1: Estimate; h6: Estimate; h24: Estimate };
  steps: StepFigures[];
  agencies: AgencyFigures[];
  resources: ResourceFigures[];
  cost: {
    currency: 'CNY';
    /** Mean cost per finished counted declaration, CNY fen: the sum of the items. */
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

/**
 * When a resource counts as overloaded in a replication (a warning names it): it had no spare time
 * from the warm-up to the horizon (utilisation at least OVERLOADED_UTILISATION, or never available)
 * and its queue grew over that window by more than OVERLOADED_QUEUE_GROWTH of the requests it served,
 * that is the requests made exceeded those served by that share; or requests still waited for it when
 * the replay stopped. A busy but stable queue ends the window about where it began, and one that only
 * looks long because the site was closed at the horizon (a weekend) had spare time while open.
 */
export const OVERLOADED_UTILISATION = 0.95;
export const OVERLOADED_QUEUE_GROWTH = 0.05;

/**
 * Something the reader must know before trusting the figures: counted declarations still in progress
 * when the replay stopped ('unfinished'), or a resource whose queue kept growing ('overloaded').
 */
export interface ReplayWarning {
  kind: 'unfinished' | 'overloaded';
  option: string;
  /** The overloaded resource, 'site/kind'; null for unfinished declarations. */
  resource: string | null;
  /** Replications of the option in which it happened. */
  replications: number;
  /** What happened, with its figures, and what it means for the report, in words. */
  message: string;
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
    /** Hours after the horizon for which declarations in progress were followed at most; then the replay stopped. */
    drainHours: number;
    replications: number;
    seed: number;
    unlimitedResources: boolean;
  };
  /** Empty when every counted declaration finished and no queue kept growing. */
  warnings: ReplayWarning[];
  options: OptionReport[];
  differences: Difference[];
  calibration: CalibrationCheck[];
}
