import { Query } from '@nestjs/cqrs';
import type { PlanRequest, PlanResult } from '../domain/planning.types';

/** The clearance plan of one declaration under a set of reforms or an option, with its expected time and cost. */
export class GetPlanQuery extends Query<PlanResult> {
  constructor(readonly request: PlanRequest) {
    super();
  }
}
