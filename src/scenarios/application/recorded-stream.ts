// A recorded stream: one declaration a CSV row, in columns a customs analyst can fill in a spreadsheet
// (scenarios/README.md lists them). Each row is validated with the same classes as the API
// (RecordedDeclarationDto, whose declaration is POST /api/plans' DeclarationDto) and checked against the
// reference data; a problem is shown at the line and column of its cell. writeRecordedStream is the
// inverse: what it writes reads back into the same declarations.

import { stringify } from 'csv-stringify/sync';
import { DomainError, type FieldProblem } from '../../common/domain/domain-error';
import { validatePlain } from '../../common/http/validation';
import type { Declaration } from '../../planning/domain/declaration';
import { toDeclaration } from '../../planning/http/plan-request.mapper';
import type { ReferenceIndex } from '../../reference/domain/reference-index';
import type { RecordedDeclaration } from '../domain/scenario';
import { RecordedDeclarationDto } from '../http/scenario.dto';
import { type CsvCell, CsvSyntaxError, readCsv } from './csv-text';
import { LodgingCheck } from './lodging-check';

type CellKind = 'string' | 'number' | 'boolean' | 'json';

interface Column {
  name: string;
  kind: CellKind;
  /** Where the cell's value goes in the RecordedDeclarationDto shape. */
  path: Array<string | number>;
  required: boolean;
}

const column = (name: string, kind: CellKind, path: Array<string | number>, required = false): Column => ({ name, kind, path, required });
const head = (name: string, kind: CellKind = 'string', required = false) => column(name, kind, ['declaration', name], required);
const goods = (name: string, kind: CellKind = 'string', required = false) => column(name, kind, ['declaration', 'goods', 0, name], required);

/** The columns, in the order writeRecordedStream writes them. */
export const RECORDED_COLUMNS: readonly Column[] = [
  column('key', 'string', ['key'], true),
  column('arrivalMinutes', 'number', ['arrivalMinutes']),
  head('flow', 'string', true),
  head('port', 'string', true),
  head('transportMode', 'string', true),
  head('supervisionMode', 'string', true),
  column('creditClass', 'string', ['declaration', 'trader', 'creditClass'], true),
  column('traderName', 'string', ['declaration', 'trader', 'name'], true),
  column('procedure', 'string', ['procedure']),
  column('advance', 'boolean', ['advance']),
  column('commodity', 'string', ['commodity']),
  head('inlandSite'),
  head('exitPort'),
  head('conveyances', 'number'),
  head('tirCarnet'),
  head('disposition'),
  head('borderResidents', 'number'),
  head('qualityCertificateRequested', 'boolean'),
  head('certificateOfOrigin', 'boolean'),
  goods('hsCode', 'string', true),
  goods('description', 'string', true),
  goods('quantity', 'number', true),
  goods('unit', 'string', true),
  goods('customsValueMinor', 'number', true),
  goods('currency', 'string', true),
  goods('repairFeeMinor', 'number'),
  goods('unNumber'),
  column('moreGoods', 'json', ['declaration', 'goods']),
  column('flags', 'json', ['declaration', 'flags']),
];

/** Instead of arrivalMinutes: the local date and time of arrival, "YYYY-MM-DD HH:MM" (needs the scenario's start). */
const ARRIVAL_TIME_COLUMN = column('arrivalTime', 'string', ['arrivalMinutes']);

const COLUMNS_BY_NAME = new Map([...RECORDED_COLUMNS, ARRIVAL_TIME_COLUMN].map((c) => [c.name, c]));
const NUMBER_TEXT = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;
const ARRIVAL_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?$/;

/** A problem in the CSV, at its cell; the caller adds the file. */
export interface CsvProblem {
  line: number;
  column: number;
  path: string;
  message: string;
}

