import { type ExecutionContext, applyDecorators, createParamDecorator } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import { DomainError } from '../domain/domain-error';

const HEADER = 'idempotency-key';
const VALID = /^[\x21-\x7e]{1,255}$/;

/** The Idempotency-Key header of the request, or undefined; 400 when it is not 1-255 visible ASCII characters. */
export const IdempotencyKey = createParamDecorator((_data: unknown, context: ExecutionContext): string | undefined => {
  const header = context.switchToHttp().getRequest<{ headers: Record<string, string | string[] | undefined> }>().headers[HEADER];
  const key = Array.isArray(header) ? header[0] : header;
  if (key === undefined) return undefined;
  if (!VALID.test(key)) {
    throw new DomainError('REQUEST.INVALID', 'The Idempotency-Key header must be 1 to 255 visible ASCII characters (a UUID, say)', 'validation', [
      { path: 'Idempotency-Key', message: 'must be 1 to 255 visible ASCII characters' },
    ]);
  }
  return key;
});

/** OpenAPI: the operation accepts an Idempotency-Key. */
export const ApiIdempotencyKey = () =>
  applyDecorators(
    ApiHeader({
      name: 'Idempotency-Key',
      required: false,
      description: 'Any unique string (a UUID). A retry with the same key and body returns the first response and writes nothing; the same key with another body is 422 IDEMPOTENCY.KEY_REUSED.',
    }),
  );
