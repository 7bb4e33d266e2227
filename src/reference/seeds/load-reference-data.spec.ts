import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { ReferenceData } from '../domain/reference-data';
import { loadReferenceData, SeedError } from './load-reference-data';
import { REFORM_IDS } from './options.seed';

const SEEDS = path.resolve(__dirname, '../../../seeds');

describe('loadReferenceData on the real seed files', () => {
  let data: ReferenceData;
  beforeAll(() => {
    data = loadReferenceData();
  });

  it('reads the project seeds/ folder by default', () => {
    expect(loadReferenceData(SEEDS)).toEqual(data);
  });

  it('loads every file with rows in it', () => {
    for (const [key, rows] of Object.entries(data)) expect({ key, empty: rows.length === 0 }).toEqual({ key, empty: false });
  });

  it('returns plain objects, not schema class instances', () => {
    expect(Object.getPrototypeOf(data.sites[0])).toBe(Object.prototype);
    expect(Object.getPrototypeOf(data.sites[0].calendar)).toBe(Object.prototype);
    expect(Object.getPrototypeOf(data.steps[0].duration)).toBe(Object.prototype);
  });

  it('has the sites the scenarios name, with their kinds', () => {
    const kinds = Object.fromEntries(data.sites.map((s) => [s.id, s.kind]));
    expect(kinds).toEqual({
      'khorgos-road': 'border-port',
      'khorgos-rail': 'border-port',
      'alashankou-rail': 'border-port',
      bakhtu: 'border-port',
      torugart: 'border-port',
      irkeshtam: 'border-port',
      khunjerab: 'border-port',
      jeminay: 'border-port',
      dulata: 'border-port',
      karasu: 'border-port',
      'urumqi-airport': 'airport',
      'urumqi-cbz': 'bonded-zone',
      'kashgar-cbz': 'bonded-zone',
      'khorgos-cbz': 'bonded-zone',
      'urumqi-inland': 'inland-office',
      'changji-unloading': 'unloading-place',
    });
  });

  it('runs green channels exactly at the five ports of rules.md §1.1', () => {
    const green = data.sites.filter((s) => s.greenChannel).map((s) => s.id);
    expect(green.sort()).toEqual(['bakhtu', 'irkeshtam', 'karasu', 'khorgos-road', 'torugart']);
  });

  it('hard-codes no unverified customs code (rules.md §7.4)', () => {
    for (const site of data.sites) expect({ id: site.id, code: site.customsCode, verified: site.customsCodeVerified }).toEqual({ id: site.id, code: null, verified: false });
  });

  it('keeps Khorgos open around the clock and the Kyrgyz ports closed at weekends', () => {
    const site = (id: string) => data.sites.find((s) => s.id === id)!;
    expect(site('khorgos-road').calendar.allDay).toBe(true);
    expect(site('khorgos-rail').calendar.allDay).toBe(true);
    for (const id of ['torugart', 'irkeshtam']) expect(site(id).calendar.weekdays).toEqual([1, 2, 3, 4, 5]);
    expect(site('khunjerab').calendar.seasonalClosure).toBeUndefined();
  });

  it('gives every site a capacity for each resource a step can hold', () => {
    const needed = [...new Set(data.steps.flatMap((s) => (s.resource ? [s.resource] : [])))];
    for (const site of data.sites) expect({ site: site.id, kinds: site.resources.map((r) => r.kind) }).toEqual({ site: site.id, kinds: expect.arrayContaining(needed) });
  });

  it('has the supervision modes, with swsim codes only where none is published', () => {
    const flows = Object.fromEntries(data.supervisionModes.map((m) => [m.code, m.flows]));
    for (const code of ['0110', '1300', '1371', '1233', '5034', '5000', '4019', '9610', '9710', '2600', 'BMTR', 'TRST']) expect(flows).toHaveProperty([code]);
    expect(flows['1371']).toEqual(['import', 'export']);
    expect(flows['1300']).toEqual(['import', 'export']);
    expect(flows.TRST).toEqual(['transit']);
    expect(flows.BMTR).toEqual(['import']);
    const own = data.supervisionModes.filter((m) => !/^\d{4}$/.test(m.code));
    expect(own.map((m) => [m.code, m.assumption])).toEqual([
      ['BMTR', true],
      ['TRST', true],
    ]);
  });

  it('maps transport modes to their TrafMode codes [S108]', () => {
    expect(data.transportModes.map((m) => [m.id, m.code, m.conveyance])).toEqual([
      ['road', '4', 'truck'],
      ['rail', '3', 'wagon'],
      ['air', '5', 'aircraft'],
      ['post', '6', 'none'],
    ]);
  });

  it('covers the HS headings the rules look at, with their flags', () => {
    const byPrefix = new Map(data.hsHeadings.map((h) => [h.prefix, h]));
    const expected = ['0702', '0703', '0806', '0807', '0808', '0809', '0802', '0813', '2601', '2603', '2607', '2608', '8703', '2815', '2905', '8429', '8411', '8708', '8528', '8471', '6110'];
    expect([...byPrefix.keys()].sort()).toEqual([...expected].sort());
    expect(['0702', '0703', '0806', '0807', '0808', '0809'].map((p) => [byPrefix.get(p)!.freshProduce, byPrefix.get(p)!.risk, byPrefix.get(p)!.vatPercent])).toEqual(
      Array(6).fill([true, 'high', 9]),
    );
    expect(['2601', '2603', '2607', '2608'].map((p) => [byPrefix.get(p)!.mineral, byPrefix.get(p)!.dutyPercent])).toEqual([
      ['iron', 0],
      ['copper', 0],
      ['lead-zinc', 0],
      ['lead-zinc', 0],
    ]);
    expect(data.hsHeadings.filter((h) => h.maintenanceCatalogue).map((h) => h.prefix).sort()).toEqual(['8411', '8429', '8471', '8528', '8708']);
    expect(data.hsHeadings.filter((h) => h.dangerousGoods).map((h) => h.prefix).sort()).toEqual(['2815', '2905']);
    expect(byPrefix.get('8703')!.vehicle).toBe(true);
    // No verified tariff was available: every rate is ours.
    expect(data.hsHeadings.every((h) => h.assumption)).toBe(true);
  });

  it('scales inspection by credit class as [S95] and [S96] say', () => {
    const classes = Object.fromEntries(data.creditClasses.map((c) => [c.id, [c.inspectionRateMultiplier, c.minimumInspectionRate]]));
    expect(classes).toEqual({ 'advanced-aeo': [0.2, 0], 'general-aeo': [0.5, 0], general: [1, 0], discredited: [1, 0.8] });
  });

  it('has channel rates for every risk class, rising with risk', () => {
    const red = Object.fromEntries(data.channelRates.map((c) => [c.risk, c.red]));
    expect(red.low).toBeLessThan(red.medium);
    expect(red.medium).toBeLessThan(red.high);
  });

  it('converts every cost item currency, with CNY as the base', () => {
    const codes = data.currencies.map((c) => c.code);
    expect(codes).toEqual(expect.arrayContaining(['CNY', 'USD', 'EUR', 'CZK', 'KZT', 'KGS', 'TJS', 'PKR', 'RUB']));
    expect(data.currencies.find((c) => c.code === 'CNY')).toMatchObject({ minorPerMajor: 100, cnyPerUnit: 1 });
  });

  it('has the routes the scenarios haul on', () => {
    const routes = data.routes.map((r) => `${r.from} ${r.to} ${r.mode}`);
    expect(routes).toEqual(
      expect.arrayContaining([
        'kashgar-cbz irkeshtam road',
        'kashgar-cbz torugart road',
        'kashgar-cbz khunjerab road',
        'khorgos-road khorgos-cbz road',
        'khorgos-road urumqi-cbz road',
        'khorgos-road urumqi-inland road',
        'bakhtu urumqi-inland road',
        'alashankou-rail changji-unloading rail',
        'khorgos-rail changji-unloading rail',
        'khorgos-rail urumqi-inland rail',
        'irkeshtam torugart road',
        'khorgos-road irkeshtam road',
      ]),
    );
  });

  it('offers the baseline, each reform alone, and the Overall Plan package', () => {
    expect(data.options.map((o) => o.id)).toEqual(['baseline', ...REFORM_IDS, 'overall-plan-2023']);
    expect(data.options[0].reforms).toEqual([]);
    for (const id of REFORM_IDS) expect(data.options.find((o) => o.id === id)!.reforms).toEqual([{ id, parameters: {} }]);
    expect(data.options.find((o) => o.id === 'overall-plan-2023')!.reforms.map((r) => r.id)).toEqual([...REFORM_IDS]);
  });
});

