import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The TIR carnets read model (src/tir/persistence): one row per carnet of a tenant, with its view as
 * JSON, projected from the carnet's events in the transaction that appends them. `seq` is the global
 * position of the issue event, the order of the list and its cursor.
 */
export class CreateTirCarnets1760000000005 implements MigrationInterface {
  name = 'CreateTirCarnets1760000000005';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE tir_carnets (
      tenant_id VARCHAR(36) NOT NULL,
      carnet_number VARCHAR(16) NOT NULL,
      seq BIGINT NOT NULL,
      status VARCHAR(16) NOT NULL,
      holder_id VARCHAR(32) NOT NULL,
      vouchers INTEGER NOT NULL,
      vouchers_used INTEGER NOT NULL,
      version INTEGER NOT NULL,
      issued_minutes DOUBLE PRECISION NOT NULL,
      updated_minutes DOUBLE PRECISION NOT NULL,
      summary TEXT NOT NULL,
      PRIMARY KEY (tenant_id, carnet_number)
    )`);
    // The list: per tenant, in issue order, optionally by status or holder.
    await runner.query('CREATE INDEX ix_tir_carnets_tenant_seq ON tir_carnets (tenant_id, seq)');
    await runner.query('CREATE INDEX ix_tir_carnets_tenant_status ON tir_carnets (tenant_id, status, seq)');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE tir_carnets');
  }
}
