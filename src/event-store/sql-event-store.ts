import { Inject, Injectable, Optional } from '@nestjs/common';
import { SqlDatabase, isUniqueViolation } from '../database/sql-database';
import { type PositionOf, SqliteWriter, type WriterStatement, WriterStaleVersion } from '../database/sqlite-writer';
import { EventStore, type EventMetadata, type NewEvent, type SqlTransaction, type StoredEvent, type StreamId, type TransactionWork, VersionConflict, isWritesOnly } from './event-store';

interface EventRow {
  position: number | string;
  aggregate_type: string;
  aggregate_id: string;
  version: number | string;
  type: string;
  payload: string;
  metadata: string;
  recorded_at: string;
  sim_minutes: number | string;
}

const COLUMNS = 'position, aggregate_type, aggregate_id, version, type, payload, metadata, recorded_at, sim_minutes';

const CURRENT_VERSION = 'SELECT MAX(version) AS version FROM events WHERE aggregate_type = $1 AND aggregate_id = $2';
const INSERT_EVENT =
  'INSERT INTO events (aggregate_type, aggregate_id, version, type, payload, metadata, tenant_id, recorded_at, sim_minutes) ' +
  'VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING position';

/** Thrown inside the transaction so that it rolls back; turned into VersionConflict outside it. */
class StaleVersion extends Error {
  /** null: the unique constraint said so (a concurrent append on PostgreSQL); read the version again. */
  constructor(readonly actualVersion: number | null) {
    super('stale version');
  }
}

function toStoredEvent(row: EventRow): StoredEvent {
  return {
    position: Number(row.position),
    aggregateType: row.aggregate_type,
    aggregateId: row.aggregate_id,
    version: Number(row.version),
    type: row.type,
    payload: JSON.parse(row.payload) as Record<string, unknown>,
    metadata: JSON.parse(row.metadata) as EventMetadata,
    recordedAt: row.recorded_at,
    simMinutes: Number(row.sim_minutes),
  };
}

/**
 * The event store on SQL (SQLite or PostgreSQL, the same statements). One append is one transaction:
 * the version check, the events, then the caller's `work` (projections, idempotency record,
 * notifications); all of it commits or none of it does.
 *
 * Two appends at one expected version: on SQLite transactions take turns, so the second sees the
 * first's events and fails the check; on PostgreSQL both may pass the check, and the unique
 * (aggregate_type, aggregate_id, version) constraint stops the second. Either way: VersionConflict.
 */
@Injectable()
export class SqlEventStore extends EventStore {
  constructor(
    private readonly db: SqlDatabase,
    /** On SQLite (a file), the thread that appends when the work only writes; null otherwise. */
    @Optional() @Inject(SqliteWriter) private readonly writer: SqliteWriter | null = null,
  ) {
    super();
  }

  async append(stream: StreamId, expectedVersion: number, events: NewEvent[], metadata: EventMetadata, work?: TransactionWork): Promise<StoredEvent[]> {
    if (!Number.isInteger(expectedVersion) || expectedVersion < 0) throw new RangeError(`expectedVersion must be a whole number >= 0, not ${expectedVersion}`);
    const recordedAt = new Date().toISOString();
    const metadataJson = JSON.stringify(metadata);
    if (this.writer && isWritesOnly(work)) return this.appendOnWriter(this.writer, stream, expectedVersion, events, metadata, metadataJson, recordedAt, work);
    try {
      return await this.db.transaction(async (tx) => {
        const actual = await currentVersion(tx, stream);
        if (actual !== expectedVersion) throw new StaleVersion(actual);
        const stored: StoredEvent[] = [];
        for (const [i, event] of events.entries()) {
          const version = expectedVersion + i + 1;
          const [row] = await tx
            .query<{ position: number | string }>(INSERT_EVENT, eventParams(stream, version, event, metadata, metadataJson, recordedAt))
            .catch((error: unknown) => {
              throw isUniqueViolation(error) ? new StaleVersion(null) : error;
            });
          stored.push({ ...event, position: Number(row.position), aggregateType: stream.aggregateType, aggregateId: stream.aggregateId, version, metadata, recordedAt });
        }
        if (work) await work(tx, stored);
        return stored;
      });
    } catch (error) {
      if (!(error instanceof StaleVersion)) throw error;
      throw await this.conflict(stream, expectedVersion, error.actualVersion);
    }
  }

