// `swsim scenarios` and `swsim replay` as a user runs them: real processes of bin/swsim.js against
// dist/, with stdout and stderr as pipes (not terminals). A bundled scenario replayed twice gives the
// same bytes; every report format renders; --out writes the file alone; an overloaded scenario still
// gives its report, with warnings in it and on stderr; a broken scenario file, an unknown scenario and
// an unknown option exit 2 with a message that says what to fix.

import { parse as parseCsv } from 'csv-parse/sync';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, ensureBuilt } from './support/build';

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** The quickest bundled scenario to replay (plan walk alone, two options). */
const SCENARIO = 'khorgos-three-ones-vehicles';
const SCENARIO_OPTIONS = ['baseline', 'three-ones-vehicles'];

/** A tiny scenario file of its own: a day and a half of grape exports at Bakhtu. */
const TINY = [
  'title: Grapes through Bakhtu, a tiny stream',
  'start: "2024-09-02"',
  'horizonHours: 36',
  'seed: 11',
  'replications: 2',
  'options: [baseline, green-channel]',
  'unlimitedResources: true',
  'arrivals:',
  '  - name: grapes',
  '    ratePerHour: 0.5',
  '    declaration:',
  '      flow: export',
  '      port: bakhtu',
  '      transportMode: road',
  '      supervisionMode: "0110"',
  '      trader: { name: Tacheng Fresh Produce Co., creditClass: general }',
  '      goods:',
  '        - { hsCode: "0806100000", description: Fresh grapes, quantity: 20000, unit: kg, customsValueMinor: 3000000, currency: USD }',
  '',
].join('\n');
/** One inspection bay at Khorgos and vehicles at 3x the rate it can check them, for 60 days. */
const OVERLOADED = [
  'title: One inspection bay, three times the vehicles it can check',
  'start: "2024-06-03"',
  'horizonHours: 1440',
  'warmUpHours: 24',
  'seed: 7',
  'replications: 2',
  'options: [baseline]',
  'sites:',
  '  khorgos-road:',
  '    resources: { inspection-bay: 1 }',
  '    calendar: &always { allDay: true, weekdays: [1, 2, 3, 4, 5, 6, 7], opens: "00:00", closes: "24:00" }',
  '  khorgos-cbz:',
  '    resources: { inspection-bay: 50, document-desk: 50, gate: 50 }',
  '    calendar: *always',
  'arrivals:',
  '  - name: vehicles',
  '    ratePerHour: 2',
  '    declaration:',
  '      flow: import',
  '      port: khorgos-road',
  '      transportMode: road',
  '      supervisionMode: "1233"',
  '      trader: { name: Khorgos Parallel Import Auto Co., creditClass: general }',
  '      goods:',
  '        - { hsCode: "8703236000", description: "Passenger cars, 1.5-3 litre petrol", quantity: 24, unit: unit, customsValueMinor: 60000000, currency: USD }',
  '      inlandSite: khorgos-cbz',
  '      conveyances: 4',
  '',
].join('\n');
/** The same file with text where a number of hours belongs, on line 3. */
const BROKEN = TINY.replace('horizonHours: 36', 'horizonHours: a day and a half');
const BROKEN_LINE = 3;
const BROKEN_COLUMN = 'horizonHours: '.length + 1;

const replay = (...args: string[]) => ['replay', SCENARIO, '--replications', '2', ...args];

/** Every run the suite checks, started once. */
const RUNS = {
  list: ['scenarios', '--format', 'json'],
  json: replay('--format', 'json'),
  jsonAgain: replay('--format', 'json'),
  md: replay('--format', 'md'),
  html: replay('--format', 'html'),
  csv: replay('--format', 'csv'),
  table: replay(),
  out: replay('--format', 'json', '--out', 'report.json'),
  otherSeed: replay('--format', 'json', '--seed', '12345'),
  reordered: replay('--format', 'json', '--options', 'three-ones-vehicles,baseline'),
  file: ['replay', 'tiny.yaml', '--format', 'json'],
  overloaded: ['replay', 'overloaded.yaml'],
  broken: ['replay', 'broken.yaml', '--format', 'json'],
  unknownScenario: ['replay', 'no-such-scenario', '--format', 'json'],
  unknownOption: replay('--options', 'nope'),
} satisfies Record<string, string[]>;

type RunName = keyof typeof RUNS;

/** Each run loads Node and the reference data (about a second of CPU): a few at a time. */
const AT_ONCE = 4;

function swsimProcess(cwd: string, args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [join(ROOT, 'bin', 'swsim.js'), ...args], { cwd, encoding: 'utf8', timeout: 120_000 }, (error, stdout, stderr) => {
      resolve({ status: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr });
    });
  });
}

interface Estimate {
  mean: number;
  ci95: [number, number];
}

