// Event appends on a thread of their own. Under load the server's main thread was the limit, and a
// third of its time went to SQLite: inserting the events, projecting them, committing. An append whose
// work only writes (the declarations' projection, notifications, the idempotency record) is sent here
// as a list of statements, with the events; this thread runs it with group commit on its own connection
// to the same file and answers after COMMIT, so an acknowledged command is as durable as before. Appends
// whose work must read inside the transaction keep the main connection (SqlDatabase); SQLite's write
// lock orders the two connections, and every version check runs under it.

import type BetterSqlite3 from 'better-sqlite3';
import { Worker } from 'node:worker_threads';
import { BUSY_TIMEOUT_MS } from './database.config';

/** A parameter that stands for the global position of the append's `index`-th event, known only once inserted. */
export interface PositionOf {
  $positionOf: number;
}

export interface WriterStatement {
  sql: string;
  params: unknown[];
}

export interface WriterAppend {
  aggregateType: string;
  aggregateId: string;
  expectedVersion: number;
  /** The INSERT of one event, `... RETURNING position`, and each event's parameters. */
  insertEvent: string;
  events: unknown[][];
  /** Run after the events, in order, in the same transaction. */
  statements: WriterStatement[];
}

/** How an append failed: another append got to the stream first, or a statement failed (SQLite's code kept). */
export type WriterFailure = { kind: 'stale'; actualVersion: number | null } | { kind: 'error'; message: string; code: string | null };

type WriterReply = { id: number; positions: number[] } | { id: number; failure: WriterFailure };

/** Rejection of `append` when a statement failed: carries SQLite's code, as better-sqlite3's own errors do. */
export class WriterError extends Error {
  constructor(
    message: string,
    readonly code: string | null,
  ) {
    super(message);
  }
}

/** Rejection of `append` when the stream was not at the expected version (null: the unique constraint said so). */
export class WriterStaleVersion extends Error {
  constructor(readonly actualVersion: number | null) {
    super('stale version');
  }
}

