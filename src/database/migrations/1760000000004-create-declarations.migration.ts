import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The declarations read model (src/declarations/persistence): one row per declaration, projected from
 * its events in the transaction that appends them, rebuilt from the events by `swsim projections
 * rebuild`. `seq` is the global position of the lodgement, the order of the list and its cursor.
 */
export class CreateDeclarations1760000000004 implements MigrationInterface {
  name = 'CreateDeclarations1760000000004';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE declarations (
      id VARCHAR(36) PRIMARY KEY,
      tenant_id VARCHAR(36) NOT NULL,
      seq BIGINT NOT NULL,
      status VARCHAR(32) NOT NULL,
      flow VARCHAR(16) NOT NULL,
      port VARCHAR(64) NOT NULL,
      supervision_mode VARCHAR(8) NOT NULL,
      procedure VARCHAR(16) NOT NULL,
      mode VARCHAR(16) NOT NULL,
      active INTEGER NOT NULL,
      version INTEGER NOT NULL,
      lodged_minutes DOUBLE PRECISION NOT NULL,
      updated_minutes DOUBLE PRECISION NOT NULL,
      summary TEXT NOT NULL
    )`);
    // The list: per tenant, in lodgement order, optionally by status, port or procedure.
    await runner.query('CREATE INDEX ix_declarations_tenant_seq ON declarations (tenant_id, seq)');
    await runner.query('CREATE INDEX ix_declarations_tenant_status ON declarations (tenant_id, status, seq)');
    // The automatic officers walk the active auto-mode declarations of a tenant.
    await runner.query('CREATE INDEX ix_declarations_tenant_active ON declarations (tenant_id, active, mode)');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE declarations');
  }
}
