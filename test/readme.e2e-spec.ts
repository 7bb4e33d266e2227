// The README's walk-through, as written: the curl request it shows is sent to the real app, and the
// CLI commands it shows run against a file holding the same declaration.

import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestApp } from './support/test-app';

const ROOT = join(__dirname, '..');
const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');

/** The JSON body of the README's `curl ... /api/plans ... -d '...'` example. */
function curlBody(): { declaration: unknown; reforms: string[] } {
  const match = /curl -s localhost:3000\/api\/plans[^\n]*-d '([^']+)'/.exec(readme);
  if (!match) throw new Error('README.md has no curl example for POST /api/plans');
  return JSON.parse(match[1]);
}

describe('the README walk-through', () => {
  let app: NestFastifyApplication;
  let http: Awaited<ReturnType<typeof createTestApp>>['http'];

  beforeAll(async () => {
    ({ app, http } = await createTestApp());
  });
  afterAll(() => app.close());

  it('shows the two set-up commands', () => {
    expect(readme).toContain('npm ci && npm start');
    expect(readme).toContain('npm ci && npm test');
  });

  it('lists the reforms, each with an example', async () => {
    const res = await http.get('/api/reforms').expect(200);
    expect(res.body).toHaveLength(15);
    expect(res.body.every((r: { example?: unknown }) => r.example !== undefined)).toBe(true);
  });

  it('plans its example declaration under the green channel, faster than the baseline, with the changes explained', async () => {
    const res = await http.post('/api/plans').send(curlBody()).expect(200);
    expect(res.body.expected.hoursToRelease).toBeLessThan(res.body.baseline.expected.hoursToRelease);
    expect(res.body.changes.length).toBeGreaterThan(0);
    expect(res.body.changes.every((c: { reform: string; reason: string }) => c.reform === 'green-channel' && c.reason.length > 0)).toBe(true);
  });

  it('gives the same figures from the CLI commands it shows', async () => {
    const { declaration } = curlBody();
    const file = join(mkdtempSync(join(tmpdir(), 'swsim-readme-')), 'declaration.json');
    writeFileSync(file, JSON.stringify(declaration));
    const api = await http.post('/api/plans').send({ declaration, reforms: ['green-channel'] }).expect(200);
    const cli = JSON.parse(execFileSync('node', [join(ROOT, 'bin/swsim.js'), 'plan', file, '--reforms', 'green-channel', '--format', 'json'], { encoding: 'utf8' }));
    expect(cli.expected).toEqual(api.body.expected);
    const md = execFileSync('node', [join(ROOT, 'bin/swsim.js'), 'plan', file, '--option', 'overall-plan-2023', '--format', 'md'], { encoding: 'utf8' });
    expect(md).toContain('green-channel');
  });
});
