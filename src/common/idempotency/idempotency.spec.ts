import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type OpenDatabase, openDatabase } from '../../database/open-database';
import type { EventMetadata } from '../../event-store/event-store';
import { SqlEventStore } from '../../event-store/sql-event-store';
import { DomainError } from '../domain/domain-error';
import { type CommandResponse, DEFAULT_RETENTION_HOURS, IdempotencyService, type Remember, allWork, canonicalJson, retentionHoursFrom } from './idempotency';

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

  describe('records are kept for the retention period', () => {
    let now = new Date('2026-01-10T12:00:00.000Z');
    let expiring: IdempotencyService;
    const hours = (h: number) => (now = new Date(now.getTime() + h * 3_600_000));

    beforeAll(() => {
      expiring = new IdempotencyService(database.db, { retentionHours: 24, now: () => now });
    });

    it('within it the first response is replayed; after it the key is new again, even with another body', async () => {
      const request = { tenantId: 'tenant-r', key: 'k-day', fingerprint: { body: 1 } };
      const first = await expiring.once(request, lodge({}));
      hours(23.9);
      expect(await expiring.once(request, lodge({}))).toEqual({ ...first, replayed: true });
      hours(0.2);
      const later = await expiring.once({ ...request, fingerprint: { body: 2 } }, lodge({}));
      expect(later.replayed).toBe(false);
      expect(later.body.id).not.toBe(first.body.id);
      // The new response replaced the expired one under the same key.
      expect(await expiring.once({ ...request, fingerprint: { body: 2 } }, lodge({}))).toEqual({ ...later, replayed: true });
      await expect(expiring.once(request, lodge({}))).rejects.toMatchObject({ code: 'IDEMPOTENCY.KEY_REUSED' });
    });

    it('sweep() deletes the expired records and only those', async () => {
      await expiring.once({ tenantId: 'tenant-s', key: 'old', fingerprint: {} }, lodge({}));
      hours(20);
      await expiring.once({ tenantId: 'tenant-s', key: 'young', fingerprint: {} }, lodge({}));
      hours(5);
      const keys = async () => (await database.db.query<{ key: string }>('SELECT "key" FROM idempotency_keys WHERE tenant_id = $1 ORDER BY "key"', ['tenant-s'])).map((r) => r.key);
      expect(await keys()).toEqual(['old', 'young']);
      expect(await expiring.sweep()).toBeGreaterThanOrEqual(1);
      expect(await keys()).toEqual(['young']);
    });
  });
});

describe('retentionHoursFrom', () => {
  it('reads IDEMPOTENCY_KEY_HOURS, defaults to 24 h, and refuses what is not a positive number', () => {
    expect(retentionHoursFrom({})).toBe(DEFAULT_RETENTION_HOURS);
    expect(retentionHoursFrom({ IDEMPOTENCY_KEY_HOURS: '' })).toBe(24);
    expect(retentionHoursFrom({ IDEMPOTENCY_KEY_HOURS: '0.5' })).toBe(0.5);
    for (const bad of ['0', '-3', 'soon', 'Infinity']) expect(() => retentionHoursFrom({ IDEMPOTENCY_KEY_HOURS: bad })).toThrow(`IDEMPOTENCY_KEY_HOURS must be a number of hours greater than 0, not '${bad}'`);
  });
});

describe('canonicalJson', () => {
  it('sorts object keys at every depth and drops undefined properties', () => {
    expect(canonicalJson({ b: [{ y: 1, x: undefined, w: null }], a: 'x' })).toBe('{"a":"x","b":[{"w":null,"y":1}]}');
  });
});
