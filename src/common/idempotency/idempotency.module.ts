import { Global, Injectable, Logger, Module, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { SqlDatabase } from '../../database/sql-database';
import { IdempotencyService, retentionHoursFrom } from './idempotency';

/** How often expired records are deleted: every hour, or four times per retention period if that is shorter. */
const SWEEP_EVERY_MS_AT_MOST = 3_600_000;

/** Deletes expired idempotency records once at start and then periodically; the timer never keeps the process alive. */
@Injectable()
export class IdempotencySweeper implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Idempotency');
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> = Promise.resolve();

  constructor(private readonly idempotency: IdempotencyService) {}

  onApplicationBootstrap(): void {
    const every = Math.min(SWEEP_EVERY_MS_AT_MOST, this.idempotency.retentionMs / 4);
    this.sweep();
    this.timer = setInterval(() => this.sweep(), every).unref();
  }

  async onModuleDestroy(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  private sweep(): void {
    this.running = this.idempotency.sweep().then(
      (deleted) => {
        if (deleted > 0) this.logger.log(`deleted ${deleted} expired idempotency records`);
      },
      (error: unknown) => this.logger.warn(`could not delete expired idempotency records: ${error instanceof Error ? error.message : String(error)}`),
    );
  }
}

@Global()
@Module({
  providers: [
    { provide: IdempotencyService, useFactory: (db: SqlDatabase) => new IdempotencyService(db, { retentionHours: retentionHoursFrom(process.env) }), inject: [SqlDatabase] },
    IdempotencySweeper,
  ],
  exports: [IdempotencyService],
})
export class IdempotencyModule {}
