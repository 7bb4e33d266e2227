// The README's replay walk-through, as written: every `npx swsim ...` line of its first code block runs
// as a process (a `> file` redirection captured), and its curl requests run against the real app.

import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type TestApp, createTestApp } from './support/test-app';

const ROOT = join(__dirname, '..');
const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
const section = readme.slice(readme.indexOf('## Replay and compare'), readme.indexOf('## The model'));
const [cliBlock, restBlock] = [...section.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]);

/** The `npx swsim ...` commands of the block: arguments, and the file stdout is redirected to. */
function swsimCommands(block: string): Array<{ line: string; args: string[]; stdoutFile: string | null }> {
  return block
    .split('\n')
    .map((line) => line.replace(/\s+#.*$/, '').trim())
    .filter((line) => line.startsWith('npx swsim '))
    .map((line) => {
      const [command, redirect] = line.split(/\s+>\s+/);
      return { line, args: command.split(/\s+/).slice(2), stdoutFile: redirect ?? null };
    });
}

describe('the README replay walk-through', () => {
  const dir = mkdtempSync(join(tmpdir(), 'swsim-readme-replay-'));
  const env = { ...process.env, DATABASE_PATH: join(dir, 'swsim.sqlite') };
  const run = (args: string[]) => execFileSync('node', [join(ROOT, 'bin/swsim.js'), ...args], { cwd: dir, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });

  it('runs every swsim command it shows', () => {
    const commands = swsimCommands(cliBlock);
    expect(commands.map((c) => c.args[0])).toEqual(expect.arrayContaining(['scenarios', 'replay', 'export-stream', 'schema']));
    // export-stream needs the tenant the walk-through names: a firm that has a key.
    run(['keys', 'create', '--tenant', 'acme', '--role', 'trader']);
    // Scenario files are named relative to the project, as a user in its folder would.
    for (const { line, args, stdoutFile } of commands) {
      const resolved = args.map((a) => (a.startsWith('scenarios/') ? join(ROOT, a) : a));
      const out = run(resolved);
      if (stdoutFile) writeFileSync(join(dir, stdoutFile), out);
      const written = resolved[resolved.indexOf('--out') + 1];
      if (resolved.includes('--out')) expect({ line, written: existsSync(join(dir, written)) }).toEqual({ line, written: true });
      else expect({ line, output: out.length > 0 }).toEqual({ line, output: true });
    }
    expect(readFileSync(join(dir, 'bakhtu.html'), 'utf8')).toContain('<svg');
    expect(JSON.parse(readFileSync(join(dir, 'scenario.schema.json'), 'utf8'))).toHaveProperty('properties.arrivals');
    expect(readFileSync(join(dir, 'acme.csv'), 'utf8').split('\n')[0]).toContain('arrivalMinutes');
  }, 180_000);

  describe('over REST', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp();
    });
    afterAll(() => t.app.close());

    it('queues the job it shows, reports its progress, and serves the report', async () => {
      const body = JSON.parse(/-d '([^']+)'/.exec(restBlock)![1]) as { scenario: string };
      const key = await t.key('readme', 'trader');
      const posted = await t.http.post('/api/replays').set('x-api-key', key).send(body).expect(202);
      expect(posted.headers.location).toBe(`/api/replays/${posted.body.id}`);
      let status = posted.body.status as string;
      for (let i = 0; i < 600 && !['succeeded', 'failed'].includes(status); i++) {
        await new Promise((r) => setTimeout(r, 250));
        status = (await t.http.get(`/api/replays/${posted.body.id}`).set('x-api-key', key).expect(200)).body.status;
      }
      expect(status).toBe('succeeded');
      const report = await t.http.get(`/api/replays/${posted.body.id}/report?format=md`).set('x-api-key', key).expect(200);
      expect(report.text).toContain('Replay report');
    }, 180_000);
  });
});
