// A replayable scenario (scenarios/*.yaml), as the replay engine takes it once the file has been
// parsed and validated: which declarations arrive and when, at which sites with which resources and
// opening hours, for how long, how many replications, with which seed, under which options.

import type { Calendar, ResourceKind } from '../../reference/domain/reference-data';
import type { Declaration } from '../../planning/domain/declaration';

/**
 * What a calibrated scenario reproduces: one published figure (shared/domain/calibration.md,
 * rules.md), either a value checked within a relative tolerance ("16.3 h", ±15 %) or a range or bound
 * checked as published ("2-3 days", "under 16 h"). Either way the mean over replications is checked.
 */
export type CalibrationTarget = CalibrationValueTarget | CalibrationRangeTarget;

interface CalibrationTargetFields {
  /** The figure in words, e.g. "Green channel: fruit and vegetable clearance ~4 h -> ~2 h (Khorgos)". */
  figure: string;
  /** Where it is published: calibration.md or rules.md section and the URL of its source. */
  source: string;
  /** The option whose result is compared with the figure. */
  option: string;
  metric: CalibrationMetric;
  unit: 'hours' | 'CNY';
}

/** A figure published as a value: met when the mean lies within `tolerance` of it. */
export interface CalibrationValueTarget extends CalibrationTargetFields {
  kind: 'value';
  /** The published value, in `unit`. */
  value: number;
  /** Allowed relative deviation of the mean over replications (0.15 = ±15 %). */
  tolerance: number;
}

/** A figure published as a range ("2-3 days") or a bound ("under 16 h"): met when the mean lies inside, bounds included. */
export interface CalibrationRangeTarget extends CalibrationTargetFields {
  kind: 'range';
  /** The least mean that meets the figure, in `unit`; null when the figure only bounds it from above. */
  atLeast: number | null;
  /** The greatest mean that meets the figure, in `unit`; null when the figure only bounds it from below. */
  atMost: number | null;
}

/** Report figures a calibration can point at: mean hours of a TRS interval, or mean cost per declaration. */
export type CalibrationMetric =
  | 'arrivalToLodgementHours'
  | 'lodgementToReleaseHours'
  | 'releaseToExitHours'
  | 'arrivalToReleaseHours'
  | 'arrivalToExitHours'
  | 'costPerDeclarationCny';

export const CALIBRATION_METRICS: CalibrationMetric[] = [
  'arrivalToLodgementHours',
  'lodgementToReleaseHours',
  'releaseToExitHours',
  'arrivalToReleaseHours',
  'arrivalToExitHours',
  'costPerDeclarationCny',
];

/** How a declaration is lodged, beside the declaration itself (the lodge body's `procedure`, `advance`). */
export interface Lodging {
  procedure: 'full' | 'two-step';
  /** Lodged before the goods arrive (advance declaration). */
  advance: boolean;
}

/** A Poisson stream of like declarations: `ratePerHour` on average, scaled hour by hour by `hourlyProfile`. */
export interface ArrivalStream extends Lodging {
  /** Unique in the scenario; names the stream's random draws and the report's commodity rows. */
  name: string;
  ratePerHour: number;
  /** 24 weights (hour 0 to 23, local time), mean 1: the rate in hour h is ratePerHour * hourlyProfile[h]. */
  hourlyProfile: number[] | null;
  /** The declaration every arrival lodges (the lodge body's declaration fields). */
  declaration: Declaration;
  /** Commodity label for the report (defaults to the stream name). */
  commodity: string;
}

/** One declaration of a recorded stream (a CSV row, or what a firm lodged over REST). */
export interface RecordedDeclaration extends Lodging {
  /** The declaration's id: names its random draws, so a replay of the sandbox's stream draws what it drew. */
  key: string;
  /** Simulated minutes since the scenario's start at which the goods arrive. */
  arrivalMinutes: number;
  declaration: Declaration;
  commodity: string;
}

/** Changes to a site's seeded resources and calendar for this scenario. */
export interface SiteOverride {
  /** Capacity by resource kind; kinds not named keep the seeded capacity. */
  resources: Partial<Record<ResourceKind, number>>;
  calendar: Calendar | null;
}

export interface Scenario {
  /** Kebab-case id, the file name without `.yaml` for bundled scenarios. */
  name: string;
  title: string;
  description: string;
  calibration: CalibrationTarget[];
  /** The calendar date (YYYY-MM-DD, local time at the ports) of simulated minute 0. */
  start: string;
  /** Arrivals are generated from 0 to this many hours. */
  horizonHours: number;
  /** Declarations arriving before this many hours are run but not counted (the queues fill up first). */
  warmUpHours: number;
  replications: number;
  seed: number;
  /** Option ids (seeds/options.json) to compare; the first is the one differences are taken against. */
  options: string[];
  /** True: every resource has unlimited capacity and every site is always open (the plan walk alone). */
  unlimitedResources: boolean;
  sites: Record<string, SiteOverride>;
  arrivals: ArrivalStream[];
  /** A recorded stream instead of (or beside) the arrival streams. */
  recorded: RecordedDeclaration[];
}
