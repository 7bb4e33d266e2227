import { DomainError } from '../../common/domain/domain-error';
import { validatePlain } from '../../common/http/validation';
import type { Declaration } from '../domain/declaration';
import { REFORMS } from '../domain/reforms/reform-catalogue';
import { PlanRequestDto } from './plan-request.dto';
import { toPlanRequest } from './plan-request.mapper';

const EVERY_FIELD: Declaration = {
  flow: 'import',
  port: 'khorgos-road',
  transportMode: 'road',
  supervisionMode: '1371',
  trader: { name: 'Khorgos Repair Co.', creditClass: 'general-aeo' },
  goods: [
    { hsCode: '8471300000', description: 'Laptops for repair', quantity: 10, unit: 'unit', customsValueMinor: 500_000, currency: 'USD', repairFeeMinor: 40_000, unNumber: 'UN3480' },
  ],
  inlandSite: 'khorgos-cbz',
  exitPort: 'alashankou',
  conveyances: 2,
  tirCarnet: 'XC12345678',
  flags: { freshProduce: false, mineral: false, dangerousGoods: true, vehicle: false },
  qualityCertificateRequested: false,
  certificateOfOrigin: true,
  disposition: 'domestic-market',
  borderResidents: 3,
};

async function roundTrip(body: unknown) {
  return toPlanRequest(await validatePlain(PlanRequestDto, body));
}

describe('PlanRequestDto and toPlanRequest', () => {
  it('carry every field of the domain Declaration through unchanged, as plain data', async () => {
    const request = await roundTrip({ declaration: EVERY_FIELD, reforms: ['bonded-maintenance'], parameters: { 'bonded-maintenance': { guaranteeWaived: 0 } } });
    expect(request).toEqual({ declaration: EVERY_FIELD, reforms: ['bonded-maintenance'], parameters: { 'bonded-maintenance': { guaranteeWaived: 0 } } });
    expect(Object.getPrototypeOf(request.declaration)).toBe(Object.prototype);
    expect(Object.getPrototypeOf(request.declaration.goods[0])).toBe(Object.prototype);
  });

  it.each(REFORMS.map((r) => [r.id, r.example] as const))("accept the %s reform's example as it is", async (_id, example) => {
    expect((await roundTrip({ declaration: example, option: 'baseline' })).declaration).toEqual(example);
  });

  it('leave out fields that were not given', async () => {
    const { declaration } = await roundTrip({ declaration: REFORMS[0].example });
    expect(Object.keys(declaration).sort()).toEqual(Object.keys(REFORMS[0].example).sort());
  });

  it('name parameter values that are not numbers by their path', async () => {
    const error = await roundTrip({ declaration: REFORMS[0].example, parameters: { tir: { examEnRouteRate: 'low' }, aeo: 3 } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).errors).toEqual([
      { path: 'parameters.tir.examEnRouteRate', message: 'must be a number' },
      { path: 'parameters.aeo', message: 'must be an object of parameter values by name' },
    ]);
  });

  it.each([
    ['hsCode', { hsCode: '08061000001' }, 'declaration.goods[0].hsCode'],
    ['quantity', { quantity: 0 }, 'declaration.goods[0].quantity'],
    ['customsValueMinor', { customsValueMinor: 1.5 }, 'declaration.goods[0].customsValueMinor'],
    ['currency', { currency: 'usd' }, 'declaration.goods[0].currency'],
    ['unNumber', { unNumber: 'UN12' }, 'declaration.goods[0].unNumber'],
  ])('reject a bad goods %s', async (_field, change, path) => {
    const declaration = { ...EVERY_FIELD, goods: [{ ...EVERY_FIELD.goods[0], ...change }] };
    const error = (await roundTrip({ declaration }).catch((e: unknown) => e)) as DomainError;
    expect(error.errors.map((e) => e.path)).toEqual([path]);
  });

  it.each([
    ['transportMode', 'pipeline'],
    ['supervisionMode', '01100'],
    ['conveyances', 501],
    ['borderResidents', 0],
    ['disposition', 'scrap'],
    ['goods', []],
  ])('reject a bad %s', async (field, value) => {
    const error = (await roundTrip({ declaration: { ...EVERY_FIELD, [field]: value } }).catch((e: unknown) => e)) as DomainError;
    expect(error.errors.map((e) => e.path)).toEqual([`declaration.${field}`]);
  });
});
