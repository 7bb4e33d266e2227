import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type OpenDatabase, openDatabase } from './open-database';
import { isUniqueViolation } from './sql-database';

describe('SqliteDatabase (better-sqlite3 with group commit)', () => {
  let dir: string;
  let database: OpenDatabase;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'swsim-sql-'));
    database = await openDatabase({ DATABASE_PATH: join(dir, 'nested', 'folder', 'db.sqlite') });
    await database.db.query('CREATE TABLE items (id VARCHAR(16) PRIMARY KEY, n INTEGER NOT NULL, flag INTEGER, doc TEXT)');
  });

  afterAll(async () => {
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const count = async () => (await database.db.query<{ n: number }>('SELECT COUNT(*) AS n FROM items'))[0].n;

  it('creates the folder, and runs in WAL mode with foreign keys, NORMAL sync and a busy timeout', async () => {
    expect(await database.db.query('PRAGMA journal_mode')).toEqual([{ journal_mode: 'wal' }]);
    expect(await database.db.query('PRAGMA foreign_keys')).toEqual([{ foreign_keys: 1 }]);
    expect(await database.db.query('PRAGMA synchronous')).toEqual([{ synchronous: 1 }]);
    expect(await database.db.query('PRAGMA busy_timeout')).toEqual([{ timeout: 5000 }]);
  });

  it('binds $n placeholders in any order and more than once, and booleans, objects and undefined', async () => {
    await database.db.query('INSERT INTO items (id, n, flag, doc) VALUES ($2, $1, $3, $4)', [7, 'a', true, { x: 1 }]);
    await database.db.query('INSERT INTO items (id, n, flag, doc) VALUES (?, ?, ?, ?)', ['b', 8, false, undefined]);
    expect(await database.db.query('SELECT id, n, flag, doc FROM items WHERE n = $1 OR id = $2 OR n = $1 ORDER BY id', [7, 'b'])).toEqual([
      { id: 'a', n: 7, flag: 1, doc: '{"x":1}' },
      { id: 'b', n: 8, flag: 0, doc: null },
    ]);
    expect(await database.db.query('UPDATE items SET n = n + 1 WHERE id = $1 RETURNING n', ['a'])).toEqual([{ n: 8 }]);
  });

  it('commits the transactions of one batch together, and rolls back only the one whose work throws', async () => {
    const before = await count();
    const results = await Promise.allSettled([
      database.db.transaction(async (tx) => tx.query('INSERT INTO items (id, n) VALUES ($1, $2)', ['t1', 1])),
      database.db.transaction(async (tx) => {
        await tx.query('INSERT INTO items (id, n) VALUES ($1, $2)', ['t2', 2]);
        throw new Error('no');
      }),
      database.db.transaction(async (tx) => {
        await tx.query('INSERT INTO items (id, n) VALUES ($1, $2)', ['t3', 3]);
        return (await tx.query<{ n: number }>('SELECT COUNT(*) AS n FROM items'))[0].n;
      }),
      database.db.query('SELECT id FROM items WHERE id = $1', ['t1']),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    expect((results[2] as PromiseFulfilledResult<number>).value).toBe(before + 2);
    expect((results[3] as PromiseFulfilledResult<unknown>).value).toEqual([{ id: 't1' }]);
    expect((await database.db.query<{ id: string }>("SELECT id FROM items WHERE id LIKE 't%' ORDER BY id")).map((r) => r.id)).toEqual(['t1', 't3']);
  });

  it('reports constraint violations as unique violations, failing only that statement', async () => {
    const failure = (promise: Promise<unknown>) => promise.then(() => null, (error: unknown) => error);
    expect(isUniqueViolation(await failure(database.db.transaction((tx) => tx.query('INSERT INTO items (id, n) VALUES ($1, $2)', ['t1', 9]))))).toBe(true);
    expect(isUniqueViolation(await failure(database.db.query('INSERT INTO items (id, n) VALUES ($1, $2)', ['t1', 9])))).toBe(true);
    expect(await database.db.query('SELECT n FROM items WHERE id = $1', ['t1'])).toEqual([{ n: 1 }]);
  });

  it('refuses statements on a transaction that has ended', async () => {
    let leaked: { query: (sql: string) => Promise<unknown> } | undefined;
    await database.db.transaction(async (tx) => {
      leaked = tx;
    });
    await expect(leaked!.query('SELECT 1')).rejects.toThrow('This transaction has ended');
  });

  it('drains: waits for the statements in flight', async () => {
    const pending = Array.from({ length: 300 }, (_, i) => database.db.transaction((tx) => tx.query('INSERT INTO items (id, n) VALUES ($1, $2)', [`d${i}`, i])));
    await database.db.drain();
    const settled = await Promise.allSettled(pending);
    expect(settled.every((s) => s.status === 'fulfilled')).toBe(true);
    expect((await database.db.query<{ n: number }>("SELECT COUNT(*) AS n FROM items WHERE id LIKE 'd%'"))[0].n).toBe(300);
  });
});
