import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The bonded-maintenance ledgers read model (src/bonded-zones/persistence): one row per (tenant, bonded
 * zone, trader), with the ledger's view as JSON (quantities by HS code, repair fees and the taxes paid
 * on them), projected from the ledger's events in the transaction that appends them.
 */
export class CreateZoneLedgers1760000000006 implements MigrationInterface {
  name = 'CreateZoneLedgers1760000000006';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE zone_ledgers (
      tenant_id VARCHAR(36) NOT NULL,
      zone_id VARCHAR(64) NOT NULL,
      trader_id VARCHAR(64) NOT NULL,
      version INTEGER NOT NULL,
      tax_paid_minor BIGINT NOT NULL,
      updated_minutes DOUBLE PRECISION NOT NULL,
      summary TEXT NOT NULL,
      PRIMARY KEY (tenant_id, zone_id, trader_id)
    )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE zone_ledgers');
  }
}
