// The append-only event store every aggregate lives in (design.md, "Persistence"). Events are appended
// per stream with an optimistic version check; the projections of the appended events are written in
// the same transaction, so a read model never shows half of a command.

export interface EventMetadata {
  tenantId: string;
  /** Who issued the command: an API key id, "auto-officer", "cli". */
  actor: string;
  correlationId: string;
  causationId: string | null;
}

export interface NewEvent {
  type: string;
  payload: Record<string, unknown>;
  /** Simulated time of the event: minutes since the tenant's sandbox epoch. */
  simMinutes: number;
}

export interface StoredEvent extends NewEvent {
  /** Global, strictly increasing position in the store. */
  position: number;
  aggregateType: string;
  aggregateId: string;
  /** 1 for the stream's first event; unique per stream. */
  version: number;
  metadata: EventMetadata;
  /** Wall-clock time the event was recorded, ISO 8601. */
  recordedAt: string;
}

export interface StreamId {
  aggregateType: string;
  aggregateId: string;
}

/**
 * Something a projection or command needs to write in the same transaction as the events: read-model
 * rows, idempotency records, notifications. Receives the transaction's query runner.
 */
export type TransactionWork = (tx: SqlTransaction, appended: StoredEvent[]) => void | Promise<void>;

const WRITES_ONLY = Symbol('writesOnly');

/**
 * Marks `work` as one that only writes: it ignores what its statements return and reads from
 * `appended` only the events' types, payloads, versions and times, and their positions only to pass
 * them as statement parameters. Such work may be recorded and run with the events on the SQLite writer
 * thread, where each position is known only once its event is inserted.
 */
export function writesOnly(work: TransactionWork): TransactionWork {
  return Object.assign(work, { [WRITES_ONLY]: true });
}

export function isWritesOnly(work: TransactionWork | undefined): boolean {
  return work === undefined || (work as { [WRITES_ONLY]?: boolean })[WRITES_ONLY] === true;
}

/** The minimal SQL surface projections use inside the append transaction (portable SQLite/PostgreSQL). */
export interface SqlTransaction {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
}

export class VersionConflict extends Error {
  constructor(
    readonly stream: StreamId,
    readonly expectedVersion: number,
    readonly actualVersion: number,
  ) {
    super(`${stream.aggregateType} ${stream.aggregateId} is at version ${actualVersion}, not ${expectedVersion}`);
  }
}

/** Abstract class used as its own DI token (brocoders style). */
export abstract class EventStore {
  /**
   * Appends `events` to the stream if it is at `expectedVersion` (0 for a new stream), runs `work`
   * (projections, idempotency, notifications) in the same transaction, and returns the stored events.
   * Throws VersionConflict when another command got there first: exactly one of two concurrent
   * commands on one version wins.
   */
  abstract append(stream: StreamId, expectedVersion: number, events: NewEvent[], metadata: EventMetadata, work?: TransactionWork): Promise<StoredEvent[]>;

  /** Every event of one stream, in version order. */
  abstract readStream(stream: StreamId): Promise<StoredEvent[]>;

  /** Events after a global position, in order, at most `limit` (for rebuilding projections). */
  abstract readAll(afterPosition: number, limit: number): Promise<StoredEvent[]>;
}