export interface RecordedStreamContext {
  /** The scenario's start date (YYYY-MM-DD): minute 0 is its local midnight; needed for `arrivalTime`. */
  start?: string;
  /** Rows must arrive before the horizon. */
  horizonHours?: number;
  /** The scenario's options: every row must be plannable under each. */
  options?: readonly string[];
}

/** Reads a recorded stream; rows come back in arrival order (file order among equal times). */
export async function parseRecordedStream(text: string, ref: ReferenceIndex, context: RecordedStreamContext = {}): Promise<{ rows: RecordedDeclaration[]; problems: CsvProblem[] }> {
  let records;
  try {
    records = readCsv(text);
  } catch (error) {
    if (error instanceof CsvSyntaxError) return { rows: [], problems: [{ line: error.line, column: error.column, path: '', message: error.message }] };
    throw error;
  }
  const problems: CsvProblem[] = [];
  if (records.length === 0) return { rows: [], problems: [{ line: 1, column: 1, path: '', message: 'the file is empty: it needs a header row and one row per declaration' }] };

  const [header, ...body] = records;
  const columns = readHeader(header.cells, problems);
  if (problems.length > 0) return { rows: [], problems };
  if (body.length === 0) return { rows: [], problems: [{ line: header.line, column: 1, path: '', message: 'no declarations: the header is followed by no rows' }] };

  const check = new LodgingCheck(ref, context.options ?? []);
  const rows: Array<RecordedDeclaration & { order: number }> = [];
  const keys = new Map<string, number>();
  for (const [order, record] of body.entries()) {
    const row = await readRow(record.cells, columns, check, context, problems);
    if (!row) continue;
    const keyCell = record.cells[columns.findIndex((c) => c.name === 'key')];
    const seen = keys.get(row.key);
    if (seen !== undefined) problems.push({ line: keyCell.line, column: keyCell.column, path: 'key', message: `repeats the key of line ${seen}; each declaration needs its own key` });
    else keys.set(row.key, keyCell.line);
    rows.push({ ...row, order });
  }
  rows.sort((a, b) => a.arrivalMinutes - b.arrivalMinutes || a.order - b.order);
  return { rows: rows.map(({ order: _order, ...row }) => row), problems };
}

function readHeader(cells: CsvCell[], problems: CsvProblem[]): Column[] {
  const columns: Column[] = [];
  const known = RECORDED_COLUMNS.map((c) => c.name).join(', ');
  for (const cell of cells) {
    const found = COLUMNS_BY_NAME.get(cell.value.trim());
    if (!found) problems.push({ line: cell.line, column: cell.column, path: '', message: `unknown column '${cell.value}'; the columns are ${known} (or arrivalTime instead of arrivalMinutes)` });
    else if (columns.includes(found)) problems.push({ line: cell.line, column: cell.column, path: '', message: `column '${found.name}' appears twice` });
    else if (found.path[0] === 'arrivalMinutes' && columns.some((c) => c.path[0] === 'arrivalMinutes')) {
      problems.push({ line: cell.line, column: cell.column, path: '', message: 'give either arrivalMinutes or arrivalTime, not both' });
    }
    if (found) columns.push(found);
  }
  const first = cells[0];
  const missing = RECORDED_COLUMNS.filter((c) => c.required && !columns.includes(c)).map((c) => c.name);
  if (!columns.some((c) => c.path[0] === 'arrivalMinutes')) missing.push('arrivalMinutes (or arrivalTime)');
  if (missing.length > 0) problems.push({ line: first.line, column: first.column, path: '', message: `the header lacks the column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}` });
  return columns;
}

