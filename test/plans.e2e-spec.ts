import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import fc from 'fast-check';
import { REFORMS } from '../src/planning/domain/reforms/reform-catalogue';
import { createTestApp, expectProblem } from './support/test-app';

const REFORM_IDS = [
  'green-channel',
  'port-plus-unloading-place',
  'third-party-inspection',
  'mutual-trade-tiered-inspection',
  'tir',
  'bonded-maintenance',
  'three-ones-vehicles',
  'two-step-declaration',
  'advance-declaration',
  'railway-fast-clearance',
  'local-direct-clearance',
  'one-plus-n-inspection',
  'dangerous-chemicals-batch-inspection',
  'origin-smart-review',
  'aeo-treatment',
];

const exampleOf = (id: string) => structuredClone(REFORMS.find((r) => r.id === id)!.example);

describe('reforms, options and plans over REST', () => {
  let app: NestFastifyApplication;
  let http: Awaited<ReturnType<typeof createTestApp>>['http'];

  beforeAll(async () => {
    ({ app, http } = await createTestApp());
  });

  afterAll(async () => {
    await app.close();
  });

  const plan = (body: unknown) => http.post('/api/plans').send(body as object);

  describe('GET /api/reforms', () => {
    it('lists the 15 reforms, each with its clause, sources, parameters and an example', async () => {
      const res = await http.get('/api/reforms').expect(200);
      expect(res.body.map((r: { id: string }) => r.id).sort()).toEqual([...REFORM_IDS].sort());
      for (const r of res.body) {
        expect(Object.keys(r).sort()).toEqual(['assumption', 'clause', 'eligibility', 'example', 'id', 'parameters', 'sources', 'summary', 'title', 'titleZh']);
        expect(r.sources.length).toBeGreaterThan(0);
        expect(r.example).toEqual(expect.objectContaining({ flow: expect.any(String), port: expect.any(String), goods: expect.any(Array) }));
        for (const p of r.parameters) expect(p).toEqual(expect.objectContaining({ name: expect.any(String), default: expect.any(Number), source: expect.any(String) }));
      }
    });

    it('says which reforms are assumptions (three ones, 1+N)', async () => {
      const res = await http.get('/api/reforms').expect(200);
      const assumed = res.body.filter((r: { assumption: boolean }) => r.assumption).map((r: { id: string }) => r.id);
      expect(assumed).toEqual(expect.arrayContaining(['three-ones-vehicles', 'one-plus-n-inspection']));
    });

    it('GET /api/reforms/{id} gives one reform; an unknown id is a 404 problem', async () => {
      const res = await http.get('/api/reforms/tir').expect(200);
      expect(res.body.id).toBe('tir');
      expectProblem(await http.get('/api/reforms/teleportation'), 404, 'REFORM.NOT_FOUND');
    });
  });

  describe('GET /api/options', () => {
    it('lists the baseline, one option per reform and overall-plan-2023', async () => {
      const res = await http.get('/api/options').expect(200);
      const ids = res.body.map((o: { id: string }) => o.id);
      expect(ids).toEqual(expect.arrayContaining(['baseline', 'overall-plan-2023']));
      for (const o of res.body) expect(o).toEqual(expect.objectContaining({ id: expect.any(String), reforms: expect.any(Array), source: expect.any(String) }));
      const single = res.body.filter((o: { reforms: unknown[] }) => o.reforms.length === 1).flatMap((o: { reforms: Array<{ id: string }> }) => o.reforms.map((r) => r.id));
      expect(single.sort()).toEqual([...REFORM_IDS].sort());
    });

    it('GET /api/options/{id} gives one option; an unknown id is a 404 problem', async () => {
      const res = await http.get('/api/options/overall-plan-2023').expect(200);
      expect(res.body.reforms.length).toBe(REFORM_IDS.length);
      expectProblem(await http.get('/api/options/utopia'), 404, 'OPTION.NOT_FOUND');
    });
  });

  describe('POST /api/plans', () => {
    it.each(REFORM_IDS)('%s changes the plan of its example against the baseline, and says why', async (id) => {
      const declaration = exampleOf(id);
      const baseline = await plan({ declaration, reforms: [] }).expect(200);
      const reformed = await plan({ declaration, reforms: [id] }).expect(200);
      expect(reformed.body.expected).toEqual(expect.objectContaining({ hoursToRelease: expect.any(Number), cost: expect.objectContaining({ totalMinor: expect.any(Number), currency: 'CNY' }) }));
      expect(reformed.body.expected).not.toEqual(baseline.body.expected);
      expect(reformed.body.baseline.expected).toEqual(baseline.body.expected);
      expect(reformed.body.reforms.map((r: { id: string }) => r.id)).toEqual([id]);
      expect(reformed.body.changes.length).toBeGreaterThan(0);
      for (const change of reformed.body.changes) expect(change).toEqual(expect.objectContaining({ reform: id, clause: expect.any(String), reason: expect.any(String), source: expect.any(String) }));
      expect(baseline.body.changes).toEqual([]);
    });

    it('plans under an option, listing what it applied and what did not apply', async () => {
      const res = await plan({ declaration: exampleOf('green-channel'), option: 'overall-plan-2023' }).expect(200);
      expect(res.body.option).toBe('overall-plan-2023');
      expect(res.body.reforms.map((r: { id: string }) => r.id)).toContain('green-channel');
      expect(res.body.notApplied.length).toBeGreaterThan(0);
      expect(res.body.reforms.length + res.body.notApplied.length).toBe(REFORM_IDS.length);
    });

    it('accepts parameter overrides and reports them', async () => {
      const res = await plan({ declaration: exampleOf('green-channel'), reforms: ['green-channel'], parameters: { 'green-channel': { handlingFactor: 0.4 } } }).expect(200);
      expect(res.body.reforms[0].parameters.handlingFactor).toBe(0.4);
    });
  });

  describe('bad input: problem details, never a 500', () => {
    it('a wrong type names the field: declaration.goods[0].quantity', async () => {
      const declaration = exampleOf('green-channel');
      (declaration.goods[0] as unknown as Record<string, unknown>).quantity = 'lots';
      const problem = expectProblem(await plan({ declaration }), 400, 'REQUEST.INVALID');
      expect(problem.errors).toContainEqual({ path: 'declaration.goods[0].quantity', message: 'must be a number' });
    });

    it('a bad commodity code names the field: declaration.goods[0].hsCode', async () => {
      const declaration = exampleOf('green-channel');
      declaration.goods[0].hsCode = '0806';
      const problem = expectProblem(await plan({ declaration }), 400, 'REQUEST.INVALID');
      expect(problem.errors).toEqual([{ path: 'declaration.goods[0].hsCode', message: expect.stringContaining('10-digit') }]);
    });

    it('an unknown field is named', async () => {
      const declaration = { ...exampleOf('green-channel'), colour: 'red' };
      const problem = expectProblem(await plan({ declaration }), 400, 'REQUEST.INVALID');
      expect(problem.errors).toEqual([{ path: 'declaration.colour', message: 'property should not exist' }]);
      expect(problem.message).toContain('declaration.colour');
    });

    it('nested problems are all reported with their paths', async () => {
      const declaration = { ...exampleOf('green-channel'), flow: 'smuggle', trader: { name: 'X', creditClass: 'gold' }, conveyances: 0 };
      const problem = expectProblem(await plan({ declaration, reforms: 'green-channel' }), 400, 'REQUEST.INVALID');
      expect([...new Set(problem.errors.map((e) => e.path))].sort()).toEqual(['declaration.conveyances', 'declaration.flow', 'declaration.trader.creditClass', 'reforms']);
    });

    it('reforms and option together is a 400 naming both', async () => {
      const problem = expectProblem(await plan({ declaration: exampleOf('green-channel'), reforms: ['green-channel'], option: 'baseline' }), 400);
      expect(problem.errors.map((e) => e.path).sort()).toEqual(['option', 'reforms']);
    });

    it('a parameter that is not a number names its path', async () => {
      const problem = expectProblem(await plan({ declaration: exampleOf('green-channel'), reforms: ['green-channel'], parameters: { 'green-channel': { handlingFactor: 'fast' } } }), 400);
      expect(problem.errors).toEqual([{ path: 'parameters.green-channel.handlingFactor', message: 'must be a number' }]);
    });

    it('an unknown reform is a 422 naming it at reforms[0]', async () => {
      const problem = expectProblem(await plan({ declaration: exampleOf('green-channel'), reforms: ['teleportation'] }), 422);
      expect(problem.errors).toEqual([{ path: 'reforms[0]', message: expect.stringContaining('teleportation') }]);
    });

    it('an unknown option is a 422 naming it', async () => {
      const problem = expectProblem(await plan({ declaration: exampleOf('green-channel'), option: 'utopia' }), 422);
      expect(JSON.stringify(problem)).toContain('utopia');
    });

    it('an ineligible reform (green channel on copper concentrate) is a 422 with the reform id and the reason', async () => {
      const copper = REFORMS.map((r) => r.example).find((d) => d.goods.some((g) => g.hsCode.startsWith('2603')));
      expect(copper).toBeDefined();
      const problem = expectProblem(await plan({ declaration: copper, reforms: ['green-channel'] }), 422);
      expect(problem.message).toContain('green-channel');
      expect(problem.errors).toEqual([{ path: 'reforms[0]', message: expect.stringMatching(/fresh produce/) }]);
      expect(problem.details).toEqual(expect.objectContaining({ reform: 'green-channel', reason: expect.any(String) }));
    });

    it('an unknown port code is a 422 naming declaration.port', async () => {
      const declaration = { ...exampleOf('green-channel'), port: 'atlantis' };
      const problem = expectProblem(await plan({ declaration }), 422);
      expect(problem.errors).toEqual([expect.objectContaining({ path: 'declaration.port', message: expect.stringContaining('atlantis') })]);
    });

    it('any JSON value in any declaration field gets a 2xx or a 4xx problem, never a 5xx', async () => {
      const base = exampleOf('green-channel') as unknown as Record<string, unknown>;
      const fields = [...Object.keys(base), 'inlandSite', 'exitPort', 'conveyances', 'tirCarnet', 'flags', 'disposition', 'borderResidents'];
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...fields), fc.jsonValue({ maxDepth: 2 }), async (field, value) => {
          const res = await plan({ declaration: { ...base, [field]: value } });
          expect(res.status).toBeLessThan(500);
          if (res.status >= 400) expect(res.body).toEqual(expect.objectContaining({ status: res.status, code: expect.any(String), errors: expect.any(Array) }));
        }),
        { numRuns: 60, seed: 20230101 },
      );
    });
  });
});
