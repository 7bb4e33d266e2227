import { Controller, Get, Param } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { PROBLEM_SCHEMA } from '../../common/http/openapi';
import { PlanningCatalogue, type ReformView } from '../application/planning-catalogue';

@ApiTags('reforms')
@Controller('reforms')
export class ReformsController {
  constructor(private readonly catalogue: PlanningCatalogue) {}

  @Get()
  @ApiOperation({
    summary: 'The reforms of the Overall Plan that swsim models, in the order they compose',
    description: 'Each with its clause, sources, parameters (defaults, bounds, sources), whether its mechanics are an assumption, and an example declaration it applies to.',
  })
  @ApiOkResponse({ description: 'An array of reforms' })
  list(): ReformView[] {
    return this.catalogue.reforms();
  }

  @Get(':id')
  @ApiOperation({ summary: 'One reform' })
  @ApiParam({ name: 'id', example: 'green-channel' })
  @ApiNotFoundResponse({ description: 'No reform with that id', schema: PROBLEM_SCHEMA })
  get(@Param('id') id: string): ReformView {
    return this.catalogue.reform(id);
  }
}
