// The SQL door every repository, projection and the event store use: portable statements with `$1`
// placeholders (PostgreSQL's style; `?` works too), and transactions that are really isolated.
//
// Why not TypeORM's own `dataSource.transaction()`: on SQLite, TypeORM shares ONE query runner (one
// connection) in the whole process, and a second transaction started while one is open becomes a
// SAVEPOINT inside it, so concurrent requests would commit or roll back each other's writes. Here the
// SQLite connection TypeORM opened is used directly, through prepared statements, and statements and
// transactions take their turns in a queue (with group commit, see SqliteDatabase); with better-sqlite3
// a statement is a synchronous call of a few microseconds, so the turns are short. PostgreSQL gets a
// pooled connection per transaction through TypeORM's query runner.

import type BetterSqlite3 from 'better-sqlite3';
import type { DataSource, QueryRunner } from 'typeorm';
import type { SqlTransaction } from '../event-store/event-store';
import type { SqlDialect } from './database.config';

/** Abstract class used as its own DI token. */
export abstract class SqlDatabase {
  abstract readonly dialect: SqlDialect;

  /**
   * One statement in its own transaction. Rows for SELECT and for `... RETURNING`, [] otherwise.
   * Never call it from inside `transaction()`'s work: use the `tx` given there (on SQLite this call
   * would wait for the very transaction that waits for it).
   */
  abstract query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;

  /** Runs `work` in one transaction: committed when it resolves, rolled back when it throws. */
  abstract transaction<T>(work: (tx: SqlTransaction) => Promise<T>): Promise<T>;

  /** Waits for the statements in flight; used at shutdown, before the connection closes. */
  abstract drain(): Promise<void>;
}

/** A unique or primary-key constraint was violated (SQLite and PostgreSQL). */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === '23505';
}

/** better-sqlite3 binds numbers, strings, bigints, buffers and null only. */
function bindable(value: unknown): unknown {
  if (value === undefined || value === null) return null;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object' && !Buffer.isBuffer(value)) return JSON.stringify(value);
  return value;
}

interface Prepared {
  statement: BetterSqlite3.Statement;
  /** For each `?` in the prepared text, the index of the parameter it takes (`$2` -> 1). */
  order: number[] | null;
}

type Job =
  | { kind: 'query'; sql: string; params: unknown[]; resolve: (rows: never[]) => void; reject: (error: unknown) => void }
  | { kind: 'transaction'; work: (tx: SqlTransaction) => Promise<unknown>; resolve: (result: never) => void; reject: (error: unknown) => void };

const MAX_STATEMENTS = 500;
/** Transactions committed together at most; a batch also ends when no job is waiting. */
const MAX_BATCH = 256;

/**
 * better-sqlite3, with group commit. Jobs (statements and transactions) queue up; once per turn of the
 * event loop a batch runs them one after another inside ONE SQLite transaction, each transaction in
 * its own SAVEPOINT (rolled back alone when its work throws), then commits once and only then settles
 * every job. A commit writes every page it changed to the WAL, so under load one commit for many
 * requests is several times cheaper than one each; an answer is still sent only after its data is
 * committed, and a failed commit fails every job of its batch.
 */
export class SqliteDatabase extends SqlDatabase {
  readonly dialect = 'sqlite' as const;
  private readonly prepared = new Map<string, Prepared>();
  private readonly queue: Job[] = [];
  private scheduled = false;
  private running = false;
  private idle: Array<() => void> = [];

  constructor(private readonly db: BetterSqlite3.Database) {
    super();
  }

