import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { parseJson } from './json-text';
import { setUpOpenApi } from './openapi';
import { ProblemDetailsFilter } from './problem-details.filter';
import { createValidationPipe } from './validation';

export const GLOBAL_PREFIX = 'api';
const BODY_LIMIT_BYTES = 1024 * 1024;

export function createFastifyAdapter(): FastifyAdapter {
  return new FastifyAdapter({ bodyLimit: BODY_LIMIT_BYTES });
}

/** Everything main.ts and the e2e tests share, so tests run the app as it is served. */
export function configureApp(app: NestFastifyApplication): NestFastifyApplication {
  app.setGlobalPrefix(GLOBAL_PREFIX);
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ProblemDetailsFilter());
  useJsonBodies(app);
  setUpOpenApi(app);
  app.enableShutdownHooks();
  return app;
}

/**
 * JSON is the only body the API reads: any other content type is a 415, and malformed JSON a 400
 * naming the line and column (Fastify's own parser says neither).
 */
function useJsonBodies(app: NestFastifyApplication): void {
  const fastify = app.getHttpAdapter().getInstance();
  fastify.removeAllContentTypeParsers();
  app.useBodyParser('application/json', { bodyLimit: BODY_LIMIT_BYTES }, (_req, body, done) => {
    const text = body.toString('utf8');
    if (text.trim() === '') {
      done(null, undefined);
      return;
    }
    try {
      done(null, parseJson(text));
    } catch (error) {
      done(error as Error, undefined);
    }
  });
}
