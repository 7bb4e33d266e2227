import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type OpenDatabase, openDatabase } from '../database/open-database';
import type { SqlDatabase } from '../database/sql-database';
import { SqliteWriter } from '../database/sqlite-writer';
import { type EventMetadata, type NewEvent, type SqlTransaction, VersionConflict, writesOnly } from './event-store';
import { SqlEventStore } from './sql-event-store';

const meta = (tenantId = 't1'): EventMetadata => ({ tenantId, actor: 'key-1', correlationId: 'c-1', causationId: null });
const lodged = (simMinutes = 0): NewEvent => ({ type: 'DeclarationLodged', payload: { port: 'khorgos', goods: [{ hsCode: '0806100000' }] }, simMinutes });
const stream = (id: string) => ({ aggregateType: 'declaration', aggregateId: id });

// The same contract whether an append runs on the main connection or, when its work only writes, on
// the writer thread (every append of these tests has such work, or none).
describe.each([
  ['on the main connection', false],
  ['on the writer thread', true],
])('SqlEventStore on a SQLite file, %s', (_, withWriter) => {
  let dir: string;
  let database: OpenDatabase;
  let writer: SqliteWriter | null;
  let store: SqlEventStore;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'swsim-events-'));
    database = await openDatabase({ DATABASE_PATH: join(dir, 'events.sqlite') });
    writer = withWriter ? new SqliteWriter(join(dir, 'events.sqlite')) : null;
    store = new SqlEventStore(database.db, writer);
  });

  afterAll(async () => {
    await writer?.close();
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

  // The main connection's path only: the writer runs its check and inserts under one write lock.
  const onMainOnly = withWriter ? () => undefined : it;
  onMainOnly('maps a unique-constraint violation (the PostgreSQL race, where both pass the check) to VersionConflict', async () => {
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
    const appended = await store.append(
      stream('d-5'),
      0,
      [lodged(), lodged()],
      meta(),
      writesOnly(async (tx, events) => {
        await tx.query('INSERT INTO spec_projection (aggregate_id, events) VALUES ($1, $2)', ['d-5', events.length]);
      }),
    );
    expect(appended).toHaveLength(2);
    expect(await database.db.query('SELECT events FROM spec_projection WHERE aggregate_id = $1', ['d-5'])).toEqual([{ events: 2 }]);

    const failing = store.append(
      stream('d-6'),
      0,
      [lodged(), lodged()],
      meta(),
      writesOnly(async (tx) => {
        await tx.query('INSERT INTO spec_projection (aggregate_id, events) VALUES ($1, $2)', ['d-6', 2]);
        throw new Error('projection failed');
      }),
    );
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

  it("gives the work each event's position to write (on the writer, filled in once the event is inserted)", async () => {
    await database.db.query('CREATE TABLE IF NOT EXISTS spec_positions (aggregate_id VARCHAR(64) PRIMARY KEY, first_position INTEGER NOT NULL, last_position INTEGER NOT NULL)');
    const appended = await store.append(
      stream('d-pos'),
      0,
      [lodged(), lodged(), lodged()],
      meta(),
      writesOnly(async (tx, events) => {
        await tx.query('INSERT INTO spec_positions (aggregate_id, first_position, last_position) VALUES ($1, $2, $3)', ['d-pos', events[0].position, events[2].position]);
      }),
    );
    expect(await database.db.query('SELECT first_position, last_position FROM spec_positions WHERE aggregate_id = $1', ['d-pos'])).toEqual([
      { first_position: appended[0].position, last_position: appended[2].position },
    ]);
  });

  it('rolls the events back when a statement of the work fails, and keeps the error code', async () => {
    await database.db.query('CREATE TABLE IF NOT EXISTS spec_unique (name VARCHAR(16) PRIMARY KEY)');
    await database.db.query("INSERT INTO spec_unique (name) VALUES ('taken')");
    const failing = store.append(
      stream('d-dup'),
      0,
      [lodged()],
      meta(),
      writesOnly(async (tx) => {
        await tx.query('INSERT INTO spec_unique (name) VALUES ($1)', ['taken']);
      }),
    );
    await expect(failing).rejects.toMatchObject({ code: 'SQLITE_CONSTRAINT_PRIMARYKEY' });
    expect(await store.readStream(stream('d-dup'))).toEqual([]);
  });
});

describe('SqliteWriter beside the main connection', () => {
  let dir: string;
  let database: OpenDatabase;
  let writer: SqliteWriter;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'swsim-writer-'));
    database = await openDatabase({ DATABASE_PATH: join(dir, 'events.sqlite') });
    writer = new SqliteWriter(join(dir, 'events.sqlite'));
  });

  afterAll(async () => {
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('takes turns with the main connection on one stream: every version once, exactly one winner per version', async () => {
    const onMain = new SqlEventStore(database.db);
    const onWriter = new SqlEventStore(database.db, writer);
    await onMain.append(stream('shared'), 0, [lodged()], meta());
    for (let version = 1; version <= 10; version++) {
      const results = await Promise.allSettled([onMain.append(stream('shared'), version, [lodged()], meta()), onWriter.append(stream('shared'), version, [lodged()], meta())]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      expect((results.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason).toBeInstanceOf(VersionConflict);
    }
    expect((await onMain.readStream(stream('shared'))).map((e) => e.version)).toEqual(Array.from({ length: 11 }, (_, i) => i + 1));
  });

  it('fails the appends of a batch whose transaction cannot start (the write lock held too long), and goes on after', async () => {
    const impatient = new SqliteWriter(join(dir, 'events.sqlite'), 50);
    const store = new SqlEventStore(database.db, impatient);
    const locker = new Database(join(dir, 'events.sqlite'));
    try {
      locker.prepare('BEGIN IMMEDIATE').run();
      const refused = await Promise.allSettled([store.append(stream('locked-1'), 0, [lodged()], meta()), store.append(stream('locked-2'), 0, [lodged()], meta())]);
      expect(refused.map((r) => r.status === 'rejected' && (r.reason as { code?: string }).code)).toEqual(['SQLITE_BUSY', 'SQLITE_BUSY']);
      locker.prepare('ROLLBACK').run();
      await expect(store.append(stream('locked-1'), 0, [lodged()], meta())).resolves.toHaveLength(1);
    } finally {
      locker.close();
      await impatient.close();
    }
  });

  it('answers the appends in flight before it closes, and refuses appends after', async () => {
    const store = new SqlEventStore(database.db, writer);
    const inFlight = Array.from({ length: 30 }, (_, i) => store.append(stream(`closing-${i}`), 0, [lodged()], meta()));
    const closed = writer.close();
    await expect(Promise.all(inFlight)).resolves.toHaveLength(30);
    await closed;
    await expect(store.append(stream('too-late'), 0, [lodged()], meta())).rejects.toThrow('the SQLite writer thread stopped');
  });
});
