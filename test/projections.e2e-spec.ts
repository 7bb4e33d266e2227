// Read models are caches of the events: wiped, they come back identical from `swsim projections rebuild`.

import Database from 'better-sqlite3';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REFORMS } from '../src/planning/domain/reforms/reform-catalogue';
import { ROOT, ensureBuilt } from './support/build';
import { createTestApp } from './support/test-app';

const example = (id: string) => REFORMS.find((r) => r.id === id)!.example;

describe('swsim projections rebuild', () => {
  let dir: string;
  beforeAll(() => {
    ensureBuilt();
    dir = mkdtempSync(join(tmpdir(), 'swsim-rebuild-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('rebuilds the declarations read model from the events, row for row', async () => {
    const databasePath = join(dir, 'swsim.sqlite');
    const first = await createTestApp({ databasePath });
    const trader = await first.key('rebuild', 'trader');
    const officer = await first.key('rebuild', 'officer');
    for (const id of ['green-channel', 'two-step-declaration', 'port-plus-unloading-place']) {
      await first.http.post('/api/declarations').set('x-api-key', trader).send({ ...example(id), mode: 'auto' }).expect(201);
    }
    await first.http.post('/api/clock/advance').set('x-api-key', officer).send({ hours: 30 }).expect(200);
    const before = (await first.http.get('/api/declarations').set('x-api-key', trader).expect(200)).body;
    await first.app.close();

    const db = new Database(databasePath);
    db.prepare('DELETE FROM declarations').run();
    db.close();
    const out = execFileSync(process.execPath, [join(ROOT, 'bin', 'swsim.js'), 'projections', 'rebuild'], { env: { ...process.env, DATABASE_PATH: databasePath }, encoding: 'utf8' });
    expect(out).toMatch(/^rebuilt 3 declarations/);

    const second = await createTestApp({ databasePath });
    const after = (await second.http.get('/api/declarations').set('x-api-key', trader).expect(200)).body;
    await second.app.close();
    expect(after.items).toHaveLength(3);
    expect(after).toEqual(before);
  });
});
