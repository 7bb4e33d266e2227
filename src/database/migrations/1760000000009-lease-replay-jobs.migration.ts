import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Replay jobs are leased (src/replay/persistence): the runner that claims a job writes a claim token
 * and a lease it renews while the job runs. Several server processes on one database then never run
 * one job twice, and a job whose process died is taken up by any of them once its lease has run out.
 */
export class LeaseReplayJobs1760000000009 implements MigrationInterface {
  name = 'LeaseReplayJobs1760000000009';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE replays ADD COLUMN claim VARCHAR(36)');
    await runner.query('ALTER TABLE replays ADD COLUMN lease_until VARCHAR(32)');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE replays DROP COLUMN lease_until');
    await runner.query('ALTER TABLE replays DROP COLUMN claim');
  }
}
