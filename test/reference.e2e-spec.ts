import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createTestApp, expectProblem } from './support/test-app';

const COLLECTIONS = ['sites', 'supervision-modes', 'transport-modes', 'hs-headings', 'credit-classes', 'channel-rates', 'cost-items', 'currencies', 'steps', 'routes'];

describe('reference data over REST', () => {
  let app: NestFastifyApplication;
  let http: Awaited<ReturnType<typeof createTestApp>>['http'];

  beforeAll(async () => {
    ({ app, http } = await createTestApp());
  });

  afterAll(async () => {
    await app.close();
  });

  it('GET /api/reference lists every collection with its link and count', async () => {
    const res = await http.get('/api/reference').expect(200);
    expect(res.body.collections.map((c: { name: string }) => c.name)).toEqual(COLLECTIONS);
    for (const c of res.body.collections) {
      expect(c).toEqual({ name: c.name, href: `/api/reference/${c.name}`, count: expect.any(Number) });
      expect(c.count).toBeGreaterThan(0);
    }
  });

  it.each(COLLECTIONS)('GET /api/reference/%s lists its items, each with its source and assumption flag', async (name) => {
    const [index, res] = await Promise.all([http.get('/api/reference'), http.get(`/api/reference/${name}`).expect(200)]);
    expect(res.body).toHaveLength(index.body.collections.find((c: { name: string }) => c.name === name).count);
    for (const item of res.body) {
      expect(item).toEqual(expect.objectContaining({ source: expect.any(String), assumption: expect.any(Boolean) }));
      if (item.assumption) expect(item.source).toMatch(/ASSUMPTION/i);
    }
  });

  it('GET /api/reference/sites/{id} gives one site with its calendar and resources', async () => {
    const sites = await http.get('/api/reference/sites').expect(200);
    const first = sites.body[0];
    const res = await http.get(`/api/reference/sites/${first.id}`).expect(200);
    expect(res.body).toEqual(first);
    expect(res.body).toEqual(expect.objectContaining({ calendar: expect.any(Object), resources: expect.any(Array), modes: expect.any(Array) }));
  });

  it('answers an unknown site with a 404 problem naming it', async () => {
    const problem = expectProblem(await http.get('/api/reference/sites/atlantis'), 404, 'REFERENCE.UNKNOWN_SITE');
    expect(problem.message).toContain('atlantis');
  });

  it('answers an unknown collection with a 404 problem listing the collections', async () => {
    const problem = expectProblem(await http.get('/api/reference/planets'), 404, 'REFERENCE.UNKNOWN_COLLECTION');
    expect(problem.message).toContain('hs-headings');
  });
});
