// The one error shape of the API (RFC 9457 problem details, with swsim's `code` and field `errors`).

import { HttpStatus } from '@nestjs/common';
import type { DomainErrorKind, FieldProblem } from '../domain/domain-error';
import { DomainError } from '../domain/domain-error';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8';

export interface ProblemDetails {
  status: number;
  /** Stable, e.g. `REQUEST.INVALID`, `REFORM.INELIGIBLE`. */
  code: string;
  message: string;
  errors: FieldProblem[];
  details?: Record<string, unknown>;
}

/** design.md: 400 validation, 404 unknown, 409 illegal transition or version conflict, 422 rule violation; 401 no or bad API key, 403 wrong role. */
export const STATUS_BY_KIND: Record<DomainErrorKind, number> = {
  validation: HttpStatus.BAD_REQUEST,
  unauthenticated: HttpStatus.UNAUTHORIZED,
  forbidden: HttpStatus.FORBIDDEN,
  'not-found': HttpStatus.NOT_FOUND,
  conflict: HttpStatus.CONFLICT,
  rule: HttpStatus.UNPROCESSABLE_ENTITY,
};

export function problemFromDomainError(error: DomainError): ProblemDetails {
  const problem: ProblemDetails = { status: STATUS_BY_KIND[error.kind], code: error.code, message: error.message, errors: error.errors };
  if (Object.keys(error.details).length > 0) problem.details = error.details;
  return problem;
}

/** Codes for the HTTP-level failures that never reach a controller (routing, body parsing, limits). */
const CODE_BY_STATUS: Record<number, string> = {
  [HttpStatus.BAD_REQUEST]: 'REQUEST.BAD_REQUEST',
  [HttpStatus.NOT_FOUND]: 'ROUTE.NOT_FOUND',
  [HttpStatus.METHOD_NOT_ALLOWED]: 'ROUTE.METHOD_NOT_ALLOWED',
  [HttpStatus.PAYLOAD_TOO_LARGE]: 'REQUEST.TOO_LARGE',
  [HttpStatus.UNSUPPORTED_MEDIA_TYPE]: 'REQUEST.UNSUPPORTED_MEDIA_TYPE',
  [HttpStatus.TOO_MANY_REQUESTS]: 'REQUEST.TOO_MANY',
};

const MESSAGE_BY_STATUS: Record<number, string> = {
  [HttpStatus.UNSUPPORTED_MEDIA_TYPE]: 'The API reads JSON bodies only: send Content-Type: application/json',
};

export function problemFromStatus(status: number, message: string): ProblemDetails {
  return { status, code: CODE_BY_STATUS[status] ?? `HTTP.${status}`, message: MESSAGE_BY_STATUS[status] ?? message, errors: [] };
}

export const INTERNAL_PROBLEM: ProblemDetails = {
  status: HttpStatus.INTERNAL_SERVER_ERROR,
  code: 'INTERNAL',
  message: 'Something went wrong on our side; the error has been logged',
  errors: [],
};
