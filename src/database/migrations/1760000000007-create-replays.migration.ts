import type { MigrationInterface, QueryRunner } from 'typeorm';
import { ddl } from '../migration-sql';

/**
 * Replay jobs (src/replay/persistence): one row per POST /api/replays, written in the transaction that
 * records its Idempotency-Key. The row is the queue: the runner claims the oldest `queued` row, writes
 * its progress, then its report (the Report as JSON) or its error (a problem-details body). `seq` is
 * the queue order and the list's cursor; times are wall-clock ISO strings.
 */
export class CreateReplays1760000000007 implements MigrationInterface {
  name = 'CreateReplays1760000000007';

  async up(runner: QueryRunner): Promise<void> {
    const { autoId } = ddl(runner);
    await runner.query(`CREATE TABLE replays (
      seq ${autoId},
      id VARCHAR(36) NOT NULL,
      tenant_id VARCHAR(36) NOT NULL,
      status VARCHAR(16) NOT NULL CHECK (status IN ('queued', 'running', 'succeeded', 'failed', 'cancelled')),
      scenario_name TEXT NOT NULL,
      scenario_title TEXT NOT NULL,
      options TEXT NOT NULL,
      replications INTEGER NOT NULL,
      seed BIGINT NOT NULL,
      scenario TEXT NOT NULL,
      progress_done INTEGER NOT NULL DEFAULT 0,
      progress_total INTEGER NOT NULL,
      report TEXT,
      error TEXT,
      created_at VARCHAR(32) NOT NULL,
      started_at VARCHAR(32),
      finished_at VARCHAR(32),
      CONSTRAINT uq_replays_id UNIQUE (id)
    )`);
    // The list: per tenant, newest first.
    await runner.query('CREATE INDEX ix_replays_tenant_seq ON replays (tenant_id, seq)');
    // The runner: the oldest queued job, and the unfinished ones at start-up.
    await runner.query('CREATE INDEX ix_replays_status_seq ON replays (status, seq)');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE replays');
  }
}
