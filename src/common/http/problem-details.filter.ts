import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { DomainError } from '../domain/domain-error';
import { INTERNAL_PROBLEM, PROBLEM_CONTENT_TYPE, type ProblemDetails, problemFromDomainError, problemFromStatus } from './problem-details';

/**
 * Every error leaves the API as problem details. DomainErrors carry their own status (by kind) and
 * field errors; HTTP exceptions raised by Nest or Fastify (unknown route, unsupported media type,
 * body too large) keep their status; anything else is our bug: a 500 that is logged and says nothing
 * about the internals.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemDetails');

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const problem = this.toProblem(exception);
    void reply.status(problem.status).header('content-type', PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
  }

  private toProblem(exception: unknown): ProblemDetails {
    if (exception instanceof DomainError) return problemFromDomainError(exception);
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      if (status < HttpStatus.INTERNAL_SERVER_ERROR) return problemFromStatus(status, httpMessage(exception));
      this.logger.error(exception.message, exception.stack);
      return { ...INTERNAL_PROBLEM, status };
    }
    this.logger.error(exception instanceof Error ? exception.message : String(exception), exception instanceof Error ? exception.stack : undefined);
    return INTERNAL_PROBLEM;
  }
}

function httpMessage(exception: HttpException): string {
  const response = exception.getResponse();
  if (typeof response === 'string') return response;
  const message = (response as { message?: unknown }).message;
  if (Array.isArray(message)) return message.join('; ');
  return typeof message === 'string' ? message : exception.message;
}
