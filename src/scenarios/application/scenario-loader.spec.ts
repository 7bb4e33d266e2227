import 'reflect-metadata';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DomainError } from '../../common/domain/domain-error';
import { reference } from '../../planning/domain/testing/planning.test-kit';
import { CALIBRATION_METRICS } from '../domain/scenario';
import { ScenarioError } from './scenario.errors';
import { bundledScenarioFiles, bundledScenariosDir, loadBundledScenarios, loadScenarioFile, parseScenario, resolveScenario } from './scenario-loader';

const ref = reference();
const FILE = 'scenarios/example.yaml';

/** A valid scenario; each error case changes one thing in it. */
const VALID = `title: Grapes at Bakhtu
start: "2024-09-02"
horizonHours: 48
seed: 7
options: [baseline, green-channel]
calibration:
  - figure: clearance ~2 h
    source: "calibration.md §5; https://winfun-industrial.com/info-52.html"
    option: green-channel
    metric: arrivalToReleaseHours
    value: 2
    unit: hours
    tolerance: 0.15
arrivals:
  - name: grapes
    ratePerHour: 0.5
    declaration:
      flow: export
      port: bakhtu
      transportMode: road
      supervisionMode: "0110"
      trader: { name: Tacheng Fresh Produce Co., creditClass: general }
      goods:
        - { hsCode: "0806100000", description: Fresh grapes, quantity: 20000, unit: kg, customsValueMinor: 3000000, currency: USD }
`;

/** 1-based line and column of the `nth` (0-based) occurrence of `needle` in `text`. */
function at(text: string, needle: string, nth = 0): string {
  let offset = -1;
  for (let i = 0; i <= nth; i++) {
    offset = text.indexOf(needle, offset + 1);
    if (offset < 0) throw new Error(`'${needle}' is not in the text`);
  }
  const before = text.slice(0, offset).split('\n');
  return `${before.length}:${before[before.length - 1].length + 1}`;
}

async function problemsOf(text: string, readFile?: (file: string) => string): Promise<string[]> {
  try {
    await parseScenario(text, FILE, ref, { readFile });
  } catch (error) {
    if (error instanceof ScenarioError) return error.message.split('\n');
    throw error;
  }
  throw new Error('the scenario was accepted');
}

