import { Body, Controller, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBody, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { PROBLEM_SCHEMA } from '../../common/http/openapi';
import { GetPlanQuery } from '../application/get-plan.query';
import type { PlanResult } from '../domain/planning.types';
import { REFORMS } from '../domain/reforms/reform-catalogue';
import { toPlanRequest } from './plan-request.mapper';
import { PlanRequestDto } from './plan-request.dto';

/** Request examples built from the reforms' own example declarations, so they stay valid as reforms change. */
function planExamples(): Record<string, { summary: string; value: object }> {
  const first = REFORMS.find((r) => r.id === 'green-channel') ?? REFORMS[0];
  const examples: Record<string, { summary: string; value: object }> = {
    [first.id]: { summary: `${first.title}: its example declaration`, value: { declaration: first.example, reforms: [first.id] } },
    baseline: { summary: 'The same declaration under the baseline rules', value: { declaration: first.example, reforms: [] } },
    'overall-plan-2023': { summary: 'The same declaration under an option (all reforms, where eligible)', value: { declaration: first.example, option: 'overall-plan-2023' } },
  };
  for (const r of REFORMS) {
    if (r.id !== first.id) examples[r.id] = { summary: `${r.title}: its example declaration`, value: { declaration: r.example, reforms: [r.id] } };
  }
  return examples;
}

@ApiTags('plans')
@Controller('plans')
export class PlansController {
  constructor(private readonly queries: QueryBus) {}

  @Post()
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'The clearance plan of a declaration, with expected time and cost, under reforms or an option',
    description:
      'Returns the plan (steps with TRS interval, actor, location, probability and expected timing), `expected` (hours to release, ' +
      'exit and completion; cost by item in CNY fen), the `baseline` expectation, and `changes`: every difference from the baseline ' +
      'plan with the reform, its clause, the reason and the source. Nothing is stored.',
  })
  @ApiBody({ type: PlanRequestDto, examples: planExamples() })
  @ApiOkResponse({ description: 'The plan result (PlanResult)' })
  @ApiResponse({ status: 400, description: 'Malformed JSON, a field of the wrong type or shape, an unknown field, or reforms and option together', schema: PROBLEM_SCHEMA })
  @ApiResponse({ status: 422, description: 'An unknown reform, option or code (port, HS code, ...), or a reform the declaration is not eligible for', schema: PROBLEM_SCHEMA })
  plan(@Body() body: PlanRequestDto): Promise<PlanResult> {
    return this.queries.execute(new GetPlanQuery(toPlanRequest(body)));
  }
}
