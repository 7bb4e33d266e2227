import { type ChildProcess, spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, ensureBuilt } from './support/build';
import { freePort } from './support/server-process';

interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

function start(env: Record<string, string>): { child: ChildProcess; exited: Promise<Exit> } {
  const child = spawn(process.execPath, [join(ROOT, 'dist', 'main.js')], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<Exit>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal, stdout, stderr })));
  return { child, exited };
}

async function waitForHealth(url: string, exited: Promise<Exit>): Promise<Response> {
  let stopped = false;
  void exited.then(() => (stopped = true));
  for (let attempt = 0; attempt < 200 && !stopped; attempt++) {
    try {
      return await fetch(url);
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error(`no answer from ${url}: ${JSON.stringify(await Promise.race([exited, Promise.resolve(null)]))}`);
}

describe('node dist/main.js (npm start)', () => {
  let seeds: string;

  beforeAll(() => {
    ensureBuilt();
    seeds = mkdtempSync(join(tmpdir(), 'swsim-seeds-'));
    cpSync(join(ROOT, 'seeds'), seeds, { recursive: true });
    const sites = JSON.parse(readFileSync(join(seeds, 'sites.json'), 'utf8'));
    sites.items[1].calendar.opens = '25:99';
    writeFileSync(join(seeds, 'sites.json'), JSON.stringify(sites, null, 2));
  }, 120_000);

  afterAll(() => rmSync(seeds, { recursive: true, force: true }));

  it('serves on PORT and closes gracefully on SIGTERM; a broken seed file or setting stops it naming the file and path', async () => {
    const port = await freePort();
    const good = start({ PORT: String(port), HOST: '127.0.0.1' });
    const broken = start({ PORT: '0', SWSIM_SEEDS_DIR: seeds });
    const badSetting = start({ PORT: '0', DATABASE_PATH: join(seeds, 'swsim.sqlite'), IDEMPOTENCY_KEY_HOURS: 'soon' });

    const health = await waitForHealth(`http://127.0.0.1:${port}/api/health`, good.exited);
    expect(health.status).toBe(200);
    good.child.kill('SIGTERM');
    const stopped = await good.exited;
    expect(stopped.signal === 'SIGTERM' || stopped.code === 0).toBe(true);

    const failed = await broken.exited;
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain(`swsim: cannot start: ${join(seeds, 'sites.json')}: items[1].calendar.opens: must be HH:MM`);
    const refused = await badSetting.exited;
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("swsim: cannot start: IDEMPOTENCY_KEY_HOURS must be a number of hours greater than 0, not 'soon'");
  }, 60_000);
});
