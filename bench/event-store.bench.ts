// How fast the SQL event store appends on SQLite: the write side of POST /api/declarations (events, a
// read-model row, a notification and the idempotency record, in one transaction).
//   node -r ts-node/register/transpile-only bench/event-store.bench.ts [seconds per case, default 3]
// Prints one line per case, then one JSON object.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { allWork, IdempotencyService } from '../src/common/idempotency/idempotency';
import { openDatabase } from '../src/database/open-database';
import { type SqlDatabase, TypeOrmSqlDatabase, sqliteConnectionOf } from '../src/database/sql-database';
import { WalCheckpointer } from '../src/database/wal-checkpointer';
import type { EventMetadata } from '../src/event-store/event-store';
import { SqlEventStore } from '../src/event-store/sql-event-store';
import { notify } from '../src/notifications/notify';

const SECONDS = Number(process.argv[2] ?? 3);
const payload = {
  flow: 'import',
  port: 'khorgos',
  trader: { name: 'Khorgos Trading Co.', creditClass: 'general' },
  goods: [{ hsCode: '0806100000', description: 'Fresh grapes', quantity: 20000, unit: 'kg', customsValueMinor: 3000000, currency: 'USD' }],
};

async function measure(name: string, db: SqlDatabase, concurrency: number, full: boolean): Promise<{ name: string; perSecond: number; p99Ms: number }> {
  const store = new SqlEventStore(db);
  const idempotency = new IdempotencyService(db);
  let n = 0;
  const latencies: number[] = [];
  const until = performance.now() + SECONDS * 1000;
  const started = performance.now();
  async function worker(w: number): Promise<void> {
    while (performance.now() < until) {
      const id = `${name}-${w}-${n++}`;
      const meta: EventMetadata = { tenantId: 'tenant-1', actor: 'key-1', correlationId: id, causationId: null };
      const t0 = performance.now();
      const events = [{ type: 'DeclarationLodged', payload, simMinutes: 0 }];
      if (!full) {
        await store.append({ aggregateType: 'declaration', aggregateId: id }, 0, events, meta);
      } else {
        await idempotency.once({ tenantId: 'tenant-1', key: id, fingerprint: payload }, async (remember) => {
          const response = { status: 201, body: { id, status: 'lodged' } };
          await store.append(
            { aggregateType: 'declaration', aggregateId: id },
            0,
            events,
            meta,
            allWork(
              (tx) => tx.query('INSERT INTO bench_declarations (id, tenant_id, status, port, body) VALUES ($1, $2, $3, $4, $5)', [id, 'tenant-1', 'lodged', 'khorgos', JSON.stringify(payload)]).then(() => undefined),
              (tx) => notify(tx, 'tenant-1', [{ declarationId: id, eventType: 'DeclarationLodged', status: 'lodged', simMinutes: 0 }]),
              remember(response),
            ),
          );
          return response;
        });
      }
      latencies.push(performance.now() - t0);
    }
  }
  await Promise.all(Array.from({ length: concurrency }, (_, w) => worker(w)));
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const result = { name, perSecond: Math.round(latencies.length / elapsed), p99Ms: +latencies[Math.floor(latencies.length * 0.99)].toFixed(2) };
  process.stdout.write(`${name.padEnd(48)} ${String(result.perSecond).padStart(7)} appends/s   p99 ${result.p99Ms} ms\n`);
  return result;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'swsim-bench-'));
  const database = await openDatabase({ DATABASE_PATH: join(dir, 'bench.sqlite') });
  try {
    await database.db.query('CREATE TABLE bench_declarations (id VARCHAR(64) PRIMARY KEY, tenant_id VARCHAR(36) NOT NULL, status VARCHAR(32) NOT NULL, port VARCHAR(32) NOT NULL, body TEXT NOT NULL)');
    const typeorm = new TypeOrmSqlDatabase(database.dataSource);
    // As the server runs: WAL checkpoints in a worker thread (DatabaseModule starts it).
    const checkpointer = new WalCheckpointer(sqliteConnectionOf(database.dataSource)!, join(dir, 'bench.sqlite'));
    if (process.env.CHECKPOINTER !== 'off') checkpointer.start();
    const results = [
      await measure('sqlite group commit, events only, 50 in flight', database.db, 50, false),
      await measure('sqlite group commit, lodgement tx, 50 in flight', database.db, 50, true),
      await measure('sqlite group commit, lodgement tx, 1 in flight', database.db, 1, true),
      // TypeORM's query runner on SQLite is one shared connection: only one transaction at a time is safe.
      await measure('typeorm query runner, lodgement tx, 1 in flight', typeorm, 1, true),
    ];
    await checkpointer.stop();
    process.stdout.write(`${JSON.stringify(Object.fromEntries(results.map((r) => [r.name, { perSecond: r.perSecond, p99Ms: r.p99Ms }])))}\n`);
  } finally {
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
