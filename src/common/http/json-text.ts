// JSON text read at the edges (request bodies, CLI files), with errors that say where: a user fixing a
// file or a request needs the line and column, and Node's own JSON.parse messages do not always give
// one. jsonc-parser (strict: no comments, no trailing commas) finds the first error and where each
// value starts.

import { type Node, type ParseError, ParseErrorCode, parseTree } from 'jsonc-parser';
import { DomainError } from '../domain/domain-error';

export interface TextPosition {
  /** Offset in UTF-16 code units from the start of the text. */
  position: number;
  /** 1-based line and column. */
  line: number;
  column: number;
}

const STRICT = { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false };

const PROBLEMS: Partial<Record<ParseErrorCode, string>> = {
  [ParseErrorCode.InvalidSymbol]: 'unexpected character',
  [ParseErrorCode.InvalidNumberFormat]: 'invalid number',
  [ParseErrorCode.PropertyNameExpected]: 'expected a double-quoted property name',
  [ParseErrorCode.ValueExpected]: 'expected a value',
  [ParseErrorCode.ColonExpected]: "expected ':' after the property name",
  [ParseErrorCode.CommaExpected]: "expected ','",
  [ParseErrorCode.CloseBraceExpected]: "expected '}'",
  [ParseErrorCode.CloseBracketExpected]: "expected ']'",
  [ParseErrorCode.EndOfFileExpected]: 'unexpected text after the JSON value',
  [ParseErrorCode.InvalidCommentToken]: 'comments are not allowed',
  [ParseErrorCode.UnexpectedEndOfComment]: 'comments are not allowed',
  [ParseErrorCode.UnexpectedEndOfString]: 'unterminated string',
  [ParseErrorCode.UnexpectedEndOfNumber]: 'invalid number',
  [ParseErrorCode.InvalidUnicode]: 'invalid \\u escape in a string',
  [ParseErrorCode.InvalidEscapeCharacter]: 'invalid escape in a string',
  [ParseErrorCode.InvalidCharacter]: 'unescaped control character in a string',
};

export function positionAt(text: string, position: number): TextPosition {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < position && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { position, line, column: position - lineStart + 1 };
}

/**
 * Parses JSON, or throws a DomainError `REQUEST.MALFORMED_JSON` naming the line and column of the first
 * syntax error. `__proto__` and `constructor.prototype` keys are refused: nothing swsim reads has them,
 * and they are the usual way to poison an object merged later.
 */
export function parseJson(text: string, what = 'request body'): unknown {
  let value: unknown;
  try {
    // The fast path for every request: only a text JSON.parse refuses is parsed again to say where.
    value = JSON.parse(text);
  } catch {
    throw malformed(text, what);
  }
  if (text.includes('__proto__') || text.includes('"constructor"')) refusePoisonedKeys(text, what);
  return value;
}

function malformed(text: string, what: string): DomainError {
  const errors: ParseError[] = [];
  parseTree(text, errors, STRICT);
  const first = errors[0];
  const where = positionAt(text, first?.offset ?? text.length);
  const reason = (first && PROBLEMS[first.error]) ?? 'expected a value';
  const found = text[where.position] === undefined ? 'end of input' : `'${text[where.position]}'`;
  const problem = `${reason}, found ${found}`;
  const message = `${problem}, at line ${where.line}, column ${where.column}`;
  return new DomainError('REQUEST.MALFORMED_JSON', `The ${what} is not valid JSON: ${message}`, 'validation', [{ path: '', message }], { ...where, problem });
}

function refusePoisonedKeys(text: string, what: string): void {
  const tree = parseTree(text, [], STRICT);
  const poisoned = tree && [...values(tree, '')].find(([path]) => /(^|\.)(__proto__|constructor\.prototype)$/.test(path));
  if (!poisoned) return;
  const at = positionAt(text, poisoned[1].offset);
  throw new DomainError('REQUEST.FORBIDDEN_PROPERTY', `The ${what} uses a property name that is not allowed (line ${at.line}, column ${at.column})`, 'validation', [
    { path: poisoned[0], message: 'property name not allowed' },
  ]);
}

/** Where each value of a well-formed JSON text starts, by path (`declaration.goods[0].hsCode`). */
export function valuePositions(text: string): Map<string, number> {
  const tree = parseTree(text, [], STRICT);
  return new Map(tree ? [...values(tree, '')].map(([path, node]) => [path, node.offset]) : []);
}

export function joinPath(parent: string, key: string | number): string {
  if (typeof key === 'number') return `${parent}[${key}]`;
  return parent === '' ? key : `${parent}.${key}`;
}

/** Every value node of the tree with its path, parents first. */
function* values(node: Node, path: string): Generator<[string, Node]> {
  yield [path, node];
  if (node.type === 'object') {
    for (const property of node.children ?? []) {
      const [key, value] = property.children ?? [];
      if (key && value) yield* values(value, joinPath(path, String(key.value)));
    }
  } else if (node.type === 'array') {
    for (const [index, element] of (node.children ?? []).entries()) yield* values(element, joinPath(path, index));
  }
}
