import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The first response to each Idempotency-Key, per tenant (src/common/idempotency). */
export class CreateIdempotencyKeys1760000000002 implements MigrationInterface {
  name = 'CreateIdempotencyKeys1760000000002';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE idempotency_keys (
      tenant_id VARCHAR(36) NOT NULL,
      "key" VARCHAR(255) NOT NULL,
      request_hash CHAR(64) NOT NULL,
      status INTEGER NOT NULL,
      response_body TEXT NOT NULL,
      created_at VARCHAR(32) NOT NULL,
      PRIMARY KEY (tenant_id, "key")
    )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE idempotency_keys');
  }
}
