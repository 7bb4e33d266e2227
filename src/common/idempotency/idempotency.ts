// Idempotency-Key (design.md: every POST that creates something accepts one). The first response to a
// key is recorded in the SAME transaction as the command's events, so an acknowledged response and its
// record are never split: a retry after a crash either finds the record (and the events) or neither.
// Records are kept for a retention period (24 hours unless IDEMPOTENCY_KEY_HOURS says otherwise, as
// payment APIs do): a key older than that is new again, and a sweeper deletes such records.

import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { SqlDatabase } from '../../database/sql-database';
import { type StoredEvent, type TransactionWork, isWritesOnly, writesOnly } from '../../event-store/event-store';
import { DomainError } from '../domain/domain-error';

export interface IdempotentRequest {
  tenantId: string;
  /** The Idempotency-Key header; without one the command simply runs. */
  key: string | null | undefined;
  /** What makes two requests "the same": the route and the body, e.g. `{ route: 'POST /api/declarations', body }`. */
  fingerprint: unknown;
}

export interface CommandResponse<T> {
  status: number;
  body: T;
}

export interface IdempotentResponse<T> extends CommandResponse<T> {
  /** True when this is the recorded response of an earlier request with the same key and body. */
  replayed: boolean;
}

/**
 * Given to the command: `remember(response)` is the TransactionWork that records the response with the
 * key, to pass to `EventStore.append` (combined with the projections by `allWork`). The response may be
 * computed from the appended events. Without a key it does nothing.
 */
export type Remember<T> = (response: CommandResponse<T> | ((appended: StoredEvent[]) => CommandResponse<T>)) => TransactionWork;

export const keyReused = (key: string): DomainError =>
  new DomainError(
    'IDEMPOTENCY.KEY_REUSED',
    `The Idempotency-Key '${key}' was already used for a different request; use a new key for a new request`,
    'rule',
    [{ path: 'Idempotency-Key', message: 'already used with another request body' }],
    { key },
  );

/** Runs several TransactionWorks in order in one transaction (projection, notifications, idempotency record). */
export function allWork(...works: Array<TransactionWork | undefined>): TransactionWork {
  const all: TransactionWork = async (tx, appended) => {
    for (const work of works) if (work) await work(tx, appended);
  };
  return works.every(isWritesOnly) ? writesOnly(all) : all;
}

/** JSON with object keys sorted, so that `{a, b}` and `{b, a}` are the same request. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export function requestHash(fingerprint: unknown): string {
  return createHash('sha256').update(canonicalJson(fingerprint)).digest('hex');
}

/** How long a key's first response is kept, unless IDEMPOTENCY_KEY_HOURS says otherwise. */
export const DEFAULT_RETENTION_HOURS = 24;

/** IDEMPOTENCY_KEY_HOURS as a number of hours (fractions allowed), or the default; a bad value stops the start. */
export function retentionHoursFrom(env: NodeJS.ProcessEnv): number {
  const text = env.IDEMPOTENCY_KEY_HOURS;
  if (text === undefined || text.trim() === '') return DEFAULT_RETENTION_HOURS;
  const hours = Number(text);
  if (!Number.isFinite(hours) || hours <= 0) throw new Error(`IDEMPOTENCY_KEY_HOURS must be a number of hours greater than 0, not '${text}'`);
  return hours;
}

export interface IdempotencyOptions {
  retentionHours: number;
  /** The wall clock; a test's own. */
  now?: () => Date;
}

interface RecordRow {
  request_hash: string;
  status: number | string;
  response_body: string;
}

@Injectable()
export class IdempotencyService {
  /** How long a record is kept, ms. */
  readonly retentionMs: number;
  private readonly now: () => Date;

  constructor(
    private readonly db: SqlDatabase,
    options: IdempotencyOptions = { retentionHours: DEFAULT_RETENTION_HOURS },
  ) {
    this.retentionMs = options.retentionHours * 3_600_000;
    this.now = options.now ?? (() => new Date());
  }

  /** Records written before this instant have expired. */
  private cutoff(): string {
    return new Date(this.now().getTime() - this.retentionMs).toISOString();
  }

  /** Deletes the expired records; returns how many. */
  async sweep(): Promise<number> {
    const rows = await this.db.query('DELETE FROM idempotency_keys WHERE created_at < $1 RETURNING "key"', [this.cutoff()]);
    return rows.length;
  }

  /**
   * Runs `command` once per (tenant, key):
   * - a key seen before with the same fingerprint: its recorded response, nothing runs or is written;
   * - a key seen before with another fingerprint: 422 IDEMPOTENCY.KEY_REUSED;
   * - a new key: the command runs and must pass `remember(response)` into its transaction.
   * Two concurrent requests with one key: both may run, only one transaction commits (the record's
   * primary key, or the aggregate's version, stops the other); the loser answers the winner's response.
   * A command that fails records nothing, so a retry runs it again. A record older than the retention
   * period counts as absent (and is replaced).
   */
  async once<T>(request: IdempotentRequest, command: (remember: Remember<T>) => Promise<CommandResponse<T>>): Promise<IdempotentResponse<T>> {
    const { key, tenantId } = request;
    if (!key) return { ...(await command(() => writesOnly(async () => undefined))), replayed: false };
    const hash = requestHash(request.fingerprint);
    const earlier = await this.replay<T>(tenantId, key, hash);
    if (earlier) return earlier;

    let remembered: CommandResponse<T> | undefined;
    // Writes only, so that it can go with the events to the SQLite writer thread: an expired record under
    // the key is deleted, and a live one (a concurrent request with the same key won) makes the INSERT
    // fail on the primary key, which rolls this transaction back.
    const remember: Remember<T> = (response) => {
      const work: TransactionWork = async (tx, appended) => {
        remembered = typeof response === 'function' ? response(appended) : response;
        await tx.query('DELETE FROM idempotency_keys WHERE tenant_id = $1 AND "key" = $2 AND created_at < $3', [tenantId, key, this.cutoff()]);
        await tx.query('INSERT INTO idempotency_keys (tenant_id, "key", request_hash, status, response_body, created_at) VALUES ($1, $2, $3, $4, $5, $6)', [
          tenantId,
          key,
          hash,
          remembered.status,
          JSON.stringify(remembered.body),
          this.now().toISOString(),
        ]);
      };
      // A response computed from the appended events may need their positions, known only once inserted.
      return typeof response === 'function' ? work : writesOnly(work);
    };
    try {
      const response = await command(remember);
      return { ...(remembered ?? response), replayed: false };
    } catch (error) {
      // Lost a race with the same key (on the record, or on the aggregate's version): answer as the winner did.
      const winner = await this.replay<T>(tenantId, key, hash);
      if (winner) return winner;
      throw error;
    }
  }

  private async replay<T>(tenantId: string, key: string, hash: string): Promise<IdempotentResponse<T> | null> {
    const [row] = await this.db.query<RecordRow>('SELECT request_hash, status, response_body FROM idempotency_keys WHERE tenant_id = $1 AND "key" = $2 AND created_at >= $3', [
      tenantId,
      key,
      this.cutoff(),
    ]);
    if (!row) return null;
    if (row.request_hash !== hash) throw keyReused(key);
    return { status: Number(row.status), body: JSON.parse(row.response_body) as T, replayed: true };
  }
}
