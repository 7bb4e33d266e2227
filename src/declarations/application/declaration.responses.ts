// The bodies of the declaration endpoints' answers, built from the folded state.

import type { PlanResult } from '../../planning/domain/planning.types';
import type { LodgedDeclaration } from '../domain/declaration.state';

export interface DeclarationLinks {
  self: string;
  events: string;
  actions: string;
}

export interface LodgedResponse {
  id: string;
  status: LodgedDeclaration['status'];
  mode: LodgedDeclaration['mode'];
  procedure: LodgedDeclaration['procedure'];
  lodgedMinutes: number;
  plan: {
    option: string | null;
    reforms: string[];
    notApplied: PlanResult['notApplied'];
    steps: number;
    expected: { hoursToRelease: number; hoursToExit: number; costMinor: number; currency: 'CNY' };
  };
  links: DeclarationLinks;
}

export function links(id: string): DeclarationLinks {
  const self = `/api/declarations/${id}`;
  return { self, events: `${self}/events`, actions: `${self}/actions` };
}

export function lodgedResponse(state: LodgedDeclaration, plan: PlanResult): LodgedResponse {
  return {
    id: state.declarationId,
    status: state.status,
    mode: state.mode,
    procedure: state.procedure,
    lodgedMinutes: state.lodgedMinutes,
    plan: {
      option: plan.option,
      reforms: plan.reforms.map((r) => r.id),
      notApplied: plan.notApplied,
      steps: plan.plan.steps.length,
      expected: { hoursToRelease: plan.expected.hoursToRelease, hoursToExit: plan.expected.hoursToExit, costMinor: plan.expected.cost.totalMinor, currency: 'CNY' },
    },
    links: links(state.declarationId),
  };
}
