import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createTestApp, expectProblem } from './support/test-app';

describe('the service shell', () => {
  let app: NestFastifyApplication;
  let http: Awaited<ReturnType<typeof createTestApp>>['http'];

  beforeAll(async () => {
    ({ app, http } = await createTestApp());
  });

  afterAll(async () => {
    await app.close();
  });

  it('GET /api/health answers ok with the version and the database, without a key', async () => {
    const res = await http.get('/api/health').expect(200);
    expect(res.body).toEqual({ status: 'ok', version: expect.stringMatching(/^\d+\.\d+\.\d+/), database: 'sqlite' });
  });

  it('serves the OpenAPI document and the Swagger UI', async () => {
    const doc = await http.get('/api/openapi.json').expect(200);
    expect(doc.body.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.body.paths)).toEqual(
      expect.arrayContaining(['/api/health', '/api/plans', '/api/reforms', '/api/reforms/{id}', '/api/options', '/api/reference', '/api/reference/{collection}', '/api/reference/sites/{id}']),
    );
    const ui = await http.get('/api/docs').redirects(1).expect(200);
    expect(ui.headers['content-type']).toContain('text/html');
    expect(ui.text).toContain('swagger');
  });

  it('maps declaration fields to Single Window elements in the OpenAPI document', async () => {
    const doc = await http.get('/api/openapi.json').expect(200);
    const declaration = doc.body.components.schemas.DeclarationDto.properties;
    expect(declaration.flow.description).toContain('IEFlag');
    expect(declaration.port.description).toContain('IEPort');
    expect(declaration.transportMode.description).toContain('TrafMode');
    expect(declaration.supervisionMode.description).toContain('TradeMode');
    expect(declaration.tirCarnet.description).toContain('VoyNo');
    const goods = doc.body.components.schemas.GoodsLineDto.properties;
    expect(goods.hsCode.description).toContain('CodeTS');
    expect(goods.description.description).toContain('GName');
    expect(goods.customsValueMinor.description).toContain('DeclTotal');
    expect(goods.currency.description).toContain('TradeCurr');
  });

  it('answers an unknown route with a 404 problem', async () => {
    expectProblem(await http.get('/api/nowhere'), 404, 'ROUTE.NOT_FOUND');
    expectProblem(await http.get('/nowhere'), 404, 'ROUTE.NOT_FOUND');
  });

  it('answers a body that is not JSON with 415', async () => {
    const res = await http.post('/api/plans').set('content-type', 'text/plain').send('flow=import');
    expectProblem(res, 415, 'REQUEST.UNSUPPORTED_MEDIA_TYPE');
  });

  it('answers malformed JSON with 400 naming the line and column', async () => {
    const res = await http.post('/api/plans').set('content-type', 'application/json').send('{"declaration": {"flow": "import",\n  "goods": [ {"hsCode": 7} }');
    const problem = expectProblem(res, 400, 'REQUEST.MALFORMED_JSON');
    expect(problem.message).toContain('line 2, column 28');
    expect(problem.details).toEqual({ line: 2, column: 28, position: 62, problem: "expected ',', found '}'" });
  });

  it('answers an empty JSON body with 400 naming the missing declaration', async () => {
    const problem = expectProblem(await http.post('/api/plans').set('content-type', 'application/json').send(''), 400, 'REQUEST.INVALID');
    expect(problem.errors).toContainEqual({ path: 'declaration', message: 'is required' });
  });

  it('refuses __proto__ keys', async () => {
    const res = await http.post('/api/plans').set('content-type', 'application/json').send('{"declaration": {"__proto__": {"x": 1}}}');
    const problem = expectProblem(res, 400, 'REQUEST.FORBIDDEN_PROPERTY');
    expect(problem.errors).toEqual([{ path: 'declaration.__proto__', message: 'property name not allowed' }]);
  });

  it('answers a body over the limit with a 413 problem', async () => {
    const res = await http.post('/api/plans').set('content-type', 'application/json').send(`{"x": "${'a'.repeat(1024 * 1024)}"}`);
    expectProblem(res, 413, 'REQUEST.TOO_LARGE');
  });

  it('answers a JSON array or scalar body with 400, never 500', async () => {
    for (const body of ['[1, 2]', '"text"', '42', 'null']) {
      const res = await http.post('/api/plans').set('content-type', 'application/json').send(body);
      expectProblem(res, 400);
    }
  });
});
