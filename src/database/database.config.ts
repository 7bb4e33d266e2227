// Where the data lives (design.md, "Persistence"): a SQLite file by default, so that `npm start` needs
// nothing else installed; PostgreSQL when DATABASE_URL is set, for teams that outgrow one machine.

import type BetterSqlite3 from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { DataSourceOptions } from 'typeorm';
import { DomainError } from '../common/domain/domain-error';

export type SqlDialect = 'sqlite' | 'postgres';

export const DEFAULT_DATABASE_PATH = join('data', 'swsim.sqlite');
/** How long a writer waits for another process's write lock (the CLI, say) before SQLITE_BUSY. */
export const BUSY_TIMEOUT_MS = 5000;

/**
 * Every file in migrations/, from src/ under ts-jest and ts-node, from dist/ once built (nest build
 * compiles them beside this file). `.d.ts` files are skipped by TypeORM.
 */
export const MIGRATIONS_GLOB = join(__dirname, 'migrations', '*.migration.{ts,js}');

export function dialectOf(env: NodeJS.ProcessEnv = process.env): SqlDialect {
  return env.DATABASE_URL ? 'postgres' : 'sqlite';
}

/** The SQLite file in use: DATABASE_PATH, or ./data/swsim.sqlite under the working directory. */
export function databasePath(env: NodeJS.ProcessEnv = process.env): string {
  return resolve(env.DATABASE_PATH || DEFAULT_DATABASE_PATH);
}

/**
 * TypeORM options for this process. Schema comes from migrations only (no `synchronize`); they run
 * when the DataSource initialises, in one transaction.
 */
export function databaseOptions(env: NodeJS.ProcessEnv = process.env): DataSourceOptions {
  const common = {
    migrations: [MIGRATIONS_GLOB],
    migrationsRun: true,
    migrationsTableName: 'schema_migrations',
    migrationsTransactionMode: 'all' as const,
    synchronize: false,
    logging: false,
  };
  if (env.DATABASE_URL) {
    requirePostgresDriver();
    return { ...common, type: 'postgres', url: env.DATABASE_URL };
  }
  const file = databasePath(env);
  mkdirSync(dirname(file), { recursive: true });
  return {
    ...common,
    type: 'better-sqlite3',
    database: file,
    timeout: BUSY_TIMEOUT_MS,
    prepareDatabase: (db: BetterSqlite3.Database) => {
      // WAL: readers never block the writer, and a commit is one append to the log. synchronous=NORMAL
      // syncs at checkpoints only: a committed transaction survives a crash of the process (SIGKILL),
      // only a power cut or OS crash may lose the last commits.
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
      db.pragma('foreign_keys = ON');
      // After a checkpoint lets the log start over, it is cut back to this size (bytes).
      db.pragma(`journal_size_limit = ${64 * 1024 * 1024}`);
    },
  };
}

/** TypeORM's own message for a missing driver is easy to miss in a start-up log; this one says what to do. */
function requirePostgresDriver(): void {
  try {
    require.resolve('pg');
  } catch {
    // A DomainError so that the CLI says it in one line (exit 2) instead of as an unexpected failure.
    throw new DomainError(
      'DATABASE.DRIVER_MISSING',
      'DATABASE_URL is set, so swsim uses PostgreSQL, but its driver is not installed: run `npm install pg` (or unset DATABASE_URL to use SQLite)',
      'validation',
      [{ path: 'DATABASE_URL', message: 'needs the pg package' }],
    );
  }
}

/** A description of the database for logs and the health endpoint, without credentials. */
export function describeDatabase(env: NodeJS.ProcessEnv = process.env): string {
  if (env.DATABASE_URL) {
    try {
      const url = new URL(env.DATABASE_URL);
      return `postgres ${url.host}${url.pathname}`;
    } catch {
      return 'postgres';
    }
  }
  return `sqlite ${databasePath(env)}`;
}
