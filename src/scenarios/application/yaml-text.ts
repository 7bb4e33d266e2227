// YAML text read with where each value sits (eemeli/yaml keeps node ranges; a LineCounter turns
// offsets into line and column), so that a problem found in the parsed data can be shown at its place
// in the file: a bad value at the value, an unknown key at the key, a missing field at its parent.

import { type Document, LineCounter, type Node, isMap, isScalar, isSeq, parseDocument } from 'yaml';

export interface TextPlace {
  /** 1-based. */
  line: number;
  column: number;
}

export interface YamlSyntaxProblem extends TextPlace {
  message: string;
}

/** Path segments of a field path such as `arrivals[0].declaration.goods[1].hsCode`. */
export function pathSegments(path: string): Array<string | number> {
  const segments: Array<string | number> = [];
  for (const match of path.matchAll(/\[(\d+)\]|([^.[\]]+)/g)) segments.push(match[1] !== undefined ? Number(match[1]) : match[2]);
  return segments;
}

export class YamlText {
  private readonly lines = new LineCounter();
  private readonly doc: Document.Parsed;

  constructor(readonly text: string) {
    // YAML 1.2 core schema (0110 is the number 110, 10:00 a string), unique keys, and `<<` merge keys
    // so that streams can share a declaration and change a field.
    this.doc = parseDocument(text, { lineCounter: this.lines, prettyErrors: false, uniqueKeys: true, version: '1.2', merge: true });
  }

  /** Syntax errors (the document is unusable when there are any), each at its place. */
  syntaxProblems(): YamlSyntaxProblem[] {
    return this.doc.errors.map((error) => ({ ...this.placeAt(error.pos[0]), message: error.message.replace(/\s+at line \d+, column \d+.*$/s, '') }));
  }

  /** The data, as plain JSON-like values. */
  data(): unknown {
    return this.doc.toJS({ maxAliasCount: 1000 });
  }

  /**
   * Where the field at `path` is: its value, or its key when `at` is 'key' (an unknown property); a
   * missing field is shown at the closest ancestor that exists.
   */
  place(path: string, at: 'value' | 'key' = 'value'): TextPlace {
    let node: Node | null = this.doc.contents;
    let keyNode: Node | null = null;
    for (const segment of pathSegments(path)) {
      const found = child(node, segment);
      if (!found) return this.placeOf(node);
      node = found.value;
      keyNode = found.key;
    }
    return this.placeOf(at === 'key' && keyNode ? keyNode : node);
  }

  /** True when the value at `path` is written as a bare number (YAML reads `0110` as 110). */
  isPlainNumber(path: string): boolean {
    let node: Node | null = this.doc.contents;
    for (const segment of pathSegments(path)) node = child(node, segment)?.value ?? null;
    return isScalar(node) && node.type === 'PLAIN' && typeof node.value === 'number';
  }

  /** The source text of the value at `path` (for messages), or null. */
  source(path: string): string | null {
    let node: Node | null = this.doc.contents;
    for (const segment of pathSegments(path)) node = child(node, segment)?.value ?? null;
    return isScalar(node) && typeof node.source === 'string' ? node.source : null;
  }

  private placeOf(node: Node | null): TextPlace {
    return this.placeAt(node?.range?.[0] ?? 0);
  }

  private placeAt(offset: number): TextPlace {
    const { line, col } = this.lines.linePos(offset);
    return { line: Math.max(line, 1), column: Math.max(col, 1) };
  }
}

function child(node: Node | null, segment: string | number): { key: Node | null; value: Node | null } | null {
  if (isMap(node)) {
    const pair = node.items.find((p) => (isScalar(p.key) ? String(p.key.value) : p.key) === String(segment));
    if (!pair) return null;
    return { key: pair.key as Node | null, value: (pair.value as Node | null) ?? (pair.key as Node | null) };
  }
  if (isSeq(node) && typeof segment === 'number') {
    const item = node.items[segment] as Node | undefined;
    return item ? { key: null, value: item } : null;
  }
  return null;
}