async function readRow(
  cells: CsvCell[],
  columns: Column[],
  check: LodgingCheck,
  context: RecordedStreamContext,
  problems: CsvProblem[],
): Promise<RecordedDeclaration | null> {
  const before = problems.length;
  const at = (cell: CsvCell, path: string, message: string) => problems.push({ line: cell.line, column: cell.column, path, message });
  for (const extra of cells.slice(columns.length)) at(extra, '', `more cells than the header has columns (${columns.length})`);
  // A row shorter than the header (some tools drop trailing empty cells): the missing cells are empty.
  const cellOf = (i: number): CsvCell => cells[i] ?? { value: '', line: cells[cells.length - 1].line, column: cells[cells.length - 1].column };

  const plain: Record<string, unknown> = { declaration: { trader: {}, goods: [{}] } };
  const cellByColumn = new Map<string, CsvCell>();
  for (const [i, c] of columns.entries()) {
    const cell = cellOf(i);
    cellByColumn.set(c.name, cell);
    const value = cellValue(c, cell, context, (message) => at(cell, c.name, message));
    if (value === undefined) continue;
    if (c.name === 'moreGoods') {
      const declaration = plain.declaration as { goods: unknown[] };
      if (Array.isArray(value)) declaration.goods.push(...value);
      else at(cell, c.name, 'must be a JSON array of further goods lines, e.g. [{"hsCode":"0806100000",...}]');
      continue;
    }
    setIn(plain, c.path, value);
  }
  if (problems.length > before) return null;

  let dto: RecordedDeclarationDto;
  try {
    dto = await validatePlain(RecordedDeclarationDto, plain, 'row');
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    for (const p of error.errors) placeProblem(p, cellByColumn, cells[0], at);
    return null;
  }
  const declaration: Declaration = toDeclaration(dto.declaration);
  const row: RecordedDeclaration = {
    key: dto.key,
    arrivalMinutes: dto.arrivalMinutes,
    procedure: dto.procedure ?? 'full',
    advance: dto.advance ?? false,
    declaration,
    commodity: dto.commodity ?? declaration.goods[0].description,
  };
  for (const p of check.problems(declaration, row)) placeProblem(p, cellByColumn, cells[0], at);
  if (context.horizonHours !== undefined && row.arrivalMinutes >= context.horizonHours * 60) {
    const cell = cellByColumn.get('arrivalMinutes') ?? cellByColumn.get('arrivalTime')!;
    at(cell, cell === cellByColumn.get('arrivalTime') ? 'arrivalTime' : 'arrivalMinutes', `arrives at minute ${row.arrivalMinutes}, not before the horizon (horizonHours ${context.horizonHours} = minute ${context.horizonHours * 60})`);
  }
  return problems.length > before ? null : row;
}

/** The typed value of a cell: undefined when empty; a cell that is not of its kind is kept as text for the validator to name. */
function cellValue(c: Column, cell: CsvCell, context: RecordedStreamContext, problem: (message: string) => void): unknown {
  const text = cell.value;
  if (text.trim() === '') return undefined;
  switch (c.kind) {
    case 'number':
      return NUMBER_TEXT.test(text.trim()) ? Number(text) : text;
    case 'boolean':
      return /^\s*true\s*$/i.test(text) ? true : /^\s*false\s*$/i.test(text) ? false : text;
    case 'json':
      try {
        return JSON.parse(text) as unknown;
      } catch (error) {
        problem(`is not valid JSON: ${(error as Error).message}`);
        return undefined;
      }
    case 'string':
      if (c === ARRIVAL_TIME_COLUMN) return arrivalMinutes(text, context.start, problem);
      return text;
  }
}

/** Minutes from local midnight of `start` to a local "YYYY-MM-DD HH:MM". */
function arrivalMinutes(text: string, start: string | undefined, problem: (message: string) => void): number | undefined {
  const m = ARRIVAL_TIME.exec(text.trim());
  const day = m ? dayNumber(Number(m[1]), Number(m[2]), Number(m[3])) : null;
  if (!m || day === null || Number(m[4]) > 23 || Number(m[5]) > 59 || Number(m[6] ?? 0) > 59) {
    problem('must be a local date and time "YYYY-MM-DD HH:MM", e.g. 2024-09-02 08:30');
    return undefined;
  }
  const [y, mo, d] = (start ?? '').split('-').map(Number);
  const startDay = start ? dayNumber(y, mo, d) : null;
  if (startDay === null) {
    problem('arrivalTime needs the scenario\'s start date; use arrivalMinutes otherwise');
    return undefined;
  }
  return (day - startDay) * 1440 + Number(m[4]) * 60 + Number(m[5]) + Number(m[6] ?? 0) / 60;
}