  query<T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
    return new Promise<T[]>((resolve, reject) => this.enqueue({ kind: 'query', sql, params, resolve: resolve as (rows: never[]) => void, reject }));
  }

  transaction<T>(work: (tx: SqlTransaction) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => this.enqueue({ kind: 'transaction', work, resolve: resolve as (result: never) => void, reject }));
  }

  drain(): Promise<void> {
    if (!this.running && !this.scheduled && this.queue.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idle.push(resolve));
  }

  private enqueue(job: Job): void {
    this.queue.push(job);
    this.schedule();
  }

  private schedule(): void {
    if (this.scheduled || this.running || this.queue.length === 0) return;
    this.scheduled = true;
    // The next turn of the event loop, so that the requests that arrived in this one join the batch.
    setImmediate(() => void this.runBatch());
  }

  private async runBatch(): Promise<void> {
    this.scheduled = false;
    this.running = true;
    const outcomes: Array<{ job: Job; ok: boolean; value: unknown }> = [];
    let inTransaction = false;
    let current: Job | null = null;
    try {
      while (this.queue.length > 0 && outcomes.length < MAX_BATCH) {
        const job = this.queue.shift()!;
        current = job;
        if (job.kind === 'query') {
          // One statement is atomic by itself; inside the batch it commits with it.
          try {
            outcomes.push({ job, ok: true, value: this.execute(job.sql, job.params) });
          } catch (error) {
            outcomes.push({ job, ok: false, value: error });
          }
          current = null;
          continue;
        }
        if (!inTransaction) {
          // IMMEDIATE takes the write lock now: another process (the CLI) waits on busy_timeout.
          this.execute('BEGIN IMMEDIATE', []);
          inTransaction = true;
        }
        this.execute('SAVEPOINT swsim_tx', []);
        let open = true;
        const tx: SqlTransaction = {
          query: <R>(sql: string, params: unknown[] = []) => {
            if (!open) return Promise.reject(new Error('This transaction has ended; statements after it need their own transaction'));
            try {
              return Promise.resolve(this.execute<R>(sql, params));
            } catch (error) {
              return Promise.reject(error);
            }
          },
        };
        try {
          const result = await job.work(tx);
          this.execute('RELEASE swsim_tx', []);
          outcomes.push({ job, ok: true, value: result });
        } catch (error) {
          this.execute('ROLLBACK TO swsim_tx', []);
          this.execute('RELEASE swsim_tx', []);
          outcomes.push({ job, ok: false, value: error });
        } finally {
          open = false;
        }
        current = null;
      }
      if (inTransaction) this.execute('COMMIT', []);
    } catch (error) {
      // BEGIN, a savepoint or COMMIT failed (I/O error, disk full, lock timeout): nothing of the batch is durable.
      if (this.db.inTransaction) this.db.prepare('ROLLBACK').run();
      for (const outcome of outcomes) if (outcome.ok) Object.assign(outcome, { ok: false, value: error });
      if (current) outcomes.push({ job: current, ok: false, value: error });
    } finally {
      this.running = false;
      for (const { job, ok, value } of outcomes) (ok ? job.resolve : job.reject)(value as never);
      if (this.queue.length > 0) this.schedule();
      else for (const resolve of this.idle.splice(0)) resolve();
    }
  }

  private execute<T>(sql: string, params: unknown[]): T[] {
    const { statement, order } = this.prepare(sql);
    const values = order ? order.map((i) => bindable(params[i])) : params.map(bindable);
    if (statement.reader) return statement.all(...values) as T[];
    statement.run(...values);
    return [];
  }

  private prepare(sql: string): Prepared {
    let prepared = this.prepared.get(sql);
    if (!prepared) {
      const order: number[] = [];
      const text = sql.replace(/\$(\d+)/g, (_, n: string) => {
        order.push(Number(n) - 1);
        return '?';
      });
      prepared = { statement: this.db.prepare(text), order: order.length > 0 ? order : null };
      if (this.prepared.size >= MAX_STATEMENTS) this.prepared.delete(this.prepared.keys().next().value!);
      this.prepared.set(sql, prepared);
    }
    return prepared;
  }
}

/** `?` placeholders become `$1`, `$2`, ... (statements already written with `$n` are left alone). */
function toPostgres(sql: string): string {
  if (/\$\d/.test(sql)) return sql;
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

/** `$n` placeholders become `?` (SQLite's positional style), the parameters reordered to match. */
function toQuestionMarks(sql: string, params: unknown[]): [string, unknown[]] {
  const values: unknown[] = [];
  const text = sql.replace(/\$(\d+)/g, (_, n: string) => {
    values.push(params[Number(n) - 1]);
    return '?';
  });
  return values.length > 0 ? [text, values] : [sql, params];
}

/**
 * PostgreSQL: a pooled query runner per transaction. On SQLite it works too, but TypeORM shares one
 * query runner there, so only one transaction at a time is safe: it is kept for comparison
 * (bench/event-store.bench.ts), the app uses SqliteDatabase.
 */
export class TypeOrmSqlDatabase extends SqlDatabase {
  readonly dialect: SqlDialect;
  private readonly inFlight = new Set<Promise<unknown>>();

  constructor(private readonly dataSource: DataSource) {
    super();
    this.dialect = dataSource.options.type === 'postgres' ? 'postgres' : 'sqlite';
  }

  query<T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
    return this.track(this.withRunner((runner) => this.run<T>(runner, sql, params)));
  }

  transaction<T>(work: (tx: SqlTransaction) => Promise<T>): Promise<T> {
    return this.track(
      this.withRunner(async (runner) => {
        await runner.startTransaction();
        try {
          const result = await work({ query: (sql, params) => this.run(runner, sql, params ?? []) });
          await runner.commitTransaction();
          return result;
        } catch (error) {
          if (runner.isTransactionActive) await runner.rollbackTransaction();
          throw error;
        }
      }),
    );
  }

  async drain(): Promise<void> {
    await Promise.allSettled([...this.inFlight]);
  }

  private async run<T>(runner: QueryRunner, sql: string, params: unknown[]): Promise<T[]> {
    const [text, values] = this.dialect === 'postgres' ? [toPostgres(sql), params] : toQuestionMarks(sql, params);
    const result = await runner.query(text, values, true);
    return (result.records ?? []) as T[];
  }

  private async withRunner<T>(use: (runner: QueryRunner) => Promise<T>): Promise<T> {
    const runner = this.dataSource.createQueryRunner();
    try {
      await runner.connect();
      return await use(runner);
    } finally {
      await runner.release();
    }
  }

  private track<T>(promise: Promise<T>): Promise<T> {
    this.inFlight.add(promise);
    void promise.finally(() => this.inFlight.delete(promise)).catch(() => undefined);
    return promise;
  }
}

/** The better-sqlite3 connection TypeORM opened, or null on another driver. */
export function sqliteConnectionOf(dataSource: DataSource): BetterSqlite3.Database | null {
  if (dataSource.options.type !== 'better-sqlite3') return null;
  return (dataSource.driver as unknown as { databaseConnection: BetterSqlite3.Database }).databaseConnection;
}

/** The fast path on better-sqlite3, TypeORM's query runners elsewhere. */
export function sqlDatabaseFor(dataSource: DataSource): SqlDatabase {
  const connection = sqliteConnectionOf(dataSource);
  return connection ? new SqliteDatabase(connection) : new TypeOrmSqlDatabase(dataSource);
}