describe('parseScenario', () => {
  it('reads a valid file, with the documented defaults', async () => {
    const scenario = await parseScenario(VALID, FILE, ref);
    expect(scenario).toEqual({
      name: 'example',
      title: 'Grapes at Bakhtu',
      description: '',
      calibration: [
        {
          figure: 'clearance ~2 h',
          source: 'calibration.md §5; https://winfun-industrial.com/info-52.html',
          option: 'green-channel',
          metric: 'arrivalToReleaseHours',
          unit: 'hours',
          kind: 'value',
          value: 2,
          tolerance: 0.15,
        },
      ],
      start: '2024-09-02',
      horizonHours: 48,
      warmUpHours: 0,
      replications: 10,
      seed: 7,
      options: ['baseline', 'green-channel'],
      unlimitedResources: false,
      sites: {},
      arrivals: [
        {
          name: 'grapes',
          ratePerHour: 0.5,
          hourlyProfile: null,
          commodity: 'grapes',
          procedure: 'full',
          advance: false,
          declaration: {
            flow: 'export',
            port: 'bakhtu',
            transportMode: 'road',
            supervisionMode: '0110',
            trader: { name: 'Tacheng Fresh Produce Co.', creditClass: 'general' },
            goods: [{ hsCode: '0806100000', description: 'Fresh grapes', quantity: 20000, unit: 'kg', customsValueMinor: 3000000, currency: 'USD' }],
          },
        },
      ],
      recorded: [],
    });
  });

  it('reads site overrides, hourly profiles and merge keys', async () => {
    const text = VALID.replace('seed: 7\n', 'seed: 7\nsites:\n  bakhtu:\n    resources: { inspection-bay: 5 }\n    calendar: { allDay: false, weekdays: [1, 2], opens: "09:00", closes: "20:00" }\n  khorgos-road: {}\n')
      .replace('arrivals:\n  - name: grapes\n    ratePerHour: 0.5\n    declaration:', 'arrivals:\n  - name: grapes\n    ratePerHour: 0.5\n    hourlyProfile: [2, 0, 2, 0, 2, 0, 2, 0, 2, 0, 2, 0, 2, 0, 2, 0, 2, 0, 2, 0, 2, 0, 2, 0]\n    declaration: &grapes')
      .concat('  - name: grapes-khorgos\n    ratePerHour: 1\n    advance: true\n    declaration: { <<: *grapes, port: khorgos-road }\n');
    const scenario = await parseScenario(text, FILE, ref);
    expect(scenario.sites).toEqual({
      bakhtu: { resources: { 'inspection-bay': 5 }, calendar: { allDay: false, weekdays: [1, 2], opens: '09:00', closes: '20:00' } },
      'khorgos-road': { resources: {}, calendar: null },
    });
    expect(scenario.arrivals[0].hourlyProfile).toHaveLength(24);
    expect(scenario.arrivals[1]).toEqual(expect.objectContaining({ advance: true, declaration: { ...scenario.arrivals[0].declaration, port: 'khorgos-road' } }));
  });

  it('reports a YAML syntax error at its line and column', async () => {
    const text = VALID.replace('options: [baseline, green-channel]', 'options: [baseline, green-channel');
    const [first] = await problemsOf(text);
    // The library notices the unclosed flow sequence where the next line starts.
    expect(first).toMatch(new RegExp(`^${FILE}:${at(text, 'calibration:')}: YAML: .*\\]`));
  });

  it('reports a duplicate key as a YAML error at the second key', async () => {
    const text = VALID.replace('seed: 7\n', 'seed: 7\nseed: 8\n');
    expect(await problemsOf(text)).toEqual([`${FILE}:${at(text, 'seed: 8')}: YAML: Map keys must be unique`]);
  });

  it('reports a value of the wrong type at the value', async () => {
    const text = VALID.replace('horizonHours: 48', 'horizonHours: two days');
    expect(await problemsOf(text)).toEqual([`${FILE}:${at(text, 'two days')}: horizonHours: must be a number`]);
  });

  it('says to quote a code that YAML read as a number', async () => {
    const text = VALID.replace('supervisionMode: "0110"', 'supervisionMode: 0110');
    expect(await problemsOf(text)).toEqual([
      `${FILE}:${at(text, '0110')}: arrivals[0].declaration.supervisionMode: must be a string: YAML reads the unquoted 0110 as a number; write it in quotes, '0110'`,
    ]);
  });

  it('reports an unknown field at its key, naming the fields allowed there', async () => {
    const text = VALID.replace('seed: 7\n', 'seed: 7\nhorizon: 3\n');
    const [problem] = await problemsOf(text);
    expect(problem).toBe(`${FILE}:${at(text, 'horizon: 3')}: horizon: unknown field; the fields here are name, title, description, calibration, start, horizonHours, warmUpHours, replications, seed, options, unlimitedResources, sites, arrivals, recorded`);
  });

  it('reports an unknown field inside a goods line at its key', async () => {
    const text = VALID.replace('currency: USD }', 'currency: USD, colour: red }');
    expect(await problemsOf(text)).toEqual([
      `${FILE}:${at(text, 'colour')}: arrivals[0].declaration.goods[0].colour: unknown field; the fields here are hsCode, description, quantity, unit, customsValueMinor, currency, repairFeeMinor, unNumber`,
    ]);
  });

  it('reports a missing field at the mapping that lacks it', async () => {
    const text = VALID.replace('      transportMode: road\n', '');
    expect(await problemsOf(text)).toEqual([`${FILE}:${at(text, 'flow: export')}: arrivals[0].declaration.transportMode: is required`]);
  });

  it('reports an unknown port in a declaration at the value, with the reference data\'s message', async () => {
    const text = VALID.replace('port: bakhtu', 'port: atlantis');
    expect(await problemsOf(text)).toEqual([`${FILE}:${at(text, 'atlantis')}: arrivals[0].declaration.port: unknown site 'atlantis'; see GET /api/reference/sites`]);
  });

  it('reports an unknown HS code at the goods line field', async () => {
    const text = VALID.replace('"0806100000"', '"9999999999"');
    const [problem] = await problemsOf(text);
    expect(problem).toBe(`${FILE}:${at(text, '"9999999999"')}: arrivals[0].declaration.goods[0].hsCode: HS code 9999999999 is not covered by seeds/hs-headings.json; see GET /api/reference/hs-headings`);
  });

  it('reports a lodging choice the plan cannot take (two-step for an export) at the field', async () => {
    const text = VALID.replace('    ratePerHour: 0.5\n', '    ratePerHour: 0.5\n    procedure: two-step\n');
    expect(await problemsOf(text)).toEqual([`${FILE}:${at(text, 'two-step')}: arrivals[0].procedure: two-step declaration is for imports only; this is an export (under option 'baseline')`]);
  });

  it('reports an unknown option at its list item', async () => {
    const text = VALID.replace('options: [baseline, green-channel]', 'options: [baseline, teleportation]');
    const problems = await problemsOf(text);
    expect(problems[0]).toMatch(new RegExp(`^${FILE}:${at(text, 'teleportation')}: options\\[1\\]: unknown option 'teleportation'; the options are baseline, green-channel, `));
    // The calibration's option is no longer one of the scenario's.
    expect(problems[1]).toBe(`${FILE}:${at(text, 'green-channel', 0)}: calibration[0].option: must be one of the scenario's options (baseline, teleportation)`);
  });

  it('reports a calibration option that is not one of the options', async () => {
    const text = VALID.replace('options: [baseline, green-channel]', 'options: [baseline, tir]');
    expect(await problemsOf(text)).toEqual([`${FILE}:${at(text, 'green-channel')}: calibration[0].option: must be one of the scenario's options (baseline, tir)`]);
  });

  it('checks what the shape cannot: dates, warm-up, profile mean, units, unique names, something to replay', async () => {
    const text = VALID.replace('"2024-09-02"', '"2024-02-30"')
      .replace('horizonHours: 48', 'horizonHours: 48\nwarmUpHours: 48')
      .replace('unit: hours', 'unit: CNY')
      .replace('    ratePerHour: 0.5\n', `    ratePerHour: 0.5\n    hourlyProfile: [${Array(24).fill(2).join(', ')}]\n`);
    expect(await problemsOf(text)).toEqual([
      `${FILE}:${at(text, '"2024-02-30"')}: start: 2024-02-30 is not a calendar date`,
      `${FILE}:${at(text, '48', 1)}: warmUpHours: must be less than horizonHours (48)`,
      `${FILE}:${at(text, 'CNY')}: calibration[0].unit: must be hours for the metric arrivalToReleaseHours`,
      `${FILE}:${at(text, '[2, 2')}: arrivals[0].hourlyProfile: must have mean 1 (±0.01); the 24 weights sum to 48, not 24`,
    ]);
    const twice = VALID.concat(VALID.slice(VALID.indexOf('  - name: grapes')));
    expect(await problemsOf(twice)).toEqual([`${FILE}:${at(twice, 'grapes\n', 1)}: arrivals[1].name: repeats the name of arrivals[0]; stream names are unique`]);
    const nothing = VALID.slice(0, VALID.indexOf('arrivals:'));
    expect(await problemsOf(nothing)).toEqual([`${FILE}:1:1: a scenario needs arrival streams (arrivals) or a recorded stream (recorded: { file: ... })`]);
  });

  describe('published ranges and bounds', () => {
    /** VALID with the calibration target's `value: 2` and `tolerance: 0.15` lines replaced by `lines`. */
    const withFigure = (...lines: string[]) => VALID.replace('    value: 2\n', '').replace('    tolerance: 0.15\n', lines.map((l) => `    ${l}\n`).join(''));

    it('reads a range (2-3 days) and a bound (under 16 h), the missing end open', async () => {
      const range = await parseScenario(withFigure('atLeast: 48', 'atMost: 72'), FILE, ref);
      expect(range.calibration).toEqual([expect.objectContaining({ kind: 'range', atLeast: 48, atMost: 72, unit: 'hours' })]);
      expect(range.calibration[0]).not.toHaveProperty('value');
      const bound = await parseScenario(withFigure('atMost: 16'), FILE, ref);
      expect(bound.calibration).toEqual([expect.objectContaining({ kind: 'range', atLeast: null, atMost: 16 })]);
      const below = await parseScenario(withFigure('atLeast: 2'), FILE, ref);
      expect(below.calibration).toEqual([expect.objectContaining({ kind: 'range', atLeast: 2, atMost: null })]);
    });

    it('refuses a range whose ends are out of order, at atMost', async () => {
      const text = withFigure('atLeast: 72', 'atMost: 48');
      expect(await problemsOf(text)).toEqual([`${FILE}:${at(text, '48', 1)}: calibration[0].atMost: must be greater than atLeast (72); for a single published value use value and tolerance`]);
      const empty = withFigure('atLeast: 16', 'atMost: 16');
      expect(await problemsOf(empty)).toEqual([`${FILE}:${at(empty, '16', 1)}: calibration[0].atMost: must be greater than atLeast (16); for a single published value use value and tolerance`]);
    });

    it('refuses a value and a range together, at the range field', async () => {
      const text = VALID.replace('    tolerance: 0.15\n', '    tolerance: 0.15\n    atMost: 3\n');
      expect(await problemsOf(text)).toEqual([
        `${FILE}:${at(text, 'atMost')}: calibration[0].atMost: cannot be given with value: a figure published as a value takes value and tolerance, one published as a range or bound takes atLeast and/or atMost`,
      ]);
    });

    it('refuses a tolerance on a range, a value without its tolerance, and a target with no figure', async () => {
      const tolerant = withFigure('atMost: 16', 'tolerance: 0.15');
      expect(await problemsOf(tolerant)).toEqual([
        `${FILE}:${at(tolerant, 'tolerance')}: calibration[0].tolerance: is only for a figure published as a value; a range or bound (atLeast, atMost) is checked as published`,
      ]);
      const intolerant = VALID.replace('    tolerance: 0.15\n', '');
      expect(await problemsOf(intolerant)).toEqual([
        `${FILE}:${at(intolerant, 'figure: clearance')}: calibration[0].tolerance: is required with value: the allowed relative deviation of the mean, e.g. 0.15 for ±15 %`,
      ]);
      const none = withFigure();
      expect(await problemsOf(none)).toEqual([
        `${FILE}:${at(none, 'figure: clearance')}: calibration[0]: needs the published figure: value and tolerance for a value (16.3 h ±15 %), or atLeast and/or atMost for a range or bound (2-3 days: atLeast 48, atMost 72; under 16 h: atMost 16)`,
      ]);
    });

    it('refuses a bound that is not a number, at the value', async () => {
      const text = withFigure('atMost: 16 h');
      expect(await problemsOf(text)).toEqual([`${FILE}:${at(text, '16 h')}: calibration[0].atMost: must be a number`]);
      const nulled = withFigure('atLeast: null', 'atMost: 16');
      expect(await problemsOf(nulled)).toEqual([`${FILE}:${at(nulled, 'null')}: calibration[0].atLeast: must be a number`]);
    });

    it('names the new fields among those allowed in a target', async () => {
      const text = withFigure('atMost: 16', 'upTo: 3');
      expect(await problemsOf(text)).toEqual([
        `${FILE}:${at(text, 'upTo')}: calibration[0].upTo: unknown field; the fields here are figure, source, option, metric, value, unit, tolerance, atLeast, atMost`,
      ]);
    });
  });

  it('reports unknown sites and resource kinds at their keys, and bad capacities at the value', async () => {
    const text = VALID.replace('seed: 7\n', 'seed: 7\nsites:\n  atlantis: {}\n  bakhtu:\n    resources: { teleporter: 1, lab: 0 }\n    calendar: { allDay: false, weekdays: [8], opens: "19:00", closes: "10:00" }\n');
    const problems = await problemsOf(text);
    expect(problems).toEqual([
      expect.stringMatching(new RegExp(`^${FILE}:${at(text, 'atlantis')}: sites.atlantis: unknown site 'atlantis'; the sites are khorgos-road, `)),
      `${FILE}:${at(text, '[8]')}: sites.bakhtu.calendar.weekdays: each value must be a whole number from 1 (Monday) to 7 (Sunday)`,
    ]);
    const kinds = VALID.replace('seed: 7\n', 'seed: 7\nsites:\n  bakhtu:\n    resources: { teleporter: 1, lab: 0 }\n    calendar: { allDay: false, weekdays: [1], opens: "19:00", closes: "10:00" }\n');
    expect(await problemsOf(kinds)).toEqual([
      expect.stringMatching(new RegExp(`^${FILE}:${at(kinds, 'teleporter')}: sites.bakhtu.resources.teleporter: unknown resource kind 'teleporter'; the kinds are document-desk, `)),
      `${FILE}:${at(kinds, '0 }')}: sites.bakhtu.resources.lab: must be a whole number of at least 1 (parallel servers)`,
      `${FILE}:${at(kinds, '"10:00"')}: sites.bakhtu.calendar.closes: must be later than opens (19:00)`,
    ]);
  });

  it('reports a file that is not a mapping', async () => {
    expect(await problemsOf('- just\n- a list\n')).toEqual([`${FILE}:1:1: a scenario is a YAML mapping of fields (title, start, horizonHours, seed, options, arrivals, ...)`]);
  });

  it('lists every problem at once, in file order, on one line each', async () => {
    const text = VALID.replace('horizonHours: 48', 'horizonHours: -1').replace('seed: 7', 'seed: 1.5').replace('port: bakhtu', 'port: 7');
    const problems = await problemsOf(text);
    expect(problems).toEqual([
      `${FILE}:${at(text, '-1')}: horizonHours: must be greater than 0`,
      `${FILE}:${at(text, '1.5')}: seed: must be a whole number`,
      `${FILE}:${at(text, '7\n')}: arrivals[0].declaration.port: must be a string: YAML reads the unquoted 7 as a number; write it in quotes, '7'`,
    ]);
  });
});

