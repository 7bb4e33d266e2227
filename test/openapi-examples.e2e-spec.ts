import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createTestApp } from './support/test-app';

interface MediaType {
  example?: unknown;
  examples?: Record<string, { value: unknown }>;
  schema?: { example?: unknown; $ref?: string };
}

describe('the OpenAPI document is a working manual', () => {
  let app: NestFastifyApplication;
  let http: Awaited<ReturnType<typeof createTestApp>>['http'];
  let doc: { paths: Record<string, Record<string, { requestBody?: { content?: Record<string, MediaType> } }>> };

  beforeAll(async () => {
    ({ app, http } = await createTestApp());
    doc = (await http.get('/api/openapi.json').expect(200)).body;
  });

  afterAll(async () => {
    await app.close();
  });

  it('every POST carries an example body, and every example gets a 2xx', async () => {
    const posts = Object.entries(doc.paths).filter(([, ops]) => ops.post);
    expect(posts.length).toBeGreaterThan(0);
    for (const [path, ops] of posts) {
      const media = ops.post.requestBody?.content?.['application/json'];
      const examples = [
        ...(media?.example !== undefined ? [media.example] : []),
        ...Object.values(media?.examples ?? {}).map((e) => e.value),
        ...(media?.schema?.example !== undefined ? [media.schema.example] : []),
      ];
      expect({ path, examples: examples.length > 0 }).toEqual({ path, examples: true });
      for (const example of examples) {
        const res = await http.post(path).send(example as object);
        expect({ path, example, status: res.status, body: res.status >= 300 ? res.body : null }).toEqual({ path, example, status: expect.any(Number), body: null });
      }
    }
  });
});
