// DTO -> domain: the planner gets plain data (no DTO instances, no undefined fields), so plans and
// their JSON are the same whichever door the request came through.

import type { FieldProblem } from '../../common/domain/domain-error';
import { invalidRequest } from '../../common/http/validation';
import type { Declaration, GoodsLine } from '../domain/declaration';
import type { PlanRequest } from '../domain/planning.types';
import type { DeclarationDto, GoodsLineDto } from './declaration.dto';
import type { PlanRequestDto } from './plan-request.dto';

export function toPlanRequest(dto: PlanRequestDto): PlanRequest {
  const request: PlanRequest = { declaration: toDeclaration(dto.declaration) };
  if (dto.reforms !== undefined) request.reforms = [...dto.reforms];
  if (dto.option !== undefined) request.option = dto.option;
  if (dto.parameters !== undefined) request.parameters = toParameters(dto.parameters);
  return request;
}

export function toDeclaration(dto: DeclarationDto): Declaration {
  return withoutUndefined({
    flow: dto.flow,
    port: dto.port,
    transportMode: dto.transportMode,
    supervisionMode: dto.supervisionMode,
    trader: { name: dto.trader.name, creditClass: dto.trader.creditClass },
    goods: dto.goods.map(toGoodsLine),
    inlandSite: dto.inlandSite,
    exitPort: dto.exitPort,
    conveyances: dto.conveyances,
    tirCarnet: dto.tirCarnet,
    flags: dto.flags
      ? withoutUndefined({ freshProduce: dto.flags.freshProduce, mineral: dto.flags.mineral, dangerousGoods: dto.flags.dangerousGoods, vehicle: dto.flags.vehicle })
      : undefined,
    qualityCertificateRequested: dto.qualityCertificateRequested,
    certificateOfOrigin: dto.certificateOfOrigin,
    disposition: dto.disposition,
    borderResidents: dto.borderResidents,
  });
}

function toGoodsLine(dto: GoodsLineDto): GoodsLine {
  return withoutUndefined({
    hsCode: dto.hsCode,
    description: dto.description,
    quantity: dto.quantity,
    unit: dto.unit,
    customsValueMinor: dto.customsValueMinor,
    currency: dto.currency,
    repairFeeMinor: dto.repairFeeMinor,
    unNumber: dto.unNumber,
  });
}

/** Checks the shape `{ [reformId]: { [name]: number } }`; names and bounds are the planner's to check. */
function toParameters(parameters: Record<string, unknown>): Record<string, Record<string, number>> {
  const problems: FieldProblem[] = [];
  const result: Record<string, Record<string, number>> = {};
  for (const [reform, values] of Object.entries(parameters)) {
    if (typeof values !== 'object' || values === null || Array.isArray(values)) {
      problems.push({ path: `parameters.${reform}`, message: 'must be an object of parameter values by name' });
      continue;
    }
    result[reform] = {};
    for (const [name, value] of Object.entries(values)) {
      if (typeof value !== 'number' || !Number.isFinite(value)) problems.push({ path: `parameters.${reform}.${name}`, message: 'must be a number' });
      else result[reform][name] = value;
    }
  }
  if (problems.length > 0) throw invalidRequest(problems);
  return result;
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
