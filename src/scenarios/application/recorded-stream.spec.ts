import 'reflect-metadata';
import fc from 'fast-check';
import type { Declaration, GoodsLine } from '../../planning/domain/declaration';
import { REFORMS } from '../../planning/domain/reforms/reform-catalogue';
import { reference } from '../../planning/domain/testing/planning.test-kit';
import type { RecordedDeclaration } from '../domain/scenario';
import { RECORDED_COLUMNS, parseRecordedStream, writeRecordedStream } from './recorded-stream';

const ref = reference();

const HEADER = 'key,arrivalMinutes,flow,port,transportMode,supervisionMode,creditClass,traderName,procedure,advance,hsCode,description,quantity,unit,customsValueMinor,currency,moreGoods';
const ROW = 'K-1,90,export,bakhtu,road,0110,general,Tacheng Fresh Produce Co.,full,false,0806100000,Fresh grapes,20000,kg,3000000,USD,';

/** `text` with the cell at `row` (0 = header) and `column` (by name) replaced, and where that cell starts. */
function withCell(rows: string[], row: number, column: string, value: string): { text: string; at: string } {
  const index = rows[0].split(',').indexOf(column);
  const cells = rows[row].split(',');
  cells[index] = value;
  const changed = [...rows];
  changed[row] = cells.join(',');
  return { text: changed.join('\n') + '\n', at: `${row + 1}:${cells.slice(0, index).join(',').length + (index > 0 ? 2 : 1)}` };
}

async function problems(text: string, context = {}): Promise<string[]> {
  const found = await parseRecordedStream(text, ref, context);
  return found.problems.map((p) => `${p.line}:${p.column}: ${p.path ? `${p.path}: ` : ''}${p.message}`);
}

