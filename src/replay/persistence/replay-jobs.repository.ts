// Replay jobs in the `replays` table, which is also the queue: the runner claims the oldest queued row.
// Every change of status is one conditional UPDATE (`WHERE status = ...`), so that a cancel and the
// runner finishing the same job at the same moment cannot both win.

import { Injectable } from '@nestjs/common';
import type { ProblemDetails } from '../../common/http/problem-details';
import { SqlDatabase } from '../../database/sql-database';
import type { TransactionWork } from '../../event-store/event-store';
import type { Scenario } from '../../scenarios/domain/scenario';
import type { ReplayJob, ReplayStatus } from '../application/replay-job';

interface Row {
  seq: number | string;
  id: string;
  tenant_id: string;
  status: ReplayStatus;
  scenario_name: string;
  scenario_title: string;
  options: string;
  replications: number | string;
  seed: number | string;
  progress_done: number | string;
  progress_total: number | string;
  error: string | null;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
}

const JOB_COLUMNS =
  'seq, id, tenant_id, status, scenario_name, scenario_title, options, replications, seed, progress_done, progress_total, error, created_at, started_at, finished_at';

function toJob(row: Row): ReplayJob {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    status: row.status,
    scenario: { name: row.scenario_name, title: row.scenario_title },
    options: JSON.parse(row.options) as string[],
    replications: Number(row.replications),
    seed: Number(row.seed),
    progress: { done: Number(row.progress_done), total: Number(row.progress_total) },
    createdAt: row.created_at,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    error: row.error === null ? null : (JSON.parse(row.error) as ProblemDetails),
  };
}

/** A job the runner has claimed: what it needs to run it. */
export interface ClaimedReplay {
  id: string;
  scenario: Scenario;
}

@Injectable()
export class ReplayJobsRepository {
  constructor(private readonly db: SqlDatabase) {}

  /** Stores a new job and runs `work` (the Idempotency-Key record) in the same transaction. */
  async insert(job: ReplayJob, scenario: Scenario, work: TransactionWork): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO replays (id, tenant_id, status, scenario_name, scenario_title, options, replications, seed, scenario, progress_done, progress_total, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
        [
          job.id,
          job.tenantId,
          job.status,
          job.scenario.name,
          job.scenario.title,
          JSON.stringify(job.options),
          job.replications,
          job.seed,
          JSON.stringify(scenario),
          job.progress.done,
          job.progress.total,
          job.createdAt,
        ],
      );
      await work(tx, []);
    });
  }

  async get(tenantId: string, id: string): Promise<ReplayJob | null> {
    const [row] = await this.db.query<Row>(`SELECT ${JOB_COLUMNS} FROM replays WHERE tenant_id = $1 AND id = $2`, [tenantId, id]);
    return row ? toJob(row) : null;
  }

  /** The job and its report (the Report as JSON, as rendered in `json`), null until it has succeeded. */
  async withReport(tenantId: string, id: string): Promise<{ job: ReplayJob; report: string | null } | null> {
    const [row] = await this.db.query<Row & { report: string | null }>(`SELECT ${JOB_COLUMNS}, report FROM replays WHERE tenant_id = $1 AND id = $2`, [tenantId, id]);
    return row ? { job: toJob(row), report: row.report } : null;
  }

  /** A page of the tenant's jobs, newest first, before the cursor (the `seq` of the previous page's last job). */
  async list(tenantId: string, before: number | undefined, limit: number): Promise<{ items: ReplayJob[]; next: number | null }> {
    const rows =
      before === undefined
        ? await this.db.query<Row>(`SELECT ${JOB_COLUMNS} FROM replays WHERE tenant_id = $1 ORDER BY seq DESC LIMIT $2`, [tenantId, limit + 1])
        : await this.db.query<Row>(`SELECT ${JOB_COLUMNS} FROM replays WHERE tenant_id = $1 AND seq < $2 ORDER BY seq DESC LIMIT $3`, [tenantId, before, limit + 1]);
    const page = rows.slice(0, limit);
    return { items: page.map(toJob), next: rows.length > limit ? Number(page[page.length - 1].seq) : null };
  }

  /** The oldest queued job of any tenant, now running; null when none waits. */
  async claimNext(now: string): Promise<ClaimedReplay | null> {
    const [row] = await this.db.query<{ id: string; scenario: string }>(
      `UPDATE replays SET status = 'running', started_at = $1, progress_done = 0
       WHERE seq = (SELECT MIN(seq) FROM replays WHERE status = 'queued') AND status = 'queued'
       RETURNING id, scenario`,
      [now],
    );
    return row ? { id: row.id, scenario: JSON.parse(row.scenario) as Scenario } : null;
  }

  /** Writes the progress of a running job; false when it is no longer running (cancelled meanwhile). */
  async progress(id: string, done: number): Promise<boolean> {
    const rows = await this.db.query(`UPDATE replays SET progress_done = $2 WHERE id = $1 AND status = 'running' RETURNING id`, [id, done]);
    return rows.length > 0;
  }

  async succeed(id: string, report: string, now: string): Promise<boolean> {
    const rows = await this.db.query(
      `UPDATE replays SET status = 'succeeded', report = $2, progress_done = progress_total, finished_at = $3 WHERE id = $1 AND status = 'running' RETURNING id`,
      [id, report, now],
    );
    return rows.length > 0;
  }

  async fail(id: string, error: ProblemDetails, now: string): Promise<boolean> {
    const rows = await this.db.query(`UPDATE replays SET status = 'failed', error = $2, finished_at = $3 WHERE id = $1 AND status = 'running' RETURNING id`, [
      id,
      JSON.stringify(error),
      now,
    ]);
    return rows.length > 0;
  }

  /** Cancels a queued or running job of the tenant; the job as cancelled, or null when it was neither (or is not the tenant's). */
  async cancel(tenantId: string, id: string, now: string): Promise<ReplayJob | null> {
    const [row] = await this.db.query<Row>(
      `UPDATE replays SET status = 'cancelled', finished_at = $3 WHERE tenant_id = $1 AND id = $2 AND status IN ('queued', 'running') RETURNING ${JOB_COLUMNS}`,
      [tenantId, id, now],
    );
    return row ? toJob(row) : null;
  }

  /** A running job back in the queue, to start over (its process is stopping). */
  async requeue(id: string): Promise<void> {
    await this.db.query(`UPDATE replays SET status = 'queued', started_at = NULL, progress_done = 0 WHERE id = $1 AND status = 'running'`, [id]);
  }

  /** At start-up: jobs a previous process left running start over, in their place in the queue. */
  async requeueRunning(): Promise<number> {
    const rows = await this.db.query(`UPDATE replays SET status = 'queued', started_at = NULL, progress_done = 0 WHERE status = 'running' RETURNING id`);
    return rows.length;
  }
}
