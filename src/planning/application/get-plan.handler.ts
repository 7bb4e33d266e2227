import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { Planner } from '../domain/planner';
import type { PlanResult } from '../domain/planning.types';
import { GetPlanQuery } from './get-plan.query';

@QueryHandler(GetPlanQuery)
export class GetPlanHandler implements IQueryHandler<GetPlanQuery, PlanResult> {
  constructor(private readonly planner: Planner) {}

  async execute(query: GetPlanQuery): Promise<PlanResult> {
    return this.planner.plan(query.request);
  }
}
