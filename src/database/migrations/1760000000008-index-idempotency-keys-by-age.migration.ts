import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Idempotency records are kept for a retention period (IDEMPOTENCY_KEY_HOURS, src/common/idempotency):
 * the sweeper deletes the older ones by `created_at`, which this index finds without a full scan.
 */
export class IndexIdempotencyKeysByAge1760000000008 implements MigrationInterface {
  name = 'IndexIdempotencyKeysByAge1760000000008';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query('CREATE INDEX ix_idempotency_keys_created ON idempotency_keys (created_at)');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP INDEX ix_idempotency_keys_created');
  }
}