describe('loadReferenceData on broken copies', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'swsim-seeds-'));
    for (const file of fs.readdirSync(SEEDS)) fs.copyFileSync(path.join(SEEDS, file), path.join(dir, file));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  /** Rewrites one copied file through `change`, which edits the parsed JSON in place (loosely typed: it breaks the shape on purpose). */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const edit = (file: string, change: (json: any) => void) => {
    const json = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
    change(json);
    fs.writeFileSync(path.join(dir, file), JSON.stringify(json, null, 2));
  };

  const seedError = (): SeedError => {
    try {
      loadReferenceData(dir);
    } catch (error) {
      if (error instanceof SeedError) return error;
      throw error;
    }
    throw new Error('expected a SeedError');
  };

  const line = (file: string, rest: string) => `${path.join(dir, file)}: ${rest}`;

  it('loads the unbroken copy', () => {
    expect(() => loadReferenceData(dir)).not.toThrow();
  });

  it('names the file and path of a wrong type', () => {
    edit('sites.json', (json) => (json.items[3].resources[0].capacity = 'four'));
    const error = seedError();
    expect(error.message).toContain(line('sites.json', 'items[3].resources[0].capacity: must be an integer number'));
    for (const problem of error.problems) expect(problem).toMatchObject({ file: path.join(dir, 'sites.json'), path: 'items[3].resources[0].capacity' });
    expect(error.file).toBe(path.join(dir, 'sites.json'));
  });

  it('says which format a time must have', () => {
    edit('sites.json', (json) => (json.items[3].calendar.opens = '9am'));
    expect(seedError().message).toBe(line('sites.json', 'items[3].calendar.opens: must be HH:MM'));
  });

  it('rejects an unknown field', () => {
    edit('hs-headings.json', (json) => (json.items[0].colour = 'red'));
    expect(seedError().message).toBe(line('hs-headings.json', 'items[0].colour: unknown field (not in the schema)'));
  });

  it('rejects an unknown field at the top of a file', () => {
    edit('routes.json', (json) => (json.version = 2));
    expect(seedError().message).toBe(line('routes.json', 'version: unknown field (not in the schema)'));
  });

  it('requires a source on every row', () => {
    edit('currencies.json', (json) => delete json.items[1].source);
    expect(seedError().message).toContain(line('currencies.json', 'items[1].source: '));
  });

  it('requires an empty source to be filled', () => {
    edit('channel-rates.json', (json) => (json.items[2].source = ''));
    expect(seedError().message).toBe(line('channel-rates.json', 'items[2].source: should not be empty'));
  });

  it('requires assumption to match the source text', () => {
    edit('channel-rates.json', (json) => (json.items[0].assumption = false));
    expect(seedError().message).toMatch(`${line('channel-rates.json', 'items[0].assumption: the source contains "ASSUMPTION"')}`);
    edit('channel-rates.json', (json) => {
      json.items[0].assumption = true;
      json.items[1].source = 'a document';
    });
    expect(seedError().message).toMatch(line('channel-rates.json', 'items[1].assumption: assumption is true but the source does not contain "ASSUMPTION"'));
  });

  it('checks nested rows for provenance too', () => {
    edit('sites.json', (json) => (json.items[0].resources[2].assumption = false));
    expect(seedError().message).toMatch(line('sites.json', 'items[0].resources[2].assumption: '));
  });

  it('rejects a route to an unknown site', () => {
    edit('routes.json', (json) => (json.items[0].to = 'nowhere'));
    expect(seedError().message).toBe(line('routes.json', "items[0].to: 'nowhere' is not a site in sites.json"));
  });

  it('rejects a route by a mode one of its sites does not handle', () => {
    edit('routes.json', (json) => (json.items[0].mode = 'rail'));
    expect(seedError().message).toContain(line('routes.json', 'items[0].mode: '));
  });

  it('rejects an option naming an unknown reform', () => {
    edit('options.json', (json) => (json.items[1].reforms[0].id = 'free-lunch'));
    expect(seedError().message).toContain(line('options.json', "items[1].reforms[0].id: 'free-lunch' is not a reform"));
  });

  it('rejects a non-numeric reform parameter', () => {
    edit('options.json', (json) => (json.items[1].reforms[0].parameters = { factor: 'half' }));
    expect(seedError().message).toBe(line('options.json', 'items[1].reforms[0].parameters: must be an object whose values are numbers'));
  });

  it('rejects a step charging an unknown cost item', () => {
    edit('steps.json', (json) => (json.items[0].costs = ['no-such-item']));
    expect(seedError().message).toBe(line('steps.json', "items[0].costs[0]: 'no-such-item' is not a cost item in cost-items.json"));
  });

  it('rejects a cost item in an unknown currency', () => {
    edit('cost-items.json', (json) => (json.items[0].currency = 'XYZ'));
    expect(seedError().message).toBe(line('cost-items.json', "items[0].currency: 'XYZ' is not in currencies.json"));
  });

  it('rejects a duplicate id', () => {
    edit('sites.json', (json) => (json.items[1].id = json.items[0].id));
    expect(seedError().message).toContain(line('sites.json', "items[1].id: duplicate 'khorgos-road' (first at items[0])"));
  });

  it('checks a triangular distribution is ordered', () => {
    edit('steps.json', (json) => (json.items[0].duration = { kind: 'triangular', min: 10, mode: 5, max: 20 }));
    expect(seedError().message).toBe(line('steps.json', 'items[0].duration.mode: must be at least min'));
  });

  it('names the distribution kinds when the kind is unknown', () => {
    edit('steps.json', (json) => (json.items[0].duration = { kind: 'gamma' }));
    expect(seedError().message).toContain(line('steps.json', 'items[0].duration.kind: must be one of the following values: constant, uniform'));
  });

  it('checks the fields of the chosen distribution kind', () => {
    edit('steps.json', (json) => (json.items[0].duration = { kind: 'lognormal', mean: 30 }));
    expect(seedError().message).toContain(line('steps.json', 'items[0].duration.cv: '));
  });

  it('gives the line and column of malformed JSON', () => {
    fs.writeFileSync(path.join(dir, 'options.json'), '{\n  "description": "x",\n  "source" "y"\n}\n');
    const error = seedError();
    expect(error.message).toMatch(new RegExp(`^${escape(path.join(dir, 'options.json'))}: malformed JSON at line 3, column 12: `));
    expect(error.problems[0]).toMatchObject({ line: 3, column: 12 });
  });

  it('reports a missing file', () => {
    fs.rmSync(path.join(dir, 'currencies.json'));
    expect(seedError().message).toBe(line('currencies.json', 'cannot read the file (ENOENT)'));
  });

  it('reports problems in several files at once', () => {
    edit('sites.json', (json) => (json.items[0].kind = 'castle'));
    edit('routes.json', (json) => (json.items[0].haulHours = -1));
    const files = seedError().problems.map((p) => path.basename(p.file));
    expect(files).toEqual(['sites.json', 'routes.json']);
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
