import { Test } from '@nestjs/testing';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Server } from 'node:http';
import request from 'supertest';
import { AppModule } from '../../src/app.module';
import { configureApp, createFastifyAdapter } from '../../src/common/http/configure-app';

/** The real AppModule, configured exactly as main.ts does, ready for supertest. */
export async function createTestApp(): Promise<{ app: NestFastifyApplication; http: ReturnType<typeof request> }> {
  const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).compile();
  const app = configureApp(moduleRef.createNestApplication<NestFastifyApplication>(createFastifyAdapter(), { logger: false }));
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return { app, http: request(app.getHttpServer() as Server) };
}

/** Asserts the problem-details shape every 4xx and 5xx shares, and returns the body. */
export function expectProblem(res: request.Response, status: number, code?: string): { status: number; code: string; message: string; errors: Array<{ path: string; message: string }>; details?: Record<string, unknown> } {
  expect({ status: res.status, contentType: res.headers['content-type'] }).toEqual({ status, contentType: expect.stringContaining('application/problem+json') });
  expect(res.body).toEqual(expect.objectContaining({ status, code: expect.any(String), message: expect.any(String), errors: expect.any(Array) }));
  if (code !== undefined) expect(res.body.code).toBe(code);
  expect(JSON.stringify(res.body)).not.toMatch(/\bat .+\.(ts|js):\d+/);
  return res.body;
}
