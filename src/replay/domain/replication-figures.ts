// What one replication of one option measured: plain numbers, so that a worker thread can hand it
// back and the report can estimate each figure over replications (replay-report.ts). Time and cost
// figures are over the counted declarations that finished their plan; NaN is "no value" (none did).

import type { IntervalId } from '../../reports/domain/report';

/** One interval's distribution over the finished counted declarations, hours; NaN when none finished. */
export interface IntervalSummary {
  mean: number;
  p50: number;
  p90: number;
  p95: number;
}

export interface StepSummary {
  id: string;
  title: string;
  agency: string;
  interval: string;
  /** Finished counted declarations that ran the step. */
  runs: number;
  /** Mean over the runs, hours. */
  waitHours: number;
  serviceHours: number;
}

export interface AgencySummary {
  agency: string;
  /** Mean per finished counted declaration, hours. */
  waitHours: number;
  serviceHours: number;
}

/** A resource pool from the warm-up to the horizon (resource.ts ResourceStatistics), and its queue when the replication stopped. */
export interface ResourceSummary {
  site: string;
  kind: string;
  capacity: number;
  /** Busy unit-minutes over available unit-minutes (open, plus worked out of hours), 0..1; NaN when nothing was available. */
  utilisation: number;
  /** Unit-hours worked while the site was closed: 7x24 steps, and services run on past closing. */
  outOfHoursWorkHours: number;
  /** Mean wait of the requests served, hours. */
  waitHours: number;
  served: number;
  /** Requests waiting at the end of the warm-up, at the horizon, and when the replication stopped. */
  queueAtWarmUp: number;
  queueAtHorizon: number;
  queueAtEnd: number;
}

export interface SegmentSummary {
  id: string;
  declarations: number;
  arrivalToReleaseHours: number;
  arrivalToExitHours: number;
  costMinor: number;
}

export interface ReplicationFigures {
  option: string;
  replication: number;
  /** Declarations counted: arrived from the warm-up to the horizon. */
  declarations: number;
  /** Counted declarations whose plan had ended when the replication stopped: what time and cost figures are over. */
  finished: number;
  /** Counted declarations still in progress when it stopped, and of them those not yet released, not yet exited. */
  unfinished: { declarations: number; notReleased: number; notExited: number };
  intervals: Record<IntervalId, IntervalSummary>;
  /** Shares of all counted declarations, finished or not, released within 1, 6 and 24 h of arrival. */
  releasedWithin: { h1: number; h6: number; h24: number };
  steps: StepSummary[];
  agencies: AgencySummary[];
  resources: ResourceSummary[];
  /** Mean per finished counted declaration, CNY fen. */
  cost: { totalMinor: number; items: Array<{ item: string; title: string; kind: string; amountMinor: number }> };
  byPort: SegmentSummary[];
  byCommodity: SegmentSummary[];
  /** Engine events processed (for the benchmark). */
  events: number;
}
