// npm run bench:api: lodgements per second through the real server. Starts the built server on a
// fresh SQLite file, creates a trader key with the CLI, then lodges declarations from 50 concurrent
// connections for a fixed time (autocannon). The last line is one JSON object with the figures.

import autocannon from 'autocannon';
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { greenChannel } from '../src/planning/domain/reforms/green-channel.reform';

const ROOT = join(__dirname, '..');
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function waitForHealth(base: string, server: ChildProcess): Promise<void> {
  for (let i = 0; i < 300; i++) {
    if (server.exitCode !== null) throw new Error(`server exited with ${server.exitCode}`);
    try {
      if ((await fetch(`${base}/api/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('server did not answer /api/health in 30 s');
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'swsim-bench-'));
  const env = { ...process.env, DATABASE_PATH: join(dir, 'swsim.sqlite'), NODE_ENV: 'production' };
  const key = execFileSync('node', [join(ROOT, 'bin/swsim.js'), 'keys', 'create', '--tenant', 'bench', '--role', 'trader'], { env, encoding: 'utf8' }).trim();
  const port = await freePort();
  const server = spawn('node', [join(ROOT, 'dist/main.js')], { env: { ...env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' }, stdio: 'ignore' });
  const base = `http://127.0.0.1:${port}`;
  try {
    await waitForHealth(base, server);
    const body = JSON.stringify({ ...greenChannel.example, mode: 'manual' });
    const result = await autocannon({
      url: `${base}/api/declarations`,
      method: 'POST',
      connections: CONNECTIONS,
      duration: SECONDS,
      headers: { 'content-type': 'application/json', 'x-api-key': key },
      body,
    });
    const errors = result.errors + result.timeouts + result.non2xx;
    console.log(`${result.requests.total} lodgements in ${SECONDS} s from ${CONNECTIONS} connections`);
    console.log(`requests/s: mean ${result.requests.average}, p50 latency ${result.latency.p50} ms, p99 ${result.latency.p99} ms, errors ${errors}`);
    console.log(JSON.stringify({ lodgementsPerSecond: Math.round(result.requests.average), p99Ms: result.latency.p99, errors }));
  } finally {
    server.kill('SIGTERM');
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
