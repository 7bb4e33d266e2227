// Tenants, API keys, roles and notifications through the real AppModule on a temporary SQLite file;
// the CLI's `keys create` as a process on the same file; migrations on a fresh file and on restart.

import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqlDatabase } from '../src/database/sql-database';
import { notify } from '../src/notifications/notify';
import { ROOT, ensureBuilt } from './support/build';
import { type TestApp, createTestApp, expectProblem } from './support/test-app';

/** The tables of this migrations (other features add their own). */
const TABLES = ['api_keys', 'events', 'idempotency_keys', 'notifications', 'schema_migrations', 'tenants'];

function swsim(args: string[], env: Record<string, string>): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [join(ROOT, 'bin', 'swsim.js'), ...args], { env: { ...process.env, ...env }, encoding: 'utf8', timeout: 30_000 }, (error, stdout, stderr) => {
      resolve({ status: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr });
    });
  });
}

async function tables(db: SqlDatabase): Promise<string[]> {
  const rows = await db.query<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name");
  return rows.map((r) => r.name);
}

describe('accounts: tenants, API keys and roles', () => {
  let t: TestApp;
  const keys: Record<'admin' | 'officer' | 'trader', string> = { admin: '', officer: '', trader: '' };

  beforeAll(async () => {
    t = await createTestApp();
    for (const role of ['admin', 'officer', 'trader'] as const) keys[role] = await t.key('operator', role);
  });

  afterAll(() => t.app.close());

  it('answers 401 without a key and with an unknown one, on protected routes only', async () => {
    expectProblem(await t.http.get('/api/notifications'), 401, 'AUTH.KEY_MISSING');
    expectProblem(await t.http.get('/api/notifications').set('x-api-key', ''), 401, 'AUTH.KEY_MISSING');
    expectProblem(await t.http.get('/api/notifications').set('x-api-key', 'swsim_not-a-key'), 401, 'AUTH.KEY_INVALID');
    expectProblem(await t.http.get('/api/tenants'), 401, 'AUTH.KEY_MISSING');
    for (const path of ['/api/health', '/api/reforms', '/api/options', '/api/reference', '/api/openapi.json']) await t.http.get(path).expect(200);
    await t.http.get('/api/docs').redirects(1).expect(200);
  });

  it.each([
    ['trader', 'GET', '/api/notifications', 200],
    ['officer', 'GET', '/api/notifications', 200],
    ['admin', 'GET', '/api/notifications', 200],
    ['trader', 'GET', '/api/tenants', 403],
    ['officer', 'GET', '/api/tenants', 403],
    ['admin', 'GET', '/api/tenants', 200],
    ['trader', 'POST', '/api/tenants/operator/keys', 403],
    ['officer', 'PATCH', '/api/tenants/operator', 403],
  ] as const)('a %s key: %s %s is %i', async (role, method, path, status) => {
    const req = method === 'GET' ? t.http.get(path) : method === 'POST' ? t.http.post(path).send({ role: 'trader' }) : t.http.patch(path).send({ seed: 1 });
    const res = await req.set('x-api-key', keys[role]);
    if (status === 403) {
      const problem = expectProblem(res, 403, 'AUTH.ROLE_FORBIDDEN');
      expect(problem.details).toEqual({ role, allowed: ['admin'] });
    } else {
      expect(res.status).toBe(status);
    }
  });

  it('lets an admin create a tenant and its keys over REST; the key works until it is revoked', async () => {
    const admin = { 'x-api-key': keys.admin };
    const created = await t.http.post('/api/tenants').set(admin).send({ name: 'silk-road-freight', seed: 7 }).expect(201);
    expect(created.body).toEqual({ id: expect.any(String), name: 'silk-road-freight', seed: 7, clockMinutes: 0, optionId: 'baseline', createdAt: expect.any(String) });
    expectProblem(await t.http.post('/api/tenants').set(admin).send({ name: 'silk-road-freight' }), 409, 'TENANT.NAME_TAKEN');
    expect(expectProblem(await t.http.post('/api/tenants').set(admin).send({ name: 'Silk Road' }), 400, 'REQUEST.INVALID').errors[0].path).toBe('name');
    expectProblem(await t.http.post('/api/tenants').set(admin).send({ name: 'x', optionId: 'utopia' }), 422, 'OPTION.UNKNOWN');

    const issued = await t.http.post('/api/tenants/silk-road-freight/keys').set(admin).send({ role: 'trader' }).expect(201);
    expect(issued.body).toEqual({ id: expect.any(String), tenant: 'silk-road-freight', role: 'trader', prefix: issued.body.key.slice(0, 12), createdAt: expect.any(String), revokedAt: null, key: expect.stringMatching(/^swsim_[\w-]{43}$/) });
    expectProblem(await t.http.post('/api/tenants/nobody/keys').set(admin).send({ role: 'trader' }), 404, 'TENANT.NOT_FOUND');
    expectProblem(await t.http.post('/api/tenants/silk-road-freight/keys').set(admin).send({ role: 'boss' }), 400, 'REQUEST.INVALID');

    const trader = { 'x-api-key': issued.body.key };
    await t.http.get('/api/notifications').set(trader).expect(200);
    const listed = await t.http.get('/api/tenants/silk-road-freight/keys').set(admin).expect(200);
    expect(listed.body).toEqual([expect.objectContaining({ id: issued.body.id, prefix: issued.body.prefix, revokedAt: null })]);
    expect(JSON.stringify(listed.body)).not.toContain(issued.body.key);

    const revoked = await t.http.delete(`/api/tenants/silk-road-freight/keys/${issued.body.id}`).set(admin).expect(200);
    expect(revoked.body.revokedAt).toEqual(expect.any(String));
    expectProblem(await t.http.get('/api/notifications').set(trader), 401, 'AUTH.KEY_INVALID');
    expectProblem(await t.http.delete('/api/tenants/silk-road-freight/keys/no-such-key').set(admin), 404, 'API_KEY.NOT_FOUND');

    const updated = await t.http.patch('/api/tenants/silk-road-freight').set(admin).send({ seed: 99, optionId: 'overall-plan-2023' }).expect(200);
    expect(updated.body).toMatchObject({ name: 'silk-road-freight', seed: 99, optionId: 'overall-plan-2023' });
    expect((await t.http.get('/api/tenants/silk-road-freight').set(admin).expect(200)).body).toEqual(updated.body);
    expectProblem(await t.http.patch('/api/tenants/silk-road-freight').set(admin).send({ seed: -1 }), 400, 'REQUEST.INVALID');
    const names = (await t.http.get('/api/tenants').set(admin).expect(200)).body.map((x: { name: string }) => x.name);
    expect(names).toEqual(expect.arrayContaining(['operator', 'silk-road-freight']));
  });

  it('replays POST /api/tenants for the same Idempotency-Key and body, and refuses the key with another body', async () => {
    const admin = { 'x-api-key': keys.admin, 'idempotency-key': 'create-kashgar-1' };
    const [a, b] = await Promise.all([t.http.post('/api/tenants').set(admin).send({ name: 'kashgar-traders', seed: 3 }), t.http.post('/api/tenants').set(admin).send({ seed: 3, name: 'kashgar-traders' })]);
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(b.body).toEqual(a.body);
    const again = await t.http.post('/api/tenants').set(admin).send({ name: 'kashgar-traders', seed: 3 }).expect(201);
    expect(again.body).toEqual(a.body);
    expectProblem(await t.http.post('/api/tenants').set(admin).send({ name: 'kashgar-traders-2' }), 422, 'IDEMPOTENCY.KEY_REUSED');
    expectProblem(await t.http.post('/api/tenants').set({ ...admin, 'idempotency-key': 'x'.repeat(256) }).send({ name: 'kashgar-traders-3' }), 400, 'REQUEST.INVALID');
  });
});