// Plain JavaScript run by the worker, so that it works the same from src/ (ts-jest) and dist/. The same
// group commit as SqliteDatabase: the appends waiting at a turn of the event loop run one after another
// in one transaction, each in its own savepoint, and are answered after the one COMMIT.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { timeout: workerData.busyTimeoutMs });
db.pragma('journal_mode = WAL');
db.pragma('synchronous = NORMAL');
db.pragma('foreign_keys = ON');
db.pragma('wal_autocheckpoint = 10000');
const MAX_BATCH = 256;
const prepared = new Map();
function prepare(sql) {
  let found = prepared.get(sql);
  if (!found) {
    const order = [];
    const text = sql.replace(/\\$(\\d+)/g, (_, n) => { order.push(Number(n) - 1); return '?'; });
    found = { statement: db.prepare(text), order };
    prepared.set(sql, found);
  }
  return found;
}
function bindable(value, positions) {
  if (value === undefined || value === null) return null;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object' && typeof value.$positionOf === 'number') return positions[value.$positionOf];
  if (typeof value === 'object' && !(value instanceof Uint8Array)) return JSON.stringify(value);
  return value;
}
function values(order, params, positions) {
  return order.length > 0 ? order.map((i) => bindable(params[i], positions)) : params.map((p) => bindable(p, positions));
}
const CURRENT_VERSION = 'SELECT MAX(version) AS version FROM events WHERE aggregate_type = ? AND aggregate_id = ?';
const UNIQUE = new Set(['SQLITE_CONSTRAINT_UNIQUE', 'SQLITE_CONSTRAINT_PRIMARYKEY']);
function appendOne(job) {
  const row = db.prepare(CURRENT_VERSION).get(job.aggregateType, job.aggregateId);
  const actual = Number((row && row.version) || 0);
  if (actual !== job.expectedVersion) return { failure: { kind: 'stale', actualVersion: actual } };
  const insert = prepare(job.insertEvent);
  const positions = [];
  for (const params of job.events) {
    try {
      positions.push(Number(insert.statement.get(...values(insert.order, params, positions)).position));
    } catch (error) {
      if (UNIQUE.has(error.code)) return { failure: { kind: 'stale', actualVersion: null } };
      throw error;
    }
  }
  for (const { sql, params } of job.statements) {
    const { statement, order } = prepare(sql);
    statement.run(...values(order, params, positions));
  }
  return { positions };
}
const queue = [];
let scheduled = false;
let stopping = false;
function runBatch() {
  scheduled = false;
  const batch = queue.splice(0, MAX_BATCH);
  const replies = [];
  let failed = null;
  try {
    db.prepare('BEGIN IMMEDIATE').run();
    for (const job of batch) {
      db.prepare('SAVEPOINT swsim_append').run();
      let outcome;
      try {
        outcome = appendOne(job);
      } catch (error) {
        outcome = { failure: { kind: 'error', message: String((error && error.message) || error), code: (error && error.code) || null } };
      }
      if (outcome.failure) db.prepare('ROLLBACK TO swsim_append').run();
      db.prepare('RELEASE swsim_append').run();
      replies.push({ id: job.id, ...outcome });
    }
    db.prepare('COMMIT').run();
  } catch (error) {
    // BEGIN or COMMIT failed (disk full, lock timeout): nothing of the batch is durable.
    failed = { kind: 'error', message: String((error && error.message) || error), code: (error && error.code) || null };
    if (db.inTransaction) db.prepare('ROLLBACK').run();
  }
  // A failed BEGIN or COMMIT fails every append of the batch, answered or not.
  parentPort.postMessage(failed ? batch.map((job) => ({ id: job.id, failure: failed })) : replies);
  if (queue.length > 0) schedule();
  else if (stopping) stop();
}
function schedule() {
  if (scheduled) return;
  scheduled = true;
  setImmediate(runBatch);
}
function stop() {
  db.close();
  parentPort.close();
}
parentPort.on('message', (message) => {
  if (message === 'stop') {
    stopping = true;
    if (!scheduled && queue.length === 0) stop();
    return;
  }
  queue.push(message);
  schedule();
});
`;

/** The writer thread: `append` resolves with the events' positions once committed. */
export class SqliteWriter {
  private readonly worker: Worker;
  private readonly pending = new Map<number, { resolve: (positions: number[]) => void; reject: (error: Error) => void }>();
  private next = 0;
  private readonly exited: Promise<void>;
  private failure: Error | null = null;

  /** `busyTimeoutMs`: how long an append waits for another connection's write lock before it fails. */
  constructor(file: string, busyTimeoutMs = BUSY_TIMEOUT_MS) {
    this.worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { driver: require.resolve('better-sqlite3'), file, busyTimeoutMs } });
    this.worker.on('message', (replies: WriterReply[]) => {
      for (const reply of replies) {
        const waiting = this.pending.get(reply.id);
        if (!waiting) continue;
        this.pending.delete(reply.id);
        if ('positions' in reply) waiting.resolve(reply.positions);
        else waiting.reject(reply.failure.kind === 'stale' ? new WriterStaleVersion(reply.failure.actualVersion) : new WriterError(reply.failure.message, reply.failure.code));
      }
    });
    this.exited = new Promise((resolve) => {
      this.worker.on('error', (error) => this.fail(error));
      this.worker.on('exit', () => {
        this.fail(new Error('the SQLite writer thread stopped'));
        resolve();
      });
    });
  }

  /** The writer for the better-sqlite3 connection's file; null for an in-memory database, which another connection cannot open. */
  static for(connection: BetterSqlite3.Database): SqliteWriter | null {
    return connection.memory ? null : new SqliteWriter(connection.name);
  }

  append(job: WriterAppend): Promise<number[]> {
    if (this.failure) return Promise.reject(this.failure);
    const id = ++this.next;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ id, ...job });
    });
  }

  /** Answers the appends in flight, then closes the writer's connection and ends the thread. */
  async close(): Promise<void> {
    this.worker.postMessage('stop');
    await this.exited;
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const { reject } of this.pending.values()) reject(this.failure);
    this.pending.clear();
  }
}
