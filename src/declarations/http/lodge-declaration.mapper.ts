// The lodge body split into what the planner needs (the Declaration) and the other head elements.

import type { Declaration } from '../../planning/domain/declaration';
import { toDeclaration as planningDeclaration } from '../../planning/http/plan-request.mapper';
import type { DeclarationHead } from '../domain/declaration.commands';
import type { LodgeDeclarationDto } from './lodge-declaration.dto';

export function toDeclaration(body: LodgeDeclarationDto): Declaration {
  return planningDeclaration(body);
}

export function toHead(body: LodgeDeclarationDto): DeclarationHead {
  const { billNo, contractNo, conveyanceName, tradeCountry, packages, grossWeightKg, netWeightKg, agentName } = body;
  const head: DeclarationHead = { billNo, contractNo, conveyanceName, tradeCountry, packages, grossWeightKg, netWeightKg, agentName };
  return Object.fromEntries(Object.entries(head).filter(([, v]) => v !== undefined));
}
