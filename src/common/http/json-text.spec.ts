import { DomainError } from '../domain/domain-error';
import { parseJson, positionAt, valuePositions } from './json-text';

function failure(text: string): DomainError {
  try {
    parseJson(text);
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error(`parsed: ${text}`);
}

describe('parseJson', () => {
  it('parses well-formed JSON as JSON.parse does', () => {
    const text = '{"a": [1, 2.5e3, -0.1, true, false, null, "x\\n\\u00e9"], "b": {}}';
    expect(parseJson(text)).toEqual(JSON.parse(text));
  });

  it.each([
    ['{"a": 1,}', 1, 9, "expected a double-quoted property name, found '}'"],
    ['{"a": 1\n  "b": 2}', 2, 3, "expected ',', found '\"'"],
    ['{"goods": [ {"hsCode": 7} ', 1, 27, "expected ']', found end of input"],
    ['{"a": tru}', 1, 7, "unexpected character, found 't'"],
    ['{"a": "x', 1, 7, "unterminated string, found '\"'"],
    ['{"a": 01}', 1, 8, "expected ',', found '1'"],
    ['{} x', 1, 4, "unexpected character, found 'x'"],
    ['{"a": 1} // note', 1, 10, "comments are not allowed, found '/'"],
    ['', 1, 1, 'expected a value, found end of input'],
  ])('names the line and column of the first error in %j', (text, line, column, message) => {
    const error = failure(text);
    expect(error.code).toBe('REQUEST.MALFORMED_JSON');
    expect(error.kind).toBe('validation');
    expect(error.details).toEqual(expect.objectContaining({ line, column, problem: message }));
    expect(error.errors).toEqual([{ path: '', message: `${message}, at line ${line}, column ${column}` }]);
  });

  it('refuses __proto__ and constructor.prototype keys, naming the path', () => {
    expect(failure('{"a": {"__proto__": {"polluted": 1}}}').errors).toEqual([{ path: 'a.__proto__', message: 'property name not allowed' }]);
    expect(failure('{"constructor": {"prototype": {}}}').code).toBe('REQUEST.FORBIDDEN_PROPERTY');
  });
});

describe('valuePositions', () => {
  it('finds where each value starts, by request path', () => {
    const text = '{\n  "declaration": {\n    "goods": [\n      {"hsCode": "0806"}\n    ]\n  }\n}';
    const at = valuePositions(text).get('declaration.goods[0].hsCode')!;
    expect(positionAt(text, at)).toEqual({ position: at, line: 4, column: 18 });
  });
});
