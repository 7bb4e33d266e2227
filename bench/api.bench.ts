// npm run bench:api: lodgements per second through the real server. Starts the built server on a
// fresh SQLite file, creates a trader key with the CLI, then lodges declarations from 50 concurrent
// connections for a fixed time (autocannon). The last line is one JSON object with the figures.
// Beside the rates it prints the server's CPU time per lodgement (all its threads, from /proc on
// Linux): a figure that, unlike requests/s, hardly moves when something else shares the machine.

import autocannon from 'autocannon';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { greenChannel } from '../src/planning/domain/reforms/green-channel.reform';
import { startServer } from '../test/support/server-process';

const ROOT = join(__dirname, '..');
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);

/** CPU time (user + system, every thread) a process has used, in ms; null where /proc is not there. */
function cpuMs(pid: number | undefined): number | null {
  try {
    // Fields after the command name: utime and stime are the 12th and 13th, in clock ticks (100/s).
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return null;
  }
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'swsim-bench-'));
  const env = { ...process.env, DATABASE_PATH: join(dir, 'swsim.sqlite'), NODE_ENV: 'production' };
  const key = execFileSync('node', [join(ROOT, 'bin/swsim.js'), 'keys', 'create', '--tenant', 'bench', '--role', 'trader'], { env, encoding: 'utf8' }).trim();
  const { child: server, base } = await startServer(env);
  try {
    const body = JSON.stringify({ ...greenChannel.example, mode: 'manual' });
    const cpuBefore = cpuMs(server.pid);
    const result = await autocannon({
      url: `${base}/api/declarations`,
      method: 'POST',
      connections: CONNECTIONS,
      duration: SECONDS,
      headers: { 'content-type': 'application/json', 'x-api-key': key },
      body,
    });
    const cpuAfter = cpuMs(server.pid);
    const errors = result.errors + result.timeouts + result.non2xx;
    const cpuUsPerLodgement = cpuBefore !== null && cpuAfter !== null && result.requests.total > 0 ? Math.round(((cpuAfter - cpuBefore) * 1000) / result.requests.total) : null;
    console.log(`${result.requests.total} lodgements in ${SECONDS} s from ${CONNECTIONS} connections`);
    console.log(`requests/s: mean ${result.requests.average}, p50 latency ${result.latency.p50} ms, p99 ${result.latency.p99} ms, errors ${errors}`);
    if (cpuUsPerLodgement !== null) console.log(`server CPU per lodgement (all threads): ${cpuUsPerLodgement} us`);
    console.log(JSON.stringify({ lodgementsPerSecond: Math.round(result.requests.average), p99Ms: result.latency.p99, errors }));
  } finally {
    server.kill('SIGTERM');
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
