import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { REFORMS } from '../src/planning/domain/reforms/reform-catalogue';
import { rebuildZoneLedgers } from '../src/bonded-zones/persistence/rebuild-zone-ledgers';
import { SqlDatabase } from '../src/database/sql-database';
import { EventStore } from '../src/event-store/event-store';
import { type TestApp, createTestApp, expectProblem } from './support/test-app';

const EXCAVATOR = '8429521200';
const GEARBOX = '8708409100';
const LEDGER = '/api/bonded-zones/kashgar-cbz/ledgers/6531960001';

describe('bonded-maintenance ledgers over REST', () => {
  let t: TestApp;
  let app: NestFastifyApplication;
  let trader: string;
  let officer: string;

  beforeAll(async () => {
    t = await createTestApp();
    app = t.app;
    trader = await t.key('kashgar-repairs', 'trader');
    officer = await t.key('kashgar-repairs', 'officer');
  });

  afterAll(async () => {
    await app.close();
  });

  const post = (path: string, body: object, key = trader) => t.http.post(path).set('X-Api-Key', key).send(body);
  const get = (path: string, key = trader) => t.http.get(path).set('X-Api-Key', key);
  const line = (hsCode: string, quantity: number, extra: Record<string, unknown> = {}) => ({ hsCode, quantity, ...extra });

  it('round trip: 3 excavators in, 3 repaired, 1 returned abroad, 2 sold domestically with duty and VAT on the repair fee only', async () => {
    const empty = await get(LEDGER, officer).expect(200);
    expect(empty.body).toMatchObject({ zone: 'kashgar-cbz', trader: '6531960001', lines: [], version: 0, totals: { taxPaidMinor: 0 } });

    // The entry filed under 1371 (the bonded-maintenance reform's example, for 3 excavators).
    const example = structuredClone(REFORMS.find((r) => r.id === 'bonded-maintenance')!.example);
    example.goods[0].quantity = 3;
    const entry = await post('/api/declarations', { ...example, option: 'bonded-maintenance', mode: 'manual' }).expect(201);
    const goodsIn = await post(`${LEDGER}/goods-in`, { origin: 'abroad', declarationId: entry.body.id, lines: [line(EXCAVATOR, 3, { unit: 'unit', description: 'Crawler excavator for repair' })] }).expect(200);
    expect(goodsIn.body.recorded).toEqual([
      { type: 'GoodsEnteredForRepair', simMinutes: 0, data: { hsCode: EXCAVATOR, quantity: 3, unit: 'unit', origin: 'abroad', description: 'Crawler excavator for repair', declarationId: entry.body.id, atMinutes: 0 } },
    ]);
    await post('/api/clock/advance', { hours: 72 }, officer).expect(200);
    await post(`${LEDGER}/repaired`, { lines: [line(EXCAVATOR, 3)] }).expect(200);
    const returned = await post(`${LEDGER}/returned-abroad`, { lines: [line(EXCAVATOR, 1)] }).expect(200);
    expect(returned.body.recorded).toEqual([{ type: 'RepairedGoodsReturnedAbroad', simMinutes: 4320, data: { hsCode: EXCAVATOR, quantity: 1, declarationId: null, atMinutes: 4320 } }]);

    // HS 8429: duty 5 %, VAT 13 % (seeds/hs-headings.json). The base is the CNY 16,000 fee, not the goods.
    const sold = await post(`${LEDGER}/sold-domestically`, { lines: [line(EXCAVATOR, 2, { repairFeeMinor: 1_600_000 })] }).expect(200);
    expect(sold.body.recorded[0]).toMatchObject({ type: 'RepairedGoodsSoldDomestically', data: { quantity: 2, repairFeeMinor: 1_600_000, dutyMinor: 80_000, vatMinor: 218_400, currency: 'CNY' } });

    const ledger = await get(LEDGER, officer).expect(200);
    expect(ledger.body).toEqual({
      zone: 'kashgar-cbz',
      trader: '6531960001',
      currency: 'CNY',
      lines: [
        {
          hsCode: EXCAVATOR,
          unit: 'unit',
          awaitingRepair: 0,
          repaired: 0,
          enteredTotal: 3,
          returnedAbroadTotal: 1,
          soldDomesticallyTotal: 2,
          repairFeesMinor: 1_600_000,
          dutyMinor: 80_000,
          vatMinor: 218_400,
          taxPaidMinor: 298_400,
        },
      ],
      totals: { repairFeesMinor: 1_600_000, dutyMinor: 80_000, vatMinor: 218_400, taxPaidMinor: 298_400 },
      version: 4,
      updatedMinutes: 4320,
      links: { self: LEDGER, events: `${LEDGER}/events` },
    });
    const events = await get(`${LEDGER}/events`).expect(200);
    expect(events.body.items.map((e: { type: string }) => e.type)).toEqual(['GoodsEnteredForRepair', 'GoodsRepaired', 'RepairedGoodsReturnedAbroad', 'RepairedGoodsSoldDomestically']);
  });

  it('never lets a quantity go negative: a sale larger than what is repaired is a 422 naming the field and the quantity available', async () => {
    const ledger = '/api/bonded-zones/khorgos-cbz/ledgers/T-GEARS';
    await post(`${ledger}/goods-in`, { lines: [line(GEARBOX, 5, { unit: 'unit' })] }).expect(200);
    await post(`${ledger}/repaired`, { lines: [line(GEARBOX, 2)] }).expect(200);
    const problem = expectProblem(await post(`${ledger}/sold-domestically`, { lines: [line(GEARBOX, 3, { repairFeeMinor: 90_000 })] }), 422, 'LEDGER.INSUFFICIENT_QUANTITY');
    expect(problem.errors).toEqual([{ path: 'lines[0].quantity', message: expect.stringContaining('exceeds the 2 unit repaired and in the zone') }]);
    expect(problem.details).toMatchObject({ field: 'lines[0].quantity', hsCode: GEARBOX, available: 2, requested: 3, stock: 'repaired' });

    // The lines of one request are recorded together or not at all: the second line would overdraw.
    const overdraw = expectProblem(await post(`${ledger}/repaired`, { lines: [line(GEARBOX, 2), line(GEARBOX, 2)] }), 422, 'LEDGER.INSUFFICIENT_QUANTITY');
    expect(overdraw.errors[0].path).toBe('lines[1].quantity');
    expect(overdraw.details).toMatchObject({ available: 1 });
    expect((await get(ledger)).body.lines[0]).toMatchObject({ awaitingRepair: 3, repaired: 2, soldDomesticallyTotal: 0 });
    expect((await get(ledger)).body.version).toBe(2);

    const unit = expectProblem(await post(`${ledger}/goods-in`, { lines: [line(GEARBOX, 1, { unit: 'kg' })] }), 422, 'LEDGER.UNIT_MISMATCH');
    expect(unit.errors[0].path).toBe('lines[0].unit');
  });

  it('names the zone when it is not a bonded zone, and the HS code when the reference data has no heading for it', async () => {
    const port = expectProblem(await post('/api/bonded-zones/khorgos-road/ledgers/T-1/goods-in', { lines: [line(EXCAVATOR, 1, { unit: 'unit' })] }), 422, 'LEDGER.UNKNOWN_ZONE');
    expect(port.errors).toEqual([{ path: 'zone', message: expect.stringContaining('not a comprehensive bonded zone') }]);
    expectProblem(await get('/api/bonded-zones/nowhere/ledgers/T-1'), 422, 'LEDGER.UNKNOWN_ZONE');
    const hs = expectProblem(await post(`${LEDGER}/goods-in`, { lines: [line(EXCAVATOR, 1, { unit: 'unit' }), line('9999000000', 1, { unit: 'unit' })] }), 422, 'LEDGER.UNKNOWN_HS_CODE');
    expect(hs.errors).toEqual([{ path: 'lines[1].hsCode', message: expect.stringContaining('9999000000') }]);
    const invalid = expectProblem(await post(`${LEDGER}/goods-in`, { lines: [{ hsCode: '8429', quantity: -1 }] }), 400, 'REQUEST.INVALID');
    expect(invalid.errors.map((e) => e.path).sort()).toEqual(['lines[0].hsCode', 'lines[0].quantity', 'lines[0].unit']);
    expectProblem(await post(`${LEDGER}/sold-domestically`, { lines: [line(EXCAVATOR, 1)] }), 400, 'REQUEST.INVALID');
  });

  it('lets traders and admins record, officers read; keeps tenants apart; checks a declaration id is the tenant\'s', async () => {
    const ledger = '/api/bonded-zones/urumqi-cbz/ledgers/T-SCREENS';
    expectProblem(await post(`${ledger}/goods-in`, { lines: [line('8528520000', 10, { unit: 'unit' })] }, officer), 403, 'AUTH.ROLE_FORBIDDEN');
    await post(`${ledger}/goods-in`, { lines: [line('8528520000', 10, { unit: 'unit' })] }).expect(200);
    await get(ledger, officer).expect(200);

    const otherTrader = await t.key('urumqi-repairs', 'trader');
    expect((await get(ledger, otherTrader).expect(200)).body).toMatchObject({ lines: [], version: 0 });
    expect((await get(`${ledger}/events`, otherTrader).expect(200)).body.items).toEqual([]);
    const problem = expectProblem(await post(`${ledger}/goods-in`, { declarationId: '00000000-0000-4000-8000-000000000000', lines: [line('8528520000', 1, { unit: 'unit' })] }), 404, 'DECLARATION.NOT_FOUND');
    expect(problem.errors[0].path).toBe('declarationId');
  });

  it('replays a POST with the same Idempotency-Key and body, writing nothing new', async () => {
    const ledger = '/api/bonded-zones/kashgar-cbz/ledgers/T-IDEM';
    const body = { lines: [line(EXCAVATOR, 2, { unit: 'unit' })] };
    const first = await post(`${ledger}/goods-in`, body).set('Idempotency-Key', 'goods-in-1').expect(200);
    const again = await post(`${ledger}/goods-in`, body).set('Idempotency-Key', 'goods-in-1').expect(200);
    expect(again.body).toEqual(first.body);
    expect((await get(ledger)).body.lines[0].enteredTotal).toBe(2);
    expect((await get(`${ledger}/events`)).body.items).toHaveLength(1);
    expectProblem(await post(`${ledger}/goods-in`, { lines: [line(EXCAVATOR, 5, { unit: 'unit' })] }).set('Idempotency-Key', 'goods-in-1'), 422, 'IDEMPOTENCY.KEY_REUSED');
  });

  it('lets one of two concurrent sales of the same repaired goods through, never both', async () => {
    const ledger = '/api/bonded-zones/khorgos-cbz/ledgers/T-RACE';
    await post(`${ledger}/goods-in`, { lines: [line(EXCAVATOR, 2, { unit: 'unit' })] }).expect(200);
    await post(`${ledger}/repaired`, { lines: [line(EXCAVATOR, 2)] }).expect(200);
    const sell = () => post(`${ledger}/sold-domestically`, { lines: [line(EXCAVATOR, 2, { repairFeeMinor: 100_000 })] });
    const statuses = (await Promise.all([sell(), sell()])).map((r) => r.status).sort();
    expect(statuses[0]).toBe(200);
    expect([409, 422]).toContain(statuses[1]);
    expect((await get(ledger)).body.lines[0]).toMatchObject({ repaired: 0, soldDomesticallyTotal: 2 });
  });

  it('rebuilds the read model from the events to the same views', async () => {
    const before = (await get(LEDGER)).body;
    await t.app.get(SqlDatabase).query('DELETE FROM zone_ledgers');
    expect((await get(LEDGER)).body.version).toBe(0);
    const rebuilt = await rebuildZoneLedgers(t.app.get(SqlDatabase), t.app.get(EventStore));
    expect(rebuilt.ledgers).toBeGreaterThanOrEqual(4);
    expect((await get(LEDGER)).body).toEqual(before);
  });
});