  /**
   * The same append on the writer thread: `work` runs first, against a transaction that records its
   * statements (each event's position is a placeholder the writer fills in), then the version check,
   * the events and the statements run there in one transaction.
   */
  private async appendOnWriter(
    writer: SqliteWriter,
    stream: StreamId,
    expectedVersion: number,
    events: NewEvent[],
    metadata: EventMetadata,
    metadataJson: string,
    recordedAt: string,
    work?: TransactionWork,
  ): Promise<StoredEvent[]> {
    const stored: StoredEvent[] = events.map((event, i) => {
      const position: PositionOf = { $positionOf: i };
      return { ...event, position: position as unknown as number, aggregateType: stream.aggregateType, aggregateId: stream.aggregateId, version: expectedVersion + i + 1, metadata, recordedAt };
    });
    const statements: WriterStatement[] = [];
    const recording: SqlTransaction = {
      query: <R>(sql: string, params: unknown[] = []) => {
        statements.push({ sql, params });
        return Promise.resolve([] as R[]);
      },
    };
    if (work) await work(recording, stored);
    try {
      const positions = await writer.append({
        aggregateType: stream.aggregateType,
        aggregateId: stream.aggregateId,
        expectedVersion,
        insertEvent: INSERT_EVENT,
        events: events.map((event, i) => eventParams(stream, expectedVersion + i + 1, event, metadata, metadataJson, recordedAt)),
        statements,
      });
      return stored.map((event, i) => ({ ...event, position: positions[i] }));
    } catch (error) {
      if (!(error instanceof WriterStaleVersion)) throw error;
      throw await this.conflict(stream, expectedVersion, error.actualVersion);
    }
  }

  /** The VersionConflict to throw; `actualVersion` null when a unique constraint said so and the version must be read. */
  private async conflict(stream: StreamId, expectedVersion: number, actualVersion: number | null): Promise<VersionConflict> {
    if (actualVersion !== null) return new VersionConflict(stream, expectedVersion, actualVersion);
    const [row] = await this.db.query<{ version: number | string | null }>(CURRENT_VERSION, [stream.aggregateType, stream.aggregateId]);
    return new VersionConflict(stream, expectedVersion, Number(row?.version ?? 0));
  }

  async readStream(stream: StreamId): Promise<StoredEvent[]> {
    const rows = await this.db.query<EventRow>(`SELECT ${COLUMNS} FROM events WHERE aggregate_type = $1 AND aggregate_id = $2 ORDER BY version`, [stream.aggregateType, stream.aggregateId]);
    return rows.map(toStoredEvent);
  }

  async readAll(afterPosition: number, limit: number): Promise<StoredEvent[]> {
    const rows = await this.db.query<EventRow>(`SELECT ${COLUMNS} FROM events WHERE position > $1 ORDER BY position LIMIT $2`, [afterPosition, limit]);
    return rows.map(toStoredEvent);
  }
}

/** INSERT_EVENT's parameters for one event, on either path. */
function eventParams(stream: StreamId, version: number, event: NewEvent, metadata: EventMetadata, metadataJson: string, recordedAt: string): unknown[] {
  return [stream.aggregateType, stream.aggregateId, version, event.type, JSON.stringify(event.payload), metadataJson, metadata.tenantId, recordedAt, event.simMinutes];
}

async function currentVersion(tx: SqlTransaction, stream: StreamId): Promise<number> {
  const [row] = await tx.query<{ version: number | string | null }>(CURRENT_VERSION, [stream.aggregateType, stream.aggregateId]);
  return Number(row?.version ?? 0);
}
