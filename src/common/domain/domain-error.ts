// A failure the domain can name: a stable code, a message a person can act on, and the field it
// concerns. The HTTP filter and the CLI map `kind` to a status or an exit code; the domain never
// knows about either.

export type DomainErrorKind = 'validation' | 'unauthenticated' | 'forbidden' | 'not-found' | 'conflict' | 'rule';

export interface FieldProblem {
  /** Path of the offending field in the request, e.g. `declaration.goods[0].hsCode`. */
  path: string;
  message: string;
}

export class DomainError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly kind: DomainErrorKind,
    readonly errors: FieldProblem[] = [],
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
}
