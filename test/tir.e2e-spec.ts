import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { SqlDatabase } from '../src/database/sql-database';
import { EventStore } from '../src/event-store/event-store';
import { REFORMS } from '../src/planning/domain/reforms/reform-catalogue';
import { rebuildTirCarnets } from '../src/tir/persistence/rebuild-tir-carnets';
import { type TestApp, createTestApp, expectProblem } from './support/test-app';

/** A carnet as CRTA issues it; `validUntilMinutes` far ahead unless a test says otherwise. */
const carnet = (carnetNumber: string, extra: Record<string, unknown> = {}) => ({
  carnetNumber,
  holder: { id: 'CHN/042/117', name: 'Kashgar Silk Road Logistics Co.' },
  vouchers: 4,
  guarantee: { amountMinor: 10_000_000, currency: 'EUR' },
  validUntilMinutes: 60 * 24 * 60,
  ...extra,
});

/** The TIR export of the `tir` reform: knitwear from Kashgar out through Irkeshtam under carnet XC71234567. */
const tirDeclaration = () => ({ ...structuredClone(REFORMS.find((r) => r.id === 'tir')!.example), option: 'tir', mode: 'manual' });

describe('TIR carnets over REST', () => {
  let t: TestApp;
  let app: NestFastifyApplication;
  let officer: string;
  let trader: string;

  beforeAll(async () => {
    t = await createTestApp();
    app = t.app;
    officer = await t.key('kashgar-haulage', 'officer');
    trader = await t.key('kashgar-haulage', 'trader');
  });

  afterAll(async () => {
    await app.close();
  });

  const post = (path: string, key: string, body: object = {}) => t.http.post(path).set('X-Api-Key', key).send(body);
  const get = (path: string, key: string) => t.http.get(path).set('X-Api-Key', key);
  const advance = async (key: string, hours: number) => post('/api/clock/advance', key, { hours }).expect(200);

  async function lodge(key: string): Promise<string> {
    const res = await post('/api/declarations', key, tirDeclaration());
    expect(res.status).toBe(201);
    return res.body.id as string;
  }

  it('walks a whole carnet: issued by CRTA, a declaration linked, started at departure, terminated at exit, started on entry, terminated at destination, discharged', async () => {
    const issued = await post('/api/tir/carnets', officer, carnet('XC71234567')).expect(201);
    expect(issued.headers.location).toBe('/api/tir/carnets/XC71234567');
    expect(issued.body).toMatchObject({
      carnetNumber: 'XC71234567',
      status: 'issued',
      issuedBy: 'CRTA',
      vouchers: 4,
      vouchersUsed: 0,
      vouchersLeft: 4,
      guarantee: { amountMinor: 10_000_000, currency: 'EUR' },
      operations: [],
      declarations: [],
      expired: false,
      links: { self: '/api/tir/carnets/XC71234567', events: '/api/tir/carnets/XC71234567/events' },
    });

    const declarationId = await lodge(trader);
    const linked = await post('/api/tir/carnets/XC71234567/declarations', trader, { declarationId }).expect(200);
    expect(linked.body.declarations).toEqual([declarationId]);

    await advance(officer, 2);
    const started = await post('/api/tir/carnets/XC71234567/operations', officer, { country: 'CN', customsOffice: 'kashgar-cbz' }).expect(200);
    expect(started.body).toMatchObject({ status: 'in-use', vouchersUsed: 2, vouchersLeft: 2 });
    expect(started.body.operations).toEqual([
      expect.objectContaining({ operationNumber: 1, status: 'started', country: 'CN', kind: 'departure', voucherPair: [1, 2], startOffice: 'kashgar-cbz', startedMinutes: 120 }),
    ]);

    await advance(officer, 6);
    await post('/api/tir/carnets/XC71234567/operations/1/terminate', officer, { customsOffice: 'irkeshtam', at: 'exit' }).expect(200);
    await post('/api/tir/carnets/XC71234567/operations', officer, { country: 'KG', customsOffice: 'Irkeshtam (KG entry)' }).expect(200);
    await advance(officer, 10);
    const ended = await post('/api/tir/carnets/XC71234567/operations/2/terminate', officer, { customsOffice: 'Osh', at: 'destination', reservation: 'One seal damaged, load intact' }).expect(200);
    expect(ended.body).toMatchObject({ status: 'terminated', journeyEnded: true, vouchersLeft: 0 });

    await post('/api/tir/carnets/XC71234567/operations/1/discharge', officer).expect(200);
    const discharged = await post('/api/tir/carnets/XC71234567/operations/2/discharge', officer, {}).expect(200);
    expect(discharged.body.status).toBe('discharged');

    const detail = await get('/api/tir/carnets/XC71234567', trader).expect(200);
    expect(detail.body).toMatchObject({ status: 'discharged', vouchersLeft: 0, declarations: [declarationId], version: 8 });
    expect(detail.body.operations).toEqual([
      expect.objectContaining({ operationNumber: 1, status: 'discharged', terminationOffice: 'irkeshtam', terminatedAt: 'exit', terminatedMinutes: 480, dischargedMinutes: 1080 }),
      expect.objectContaining({ operationNumber: 2, status: 'discharged', kind: 'entry-en-route', voucherPair: [3, 4], terminatedAt: 'destination', reservation: 'One seal damaged, load intact' }),
    ]);

    const events = await get('/api/tir/carnets/XC71234567/events', officer).expect(200);
    expect(events.body.items.map((e: { type: string; simMinutes: number }) => [e.type, e.simMinutes])).toEqual([
      ['TirCarnetIssued', 0],
      ['DeclarationLinkedToCarnet', 0],
      ['TirOperationStarted', 120],
      ['TirOperationTerminated', 480],
      ['TirOperationStarted', 480],
      ['TirOperationTerminated', 1080],
      ['TirOperationDischarged', 1080],
      ['TirOperationDischarged', 1080],
    ]);

    const list = await get('/api/tir/carnets?status=discharged', trader).expect(200);
    expect(list.body.items.map((c: { carnetNumber: string }) => c.carnetNumber)).toContain('XC71234567');
    expect((await get('/api/tir/carnets?status=issued', trader).expect(200)).body.items.map((c: { carnetNumber: string }) => c.carnetNumber)).not.toContain('XC71234567');
  });

  it('refuses a start when no voucher pair is left: a 4-voucher carnet covers two countries', async () => {
    await post('/api/tir/carnets', officer, carnet('XC70000004')).expect(201);
    for (const [n, country, office] of [
      [1, 'CN', 'khorgos-road'],
      [2, 'KZ', 'Nur Zholy'],
    ]) {
      await post('/api/tir/carnets/XC70000004/operations', officer, { country, customsOffice: office }).expect(200);
      await post(`/api/tir/carnets/XC70000004/operations/${n}/terminate`, officer, { customsOffice: `${office} exit`, at: 'exit' }).expect(200);
    }
    const refused = expectProblem(await post('/api/tir/carnets/XC70000004/operations', officer, { country: 'UZ', customsOffice: 'Tashkent' }), 422, 'TIR.NO_VOUCHERS_LEFT');
    expect(refused.message).toBe('Carnet XC70000004 has no voucher pair left: 4 vouchers, 4 used (one pair per country)');
    expect(refused.details).toEqual({ vouchers: 4, vouchersUsed: 4 });
    expect((await get('/api/tir/carnets/XC70000004', officer)).body).toMatchObject({ vouchersLeft: 0, version: 5 });
  });

  it('refuses to terminate an operation twice, to start after the journey ended at destination, and a carnet past its final date', async () => {
    await post('/api/tir/carnets', officer, carnet('XC70000005', { vouchers: 6 })).expect(201);
    await post('/api/tir/carnets/XC70000005/operations', officer, { country: 'CN', customsOffice: 'bakhtu' }).expect(200);
    await post('/api/tir/carnets/XC70000005/operations/1/terminate', officer, { customsOffice: 'bakhtu', at: 'exit' }).expect(200);
    const twice = expectProblem(await post('/api/tir/carnets/XC70000005/operations/1/terminate', officer, { customsOffice: 'bakhtu', at: 'exit' }), 422, 'TIR.OPERATION_ALREADY_TERMINATED');
    expect(twice.message).toMatch(/operation 1 in CN was already terminated at bakhtu at minute \d+/);
    expect(twice.errors).toEqual([{ path: 'operationNumber', message: twice.message }]);

    await post('/api/tir/carnets/XC70000005/operations', officer, { country: 'KZ', customsOffice: 'Bakhty (KZ)' }).expect(200);
    await post('/api/tir/carnets/XC70000005/operations/2/terminate', officer, { customsOffice: 'Almaty', at: 'destination' }).expect(200);
    const ended = expectProblem(await post('/api/tir/carnets/XC70000005/operations', officer, { country: 'KZ', customsOffice: 'Almaty' }), 422, 'TIR.JOURNEY_ENDED');
    expect(ended.message).toContain('valid for one journey');

    const { body: clock } = await get('/api/clock', officer).expect(200);
    await post('/api/tir/carnets', officer, carnet('XC70000006', { validUntilMinutes: clock.minutes + 60 })).expect(201);
    await advance(officer, 2);
    expect((await get('/api/tir/carnets/XC70000006', officer).expect(200)).body.expired).toBe(true);
    const expired = expectProblem(await post('/api/tir/carnets/XC70000006/operations', officer, { country: 'CN', customsOffice: 'khorgos-road' }), 422, 'TIR.CARNET_EXPIRED');
    expect(expired.message).toContain(`final date for acceptance at departure was minute ${clock.minutes + 60}`);
  });

  it('answers an operation or a carnet that does not exist with 404, and a discharge before termination with 422', async () => {
    await post('/api/tir/carnets', officer, carnet('XC70000007')).expect(201);
    expectProblem(await post('/api/tir/carnets/XC70000007/operations/1/terminate', officer, { customsOffice: 'x', at: 'exit' }), 404, 'TIR.OPERATION_NOT_FOUND');
    await post('/api/tir/carnets/XC70000007/operations', officer, { country: 'CN', customsOffice: 'khorgos-road' }).expect(200);
    expectProblem(await post('/api/tir/carnets/XC70000007/operations/2/discharge', officer), 404, 'TIR.OPERATION_NOT_FOUND');
    expectProblem(await post('/api/tir/carnets/XC70000007/operations/1/discharge', officer), 422, 'TIR.OPERATION_NOT_TERMINATED');
    expectProblem(await get('/api/tir/carnets/XC79999999', officer), 404, 'TIR.CARNET_NOT_FOUND');
    expectProblem(await get('/api/tir/carnets/not-a-carnet', officer), 404, 'TIR.CARNET_NOT_FOUND');
    expectProblem(await post('/api/tir/carnets/XC70000007/operations/latest/terminate', officer, { customsOffice: 'x', at: 'exit' }), 404, 'TIR.OPERATION_NOT_FOUND');
  });

  it("keeps tenants apart: another tenant's carnet is 404 for reads and writes, its number free to issue; another tenant's declaration cannot be linked", async () => {
    await post('/api/tir/carnets', officer, carnet('XC70000010')).expect(201);
    const otherOfficer = await t.key('almaty-transit', 'officer');
    const otherTrader = await t.key('almaty-transit', 'trader');
    expectProblem(await get('/api/tir/carnets/XC70000010', otherOfficer), 404, 'TIR.CARNET_NOT_FOUND');
    expectProblem(await get('/api/tir/carnets/XC70000010/events', otherOfficer), 404, 'TIR.CARNET_NOT_FOUND');
    expectProblem(await post('/api/tir/carnets/XC70000010/operations', otherOfficer, { country: 'CN', customsOffice: 'khorgos-road' }), 404, 'TIR.CARNET_NOT_FOUND');
    expectProblem(await post('/api/tir/carnets/XC70000010/declarations', otherTrader, { declarationId: '00000000-0000-4000-8000-000000000000' }), 404, 'TIR.CARNET_NOT_FOUND');
    expect((await get('/api/tir/carnets', otherOfficer).expect(200)).body.items).toEqual([]);

    // The same number in the other sandbox is another carnet.
    await post('/api/tir/carnets', otherOfficer, carnet('XC70000010', { vouchers: 20 })).expect(201);
    expect((await get('/api/tir/carnets/XC70000010', officer)).body.vouchers).toBe(4);
    expect((await get('/api/tir/carnets/XC70000010', otherOfficer)).body.vouchers).toBe(20);

    const othersDeclaration = await lodge(otherTrader);
    const problem = expectProblem(await post('/api/tir/carnets/XC70000010/declarations', trader, { declarationId: othersDeclaration }), 404, 'DECLARATION.NOT_FOUND');
    expect(problem.errors).toEqual([{ path: 'declarationId', message: 'no such declaration in this tenant' }]);
    expect((await get('/api/tir/carnets/XC70000010', officer)).body.declarations).toEqual([]);
  });

  it('replays a POST with the same Idempotency-Key and body, and refuses the key with another body', async () => {
    const first = await post('/api/tir/carnets', officer, carnet('XC70000020')).set('Idempotency-Key', 'issue-XC70000020').expect(201);
    const again = await post('/api/tir/carnets', officer, carnet('XC70000020')).set('Idempotency-Key', 'issue-XC70000020').expect(201);
    expect(again.body).toEqual(first.body);

    const start = () => post('/api/tir/carnets/XC70000020/operations', officer, { country: 'CN', customsOffice: 'khorgos-road' }).set('Idempotency-Key', 'start-1');
    const started = await start().expect(200);
    expect((await start().expect(200)).body).toEqual(started.body);
    expect((await get('/api/tir/carnets/XC70000020/events', officer)).body.items.map((e: { type: string }) => e.type)).toEqual(['TirCarnetIssued', 'TirOperationStarted']);
    expect((await get('/api/tir/carnets/XC70000020', officer)).body.vouchersLeft).toBe(2);

    expectProblem(
      await post('/api/tir/carnets/XC70000020/operations', officer, { country: 'KZ', customsOffice: 'Nur Zholy' }).set('Idempotency-Key', 'start-1'),
      422,
      'IDEMPOTENCY.KEY_REUSED',
    );
    // Without a key, issuing the same number again is a conflict.
    expectProblem(await post('/api/tir/carnets', officer, carnet('XC70000020')), 409, 'TIR.CARNET_ALREADY_ISSUED');
  });

  it('lets exactly one of two concurrent starts win', async () => {
    await post('/api/tir/carnets', officer, carnet('XC70000040')).expect(201);
    const start = (country: string) => post('/api/tir/carnets/XC70000040/operations', officer, { country, customsOffice: 'khorgos-road' });
    // The loser either lost the append (409 TIR.VERSION_CONFLICT) or saw the winner's operation open (422).
    const statuses = (await Promise.all([start('CN'), start('KZ')])).map((r) => r.status).sort();
    expect(statuses[0]).toBe(200);
    expect([409, 422]).toContain(statuses[1]);
    expect((await get('/api/tir/carnets/XC70000040', officer)).body.operations).toHaveLength(1);
  });

  it('rebuilds the read model from the events to the same views', async () => {
    const before = (await get('/api/tir/carnets?limit=200', officer).expect(200)).body.items;
    expect(before.length).toBeGreaterThan(3);
    await t.app.get(SqlDatabase).query('UPDATE tir_carnets SET summary = $1', ['{}']);
    const rebuilt = await rebuildTirCarnets(t.app.get(SqlDatabase), t.app.get(EventStore));
    expect(rebuilt.carnets).toBeGreaterThanOrEqual(before.length);
    expect((await get('/api/tir/carnets?limit=200', officer).expect(200)).body.items).toEqual(before);
  });

  it('checks roles and the body at the edge', async () => {
    const admin = await t.key('kashgar-haulage', 'admin');
    expectProblem(await post('/api/tir/carnets', trader, carnet('XC70000030')), 403, 'AUTH.ROLE_FORBIDDEN');
    expectProblem(await t.http.post('/api/tir/carnets').send(carnet('XC70000030')), 401, 'AUTH.KEY_MISSING');
    await post('/api/tir/carnets', admin, carnet('XC70000030')).expect(201);
    expectProblem(await post('/api/tir/carnets/XC70000030/operations', trader, { country: 'CN', customsOffice: 'khorgos-road' }), 403, 'AUTH.ROLE_FORBIDDEN');

    const bad = expectProblem(await post('/api/tir/carnets', officer, carnet('XC7', { vouchers: 5 })), 400, 'REQUEST.INVALID');
    expect(bad.errors.map((e) => e.path).sort()).toEqual(['carnetNumber', 'vouchers']);
    const currency = expectProblem(await post('/api/tir/carnets', officer, carnet('XC70000031', { guarantee: { amountMinor: 100, currency: 'XYZ' } })), 422, 'TIR.UNKNOWN_REFERENCE');
    expect(currency.errors[0].path).toBe('guarantee.currency');
    const past = expectProblem(await post('/api/tir/carnets', officer, carnet('XC70000032', { validUntilMinutes: 0 })), 400, 'TIR.BAD_FIELD');
    expect(past.errors[0].path).toBe('validUntilMinutes');
    expectProblem(await post('/api/tir/carnets/XC70000030/operations/1/terminate', officer, { customsOffice: 'x', at: 'somewhere' }), 400, 'REQUEST.INVALID');
    expectProblem(await post('/api/tir/carnets/XC70000030/operations/1/discharge', officer, { note: 'x' }), 400, 'REQUEST.INVALID');
  });
});
