// An event store in memory, for handler specs: the same contract as SqlEventStore (version check,
// the work callback inside the "transaction", nothing kept when the work throws), no database.

import { EventStore, type EventMetadata, type NewEvent, type SqlTransaction, type StoredEvent, type StreamId, type TransactionWork, VersionConflict } from './event-store';

export class InMemoryEventStore extends EventStore {
  readonly events: StoredEvent[] = [];
  /** The statements the projections issued, in order, for specs that look at them. */
  readonly statements: Array<{ sql: string; params: unknown[] }> = [];

  constructor(private readonly recordedAt = '2026-01-01T00:00:00.000Z') {
    super();
  }

  async append(stream: StreamId, expectedVersion: number, events: NewEvent[], metadata: EventMetadata, work?: TransactionWork): Promise<StoredEvent[]> {
    const current = this.events.filter((e) => e.aggregateType === stream.aggregateType && e.aggregateId === stream.aggregateId).length;
    if (current !== expectedVersion) throw new VersionConflict(stream, expectedVersion, current);
    const appended = events.map(
      (e, i): StoredEvent => ({ ...e, ...stream, position: this.events.length + i + 1, version: expectedVersion + i + 1, metadata, recordedAt: this.recordedAt }),
    );
    const statements: Array<{ sql: string; params: unknown[] }> = [];
    const tx: SqlTransaction = {
      query: async <T>(sql: string, params: unknown[] = []) => {
        statements.push({ sql, params });
        return [] as T[];
      },
    };
    await work?.(tx, appended);
    this.events.push(...appended);
    this.statements.push(...statements);
    return appended;
  }

  async readStream(stream: StreamId): Promise<StoredEvent[]> {
    return this.events.filter((e) => e.aggregateType === stream.aggregateType && e.aggregateId === stream.aggregateId);
  }

  async readAll(afterPosition: number, limit: number): Promise<StoredEvent[]> {
    return this.events.filter((e) => e.position > afterPosition).slice(0, limit);
  }
}
