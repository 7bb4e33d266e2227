import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type OpenDatabase, openDatabase } from '../../database/open-database';
import type { EventMetadata } from '../../event-store/event-store';
import { SqlEventStore } from '../../event-store/sql-event-store';
import { DomainError } from '../domain/domain-error';
import { type CommandResponse, IdempotencyService, type Remember, allWork, canonicalJson } from './idempotency';

const meta: EventMetadata = { tenantId: 'tenant-a', actor: 'key-1', correlationId: 'c', causationId: null };

describe('IdempotencyService with the SQL event store', () => {
  let dir: string;
  let database: OpenDatabase;
  let store: SqlEventStore;
  let idempotency: IdempotencyService;
  let lodgements = 0;

  /** A lodgement as a handler writes it: a new aggregate id each run, the response recorded in the append transaction. */
  const lodge =
    (body: object) =>
    async (remember: Remember<{ id: string; status: string }>): Promise<CommandResponse<{ id: string; status: string }>> => {
      const id = `dcl-${++lodgements}`;
      const response = { status: 201, body: { id, status: 'lodged' } };
      await store.append({ aggregateType: 'declaration', aggregateId: id }, 0, [{ type: 'DeclarationLodged', payload: { ...body }, simMinutes: 0 }], meta, remember(response));
      return response;
    };

  const streams = async () => (await store.readAll(0, 10_000)).map((e) => e.aggregateId);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'swsim-idem-'));
    database = await openDatabase({ DATABASE_PATH: join(dir, 'idem.sqlite') });
    store = new SqlEventStore(database.db);
    idempotency = new IdempotencyService(database.db);
  });

  afterAll(async () => {
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('without a key, simply runs the command', async () => {
    const first = await idempotency.once({ tenantId: 'tenant-a', key: undefined, fingerprint: { a: 1 } }, lodge({ a: 1 }));
    const second = await idempotency.once({ tenantId: 'tenant-a', key: undefined, fingerprint: { a: 1 } }, lodge({ a: 1 }));
    expect(first.body.id).not.toBe(second.body.id);
    expect(first.replayed).toBe(false);
  });

  it('same key and body: the first response again, nothing run or written', async () => {
    const before = (await streams()).length;
    const request = { tenantId: 'tenant-a', key: 'k-1', fingerprint: { route: 'POST /api/declarations', body: { port: 'khorgos', lines: [1] } } };
    const first = await idempotency.once(request, lodge({ port: 'khorgos' }));
    const again = await idempotency.once({ ...request, fingerprint: { body: { lines: [1], port: 'khorgos' }, route: 'POST /api/declarations' } }, lodge({ port: 'khorgos' }));
    expect(first).toEqual({ status: 201, body: { id: expect.any(String), status: 'lodged' }, replayed: false });
    expect(again).toEqual({ ...first, replayed: true });
    expect((await streams()).length).toBe(before + 1);
  });

  it('same key, other body: 422 IDEMPOTENCY.KEY_REUSED', async () => {
    await idempotency.once({ tenantId: 'tenant-a', key: 'k-2', fingerprint: { body: 1 } }, lodge({}));
    const reuse = idempotency.once({ tenantId: 'tenant-a', key: 'k-2', fingerprint: { body: 2 } }, lodge({}));
    await expect(reuse).rejects.toBeInstanceOf(DomainError);
    await expect(reuse).rejects.toMatchObject({ code: 'IDEMPOTENCY.KEY_REUSED', kind: 'rule' });
  });

  it('keys are per tenant', async () => {
    const a = await idempotency.once({ tenantId: 'tenant-a', key: 'shared', fingerprint: { x: 1 } }, lodge({}));
    const b = await idempotency.once({ tenantId: 'tenant-b', key: 'shared', fingerprint: { x: 2 } }, lodge({}));
    expect(b.body.id).not.toBe(a.body.id);
    expect(b.replayed).toBe(false);
  });

  it('two concurrent requests with one key: one write, and the loser answers the winner’s response', async () => {
    const before = (await streams()).length;
    const request = { tenantId: 'tenant-a', key: 'k-race', fingerprint: { body: 'same' } };
    const results = await Promise.all(Array.from({ length: 5 }, () => idempotency.once(request, lodge({}))));
    expect(new Set(results.map((r) => r.body.id)).size).toBe(1);
    expect(results.filter((r) => !r.replayed)).toHaveLength(1);
    expect((await streams()).length).toBe(before + 1);
  });

  it('a failed command records nothing, so a retry runs it', async () => {
    const request = { tenantId: 'tenant-a', key: 'k-fail', fingerprint: {} };
    await expect(idempotency.once(request, async () => Promise.reject(new Error('refused')))).rejects.toThrow('refused');
    await expect(idempotency.once(request, lodge({}))).resolves.toMatchObject({ replayed: false });
  });

  it('the record commits with the events or not at all', async () => {
    const before = (await streams()).length;
    const request = { tenantId: 'tenant-a', key: 'k-atomic', fingerprint: {} };
    const failing = idempotency.once(request, async (remember) => {
      const response = { status: 201, body: { id: 'dcl-x', status: 'lodged' } };
      const boom = async () => Promise.reject(new Error('projection failed'));
      await store.append({ aggregateType: 'declaration', aggregateId: 'dcl-x' }, 0, [{ type: 'DeclarationLodged', payload: {}, simMinutes: 0 }], meta, allWork(remember(response), boom));
      return response;
    });
    await expect(failing).rejects.toThrow('projection failed');
    expect((await streams()).length).toBe(before);
    expect(await database.db.query('SELECT "key" FROM idempotency_keys WHERE "key" = $1', ['k-atomic'])).toEqual([]);
  });
});

describe('canonicalJson', () => {
  it('sorts object keys at every depth and drops undefined properties', () => {
    expect(canonicalJson({ b: [{ y: 1, x: undefined, w: null }], a: 'x' })).toBe('{"a":"x","b":[{"w":null,"y":1}]}');
  });
});
