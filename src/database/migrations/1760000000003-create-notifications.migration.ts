import type { MigrationInterface, QueryRunner } from 'typeorm';
import { ddl } from '../migration-sql';

/** The per-tenant pull queue of declaration status changes (src/notifications). */
export class CreateNotifications1760000000003 implements MigrationInterface {
  name = 'CreateNotifications1760000000003';

  async up(runner: QueryRunner): Promise<void> {
    const { autoId, float } = ddl(runner);
    await runner.query(`CREATE TABLE notifications (
      id ${autoId},
      tenant_id VARCHAR(36) NOT NULL,
      declaration_id VARCHAR(128) NOT NULL,
      event_type VARCHAR(128) NOT NULL,
      status VARCHAR(64) NOT NULL,
      sim_minutes ${float} NOT NULL,
      created_at VARCHAR(32) NOT NULL,
      acked_at VARCHAR(32)
    )`);
    // The queue is read per tenant, unacknowledged first, in id order.
    await runner.query('CREATE INDEX ix_notifications_tenant_acked ON notifications (tenant_id, acked_at, id)');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE notifications');
  }
}
