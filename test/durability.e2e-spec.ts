// Nothing acknowledged is ever lost: the server runs as a process, declarations are lodged and
// advanced from many connections at once, the process is killed with SIGKILL mid-stream, and after a
// restart every acknowledged declaration is there with all its events, none half-written.

import { type ChildProcess, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REFORMS } from '../src/planning/domain/reforms/reform-catalogue';
import { ROOT, ensureBuilt } from './support/build';
import { startServer } from './support/server-process';

const example = (id: string) => REFORMS.find((r) => r.id === id)!.example;
const BODIES = [example('green-channel'), example('two-step-declaration'), example('port-plus-unloading-place'), example('tir')];

const exited = (child: ChildProcess) => new Promise<number | null>((resolve) => (child.exitCode !== null ? resolve(child.exitCode) : child.once('exit', (code) => resolve(code))));

describe('durability of acknowledged commands', () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;
  let trader: string;
  let officer: string;

  beforeAll(() => {
    ensureBuilt();
    dir = mkdtempSync(join(tmpdir(), 'swsim-kill-'));
    env = { ...process.env, DATABASE_PATH: join(dir, 'swsim.sqlite'), NODE_ENV: 'production' };
    const key = (role: string) => execFileSync(process.execPath, [join(ROOT, 'bin', 'swsim.js'), 'keys', 'create', '--tenant', 'durable', '--role', role], { env, encoding: 'utf8' }).trim();
    trader = key('trader');
    officer = key('officer');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps every acknowledged lodgement and clock advance, with all their events, through a SIGKILL', async () => {
    const { child, base } = await startServer(env);
    const acknowledged = new Set<string>();
    let killed = false;
    const lodge = async (i: number) => {
      const res = await fetch(`${base}/api/declarations`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': trader },
        body: JSON.stringify({ ...BODIES[i % BODIES.length], mode: 'auto' }),
      });
      if (res.status === 201) acknowledged.add(((await res.json()) as { id: string }).id);
    };
    const advance = (at = base) => fetch(`${at}/api/clock/advance`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': officer }, body: JSON.stringify({ hours: 3 }) });
    // Ten connections lodging, one advancing the clock, until the kill cuts them off.
    const workers = Array.from({ length: 10 }, async (_, w) => {
      for (let i = w; !killed; i += 10) await lodge(i).catch(() => undefined);
    });
    const clock = (async () => {
      while (!killed) await advance().catch(() => undefined);
    })();
    while (acknowledged.size < 150) await new Promise((r) => setTimeout(r, 20));
    child.kill('SIGKILL');
    killed = true;
    await exited(child);
    await Promise.all([...workers, clock]);

    const restarted = await startServer(env);
    try {
      for (const id of acknowledged) {
        const detail = await fetch(`${restarted.base}/api/declarations/${id}`, { headers: { 'x-api-key': trader } });
        expect(detail.status).toBe(200);
        const view = (await detail.json()) as { version: number };
        const events = (await (await fetch(`${restarted.base}/api/declarations/${id}/events`, { headers: { 'x-api-key': trader } })).json()) as { items: Array<{ version: number; type: string }> };
        expect(events.items[0].type).toBe('DeclarationLodged');
        // Versions 1..n without a gap, and the read model at the last one: no aggregate half-written.
        expect(events.items.map((e) => e.version)).toEqual(events.items.map((_, i) => i + 1));
        expect(view.version).toBe(events.items.length);
      }
      // The service goes on where it stopped: the clock still advances and walks the survivors.
      const after = await advance(restarted.base);
      expect(after.status).toBe(200);
    } finally {
      restarted.child.kill('SIGTERM');
      await exited(restarted.child);
    }
  }, 120_000);
});
