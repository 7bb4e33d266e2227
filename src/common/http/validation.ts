// Validation at the edges, once: the global ValidationPipe for HTTP and `validatePlain` for the CLI and
// files use the same DTO classes and options, and report the same `{ path, message }` problems.

import { type ArgumentMetadata, ValidationPipe } from '@nestjs/common';
import { type ClassConstructor, plainToInstance } from 'class-transformer';
import { type ValidationError, type ValidatorOptions, validate } from 'class-validator';
import { DomainError, type FieldProblem } from '../domain/domain-error';
import { joinPath } from './json-text';
import { cacheValidationMetadata } from './validation-metadata-cache';

// Every validation (the HTTP pipe, `validatePlain`) goes through this module.
cacheValidationMetadata();

export const VALIDATOR_OPTIONS: ValidatorOptions = {
  whitelist: true,
  forbidNonWhitelisted: true,
  forbidUnknownValues: true,
  // The value is kept so that array elements can be told from properties when paths are built.
  validationError: { target: false, value: true },
};

/** Flattens class-validator's tree into one problem per failed constraint, with paths like `declaration.goods[0].hsCode`. */
export function fieldProblems(errors: ValidationError[], parentPath = '', parentValue?: unknown): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const error of errors) {
    const index = Array.isArray(parentValue) && /^\d+$/.test(error.property) ? Number(error.property) : null;
    const path = index === null ? joinPath(parentPath, error.property) : joinPath(parentPath, index);
    const constraints = error.constraints ?? {};
    // A missing required field fails its type check; saying it is missing is clearer.
    if (error.value === undefined && Object.keys(constraints).length > 0 && !('whitelistValidation' in constraints)) {
      problems.push({ path, message: 'is required' });
    } else {
      for (const [constraint, message] of relevantConstraints(constraints)) {
        problems.push({ path, message: constraintMessage(constraint, message, error.property) });
      }
    }
    if (error.children?.length) problems.push(...fieldProblems(error.children, path, error.value));
  }
  return problems;
}

const TYPE_CONSTRAINTS = new Set(['isNumber', 'isInt', 'isString', 'isBoolean', 'isArray', 'isObject', 'isIn', 'nestedValidation']);

/** A value of the wrong type fails every other check too; only the type is worth saying then. */
function relevantConstraints(constraints: Record<string, string>): Array<[string, string]> {
  const all = Object.entries(constraints);
  const types = all.filter(([c]) => TYPE_CONSTRAINTS.has(c));
  // "must be an object" from a type check and from nested validation say the same thing once.
  if (types.length > 1) return types.filter(([c]) => c !== 'nestedValidation');
  return types.length > 0 ? types : all;
}

/** class-validator's default messages repeat the property name, which the path already gives. */
function constraintMessage(constraint: string, message: string, property: string): string {
  if (constraint === 'whitelistValidation') return 'property should not exist';
  if (constraint === 'nestedValidation') return 'must be an object';
  const escaped = property.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return message
    .replace(new RegExp(`^each value in (nested property )?${escaped} `), 'each value ')
    .replace(new RegExp(`^(nested property )?${escaped} `), '');
}

export function invalidRequest(problems: FieldProblem[], what = 'request'): DomainError {
  const [first] = problems;
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : '';
  const summary = first ? `${first.path ? `${first.path}: ` : ''}${first.message}${more}` : 'invalid';
  return new DomainError('REQUEST.INVALID', `The ${what} is invalid: ${summary}`, 'validation', problems);
}

/** The global pipe: DTO bodies must be JSON objects, then class-validator names every bad field. */
class RequestValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const isObject = typeof value === 'object' && value !== null && !Array.isArray(value);
    // An absent body goes through, so that the missing fields are named.
    if (metadata.type === 'body' && typeof metadata.metatype === 'function' && value !== undefined && !isObject) {
      throw invalidRequest([{ path: '', message: 'must be a JSON object' }], 'request body');
    }
    return super.transform(value, metadata);
  }
}

export function createValidationPipe(): ValidationPipe {
  return new RequestValidationPipe({
    ...VALIDATOR_OPTIONS,
    transform: true,
    exceptionFactory: (errors) => invalidRequest(fieldProblems(errors)),
  });
}

/** Validates plain data (a parsed file, say) against a DTO class, as the HTTP pipe does; throws `REQUEST.INVALID`. */
export async function validatePlain<T extends object>(cls: ClassConstructor<T>, plain: unknown, what = 'request'): Promise<T> {
  if (typeof plain !== 'object' || plain === null || Array.isArray(plain)) {
    throw invalidRequest([{ path: '', message: 'must be a JSON object' }], what);
  }
  const instance = plainToInstance(cls, plain);
  const errors = await validate(instance, VALIDATOR_OPTIONS);
  if (errors.length > 0) throw invalidRequest(fieldProblems(errors), what);
  return instance;
}
