import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Role } from '../src/auth/api-key';
import { REFORMS } from '../src/planning/domain/reforms/reform-catalogue';
import { ReplayJobRunner } from '../src/replay/application/replay-job-runner';
import { EXAMPLE_REPLAY_ID } from '../src/replay/http/replays.dto';
import { EXAMPLE_DECLARATION_ID } from '../src/tir/http/tir-carnets.dto';
import { createTestApp } from './support/test-app';

interface MediaType {
  example?: unknown;
  examples?: Record<string, { value: unknown }>;
  schema?: { example?: unknown; $ref?: string };
}

interface Operation {
  requestBody?: { content?: Record<string, MediaType> };
  parameters?: Array<{ name: string; in: string; example?: unknown; schema?: { example?: unknown } }>;
  'x-swsim-roles'?: Role[];
}

describe('the OpenAPI document is a working manual', () => {
  let app: NestFastifyApplication;
  let http: Awaited<ReturnType<typeof createTestApp>>['http'];
  let doc: { paths: Record<string, Record<string, Operation>> };
  const keys = {} as Record<Role, string>;
  /**
   * Examples that name a declaration use EXAMPLE_DECLARATION_ID, and a replay EXAMPLE_REPLAY_ID; each
   * becomes one of this tenant's, made in beforeAll (the replay cancelled, so that cancelling it again is a 200).
   */
  let withExampleIds: <T>(value: T) => T;

  beforeAll(async () => {
    const testApp = await createTestApp();
    ({ app, http } = testApp);
    for (const role of ['admin', 'officer', 'trader'] as const) keys[role] = await testApp.key('openapi-examples', role);
    doc = (await http.get('/api/openapi.json').expect(200)).body;
    const tir = REFORMS.find((r) => r.id === 'tir')!.example;
    const lodged = await http.post('/api/declarations').set('x-api-key', keys.trader).send({ ...tir, mode: 'manual' }).expect(201);
    const runner = app.get(ReplayJobRunner);
    await runner.stop();
    const replay = await http.post('/api/replays').set('x-api-key', keys.trader).send({ scenario: 'bakhtu-green-channel', replications: 1 }).expect(202);
    await http.post(`/api/replays/${replay.body.id}/cancel`).set('x-api-key', keys.trader).send({}).expect(200);
    runner.start();
    withExampleIds = (value) => JSON.parse(JSON.stringify(value).split(EXAMPLE_DECLARATION_ID).join(lodged.body.id).split(EXAMPLE_REPLAY_ID).join(replay.body.id));
  });

  afterAll(async () => {
    await app.close();
  });

  it('every POST carries an example body, and every example gets a 2xx (with a key of a role the operation allows)', async () => {
    const posts = Object.entries(doc.paths).filter(([, ops]) => ops.post);
    expect(posts.length).toBeGreaterThan(0);
    for (const [template, ops] of posts) {
      const media = ops.post.requestBody?.content?.['application/json'];
      const examples = [
        ...(media?.example !== undefined ? [media.example] : []),
        ...Object.values(media?.examples ?? {}).map((e) => e.value),
        ...(media?.schema?.example !== undefined ? [media.schema.example] : []),
      ];
      expect({ path: template, examples: examples.length > 0 }).toEqual({ path: template, examples: true });
      // Path parameters take the example their operation documents.
      const path = withExampleIds(
        template.replace(/\{(\w+)\}/g, (_, name: string) => {
          const parameter = ops.post.parameters?.find((p) => p.in === 'path' && p.name === name);
          return String(parameter?.example ?? parameter?.schema?.example ?? name);
        }),
      );
      const role = ops.post['x-swsim-roles']?.[0] ?? 'admin';
      for (const documented of examples) {
        const example = withExampleIds(documented);
        const res = await http.post(path).set('x-api-key', keys[role]).send(example as object);
        expect({ path, example, status: res.status, body: res.status >= 300 ? res.body : null }).toEqual({ path, example, status: expect.any(Number), body: null });
      }
    }
  });
});
