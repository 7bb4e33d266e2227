// The README's declarations walk-through, as written: keys from the CLI, the lodge body from the
// README's curl command, then the clock, the detail, the events and the notifications, against the
// built server started as a process, the way a new user runs it.

import { type ChildProcess, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, ensureBuilt } from './support/build';
import { startServer } from './support/server-process';

const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');

function lodgeBody(): Record<string, unknown> {
  const match = /curl -s localhost:3000\/api\/declarations -H[^\n]*\\\n[^\n]*-d '([^']+)'/.exec(readme);
  if (!match) throw new Error('README.md has no curl example lodging a declaration');
  return JSON.parse(match[1]) as Record<string, unknown>;
}

describe('the README declarations walk-through', () => {
  let dir: string;
  let server: ChildProcess;
  let base: string;
  let trader: string;
  let officer: string;

  beforeAll(async () => {
    ensureBuilt();
    dir = mkdtempSync(join(tmpdir(), 'swsim-readme-'));
    const env = { ...process.env, DATABASE_PATH: join(dir, 'swsim.sqlite') };
    const key = (role: string) => execFileSync(process.execPath, [join(ROOT, 'bin', 'swsim.js'), 'keys', 'create', '--tenant', 'acme', '--role', role], { env, encoding: 'utf8' });
    trader = key('trader');
    officer = key('officer');
    ({ child: server, base } = await startServer(env));
  }, 60_000);

  afterAll(() => {
    server?.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  });

  const call = async (path: string, key: string, body?: unknown, headers: Record<string, string> = {}) => {
    const res = await fetch(base + path, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { 'x-api-key': key, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Record<string, any> }; // eslint-disable-line @typescript-eslint/no-explicit-any
  };

  it('prints each key alone on stdout', () => {
    expect(trader).toMatch(/^\S+\n?$/);
    expect(officer).toMatch(/^\S+\n?$/);
  });

  it('lodges, advances the clock a day, and finds the declaration released with its timeline and notifications', async () => {
    const t = trader.trim();
    const lodged = await call('/api/declarations', t, lodgeBody(), { 'idempotency-key': 'acme-0001' });
    expect(lodged.status).toBe(201);
    expect(lodged.body.status).toBe('lodged');
    const again = await call('/api/declarations', t, lodgeBody(), { 'idempotency-key': 'acme-0001' });
    expect(again.body.id).toBe(lodged.body.id);

    const advanced = await call('/api/clock/advance', officer.trim(), { hours: 24 });
    expect(advanced.status).toBe(200);

    const detail = await call(`/api/declarations/${lodged.body.id}`, t);
    expect(['released', 'exited', 'completed']).toContain(detail.body.status);
    expect(Object.keys(detail.body.intervalMinutes).length).toBeGreaterThan(0);
    const events = await call(`/api/declarations/${lodged.body.id}/events`, t);
    expect(events.body.items[0].type).toBe('DeclarationLodged');
    expect(events.body.items.map((e: { type: string }) => e.type)).toContain('GoodsReleased');
    const notifications = await call('/api/notifications', t);
    expect(JSON.stringify(notifications.body)).toContain(lodged.body.id);
  });
});
