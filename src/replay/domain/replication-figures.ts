// What one replication of one option measured: plain numbers, so that a worker thread can hand it
// back and the report can estimate each figure over replications (replay-report.ts).

import type { IntervalId } from '../../reports/domain/report';

/** One interval's distribution over the counted declarations, hours. */
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
  /** Counted declarations that ran the step. */
  runs: number;
  /** Mean over the runs, hours. */
  waitHours: number;
  serviceHours: number;
}

export interface AgencySummary {
  agency: string;
  /** Mean per counted declaration, hours. */
  waitHours: number;
  serviceHours: number;
}

export interface ResourceSummary {
  site: string;
  kind: string;
  capacity: number;
  /** Busy unit-minutes over open unit-minutes from the warm-up to the horizon. */
  utilisation: number;
  /** Mean wait of the requests served from the warm-up to the horizon, hours. */
  waitHours: number;
  served: number;
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
  intervals: Record<IntervalId, IntervalSummary>;
  /** Shares of counted declarations released within 1, 6 and 24 h of arrival. */
  releasedWithin: { h1: number; h6: number; h24: number };
  steps: StepSummary[];
  agencies: AgencySummary[];
  resources: ResourceSummary[];
  /** Mean per counted declaration, CNY fen. */
  cost: { totalMinor: number; items: Array<{ item: string; title: string; kind: string; amountMinor: number }> };
  byPort: SegmentSummary[];
  byCommodity: SegmentSummary[];
  /** Engine events processed (for the benchmark). */
  events: number;
}
