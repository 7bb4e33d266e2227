import { DataSource, type DataSourceOptions } from 'typeorm';
import { databaseOptions } from './database.config';
import { type SqlDatabase, sqlDatabaseFor } from './sql-database';

const ATTEMPTS = 40;

/**
 * Two processes starting on one fresh file (the server and `swsim keys create`, or two test servers)
 * both try to migrate: the loser meets a locked database or a table that was just created. Its whole
 * start is retried; by then the winner's migrations (one transaction) are there, and it skips them.
 */
function isStartUpContention(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  if (typeof code === 'string' && (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'))) return true;
  // PostgreSQL: duplicate table, unique violation (on the catalogue or the migrations table).
  if (code === '42P07' || code === '23505') return true;
  return typeof message === 'string' && /already exists|database is locked/i.test(message);
}

/** A DataSource that is connected and migrated, retrying while another process migrates the same database. */
export async function initializeDataSource(options: DataSourceOptions): Promise<DataSource> {
  for (let attempt = 1; ; attempt++) {
    const dataSource = new DataSource(options);
    try {
      return await dataSource.initialize();
    } catch (error) {
      if (attempt >= ATTEMPTS || !isStartUpContention(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50 + Math.floor(Math.random() * 100)));
    }
  }
}

export interface OpenDatabase {
  dataSource: DataSource;
  db: SqlDatabase;
  close(): Promise<void>;
}

/** The database outside Nest (the CLI, benchmarks): migrated, with the same SQL door the app uses. */
export async function openDatabase(env: NodeJS.ProcessEnv = process.env): Promise<OpenDatabase> {
  const dataSource = await initializeDataSource(databaseOptions(env));
  const db = sqlDatabaseFor(dataSource);
  return {
    dataSource,
    db,
    async close() {
      await db.drain();
      if (dataSource.isInitialized) await dataSource.destroy();
    },
  };
}
