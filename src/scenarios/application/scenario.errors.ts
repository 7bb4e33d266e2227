// What is wrong with a scenario file (or the CSV stream it names): every problem at its file, line and
// column, so an editor or a terminal can jump to it. One error carries them all.

import { DomainError } from '../../common/domain/domain-error';

export interface ScenarioProblem {
  /** The file as the user named it (the scenario, or the CSV it points at). */
  file: string;
  /** 1-based. */
  line: number;
  column: number;
  /** Field path in the file, e.g. `arrivals[0].declaration.goods[0].hsCode`, or the CSV column; '' for the file itself. */
  path: string;
  message: string;
}

/** Problems listed in the message; all of them stay in `problems`. */
const MAX_LISTED = 50;

export function formatProblem(p: ScenarioProblem): string {
  return `${p.file}:${p.line}:${p.column}: ${p.path ? `${p.path}: ` : ''}${p.message}`;
}

/** Problems in file order: by file as first met, then line and column. */
function ordered(problems: ScenarioProblem[]): ScenarioProblem[] {
  const files = [...new Set(problems.map((p) => p.file))];
  return [...problems].sort((a, b) => files.indexOf(a.file) - files.indexOf(b.file) || a.line - b.line || a.column - b.column);
}

/** A scenario that cannot be used; the message has one `file:line:column: path: message` line per problem. */
export class ScenarioError extends DomainError {
  readonly problems: ScenarioProblem[];

  constructor(problems: ScenarioProblem[]) {
    const sorted = ordered(problems);
    const lines = sorted.slice(0, MAX_LISTED).map(formatProblem);
    if (sorted.length > MAX_LISTED) lines.push(`... and ${sorted.length - MAX_LISTED} more`);
    super(
      'SCENARIO.INVALID',
      lines.join('\n'),
      'validation',
      sorted.map((p) => ({ path: p.path, message: `${p.message} (${p.file}:${p.line}:${p.column})` })),
      { problems: sorted },
    );
    this.name = 'ScenarioError';
    this.problems = sorted;
  }
}

export const scenarioNotFound = (name: string, bundled: string[]): DomainError =>
  new DomainError(
    'SCENARIO.NOT_FOUND',
    `No bundled scenario '${name}' and no such file; bundled: ${bundled.join(', ') || '(none)'} (see \`swsim scenarios\`)`,
    'not-found',
    [{ path: 'scenario', message: `unknown scenario '${name}'` }],
  );