/** Days since 1970-01-01 of a calendar date, or null when there is no such date (2024-02-30). */
export function dayNumber(year: number, month: number, day: number): number | null {
  const ms = Date.UTC(year, month - 1, day);
  const date = new Date(ms);
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return ms / 86_400_000;
}

function setIn(target: Record<string, unknown>, path: Array<string | number>, value: unknown): void {
  let node = target as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  node[path[path.length - 1]] = value;
}

/** Shows a field problem (`declaration.goods[1].hsCode`) at the cell its value came from. */
function placeProblem(p: FieldProblem, cells: Map<string, CsvCell>, first: CsvCell, at: (cell: CsvCell, path: string, message: string) => void): void {
  const { column, path } = columnOf(p.path);
  const arrivalTime = column === 'arrivalMinutes' && !cells.has(column) ? cells.get('arrivalTime') : undefined;
  const cell = arrivalTime ?? cells.get(column);
  if (cell) at(cell, arrivalTime ? 'arrivalTime' : path, hint(column, cell.value, p.message));
  else at(first, p.path, p.message);
}

/** The column a field path comes from, and the path to show: the column, or `moreGoods[0].hsCode` inside it. */
function columnOf(path: string): { column: string; path: string } {
  const more = /^declaration\.goods\[(\d+)\](.*)$/.exec(path);
  if (more && Number(more[1]) > 0) return { column: 'moreGoods', path: `moreGoods[${Number(more[1]) - 1}]${more[2]}` };
  if (path.startsWith('declaration.flags')) return { column: 'flags', path: path.replace(/^declaration\./, '') };
  if (path === 'declaration.goods' || path === 'declaration.goods[0]') return { column: 'hsCode', path: 'hsCode' };
  if (path === 'declaration.trader') return { column: 'traderName', path: 'traderName' };
  const found = RECORDED_COLUMNS.find((c) => c.path.map((s) => (typeof s === 'number' ? `[${s}]` : s)).join('.').replace('.[', '[') === path);
  const name = found?.name ?? path.replace(/^declaration\./, '');
  return { column: name, path: name };
}

/** Spreadsheets drop the leading zeros of codes typed as numbers (0806100000 -> 806100000). */
function hint(column: string, value: string, message: string): string {
  const digits = { hsCode: 10, supervisionMode: 4 }[column as 'hsCode' | 'supervisionMode'];
  if (digits !== undefined && /^[1-9]\d*$/.test(value) && value.length < digits) return `${message} (a spreadsheet may have dropped leading zeros: format the column as text)`;
  return message;
}

/** The CSV of a recorded stream, header first, in RECORDED_COLUMNS order; empty cells for absent fields. */
export function writeRecordedStream(rows: readonly RecordedDeclaration[]): string {
  const header = RECORDED_COLUMNS.map((c) => c.name);
  const lines = rows.map((row) => RECORDED_COLUMNS.map((c) => writeCell(c, row)));
  // Any cell with a line break is quoted, so no reader can take it for the end of a record.
  return stringify([header, ...lines], { record_delimiter: 'unix', quoted_match: /[\r\n]/ });
}

function writeCell(c: Column, row: RecordedDeclaration): string {
  if (c.name === 'moreGoods') return row.declaration.goods.length > 1 ? JSON.stringify(row.declaration.goods.slice(1)) : '';
  if (c.name === 'flags') return row.declaration.flags ? JSON.stringify(row.declaration.flags) : '';
  let value: unknown = row;
  for (const key of c.path) value = (value as Record<string | number, unknown> | undefined)?.[key];
  if (value === undefined || value === null) return '';
  return String(value);
}
