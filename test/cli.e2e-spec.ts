import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run as runInProcess } from '../src/cli/main';
import { REFORMS } from '../src/planning/domain/reforms/reform-catalogue';
import { ROOT, ensureBuilt } from './support/build';
import { createTestApp } from './support/test-app';

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

const example = (id: string) => structuredClone(REFORMS.find((r) => r.id === id)!.example);
const copper = REFORMS.map((r) => r.example).find((d) => d.goods.some((g) => g.hsCode.startsWith('2603')))!;
const brokenHs = example('green-channel');
brokenHs.goods[0].hsCode = '08061';

/** Input files, written to a temporary directory the CLI runs in. */
const FILES: Record<string, unknown> = {
  'produce.json': example('green-channel'),
  'request.json': { declaration: example('tir'), option: 'overall-plan-2023' },
  'broken.json': brokenHs,
  'broken-decl.json': '{"flow": "import",\n "goods": [ {"hsCode": 7} ',
  'copper.json': copper,
  'port.json': { ...example('green-channel'), port: 'atlantis' },
};

/**
 * The runs made as real processes through bin/swsim.js against dist/. Each costs about a second of
 * CPU (loading Nest), so they are few and run side by side; the other cases call the same `run()` in
 * this process.
 */
const PROCESS_RUNS = {
  json: ['plan', 'produce.json', '--reforms', 'green-channel', '--format', 'json'],
  table: ['plan', 'produce.json', '--reforms', 'green-channel'],
  md: ['plan', 'produce.json', '--reforms', 'green-channel', '--format', 'md'],
  badField: ['plan', 'broken.json'],
  malformed: ['plan', 'broken-decl.json'],
  unknownReform: ['plan', 'produce.json', '--reforms', 'teleportation'],
} satisfies Record<string, string[]>;

function swsimProcess(cwd: string, args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [join(ROOT, 'bin', 'swsim.js'), ...args], { cwd, encoding: 'utf8', timeout: 30_000 }, (error, stdout, stderr) => {
      resolve({ status: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr });
    });
  });
}

