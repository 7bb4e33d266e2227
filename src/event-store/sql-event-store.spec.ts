import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type OpenDatabase, openDatabase } from '../database/open-database';
import type { SqlDatabase } from '../database/sql-database';
import { type EventMetadata, type NewEvent, type SqlTransaction, VersionConflict } from './event-store';
import { SqlEventStore } from './sql-event-store';

const meta = (tenantId = 't1'): EventMetadata => ({ tenantId, actor: 'key-1', correlationId: 'c-1', causationId: null });
const lodged = (simMinutes = 0): NewEvent => ({ type: 'DeclarationLodged', payload: { port: 'khorgos', goods: [{ hsCode: '0806100000' }] }, simMinutes });
const stream = (id: string) => ({ aggregateType: 'declaration', aggregateId: id });

describe('SqlEventStore on a SQLite file', () => {
  let dir: string;
  let database: OpenDatabase;
  let store: SqlEventStore;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'swsim-events-'));
    database = await openDatabase({ DATABASE_PATH: join(dir, 'events.sqlite') });
    store = new SqlEventStore(database.db);
  });

  afterAll(async () => {
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('appends events and reads the stream back in version order, with metadata and times', async () => {
    const stored = await store.append(stream('d-1'), 0, [lodged(0), { type: 'ArrivalRecorded', payload: {}, simMinutes: 90 }], meta());
    expect(stored.map((e) => [e.version, e.type])).toEqual([
      [1, 'DeclarationLodged'],
      [2, 'ArrivalRecorded'],
    ]);
    expect(stored[1].position).toBeGreaterThan(stored[0].position);
    await store.append(stream('d-1'), 2, [{ type: 'ChannelAssigned', payload: { channel: 'green' }, simMinutes: 95.5 }], meta());

    const read = await store.readStream(stream('d-1'));
    expect(read.map((e) => e.version)).toEqual([1, 2, 3]);
    expect(read[0]).toEqual({ ...stored[0] });
    expect(read[0].payload).toEqual({ port: 'khorgos', goods: [{ hsCode: '0806100000' }] });
    expect(read[0].metadata).toEqual(meta());
    expect(read[2].simMinutes).toBe(95.5);
    expect(new Date(read[0].recordedAt).toISOString()).toBe(read[0].recordedAt);
    expect(await store.readStream(stream('nobody'))).toEqual([]);
  });

  it('refuses a stale expected version with VersionConflict and writes nothing', async () => {
    await store.append(stream('d-2'), 0, [lodged()], meta());
    const attempt = store.append(stream('d-2'), 0, [lodged()], meta());
    await expect(attempt).rejects.toBeInstanceOf(VersionConflict);
    await expect(attempt).rejects.toMatchObject({ expectedVersion: 0, actualVersion: 1 });
    await expect(store.append(stream('d-2'), 5, [lodged()], meta())).rejects.toMatchObject({ expectedVersion: 5, actualVersion: 1 });
    expect(await store.readStream(stream('d-2'))).toHaveLength(1);
  });

  it('lets exactly one of two concurrent appends at the same version win', async () => {
    await store.append(stream('d-3'), 0, [lodged()], meta());
    const results = await Promise.allSettled([
      store.append(stream('d-3'), 1, [{ type: 'CancelledByTrader', payload: {}, simMinutes: 1 }], meta()),
      store.append(stream('d-3'), 1, [{ type: 'ChannelAssigned', payload: {}, simMinutes: 1 }], meta()),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const lost = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(lost.reason).toBeInstanceOf(VersionConflict);
    expect((await store.readStream(stream('d-3'))).map((e) => e.version)).toEqual([1, 2]);
  });

  it('lets one of many concurrent first appends to a new stream win', async () => {
    const results = await Promise.allSettled(Array.from({ length: 10 }, () => store.append(stream('d-4'), 0, [lodged(), lodged()], meta())));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(await store.readStream(stream('d-4'))).toHaveLength(2);
  });

  it('maps a unique-constraint violation (the PostgreSQL race, where both pass the check) to VersionConflict', async () => {
    await store.append(stream('d-race'), 0, [lodged()], meta());
    // A door whose version check is stale, as a concurrent transaction on PostgreSQL may see it.
    const blind: SqlDatabase = Object.assign(Object.create(database.db) as SqlDatabase, {
      transaction: <T>(work: (tx: SqlTransaction) => Promise<T>) =>
        database.db.transaction((tx) => work({ query: <R>(sql: string, params?: unknown[]) => (sql.startsWith('SELECT MAX(version)') ? Promise.resolve([{ version: 0 }] as R[]) : tx.query<R>(sql, params)) })),
    });
    const attempt = new SqlEventStore(blind).append(stream('d-race'), 0, [lodged()], meta());
    await expect(attempt).rejects.toBeInstanceOf(VersionConflict);
    await expect(attempt).rejects.toMatchObject({ expectedVersion: 0, actualVersion: 1 });
    expect(await store.readStream(stream('d-race'))).toHaveLength(1);
  });

  it('runs the work callback in the transaction, and rolls the events back with it when it throws', async () => {
    await database.db.query('CREATE TABLE IF NOT EXISTS spec_projection (aggregate_id VARCHAR(64) PRIMARY KEY, events INTEGER NOT NULL)');
    const appended = await store.append(stream('d-5'), 0, [lodged(), lodged()], meta(), async (tx, events) => {
      await tx.query('INSERT INTO spec_projection (aggregate_id, events) VALUES ($1, $2)', ['d-5', events.length]);
    });
    expect(appended).toHaveLength(2);
    expect(await database.db.query('SELECT events FROM spec_projection WHERE aggregate_id = $1', ['d-5'])).toEqual([{ events: 2 }]);

    const failing = store.append(stream('d-6'), 0, [lodged(), lodged()], meta(), async (tx) => {
      await tx.query('INSERT INTO spec_projection (aggregate_id, events) VALUES ($1, $2)', ['d-6', 2]);
      throw new Error('projection failed');
    });
    await expect(failing).rejects.toThrow('projection failed');
    expect(await store.readStream(stream('d-6'))).toEqual([]);
    expect(await database.db.query('SELECT events FROM spec_projection WHERE aggregate_id = $1', ['d-6'])).toEqual([]);
    // The stream is still new: nothing half-written blocks the next lodgement.
    await expect(store.append(stream('d-6'), 0, [lodged()], meta())).resolves.toHaveLength(1);
  });

  it('reads all events after a position, in order, page by page', async () => {
    const all = await store.readAll(0, 1000);
    expect(all.length).toBeGreaterThan(5);
    expect(all.map((e) => e.position)).toEqual([...all.map((e) => e.position)].sort((a, b) => a - b));
    const first = await store.readAll(0, 3);
    const next = await store.readAll(first[2].position, 3);
    expect([...first, ...next]).toEqual(all.slice(0, 6));
    expect(await store.readAll(all[all.length - 1].position, 10)).toEqual([]);
  });

  it('keeps positions strictly increasing across streams appended concurrently', async () => {
    await Promise.all(Array.from({ length: 20 }, (_, i) => store.append(stream(`many-${i}`), 0, [lodged(), lodged()], meta(`t${i % 3}`))));
    const all = await store.readAll(0, 10_000);
    const positions = all.map((e) => e.position);
    expect(new Set(positions).size).toBe(positions.length);
    for (let i = 0; i < 20; i++) expect((await store.readStream(stream(`many-${i}`))).map((e) => e.version)).toEqual([1, 2]);
  });
});
