// Replay jobs in the `replays` table, which is also the queue: the runner claims the oldest queued row.
// Every change of status is one conditional UPDATE (`WHERE status = ...`), so that a cancel and the
// runner finishing the same job at the same moment cannot both win. A claim writes a token and a lease
// the runner renews while it runs the job; what the runner writes afterwards names its token, so that
// when several processes share the database a job runs in one of them only, and a job whose process
// died (its lease run out) is claimed again, in its place in the queue, by whichever looks next.

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

/** A job the runner has claimed: what it needs to run it, and the token its later writes name. */
export interface ClaimedReplay {
  id: string;
  scenario: Scenario;
  claim: string;
}

/** Claimable: queued, or running under a lease that has run out (or none, as left by an older version). */
const CLAIMABLE = "(status = 'queued' OR (status = 'running' AND (lease_until IS NULL OR lease_until < $1)))";

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

  /**
   * The oldest claimable job of any tenant, now running under `claim` until `leaseUntil`; null when none
   * waits. `now` and `leaseUntil` are ISO times.
   */
  async claimNext(now: string, claim: string, leaseUntil: string): Promise<ClaimedReplay | null> {
    const [row] = await this.db.query<{ id: string; scenario: string }>(
      `UPDATE replays SET status = 'running', started_at = $1, progress_done = 0, claim = $2, lease_until = $3
       WHERE seq = (SELECT MIN(seq) FROM replays WHERE ${CLAIMABLE}) AND ${CLAIMABLE}
       RETURNING id, scenario`,
      [now, claim, leaseUntil],
    );
    return row ? { id: row.id, scenario: JSON.parse(row.scenario) as Scenario, claim } : null;
  }

  /** Extends the lease of a job this claim runs; false when it no longer does (cancelled, or claimed again after its lease ran out). */
  async renew(job: ClaimedReplay, leaseUntil: string): Promise<boolean> {
    const rows = await this.db.query(`UPDATE replays SET lease_until = $3 WHERE id = $1 AND claim = $2 AND status = 'running' RETURNING id`, [job.id, job.claim, leaseUntil]);
    return rows.length > 0;
  }

  /** Writes the progress of a job this claim runs; false when it no longer does. */
  async progress(job: ClaimedReplay, done: number): Promise<boolean> {
    const rows = await this.db.query(`UPDATE replays SET progress_done = $3 WHERE id = $1 AND claim = $2 AND status = 'running' RETURNING id`, [job.id, job.claim, done]);
    return rows.length > 0;
  }

  async succeed(job: ClaimedReplay, report: string, now: string): Promise<boolean> {
    const rows = await this.db.query(
      `UPDATE replays SET status = 'succeeded', report = $3, progress_done = progress_total, finished_at = $4, lease_until = NULL
       WHERE id = $1 AND claim = $2 AND status = 'running' RETURNING id`,
      [job.id, job.claim, report, now],
    );
    return rows.length > 0;
  }

  async fail(job: ClaimedReplay, error: ProblemDetails, now: string): Promise<boolean> {
    const rows = await this.db.query(
      `UPDATE replays SET status = 'failed', error = $3, finished_at = $4, lease_until = NULL WHERE id = $1 AND claim = $2 AND status = 'running' RETURNING id`,
      [job.id, job.claim, JSON.stringify(error), now],
    );
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

  /** A job this claim runs back in the queue, to start over (its process is stopping). */
  async requeue(job: ClaimedReplay): Promise<void> {
    await this.db.query(`UPDATE replays SET status = 'queued', started_at = NULL, progress_done = 0, claim = NULL, lease_until = NULL WHERE id = $1 AND claim = $2 AND status = 'running'`, [
      job.id,
      job.claim,
    ]);
  }
}
