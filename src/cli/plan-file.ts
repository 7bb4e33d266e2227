// Reads a plan request from a file, validated with the same DTO classes as POST /api/plans. The file
// is either a bare declaration or `{ declaration, reforms?, option?, parameters? }`.

import { readFileSync } from 'node:fs';
import { DomainError, type FieldProblem } from '../common/domain/domain-error';
import { parseJson, positionAt, valuePositions } from '../common/http/json-text';
import { validatePlain } from '../common/http/validation';
import type { PlanRequest } from '../planning/domain/planning.types';
import { PlanRequestDto } from '../planning/http/plan-request.dto';
import { toPlanRequest } from '../planning/http/plan-request.mapper';

/** A failure the user can fix; the CLI prints the message and exits with 2. */
export class UsageError extends Error {}

/** A comma-separated list of ids as a command-line value (`--reforms a,b`, `--options a,b`); blanks dropped. */
export function commaSeparated(value: string): string[] {
  return value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

export interface PlanFile {
  file: string;
  text: string;
  /** True when the file holds the declaration itself rather than `{ declaration, ... }`. */
  bare: boolean;
}

export interface PlanOverrides {
  reforms?: string[];
  option?: string;
}

export async function readPlanRequest(file: string, overrides: PlanOverrides): Promise<{ request: PlanRequest; source: PlanFile }> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : code === 'EACCES' ? 'permission denied' : (error as Error).message;
    throw new UsageError(`${file}: cannot read the file: ${why}`);
  }
  let json: unknown;
  try {
    json = parseJson(text, 'file');
  } catch (error) {
    if (error instanceof DomainError && error.code === 'REQUEST.MALFORMED_JSON') {
      throw new UsageError(`${file}:${String(error.details.line)}:${String(error.details.column)}: malformed JSON: ${String(error.details.problem)}`);
    }
    throw error;
  }
  const bare = !(typeof json === 'object' && json !== null && !Array.isArray(json) && 'declaration' in json);
  const body: Record<string, unknown> = bare ? { declaration: json } : { ...(json as Record<string, unknown>) };
  // Flags on the command line win over the file's own choice of reforms or option.
  if (overrides.reforms !== undefined) {
    body.reforms = overrides.reforms;
    delete body.option;
  }
  if (overrides.option !== undefined) {
    body.option = overrides.option;
    delete body.reforms;
  }
  const source = { file, text, bare };
  try {
    return { request: toPlanRequest(await validatePlain(PlanRequestDto, body, 'file')), source };
  } catch (error) {
    if (error instanceof DomainError) throw describeInFile(error, source);
    throw error;
  }
}

/** Turns a DomainError into lines naming the file, the field path and, where the field is in the file, its line. */
export function describeInFile(error: DomainError, source: PlanFile): UsageError {
  // A validation error's message only repeats its first field problem; other errors (an ineligible
  // reform, say) say more in the message than in the field lines.
  const lines = error.code === 'REQUEST.INVALID' && error.errors.length > 0 ? [] : [`${source.file}: ${error.message}`];
  let positions: Map<string, number> | null = null;
  const where = (problem: FieldProblem): string => {
    positions ??= valuePositions(source.text);
    // Paths are rooted at the request; in a bare declaration file the request's `declaration` is the
    // file itself, and other fields (reforms from the command line) are not in the file at all.
    const inFile = !source.bare ? problem.path : problem.path.startsWith('declaration') ? problem.path.replace(/^declaration\.?/, '') : null;
    const position = inFile === null ? undefined : positions.get(inFile);
    if (position === undefined) return '';
    const at = positionAt(source.text, position);
    return ` (line ${at.line}, column ${at.column})`;
  };
  for (const problem of error.errors) lines.push(`${source.file}: ${problem.path || '(file)'}: ${problem.message}${where(problem)}`);
  return new UsageError(lines.join('\n'));
}

