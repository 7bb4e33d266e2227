// The scenario commands as a user runs them (bin/swsim.js against dist/): the bundled scenarios and
// their figures, the JSON Schema, a broken bundled file, and export-stream: declarations lodged
// through the real app come back, through the scenario loader, as the same declarations.

import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RecordedDeclaration } from '../src/scenarios/domain/scenario';
import { reference } from '../src/planning/domain/testing/planning.test-kit';
import { bundledScenarioFiles, loadScenarioFile } from '../src/scenarios/application/scenario-loader';
import { ROOT, ensureBuilt } from './support/build';
import { type Body, Tenant, bodies, reformExample } from './support/declarations';
import { type TestApp, createTestApp } from './support/test-app';

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function swsimProcess(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [join(ROOT, 'bin', 'swsim.js'), ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000, env: { ...process.env, ...env } }, (error, stdout, stderr) => {
      resolve({ status: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr });
    });
  });
}

const BUNDLED = join(ROOT, 'scenarios');
const BROKEN = 'title: broken\nstart: "2024-09-02"\nhorizonHours: 24\nseed: 1\noptions: [baseline, teleportation]\narrivals: []\n';

/** A declaration with two goods lines and a flag: what the CSV's moreGoods and flags columns carry. */
function twoLines(): Body {
  const body = bodies.generalImport({ option: 'baseline' });
  const goods = body.goods as Array<Record<string, unknown>>;
  return { ...body, goods: [...goods, { ...goods[0], hsCode: '8528720000', description: 'Monitors, "27 inch", for the office', quantity: 50, customsValueMinor: 900000 }], flags: { dangerousGoods: false } };
}

