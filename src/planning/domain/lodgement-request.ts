// What the planner is asked for a lodged declaration: the option of the rules, plus the declarant's
// own choices. Two-step and advance declaration are the declarant's choices, not rules of the port:
// they apply when asked for (and must then be eligible), never just because the option has them.
// The live lodgement and replay both ask this way, so both run the same plan.

import type { Declaration } from './declaration';
import type { PlanRequest } from './planning.types';

export interface LodgingChoice {
  procedure: 'full' | 'two-step';
  advance: boolean;
}

export function lodgementPlanRequest(declaration: Declaration, option: string, { procedure, advance }: LodgingChoice, declarationPath = ''): PlanRequest {
  return {
    declaration,
    declarationPath,
    option,
    required: [
      ...(procedure === 'two-step' ? [{ reform: 'two-step-declaration', path: 'procedure' }] : []),
      ...(advance ? [{ reform: 'advance-declaration', path: 'advance' }] : []),
    ],
    excluded: [...(procedure === 'two-step' ? [] : ['two-step-declaration']), ...(advance ? [] : ['advance-declaration'])],
  };
}