describe('parseRecordedStream', () => {
  it('reads a row into a declaration, with the documented defaults', async () => {
    const { rows, problems: found } = await parseRecordedStream(`${HEADER}\n${ROW}\n`, ref, { options: ['baseline'] });
    expect(found).toEqual([]);
    expect(rows).toEqual([
      {
        key: 'K-1',
        arrivalMinutes: 90,
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

  it('takes local arrival times instead of minutes, and returns rows in arrival order', async () => {
    const header = HEADER.replace('arrivalMinutes', 'arrivalTime');
    const late = ROW.replace('K-1,90', 'K-1,2024-09-03 08:30');
    const early = ROW.replace('K-1,90', 'K-2,2024-09-02 23:59');
    const { rows, problems: found } = await parseRecordedStream(`${header}\n${late}\n${early}\n`, ref, { start: '2024-09-02' });
    expect(found).toEqual([]);
    expect(rows.map((r) => [r.key, r.arrivalMinutes])).toEqual([
      ['K-2', 23 * 60 + 59],
      ['K-1', 24 * 60 + 8 * 60 + 30],
    ]);
  });

  it('reports each bad cell at its line and column', async () => {
    const rows = [HEADER, ROW, ROW.replace('K-1', 'K-2')];
    const cases: Array<[string, number, string, string, string]> = [
      ['wrong type', 1, 'quantity', 'lots', 'quantity: must be a number'],
      ['leading zeros dropped', 1, 'hsCode', '806100000', 'hsCode: must be the 10-digit CodeTS, e.g. 0806100000 (a spreadsheet may have dropped leading zeros: format the column as text)'],
      ['unknown port', 2, 'port', 'atlantis', "port: unknown site 'atlantis'; see GET /api/reference/sites"],
      ['not a boolean', 1, 'advance', 'yes', 'advance: must be true or false'],
      ['unknown procedure', 1, 'procedure', 'fast', 'procedure: must be one of full, two-step'],
      ['negative arrival', 1, 'arrivalMinutes', '-5', 'arrivalMinutes: must not be less than 0'],
      // JSON.parse's own words vary with the Node version; only the start is ours.
      ['bad JSON', 1, 'moreGoods', '[{', 'moreGoods: is not valid JSON: ...'],
      ['not an array', 1, 'moreGoods', '{}', 'moreGoods: must be a JSON array of further goods lines, e.g. [{"hsCode":"0806100000",...}]'],
      ['a further goods line', 1, 'moreGoods', '"[{""hsCode"":""0806""}]"', 'moreGoods[0].hsCode: must be the 10-digit CodeTS, e.g. 0806100000'],
      ['an empty required cell', 2, 'traderName', '', 'traderName: is required'],
    ];
    for (const [, row, column, value, message] of cases) {
      const { text, at } = withCell(rows, row, column, value);
      const [found] = await problems(text);
      if (message.endsWith('...')) expect(found.startsWith(`${at}: ${message.slice(0, -3)}`)).toBe(true);
      else expect(found).toBe(`${at}: ${message}`);
    }
  });

  it('reports the header: unknown, repeated and missing columns', async () => {
    const { text, at } = withCell([HEADER, ROW], 0, 'unit', 'units');
    expect(await problems(text)).toEqual([expect.stringMatching(new RegExp(`^${at}: unknown column 'units'; the columns are key, arrivalMinutes, flow,`)), '1:1: the header lacks the column unit']);
    expect(await problems(`${HEADER},flow\n${ROW},export\n`)).toEqual([`1:${HEADER.length + 2}: column 'flow' appears twice`]);
    expect(await problems('key,flow\nK,export\n')).toEqual([
      '1:1: the header lacks the columns port, transportMode, supervisionMode, creditClass, traderName, hsCode, description, quantity, unit, customsValueMinor, currency, arrivalMinutes (or arrivalTime)',
    ]);
  });

  it('reports repeated keys, extra cells, arrivals after the horizon and an empty file', async () => {
    expect(await problems(`${HEADER}\n${ROW}\n${ROW}\n`)).toEqual(['3:1: key: repeats the key of line 2; each declaration needs its own key']);
    expect(await problems(`${HEADER}\n${ROW},surplus\n`)).toEqual([`2:${ROW.length + 2}: more cells than the header has columns (17)`]);
    expect(await problems(`${HEADER}\n${ROW}\n`, { horizonHours: 1.5 })).toEqual(['2:5: arrivalMinutes: arrives at minute 90, not before the horizon (horizonHours 1.5 = minute 90)']);
    expect(await problems('')).toEqual(['1:1: the file is empty: it needs a header row and one row per declaration']);
    expect(await problems(`${HEADER}\n`)).toEqual(['1:1: no declarations: the header is followed by no rows']);
    expect(await problems('a,"b\n')).toEqual(['1:3: a quoted cell is not closed (a " is missing)']);
  });

  it('plans each row under the options: an ineligible choice is shown at its cell', async () => {
    const { text, at } = withCell([HEADER, ROW], 1, 'procedure', 'two-step');
    expect(await problems(text, { options: ['baseline'] })).toEqual([`${at}: procedure: two-step declaration is for imports only; this is an export (under option 'baseline')`]);
  });
});

describe('writeRecordedStream', () => {
  const examples = REFORMS.map((r) => r.example);
  const text = fc.string({ unit: fc.constantFrom('a', 'Z', '9', ' ', ',', '"', '\n', '汉', 'é', "'", '{', '['), minLength: 1, maxLength: 20 }).filter((s) => s.trim() !== '');
  const goodsLine = (base: GoodsLine) =>
    fc.record({ description: text, quantity: fc.double({ min: 0.001, max: 1e6, noNaN: true }), customsValueMinor: fc.nat(1e9) }).map((v) => ({ ...base, ...v }));
  const declaration: fc.Arbitrary<Declaration> = fc.constantFrom(...examples).chain((d) =>
    fc
      .record({
        name: text.filter((s) => s.length <= 100),
        first: goodsLine(d.goods[0]),
        more: fc.array(goodsLine(d.goods[0]), { maxLength: 2 }),
        flags: fc.option(fc.record({ dangerousGoods: fc.boolean(), vehicle: fc.boolean() }, { requiredKeys: [] }), { nil: undefined }),
        conveyances: fc.option(fc.integer({ min: 1, max: 500 }), { nil: undefined }),
      })
      .map(({ name, first, more, flags, conveyances }) => {
        const result: Declaration = { ...d, trader: { ...d.trader, name }, goods: [first, ...more] };
        if (flags !== undefined) result.flags = flags;
        if (conveyances !== undefined) result.conveyances = conveyances;
        return result;
      }),
  );
  const row: fc.Arbitrary<RecordedDeclaration> = fc.record({
    key: text.filter((s) => s.length <= 128),
    arrivalMinutes: fc.double({ min: 0, max: 1e6, noNaN: true }),
    procedure: fc.constantFrom('full' as const, 'two-step' as const),
    advance: fc.boolean(),
    commodity: text,
    declaration,
  });

  it('writes every column, and what it writes reads back into the same rows', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(row, { selector: (r) => r.key, minLength: 1, maxLength: 5 }), async (rows) => {
        const csv = writeRecordedStream(rows);
        expect(csv.split('\n')[0]).toBe(RECORDED_COLUMNS.map((c) => c.name).join(','));
        const read = await parseRecordedStream(csv, ref);
        expect(read.problems).toEqual([]);
        expect(read.rows).toEqual([...rows].sort((a, b) => a.arrivalMinutes - b.arrivalMinutes));
      }),
      { numRuns: 60 },
    );
  });
});