describe('notifications', () => {
  let t: TestApp;
  let alpha: string;
  let beta: string;

  beforeAll(async () => {
    t = await createTestApp();
    alpha = await t.key('alpha', 'trader');
    beta = await t.key('beta', 'officer');
    const db = t.app.get(SqlDatabase);
    const [a] = await db.query<{ id: string }>('SELECT id FROM tenants WHERE name = $1', ['alpha']);
    const [b] = await db.query<{ id: string }>('SELECT id FROM tenants WHERE name = $1', ['beta']);
    await db.transaction(async (tx) => {
      await notify(
        tx,
        a.id,
        Array.from({ length: 5 }, (_, i) => ({ declarationId: `dcl-a${i}`, eventType: 'GoodsReleased', status: 'released', simMinutes: 60 * i })),
      );
      await notify(tx, b.id, [{ declarationId: 'dcl-b0', eventType: 'ChannelAssigned', status: 'red', simMinutes: 5 }]);
    });
  });

  afterAll(() => t.app.close());

  it("shows each tenant only its own notifications, and acknowledges only the caller's ids", async () => {
    const a = (await t.http.get('/api/notifications').set('x-api-key', alpha).expect(200)).body;
    const b = (await t.http.get('/api/notifications').set('x-api-key', beta).expect(200)).body;
    expect(a.items.map((n: { declarationId: string }) => n.declarationId)).toEqual(['dcl-a0', 'dcl-a1', 'dcl-a2', 'dcl-a3', 'dcl-a4']);
    expect(a.items[1]).toEqual({ id: expect.any(Number), declarationId: 'dcl-a1', eventType: 'GoodsReleased', status: 'released', simMinutes: 60, createdAt: expect.any(String), ackedAt: null });
    expect(b.items).toEqual([expect.objectContaining({ declarationId: 'dcl-b0', status: 'red' })]);
    expect(a.nextCursor).toBeNull();

    const foreign = await t.http.post('/api/notifications/ack').set('x-api-key', alpha).send({ ids: [b.items[0].id] }).expect(200);
    expect(foreign.body).toEqual({ acknowledged: [] });
    expect((await t.http.get('/api/notifications').set('x-api-key', beta)).body.items[0].ackedAt).toBeNull();
  });

  it('lists unacknowledged first, page by page with the cursor', async () => {
    const all = (await t.http.get('/api/notifications').set('x-api-key', alpha)).body.items as Array<{ id: number }>;
    const ack = await t.http
      .post('/api/notifications/ack')
      .set('x-api-key', alpha)
      .send({ ids: [all[0].id, all[2].id] })
      .expect(200);
    expect(ack.body).toEqual({ acknowledged: [all[0].id, all[2].id] });
    expect((await t.http.post('/api/notifications/ack').set('x-api-key', alpha).send({ ids: [all[0].id] })).body).toEqual({ acknowledged: [] });

    const seen: string[] = [];
    let after: string | null = '';
    for (let page = 0; after !== null && page < 10; page++) {
      const res: { body: { items: Array<{ declarationId: string }>; nextCursor: string | null } } = await t.http
        .get('/api/notifications')
        .query({ limit: 2, ...(after ? { after } : {}) })
        .set('x-api-key', alpha)
        .expect(200);
      expect(res.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...res.body.items.map((n) => n.declarationId));
      after = res.body.nextCursor;
    }
    expect(seen).toEqual(['dcl-a1', 'dcl-a3', 'dcl-a4', 'dcl-a0', 'dcl-a2']);
    const queue = (await t.http.get('/api/notifications').query({ state: 'unacked' }).set('x-api-key', alpha).expect(200)).body.items;
    expect(queue.map((n: { declarationId: string }) => n.declarationId)).toEqual(['dcl-a1', 'dcl-a3', 'dcl-a4']);
  });

  it('refuses bad queries and bodies with 400 naming the field', async () => {
    expect(expectProblem(await t.http.get('/api/notifications').query({ limit: 0 }).set('x-api-key', alpha), 400, 'REQUEST.INVALID').errors[0].path).toBe('limit');
    expect(expectProblem(await t.http.get('/api/notifications').query({ after: 'zzz' }).set('x-api-key', alpha), 400, 'REQUEST.INVALID').errors[0].path).toBe('after');
    expect(expectProblem(await t.http.post('/api/notifications/ack').set('x-api-key', alpha).send({ ids: ['x'] }), 400, 'REQUEST.INVALID').errors[0].path).toBe('ids');
  });
});

