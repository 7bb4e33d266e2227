import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import fc from 'fast-check';
import { CsvSyntaxError, readCsv } from './csv-text';

/** The text from a 1-based line and column on. */
function from(text: string, line: number, column: number): string {
  const lines = text.split(/\r\n|\r|\n/);
  return [lines[line - 1].slice(column - 1), ...lines.slice(line)].join('\n');
}

const cellText = fc.string({ unit: fc.constantFrom('a', 'Z', '7', ' ', ',', '"', '\n', '\r\n', '汉', 'é', '-'), maxLength: 12 });
const records = fc.array(fc.array(cellText, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 6 }).filter((rs) => rs.every((r) => !(r.length === 1 && r[0] === '')));

describe('readCsv', () => {
  it('reads what csv-stringify writes, as csv-parse does, with each cell where it starts', () => {
    fc.assert(
      fc.property(records, fc.constantFrom('\n', '\r\n'), fc.boolean(), (rows, eol, bom) => {
        // quoted_match: csv-stringify leaves a lone "\n" unquoted when records end with "\r\n".
        const text = (bom ? '\ufeff' : '') + stringify(rows, { record_delimiter: eol === '\n' ? 'unix' : 'windows', quoted_match: /[\r\n]/ });
        const read = readCsv(text);
        const parsed = parse(text, { bom: true, relax_column_count: true }) as string[][];
        expect(read.map((r) => r.cells.map((c) => c.value))).toEqual(parsed);
        expect(parsed).toEqual(rows);
        for (const record of read) {
          for (const cell of record.cells) {
            const rest = from(text.replace(/^\ufeff/, ''), cell.line, cell.column);
            // A quoted cell starts at its quote; an unquoted one with its text.
            if (rest.startsWith('"')) continue;
            expect(rest.replace(/\r\n/g, '\n').startsWith(cell.value.replace(/\r\n/g, '\n'))).toBe(true);
          }
        }
      }),
    );
  });

  it('gives lines and columns across quoted line breaks', () => {
    const text = 'a,b\r\n"x\r\ny",z\n\n1,"2"\n';
    expect(readCsv(text)).toEqual([
      { line: 1, cells: [{ value: 'a', line: 1, column: 1 }, { value: 'b', line: 1, column: 3 }] },
      { line: 2, cells: [{ value: 'x\r\ny', line: 2, column: 1 }, { value: 'z', line: 3, column: 4 }] },
      { line: 5, cells: [{ value: '1', line: 5, column: 1 }, { value: '2', line: 5, column: 3 }] },
    ]);
  });

  it.each([
    ['a,"b\n', 1, 3, 'a quoted cell is not closed'],
    ['a\n"b"c,d\n', 2, 4, 'text after the closing quote'],
    ['a,b"c\n', 1, 4, 'a quote inside an unquoted cell'],
  ])('refuses %j at line %i, column %i', (text, line, column, message) => {
    let error: unknown;
    try {
      readCsv(text);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CsvSyntaxError);
    expect(error).toEqual(expect.objectContaining({ line, column, message: expect.stringContaining(message) }));
  });
});