describe('recorded streams in a scenario', () => {
  const withRecorded = (file: string) => VALID.slice(0, VALID.indexOf('arrivals:')).concat(`recorded:\n  file: ${file}\n`);
  const HEADER = 'key,arrivalMinutes,flow,port,transportMode,supervisionMode,creditClass,traderName,hsCode,description,quantity,unit,customsValueMinor,currency\n';
  const ROW = 'G-1,30,export,bakhtu,road,0110,general,Tacheng Fresh Produce Co.,0806100000,Fresh grapes,20000,kg,3000000,USD\n';

  it('loads the CSV named beside the scenario file', async () => {
    const files: string[] = [];
    const scenario = await parseScenario(withRecorded('grapes.csv'), FILE, ref, { readFile: (f) => (files.push(f), HEADER + ROW) });
    expect(files).toEqual(['scenarios/grapes.csv']);
    expect(scenario.recorded).toEqual([
      {
        key: 'G-1',
        arrivalMinutes: 30,
        procedure: 'full',
        advance: false,
        commodity: 'Fresh grapes',
        declaration: {
          flow: 'export',
          port: 'bakhtu',
          transportMode: 'road',
          supervisionMode: '0110',
          trader: { name: 'Tacheng Fresh Produce Co.', creditClass: 'general' },
          goods: [{ hsCode: '0806100000', description: 'Fresh grapes', quantity: 20000, unit: 'kg', customsValueMinor: 3000000, currency: 'USD' }],
        },
      },
    ]);
  });

  it('reports a bad CSV cell at the CSV file, line and column', async () => {
    const csv = HEADER + ROW + ROW.replace('G-1', 'G-2').replace('0806100000', '08061');
    const problems = await problemsOf(withRecorded('grapes.csv'), () => csv);
    expect(problems).toEqual([`scenarios/grapes.csv:3:${csv.split('\n')[2].indexOf('08061') + 1}: hsCode: must be the 10-digit CodeTS, e.g. 0806100000`]);
  });

  it('reports a recorded file that cannot be read at the file field', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'swsim-scenario-'));
    try {
      const text = withRecorded('missing.csv');
      writeFileSync(join(dir, 'with-stream.yaml'), text);
      const file = join(dir, 'with-stream.yaml');
      await expect(loadScenarioFile(file, ref)).rejects.toThrow(`${file}:${at(text, 'missing.csv')}: recorded.file: cannot read ${join(dir, 'missing.csv')}: no such file`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('bundled scenarios', () => {
  const files = bundledScenarioFiles(bundledScenariosDir());

  it('are at least eight calibrated ones, and every one loads', async () => {
    const { scenarios, problems } = await loadBundledScenarios(ref);
    expect(problems).toEqual([]);
    expect(scenarios.filter((s) => s.scenario.calibration.length > 0).length).toBeGreaterThanOrEqual(8);
    expect(scenarios.map((s) => s.name)).toEqual(files.map((f) => f.replace(/^.*\//, '').replace(/\.yaml$/, '')));
  });

  it.each(files.map((f) => [f.replace(/^.*\//, ''), f]))('%s names a published figure and stays quick to replay', async (_name, file) => {
    const scenario = await loadScenarioFile(file, ref);
    expect(scenario.options.length).toBeGreaterThanOrEqual(2);
    // A demonstration without a published figure says so first thing; at least eight are calibrated (below).
    if (scenario.calibration.length === 0) expect(scenario.description).toMatch(/^Not calibrated/);
    for (const c of scenario.calibration) {
      // The research notes' section (calibration.md for measured figures, rules.md for the reforms' own) and the URL.
      expect(c.source).toMatch(/(calibration|rules)\.md §\d/);
      expect(c.source).toMatch(/https?:\/\//);
      // A published value within ±15 % (issue 5); a published range or bound as published.
      if (c.kind === 'value') expect(c.tolerance).toBe(0.15);
      else expect([c.atLeast, c.atMost].some((bound) => bound !== null)).toBe(true);
      expect(CALIBRATION_METRICS).toContain(c.metric);
    }
    // A figure without a published source says so in the scenario's description.
    if (scenario.calibration.some((c) => /ASSUMPTION/.test(c.figure))) expect(scenario.description).toMatch(/ASSUMPTION/);
    expect(scenario.replications).toBeGreaterThanOrEqual(5);
    expect(scenario.replications).toBeLessThanOrEqual(10);
    // The calibration test replays every bundled scenario: at most ~20,000 declarations per option.
    const perReplication = scenario.arrivals.reduce((sum, a) => sum + a.ratePerHour * scenario.horizonHours, 0) + scenario.recorded.length;
    expect(perReplication * scenario.replications).toBeLessThanOrEqual(20_000);
  });

  it('are listed in scenarios/README.md, whose example loads', async () => {
    const readme = readFileSync(join(bundledScenariosDir(), 'README.md'), 'utf8');
    for (const f of files) expect(readme).toContain(`\`${f.replace(/^.*\//, '').replace(/\.yaml$/, '')}\``);
    const example = /```yaml\n([\s\S]*?)```/.exec(readme)![1];
    await expect(parseScenario(example, 'README.md', ref)).resolves.toEqual(expect.objectContaining({ options: ['baseline', 'green-channel'] }));
  });
});

describe('resolveScenario', () => {
  it('finds a bundled scenario by name, or a file by path', async () => {
    const byName = await resolveScenario('bakhtu-green-channel', ref);
    expect(byName.name).toBe('bakhtu-green-channel');
    const byPath = await resolveScenario(join(bundledScenariosDir(), 'bakhtu-green-channel.yaml'), ref);
    expect(byPath).toEqual(byName);
  });

  it('says which names exist when a name is unknown', async () => {
    const error = await resolveScenario('atlantis', ref).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe('SCENARIO.NOT_FOUND');
    expect((error as DomainError).message).toContain('bakhtu-green-channel');
  });

  it('reads the folder named by SWSIM_SCENARIOS_DIR', () => {
    expect(bundledScenariosDir({ SWSIM_SCENARIOS_DIR: '/elsewhere' })).toBe('/elsewhere');
  });
});