describe('scenario commands (bin/swsim.js)', () => {
  let t: TestApp;
  let dir: string;
  let exporter: Tenant;
  const lodged: RecordedDeclaration[] = [];
  const runs = {} as Record<'exported' | 'ghost' | 'listJson' | 'listTable' | 'broken' | 'schema', Run>;

  beforeAll(async () => {
    ensureBuilt();
    dir = mkdtempSync(join(tmpdir(), 'swsim-scenarios-'));
    t = await createTestApp();
    exporter = await Tenant.create(t, 'exporter');
    const other = await Tenant.create(t, 'other');
    await other.lodge(bodies.tir());

    const lodge = [
      bodies.grapesGreenChannel(),
      bodies.twoStep(),
      { ...reformExample('advance-declaration'), option: 'baseline', advance: true },
      twoLines(),
      bodies.tir(),
    ];
    for (const body of lodge) {
      const { id } = await exporter.lodge(body);
      const [detail, events] = await Promise.all([exporter.get(id), exporter.events(id)]);
      const lodgement = events.find((e) => e.type === 'DeclarationLodged')!.data as unknown as { clockZeroMinutes: number; advance: boolean; procedure: 'full' | 'two-step' };
      lodged.push({
        key: id,
        arrivalMinutes: lodgement.clockZeroMinutes,
        procedure: lodgement.procedure,
        advance: lodgement.advance,
        declaration: detail.declaration as unknown as RecordedDeclaration['declaration'],
        commodity: String(detail.declaration.goods[0].description),
      });
      // Lodgements at different simulated times.
      await exporter.advance(1.5);
    }

    const brokenDir = join(dir, 'bundled');
    mkdirSync(brokenDir);
    copyFileSync(join(BUNDLED, 'bakhtu-green-channel.yaml'), join(brokenDir, 'bakhtu-green-channel.yaml'));
    writeFileSync(join(brokenDir, 'broken.yaml'), BROKEN);

    const database = { DATABASE_PATH: t.databasePath, DATABASE_URL: '' };
    const [exported, ghost, listJson, listTable, broken, schema] = await Promise.all([
      swsimProcess(['export-stream', '--tenant', 'exporter'], database),
      swsimProcess(['export-stream', '--tenant', 'ghost'], database),
      swsimProcess(['scenarios', '--format', 'json']),
      swsimProcess(['scenarios']),
      swsimProcess(['scenarios', '--format', 'json'], { SWSIM_SCENARIOS_DIR: brokenDir }),
      swsimProcess(['schema']),
    ]);
    Object.assign(runs, { exported, ghost, listJson, listTable, broken, schema });
  }, 180_000);

  afterAll(async () => {
    await t?.app.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('export-stream prints what the tenant lodged, and it loads back as the same declarations', async () => {
    expect({ status: runs.exported.status, stderr: runs.exported.stderr }).toEqual({ status: 0, stderr: expect.stringContaining("5 declarations lodged by 'exporter'") });
    writeFileSync(join(dir, 'exporter.csv'), runs.exported.stdout);
    const horizonHours = Math.ceil(Math.max(...lodged.map((r) => r.arrivalMinutes)) / 60) + 1;
    writeFileSync(
      join(dir, 'exporter.yaml'),
      `title: What exporter lodged\nstart: "2024-09-02"\nhorizonHours: ${horizonHours}\nseed: 1\noptions: [baseline, overall-plan-2023]\nrecorded:\n  file: exporter.csv\n`,
    );
    const scenario = await loadScenarioFile(join(dir, 'exporter.yaml'), reference());
    expect(scenario.recorded).toEqual([...lodged].sort((a, b) => a.arrivalMinutes - b.arrivalMinutes));
    // The other tenant's declaration is not in it.
    expect(scenario.recorded).toHaveLength(5);
  });

  it('export-stream exits 2 for an unknown tenant', () => {
    expect(runs.ghost).toEqual({ status: 2, stdout: '', stderr: expect.stringMatching(/^swsim: no tenant named 'ghost' in sqlite .*; see `swsim tenants list`\n$/) });
  });

  it('scenarios --format json lists the bundled scenarios by name with the figures they are calibrated to', () => {
    expect({ status: runs.listJson.status, stderr: runs.listJson.stderr }).toEqual({ status: 0, stderr: '' });
    const listed = JSON.parse(runs.listJson.stdout) as Array<{ name: string; title: string; description: string; calibration: Array<Record<string, unknown>> }>;
    const names = bundledScenarioFiles(BUNDLED).map((f) => f.replace(/^.*\//, '').replace(/\.yaml$/, ''));
    expect(listed.map((s) => s.name)).toEqual(names);
    expect(listed.filter((s) => s.calibration.length > 0).length).toBeGreaterThanOrEqual(8);
    for (const s of listed) {
      expect(s.title).not.toBe('');
      if (s.calibration.length === 0) expect(s.description).toMatch(/^Not calibrated/);
      for (const c of s.calibration) {
        expect(Object.keys(c)).toEqual(expect.arrayContaining(['figure', 'kind', 'unit', 'metric', 'option', 'source']));
        expect(Object.keys(c)).toEqual(expect.arrayContaining(c.kind === 'value' ? ['value', 'tolerance'] : ['atLeast', 'atMost']));
      }
    }
    const produce = listed.find((s) => s.name === 'khorgos-road-produce')!;
    expect(produce.calibration.map((c) => [c.option, c.kind, c.value, c.unit])).toEqual([
      ['baseline', 'value', 4, 'hours'],
      ['green-channel', 'value', 2, 'hours'],
    ]);
    // A published range (2-3 days) and a bound (within 16 h) beside a published value.
    const rail = listed.find((s) => s.name === 'khorgos-rail-fast-clearance')!;
    expect(rail.calibration.map((c) => [c.option, c.kind, c.value ?? null, c.atLeast ?? null, c.atMost ?? null])).toEqual([
      ['railway-fast-clearance', 'value', 16.3, null, null],
      ['baseline', 'range', null, 48, 72],
      ['railway-fast-clearance', 'range', null, null, 16],
    ]);
  });

  it('scenarios (a table) names each scenario and its figures', () => {
    expect(runs.listTable.status).toBe(0);
    for (const name of ['bakhtu-green-channel', 'gacc-national-import', 'whole-zone-mix', 'arrivalToReleaseHours = 32.02 hours', 'arrivalToExitHours in 48 to 72 hours', 'arrivalToExitHours at most 16 hours']) {
      expect(runs.listTable.stdout).toContain(name);
    }
  });

  it('a broken bundled scenario exits 2 with its file, line and column, and the good ones are still listed', () => {
    expect(runs.broken.status).toBe(2);
    const line = BROKEN.split('\n').findIndex((l) => l.includes('teleportation')) + 1;
    const column = BROKEN.split('\n')[line - 1].indexOf('teleportation') + 1;
    expect(runs.broken.stderr).toMatch(new RegExp(`broken\\.yaml:${line}:${column}: options\\[1\\]: unknown option 'teleportation'`));
    expect(runs.broken.stderr).toMatch(/broken\.yaml:1:1: a scenario needs arrival streams/);
    expect((JSON.parse(runs.broken.stdout) as Array<{ name: string }>).map((s) => s.name)).toEqual(['bakhtu-green-channel']);
  });

  it('schema prints the JSON Schema that scenarios/scenario.schema.json holds', () => {
    expect({ status: runs.schema.status, stderr: runs.schema.stderr }).toEqual({ status: 0, stderr: '' });
    expect(runs.schema.stdout).toBe(readFileSync(join(BUNDLED, 'scenario.schema.json'), 'utf8'));
    expect(JSON.parse(runs.schema.stdout).$schema).toBe('http://json-schema.org/draft-07/schema#');
  });
});
