import { type ArgumentsHost, BadRequestException, Logger, NotFoundException } from '@nestjs/common';
import { DomainError } from '../domain/domain-error';
import { ProblemDetailsFilter } from './problem-details.filter';

function capture(exception: unknown): { status: number; contentType: string; body: Record<string, unknown> } {
  const sent = { status: 0, contentType: '', body: {} as Record<string, unknown> };
  const reply = {
    status(code: number) {
      sent.status = code;
      return this;
    },
    header(name: string, value: string) {
      if (name === 'content-type') sent.contentType = value;
      return this;
    },
    send(payload: string) {
      sent.body = JSON.parse(payload);
      return this;
    },
  };
  const host = { switchToHttp: () => ({ getResponse: () => reply }) } as unknown as ArgumentsHost;
  new ProblemDetailsFilter().catch(exception, host);
  return sent;
}

describe('ProblemDetailsFilter', () => {
  it.each([
    ['validation', 400],
    ['not-found', 404],
    ['conflict', 409],
    ['rule', 422],
  ] as const)('maps a %s DomainError to %i with its code, message, errors and details', (kind, status) => {
    const error = new DomainError('PLAN.SOMETHING', 'Something is off', kind, [{ path: 'declaration.port', message: 'unknown' }], { reform: 'tir' });
    expect(capture(error)).toEqual({
      status,
      contentType: 'application/problem+json; charset=utf-8',
      body: { status, code: 'PLAN.SOMETHING', message: 'Something is off', errors: [{ path: 'declaration.port', message: 'unknown' }], details: { reform: 'tir' } },
    });
  });

  it('leaves out empty details', () => {
    expect(capture(new DomainError('X.Y', 'm', 'rule')).body).toEqual({ status: 422, code: 'X.Y', message: 'm', errors: [] });
  });

  it('keeps the status of HTTP exceptions raised by Nest and Fastify', () => {
    expect(capture(new NotFoundException('Cannot GET /x')).body).toEqual({ status: 404, code: 'ROUTE.NOT_FOUND', message: 'Cannot GET /x', errors: [] });
    expect(capture(new BadRequestException()).body).toEqual(expect.objectContaining({ status: 400, code: 'REQUEST.BAD_REQUEST' }));
  });

  it('answers anything else with a generic 500 that leaks nothing, and logs it', () => {
    const log = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    try {
      const sent = capture(new TypeError("Cannot read properties of undefined (reading 'secret')"));
      expect(sent.status).toBe(500);
      expect(sent.body).toEqual({ status: 500, code: 'INTERNAL', message: 'Something went wrong on our side; the error has been logged', errors: [] });
      expect(log).toHaveBeenCalledWith("Cannot read properties of undefined (reading 'secret')", expect.stringContaining('TypeError'));
    } finally {
      log.mockRestore();
    }
  });
});
