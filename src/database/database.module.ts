import { type BeforeApplicationShutdown, Global, Inject, Injectable, Module, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { databaseOptions } from './database.config';
import { initializeDataSource } from './open-database';
import { SqlDatabase, sqlDatabaseFor, sqliteConnectionOf } from './sql-database';
import { SqliteWriter } from './sqlite-writer';
import { WalCheckpointer } from './wal-checkpointer';

/**
 * On SQLite, checkpoints the WAL in the background while the app serves. At shutdown (SIGTERM, say)
 * lets the statements in flight finish and stops the checkpointer before @nestjs/typeorm closes the
 * connection, and closes the writer thread once the HTTP server has answered its last request.
 */
@Injectable()
class DatabaseLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown {
  private checkpointer: WalCheckpointer | null = null;

  constructor(
    @Inject(SqlDatabase) private readonly db: SqlDatabase,
    @Inject(SqliteWriter) private readonly writer: SqliteWriter | null,
    private readonly dataSource: DataSource,
  ) {}

  onApplicationBootstrap(): void {
    const connection = sqliteConnectionOf(this.dataSource);
    if (!connection) return;
    this.checkpointer = new WalCheckpointer(connection, String(this.dataSource.options.database));
    this.checkpointer.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.db.drain();
    await this.checkpointer?.stop();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.writer?.close();
  }
}

function writerFor(dataSource: DataSource): SqliteWriter | null {
  const connection = sqliteConnectionOf(dataSource);
  return connection ? SqliteWriter.for(connection) : null;
}

/** The environment the database is configured from (DATABASE_PATH, DATABASE_URL): process.env, or a test's own. */
export const DATABASE_ENV = Symbol('DATABASE_ENV');

@Module({ providers: [{ provide: DATABASE_ENV, useValue: process.env }], exports: [DATABASE_ENV] })
class DatabaseEnvModule {}

/**
 * The DataSource (TypeORM 1.x: better-sqlite3 by default, PostgreSQL with DATABASE_URL), migrated at
 * start-up, and `SqlDatabase`, the door repositories and the event store write through. Global: every
 * feature module can inject either. @nestjs/typeorm destroys the DataSource at shutdown.
 */
@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      imports: [DatabaseEnvModule],
      inject: [DATABASE_ENV],
      useFactory: (env: NodeJS.ProcessEnv) => ({ ...databaseOptions(env), autoLoadEntities: true, retryAttempts: 0, toRetry: () => false }),
      // Our own retry: only for another process migrating the same file at the same moment.
      dataSourceFactory: (options?: DataSourceOptions) => initializeDataSource(options!),
    }),
  ],
  providers: [
    { provide: SqlDatabase, useFactory: sqlDatabaseFor, inject: [DataSource] },
    // On a SQLite file: the thread event appends go to when their work only writes (sqlite-writer.ts).
    { provide: SqliteWriter, useFactory: (dataSource: DataSource) => writerFor(dataSource), inject: [DataSource] },
    DatabaseLifecycle,
  ],
  exports: [SqlDatabase, SqliteWriter],
})
export class DatabaseModule {}
