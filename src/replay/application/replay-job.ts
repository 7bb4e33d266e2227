// A replay job as POST /api/replays creates it and the runner advances it: queued, running, then
// succeeded (with its report), failed (with its error) or cancelled. Times are wall-clock ISO strings.

import type { ProblemDetails } from '../../common/http/problem-details';

export const REPLAY_STATUSES = ['queued', 'running', 'succeeded', 'failed', 'cancelled'] as const;
export type ReplayStatus = (typeof REPLAY_STATUSES)[number];

export interface ReplayProgressView {
  /** Replications finished, over all options. */
  done: number;
  /** Options times replications. */
  total: number;
}

export interface ReplayJob {
  id: string;
  tenantId: string;
  status: ReplayStatus;
  scenario: { name: string; title: string };
  options: string[];
  replications: number;
  seed: number;
  progress: ReplayProgressView;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  /** Why a failed job stopped, as the API would have answered it. */
  error: ProblemDetails | null;
}

export function replayLinks(id: string): { self: string; report: string; cancel: string } {
  const self = `/api/replays/${id}`;
  return { self, report: `${self}/report`, cancel: `${self}/cancel` };
}

/** GET /api/replays/{id}. */
export function replayView(job: ReplayJob) {
  const { id, status, scenario, options, replications, seed, progress, createdAt, startedAt, finishedAt, error } = job;
  return { id, status, scenario, options, replications, seed, progress, createdAt, startedAt, finishedAt, error, links: replayLinks(id) };
}

export type ReplayView = ReturnType<typeof replayView>;

/** The 202 of POST /api/replays (recorded with its Idempotency-Key, so a retry answers the same). */
export function acceptedReplay(job: ReplayJob) {
  return { id: job.id, status: job.status, progress: job.progress, links: replayLinks(job.id) };
}

export type AcceptedReplay = ReturnType<typeof acceptedReplay>;
