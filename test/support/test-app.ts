import { Test } from '@nestjs/testing';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { AppModule } from '../../src/app.module';
import type { Role } from '../../src/auth/api-key';
import { AccountsService } from '../../src/auth/application/accounts.service';
import { configureApp, createFastifyAdapter } from '../../src/common/http/configure-app';
import { DATABASE_ENV } from '../../src/database/database.module';

export interface TestApp {
  app: NestFastifyApplication;
  http: ReturnType<typeof request>;
  /** The SQLite file this app keeps its data in. */
  databasePath: string;
  /** A new API key for `tenant` (created if absent) with `role`, straight through the accounts service. */
  key(tenant: string, role: Role): Promise<string>;
}

/**
 * The real AppModule, configured exactly as main.ts does, ready for supertest, on its own SQLite file:
 * a fresh one in a temporary folder (removed when the app closes) unless `databasePath` names one, to
 * restart on the same data.
 */
export async function createTestApp(options: { databasePath?: string } = {}): Promise<TestApp> {
  const dir = options.databasePath ? null : mkdtempSync(join(tmpdir(), 'swsim-e2e-'));
  const databasePath = options.databasePath ?? join(dir!, 'swsim.sqlite');
  // The app's own database settings, so that tests never touch ./data and apps made side by side do not mix.
  const moduleRef = await Test.createTestingModule({ imports: [AppModule] })
    .overrideProvider(DATABASE_ENV)
    .useValue({ ...process.env, DATABASE_PATH: databasePath, DATABASE_URL: '' })
    .compile();
  const app = configureApp(moduleRef.createNestApplication<NestFastifyApplication>(createFastifyAdapter(), { logger: false }));
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  if (dir) {
    const close = app.close.bind(app);
    app.close = async () => {
      await close();
      rmSync(dir, { recursive: true, force: true });
    };
  }
  const accounts = app.get(AccountsService);
  return {
    app,
    http: request(app.getHttpServer() as Server),
    databasePath,
    async key(tenant, role) {
      await accounts.ensureTenant(tenant);
      return (await accounts.issueKey(tenant, role)).key;
    },
  };
}

/** Asserts the problem-details shape every 4xx and 5xx shares, and returns the body. */
export function expectProblem(res: request.Response, status: number, code?: string): { status: number; code: string; message: string; errors: Array<{ path: string; message: string }>; details?: Record<string, unknown> } {
  expect({ status: res.status, contentType: res.headers['content-type'] }).toEqual({ status, contentType: expect.stringContaining('application/problem+json') });
  expect(res.body).toEqual(expect.objectContaining({ status, code: expect.any(String), message: expect.any(String), errors: expect.any(Array) }));
  if (code !== undefined) expect(res.body.code).toBe(code);
  expect(JSON.stringify(res.body)).not.toMatch(/\bat .+\.(ts|js):\d+/);
  return res.body;
}
