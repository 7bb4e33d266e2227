import type { MigrationInterface, QueryRunner } from 'typeorm';
import { ddl } from '../migration-sql';

/** Tenants with their sandbox seed and clock, and their API keys (src/auth). */
export class CreateTenantsAndApiKeys1760000000001 implements MigrationInterface {
  name = 'CreateTenantsAndApiKeys1760000000001';

  async up(runner: QueryRunner): Promise<void> {
    const { float } = ddl(runner);
    await runner.query(`CREATE TABLE tenants (
      id VARCHAR(36) PRIMARY KEY,
      name VARCHAR(64) NOT NULL,
      seed BIGINT NOT NULL,
      clock_minutes ${float} NOT NULL DEFAULT 0,
      option_id VARCHAR(64) NOT NULL DEFAULT 'baseline',
      created_at VARCHAR(32) NOT NULL,
      CONSTRAINT uq_tenants_name UNIQUE (name)
    )`);
    await runner.query(`CREATE TABLE api_keys (
      id VARCHAR(36) PRIMARY KEY,
      tenant_id VARCHAR(36) NOT NULL REFERENCES tenants (id),
      role VARCHAR(16) NOT NULL CHECK (role IN ('trader', 'officer', 'admin')),
      key_hash CHAR(64) NOT NULL,
      prefix VARCHAR(16) NOT NULL,
      created_at VARCHAR(32) NOT NULL,
      revoked_at VARCHAR(32),
      CONSTRAINT uq_api_keys_hash UNIQUE (key_hash)
    )`);
    await runner.query('CREATE INDEX ix_api_keys_tenant ON api_keys (tenant_id)');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE api_keys');
    await runner.query('DROP TABLE tenants');
  }
}