interface JsonReport {
  schemaVersion: number;
  scenario: { name: string; replications: number; seed: number };
  options: Array<{ id: string; declarations: Estimate; intervals: Record<string, Record<string, Estimate>> }>;
  differences: Array<{ option: string; against: string; metric: string; difference: Estimate }>;
}

describe('swsim scenarios and swsim replay (bin/swsim.js)', () => {
  let dir: string;
  const runs = {} as Record<RunName, Run>;

  beforeAll(async () => {
    ensureBuilt();
    dir = mkdtempSync(join(tmpdir(), 'swsim-replay-cli-'));
    writeFileSync(join(dir, 'tiny.yaml'), TINY);
    writeFileSync(join(dir, 'broken.yaml'), BROKEN);
    writeFileSync(join(dir, 'overloaded.yaml'), OVERLOADED);
    const queue = Object.entries(RUNS) as Array<[RunName, string[]]>;
    const worker = async () => {
      for (let next = queue.shift(); next; next = queue.shift()) runs[next[0]] = await swsimProcess(dir, next[1]);
    };
    await Promise.all(Array.from({ length: AT_ONCE }, worker));
  }, 300_000);

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** A run that succeeded: exit 0, nothing on stderr (it is not a terminal), something on stdout. */
  function succeeded(name: RunName): string {
    expect({ run: name, status: runs[name].status, stderr: runs[name].stderr }).toEqual({ run: name, status: 0, stderr: '' });
    return runs[name].stdout;
  }

  function jsonReport(name: RunName): JsonReport {
    return JSON.parse(succeeded(name)) as JsonReport;
  }

  it('scenarios --format json lists at least eight bundled scenarios, each with the published figure it is calibrated to', () => {
    type Listed = { figure: string; kind: 'value' | 'range'; value?: number; atLeast?: number | null; atMost?: number | null; unit: string };
    const listed = JSON.parse(succeeded('list')) as Array<{ name: string; title: string; calibration: Listed[] }>;
    expect(listed.filter((s) => s.calibration.length > 0).length).toBeGreaterThanOrEqual(8);
    expect(new Set(listed.map((s) => s.name)).size).toBe(listed.length);
    expect(listed.map((s) => s.name)).toContain(SCENARIO);
    // A published value, or a published range or bound (at least one end).
    const published = (c: Listed) => (c.kind === 'value' ? c.value! > 0 : typeof c.atLeast === 'number' || typeof c.atMost === 'number');
    for (const s of listed) {
      for (const c of s.calibration) {
        expect({ scenario: s.name, figure: c.figure.trim().length > 0, published: published(c), unit: c.unit }).toEqual({ scenario: s.name, figure: true, published: true, unit: expect.stringMatching(/^(hours|CNY)$/) });
      }
    }
  });

  it('replay --format json twice gives the same bytes: a versioned report with each option and the differences against the first', () => {
    const text = succeeded('json');
    expect(succeeded('jsonAgain')).toBe(text);
    const report = JSON.parse(text) as JsonReport;
    expect(report.schemaVersion).toEqual(expect.any(Number));
    expect(report.scenario).toEqual(expect.objectContaining({ name: SCENARIO, replications: 2 }));
    expect(report.options.map((o) => o.id)).toEqual(SCENARIO_OPTIONS);
    for (const o of report.options) expect(o.declarations.mean).toBeGreaterThan(0);
    expect(report.differences.length).toBeGreaterThan(0);
    for (const d of report.differences) {
      expect({ metric: d.metric, option: d.option, against: d.against }).toEqual({ metric: d.metric, option: SCENARIO_OPTIONS[1], against: SCENARIO_OPTIONS[0] });
      expect(d.difference.ci95[0]).toBeLessThanOrEqual(d.difference.mean);
      expect(d.difference.ci95[1]).toBeGreaterThanOrEqual(d.difference.mean);
    }
  });

  it('--seed and --options change what is replayed: another seed other bytes, the options in the order given', () => {
    const base = jsonReport('json');
    const otherSeed = jsonReport('otherSeed');
    expect(otherSeed.scenario.seed).toBe(12345);
    expect(otherSeed.options.map((o) => o.id)).toEqual(SCENARIO_OPTIONS);
    expect(otherSeed.options[0].intervals).not.toEqual(base.options[0].intervals);

    const reordered = jsonReport('reordered');
    expect(reordered.options.map((o) => o.id)).toEqual([...SCENARIO_OPTIONS].reverse());
    expect(new Set(reordered.differences.map((d) => `${d.option} against ${d.against}`))).toEqual(new Set([`${SCENARIO_OPTIONS[0]} against ${SCENARIO_OPTIONS[1]}`]));
  });

  it('--format md is a Markdown report with its tables', () => {
    const md = succeeded('md');
    expect(md).toMatch(/^# /);
    expect(md).toMatch(/^\| .+ \|$/m);
    expect(md).toMatch(/^\| ?-{3,}/m);
    for (const id of SCENARIO_OPTIONS) expect(md).toContain(id);
  });

  it('--format html is one self-contained page: inline SVG charts, nothing loaded from elsewhere', () => {
    const html = succeeded('html');
    expect(html).toMatch(/^<!doctype html>/i);
    expect(html).toMatch(/<\/html>\s*$/);
    expect(html).toContain('<svg');
    expect(html).not.toMatch(/<script[^>]*\bsrc\s*=/i);
    expect(html).not.toMatch(/<link\b/i);
    expect(html).not.toMatch(/\b(src|href)\s*=\s*["']?\s*(https?:)?\/\//i);
    expect(html).not.toMatch(/url\(\s*["']?\s*(https?:)?\/\//i);
    expect(html).not.toMatch(/@import/i);
    for (const id of SCENARIO_OPTIONS) expect(html).toContain(id);
  });

  it('--format csv is rectangular CSV with a header, rows for each option', () => {
    const rows = parseCsv(succeeded('csv'), { relax_column_count: true }) as string[][];
    const [header, ...body] = rows;
    expect(header).toEqual(expect.arrayContaining(['option']));
    expect(body.length).toBeGreaterThan(0);
    for (const [i, row] of body.entries()) expect({ row: i + 2, cells: row.length }).toEqual({ row: i + 2, cells: header.length });
    const optionColumn = header.indexOf('option');
    for (const id of SCENARIO_OPTIONS) expect(body.some((r) => r[optionColumn] === id)).toBe(true);
  });

  it('--format table (the default) prints a plain-text table, no terminal colour codes when stdout is not a terminal', () => {
    const table = succeeded('table');
    expect(table).toContain(SCENARIO);
    for (const id of SCENARIO_OPTIONS) expect(table).toContain(id);
    expect(table).not.toContain('\u001b[');
  });

  it('--out writes the report to the file and prints nothing', () => {
    expect(runs.out).toEqual({ status: 0, stdout: '', stderr: '' });
    const written = readFileSync(join(dir, 'report.json'), 'utf8');
    // The same report as on stdout (which ends it with a line break if it has none).
    expect(written.endsWith('\n') ? written : `${written}\n`).toBe(runs.json.stdout);
  });

  it('replays a scenario file by its path', () => {
    const report = jsonReport('file');
    expect(report.scenario).toEqual(expect.objectContaining({ name: 'tiny', seed: 11, replications: 2 }));
    expect(report.options.map((o) => o.id)).toEqual(['baseline', 'green-channel']);
    expect(report.differences.length).toBeGreaterThan(0);
  });

  it('an overloaded scenario still gives its report, exit 0, with the warnings first in it and repeated on stderr', () => {
    const { status, stdout, stderr } = runs.overloaded;
    expect(status).toBe(0);
    expect(stdout.indexOf('\nWarnings\n--------\n')).toBeGreaterThan(0);
    expect(stdout.indexOf('\nWarnings\n')).toBeLessThan(stdout.indexOf('\nScenario\n'));
    expect(stdout).toContain('khorgos-road/inspection-bay (1 unit): its queue kept growing in 2 of 2 replications');
    expect(stdout).toMatch(/│ +unfinished when the replay stopped \(not in the figures below\) │ +[1-9][\d,]*\.\d /);
    const lines = stderr.trim().split('\n');
    expect(lines.map((l) => l.slice(0, 'swsim: warning: baseline: '.length))).toEqual(['swsim: warning: baseline: ', 'swsim: warning: baseline: ']);
    expect(lines[0]).toContain('had not finished when the replay stopped');
    expect(lines[1]).toContain('khorgos-road/inspection-bay');
  });

  it('a scenario file with a wrong type exits 2 naming the file, line and column, and prints no report', () => {
    expect(runs.broken.status).toBe(2);
    expect(runs.broken.stdout).toBe('');
    expect(runs.broken.stderr).toMatch(new RegExp(`broken\\.yaml:${BROKEN_LINE}:${BROKEN_COLUMN}: horizonHours: `));
  });

  it('an unknown scenario name exits 2 and lists the bundled ones', () => {
    expect(runs.unknownScenario.status).toBe(2);
    expect(runs.unknownScenario.stdout).toBe('');
    expect(runs.unknownScenario.stderr).toContain("'no-such-scenario'");
    expect(runs.unknownScenario.stderr).toContain(SCENARIO);
  });

  it('an unknown option in --options exits 2 naming it', () => {
    expect(runs.unknownOption.status).toBe(2);
    expect(runs.unknownOption.stdout).toBe('');
    expect(runs.unknownOption.stderr).toContain("'nope'");
  });
});