describe('the database', () => {
  it('is migrated on a fresh file, keeps its data on restart without migrating again, and takes keys from `swsim keys create`', async () => {
    ensureBuilt();
    const dir = mkdtempSync(join(tmpdir(), 'swsim-restart-'));
    const first = await createTestApp({ databasePath: join(dir, 'data', 'swsim.sqlite') });
    const db = first.app.get(SqlDatabase);
    const created = await tables(db);
    expect(created).toEqual(expect.arrayContaining(TABLES));
    const [{ journal_mode }] = await db.query<{ journal_mode: string }>('PRAGMA journal_mode');
    expect(journal_mode).toBe('wal');
    const migrations = await db.query<{ name: string }>('SELECT name FROM schema_migrations ORDER BY id');
    expect(migrations.length).toBeGreaterThanOrEqual(4);

    // The CLI, as a separate process, on the same file while the server has it open.
    const cli = await swsim(['keys', 'create', '--tenant', 'cli-made', '--role', 'officer'], { DATABASE_PATH: first.databasePath });
    expect(cli).toEqual({ status: 0, stdout: expect.stringMatching(/^swsim_[\w-]{43}\n$/), stderr: expect.stringContaining("created tenant 'cli-made'") });
    const key = cli.stdout.trim();
    await first.http.get('/api/notifications').set('x-api-key', key).expect(200);

    const listed = await swsim(['tenants', 'list', '--format', 'json'], { DATABASE_PATH: first.databasePath });
    expect(JSON.parse(listed.stdout)).toEqual([expect.objectContaining({ name: 'cli-made', clockMinutes: 0, optionId: 'baseline' })]);

    // Restart on the same file: nothing migrated twice, the key still works.
    await first.app.close();
    const second = await createTestApp({ databasePath: first.databasePath });
    try {
      const again = second.app.get(SqlDatabase);
      expect(await again.query('SELECT name FROM schema_migrations ORDER BY id')).toEqual(migrations);
      expect(await tables(again)).toEqual(created);
      await second.http.get('/api/notifications').set('x-api-key', key).expect(200);
    } finally {
      await second.app.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('`swsim keys list` and `keys revoke` manage keys from the command line; a revoked key gets 401', async () => {
    ensureBuilt();
    const dir = mkdtempSync(join(tmpdir(), 'swsim-keys-'));
    const env = { DATABASE_PATH: join(dir, 'swsim.sqlite') };
    try {
      const key = (await swsim(['keys', 'create', '--tenant', 'acme', '--role', 'trader'], env)).stdout.trim();
      await swsim(['keys', 'create', '--tenant', 'acme', '--role', 'officer'], env);
      const listed = await swsim(['keys', 'list', '--tenant', 'acme', '--format', 'json'], env);
      expect(listed.status).toBe(0);
      const records = JSON.parse(listed.stdout) as Array<{ id: string; role: string; prefix: string; revokedAt: string | null }>;
      expect(records.map((r) => [r.role, r.revokedAt])).toEqual([
        ['trader', null],
        ['officer', null],
      ]);
      expect(listed.stdout).not.toContain(key);
      const trader = records[0];
      expect(key.startsWith(trader.prefix)).toBe(true);

      const revoked = await swsim(['keys', 'revoke', '--tenant', 'acme', trader.id], env);
      expect(revoked).toEqual({ status: 0, stdout: '', stderr: expect.stringContaining(`revoked the trader key ${trader.id} of 'acme'`) });
      const table = await swsim(['keys', 'list', '--tenant', 'acme'], env);
      expect(table.stdout).toMatch(new RegExp(`${trader.id}.*trader.*\\d{4}-\\d\\d-\\d\\dT.*\\d{4}-\\d\\d-\\d\\dT`));

      const app = await createTestApp({ databasePath: env.DATABASE_PATH });
      try {
        expectProblem(await app.http.get('/api/notifications').set('x-api-key', key), 401, 'AUTH.KEY_INVALID');
      } finally {
        await app.app.close();
      }

      const unknown = await swsim(['keys', 'revoke', '--tenant', 'acme', 'no-such-key'], env);
      expect(unknown).toEqual({ status: 2, stdout: '', stderr: expect.stringContaining("Tenant 'acme' has no API key 'no-such-key'") });
      const noTenant = await swsim(['keys', 'list', '--tenant', 'nobody'], env);
      expect(noTenant.status).toBe(2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('is migrated once when several processes open a fresh file at the same moment', async () => {
    ensureBuilt();
    const dir = mkdtempSync(join(tmpdir(), 'swsim-race-'));
    try {
      const env = { DATABASE_PATH: join(dir, 'swsim.sqlite') };
      const runs = await Promise.all([
        swsim(['keys', 'create', '--tenant', 'racer', '--role', 'admin'], env),
        swsim(['keys', 'create', '--tenant', 'racer', '--role', 'trader'], env),
        swsim(['tenants', 'list', '--format', 'json'], env),
      ]);
      expect(runs.map((r) => [r.status, r.stderr.includes('unexpected error')])).toEqual([
        [0, false],
        [0, false],
        [0, false],
      ]);
      const listed = await swsim(['tenants', 'list', '--format', 'json'], env);
      expect(JSON.parse(listed.stdout).map((x: { name: string }) => x.name)).toEqual(['racer']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