describe('the swsim CLI', () => {
  let dir: string;
  let app: NestFastifyApplication;
  let http: Awaited<ReturnType<typeof createTestApp>>['http'];
  const proc = {} as Record<keyof typeof PROCESS_RUNS, Run>;

  /** The CLI's own entry point, in this process, with its output captured. */
  async function swsim(...args: string[]): Promise<Run> {
    let stdout = '';
    let stderr = '';
    const out = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => ((stdout += String(chunk)), true));
    const err = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => ((stderr += String(chunk)), true));
    const cwd = process.cwd();
    try {
      process.chdir(dir);
      const status = await runInProcess(['node', 'swsim', ...args]);
      return { status, stdout, stderr };
    } finally {
      process.chdir(cwd);
      out.mockRestore();
      err.mockRestore();
    }
  }

  beforeAll(async () => {
    ensureBuilt();
    dir = mkdtempSync(join(tmpdir(), 'swsim-cli-'));
    for (const [name, content] of Object.entries(FILES)) {
      writeFileSync(join(dir, name), typeof content === 'string' ? content : JSON.stringify(content, null, 2));
    }
    const [results, testApp] = await Promise.all([
      Promise.all(Object.entries(PROCESS_RUNS).map(async ([name, args]) => [name, await swsimProcess(dir, args)] as const)),
      createTestApp(),
    ]);
    for (const [name, result] of results) proc[name as keyof typeof PROCESS_RUNS] = result;
    ({ app, http } = testApp);
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  describe('run as a process (bin/swsim.js)', () => {
    it('--format json prints exactly the PlanResult that POST /api/plans returns', async () => {
      expect({ status: proc.json.status, stderr: proc.json.stderr }).toEqual({ status: 0, stderr: '' });
      const api = await http.post('/api/plans').send({ declaration: FILES['produce.json'], reforms: ['green-channel'] }).expect(200);
      expect(JSON.parse(proc.json.stdout)).toEqual(api.body);
    });

    it('--format table (the default) shows the steps, expected hours, cost and changes with reasons', () => {
      expect(proc.table.status).toBe(0);
      for (const text of ['Steps', 'release waits', 'hours to release', 'hours to exit', 'hours to complete', 'Cost', 'total', 'Changes from the baseline', 'green-channel', 'why:']) {
        expect(proc.table.stdout).toContain(text);
      }
    });

    it('--format md prints Markdown tables', () => {
      expect(proc.md.status).toBe(0);
      expect(proc.md.stdout).toMatch(/^# Clearance plan/);
      expect(proc.md.stdout).toContain('| step | interval | actor | location | probability | start h | finish h | release waits |');
      expect(proc.md.stdout).toContain('| reform | change | step | before | after | why | source |');
    });

    it('a file with a bad field exits 2 naming the file, the field path and its line', () => {
      expect(proc.badField.status).toBe(2);
      expect(proc.badField.stderr).toBe('broken.json: declaration.goods[0].hsCode: must be the 10-digit CodeTS, e.g. 0806100000 (line 12, column 17)\n');
      expect(proc.badField.stdout).toBe('');
    });

    it('malformed JSON exits 2 with the file, line and column', () => {
      expect(proc.malformed.status).toBe(2);
      expect(proc.malformed.stderr).toBe("broken-decl.json:2:27: malformed JSON: expected ']', found end of input\n");
    });

    it('an unknown reform exits 2 naming it', () => {
      expect(proc.unknownReform.status).toBe(2);
      expect(proc.unknownReform.stderr).toMatch(/produce\.json: reforms\[0\]: .*teleportation/);
    });
  });

  describe('run in this process', () => {
    it('reads { declaration, option } files and matches the API under an option', async () => {
      const cli = await swsim('plan', 'request.json', '--format', 'json');
      expect(cli.status).toBe(0);
      const api = await http.post('/api/plans').send(FILES['request.json'] as object).expect(200);
      expect(JSON.parse(cli.stdout)).toEqual(api.body);
    });

    it('--reforms on the command line wins over the option in the file', async () => {
      const cli = await swsim('plan', 'request.json', '--reforms', 'tir', '--format', 'json');
      expect(cli.status).toBe(0);
      const result = JSON.parse(cli.stdout);
      expect({ option: result.option, reforms: result.reforms.map((r: { id: string }) => r.id) }).toEqual({ option: null, reforms: ['tir'] });
    });

    it('lists reforms and options', async () => {
      const json = await swsim('reforms', '--format', 'json');
      expect(JSON.parse(json.stdout)).toHaveLength(15);
      expect((await swsim('reforms')).stdout).toContain('three-ones-vehicles');
      const options = await swsim('options', '--format', 'md');
      expect(options.status).toBe(0);
      expect(options.stdout).toContain('| overall-plan-2023 |');
    });

    it('a missing file exits 2 naming it', async () => {
      const cli = await swsim('plan', 'no-such.json');
      expect(cli.status).toBe(2);
      expect(cli.stderr).toBe('no-such.json: cannot read the file: no such file\n');
    });

    it('an ineligible reform exits 2 with the reform and the reason', async () => {
      const cli = await swsim('plan', 'copper.json', '--reforms', 'green-channel');
      expect(cli.status).toBe(2);
      expect(cli.stderr).toMatch(/copper\.json: .*green-channel.*fresh produce/);
      expect(cli.stderr).toContain('copper.json: reforms[0]: ');
    });

    it('an unknown port exits 2 pointing at the field in the file', async () => {
      const cli = await swsim('plan', 'port.json');
      expect(cli.status).toBe(2);
      expect(cli.stderr).toMatch(/port\.json: declaration\.port: .*atlantis.*\(line 3, column 11\)/);
    });

    it('--reforms and --option together is a usage error (exit 2)', async () => {
      const cli = await swsim('plan', 'produce.json', '--reforms', 'green-channel', '--option', 'baseline');
      expect(cli.status).toBe(2);
      expect(cli.stderr).toContain('--option');
    });

    it('an unknown format is a usage error (exit 2)', async () => {
      const cli = await swsim('plan', 'produce.json', '--format', 'pdf');
      expect(cli.status).toBe(2);
      expect(cli.stderr).toContain('table, json, md');
    });
  });
});
