import type { MigrationInterface, QueryRunner } from 'typeorm';
import { ddl } from '../migration-sql';

/** The append-only event store (src/event-store/sql-event-store.ts). */
export class CreateEvents1760000000000 implements MigrationInterface {
  name = 'CreateEvents1760000000000';

  async up(runner: QueryRunner): Promise<void> {
    const { autoId, float } = ddl(runner);
    await runner.query(`CREATE TABLE events (
      position ${autoId},
      aggregate_type VARCHAR(64) NOT NULL,
      aggregate_id VARCHAR(128) NOT NULL,
      version INTEGER NOT NULL,
      type VARCHAR(128) NOT NULL,
      payload TEXT NOT NULL,
      metadata TEXT NOT NULL,
      tenant_id VARCHAR(64) NOT NULL,
      recorded_at VARCHAR(32) NOT NULL,
      sim_minutes ${float} NOT NULL,
      CONSTRAINT uq_events_stream_version UNIQUE (aggregate_type, aggregate_id, version)
    )`);
    await runner.query('CREATE INDEX ix_events_tenant_stream ON events (tenant_id, aggregate_type, aggregate_id)');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE events');
  }
}
