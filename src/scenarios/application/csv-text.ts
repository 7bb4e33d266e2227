// CSV text (RFC 4180) read cell by cell with where each cell starts, so that a problem in a recorded
// stream names the line and column of its cell. csv-parse reports where a record ends, not where each
// cell begins; this reader does only what a spreadsheet writes: comma separators, double-quoted cells
// with "" for a quote and line breaks inside, CRLF, LF or CR line ends, an optional UTF-8 BOM.

export interface CsvCell {
  value: string;
  /** 1-based line and column (UTF-16 code units) of the cell's first character, its opening quote if quoted. */
  line: number;
  column: number;
}

export interface CsvRecord {
  cells: CsvCell[];
  /** Line of the record's first cell. */
  line: number;
}

export class CsvSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(message);
    this.name = 'CsvSyntaxError';
  }
}

const QUOTE = 34;
const COMMA = 44;
const LF = 10;
const CR = 13;

/** Every record of the text; blank lines are skipped. Throws CsvSyntaxError at the first malformed cell. */
export function readCsv(text: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  let lineStart = i;
  let cells: CsvCell[] = [];
  let quoted = false;

  // Ends the line at i (on CR, LF or CRLF); returns the index after it.
  const newLine = (at: number): number => {
    const next = text.charCodeAt(at) === CR && text.charCodeAt(at + 1) === LF ? at + 2 : at + 1;
    line++;
    lineStart = next;
    return next;
  };

  while (i <= text.length) {
    const cell: CsvCell = { value: '', line, column: i - lineStart + 1 };
    quoted = text.charCodeAt(i) === QUOTE;
    if (quoted) {
      let value = '';
      let j = i + 1;
      for (;;) {
        if (j >= text.length) throw new CsvSyntaxError('a quoted cell is not closed (a " is missing)', cell.line, cell.column);
        const c = text.charCodeAt(j);
        if (c === QUOTE) {
          if (text.charCodeAt(j + 1) === QUOTE) {
            value += '"';
            j += 2;
            continue;
          }
          j++;
          break;
        }
        if (c === CR || c === LF) {
          const next = newLine(j);
          value += text.slice(j, next);
          j = next;
          continue;
        }
        value += text[j];
        j++;
      }
      const after = text.charCodeAt(j);
      if (j < text.length && after !== COMMA && after !== CR && after !== LF) {
        throw new CsvSyntaxError('text after the closing quote of a cell (a quote inside a quoted cell is written "")', line, j - lineStart + 1);
      }
      cell.value = value;
      i = j;
    } else {
      let j = i;
      while (j < text.length) {
        const c = text.charCodeAt(j);
        if (c === COMMA || c === CR || c === LF) break;
        if (c === QUOTE) throw new CsvSyntaxError('a quote inside an unquoted cell (quote the whole cell and write the quote as "")', line, j - lineStart + 1);
        j++;
      }
      cell.value = text.slice(i, j);
      i = j;
    }
    cells.push(cell);
    const c = text.charCodeAt(i);
    if (c === COMMA) {
      i++;
      continue;
    }
    // End of the record: a line end or the end of the text. A blank line is no record.
    const blank = cells.length === 1 && cells[0].value === '' && !quoted;
    if (!blank) records.push({ cells, line: cells[0].line });
    cells = [];
    if (i >= text.length) break;
    i = newLine(i);
  }
  return records;
}
