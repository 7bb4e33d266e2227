import { Controller, Get, Param } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { PROBLEM_SCHEMA } from '../../common/http/openapi';
import type { OptionDefinition } from '../../reference/domain/reference-data';
import { PlanningCatalogue } from '../application/planning-catalogue';

@ApiTags('options')
@Controller('options')
export class OptionsController {
  constructor(private readonly catalogue: PlanningCatalogue) {}

  @Get()
  @ApiOperation({ summary: 'Options: named sets of reforms with parameters (seeds/options.json), the things users compare' })
  @ApiOkResponse({ description: 'An array of options' })
  list(): OptionDefinition[] {
    return this.catalogue.options();
  }

  @Get(':id')
  @ApiOperation({ summary: 'One option' })
  @ApiParam({ name: 'id', example: 'overall-plan-2023' })
  @ApiNotFoundResponse({ description: 'No option with that id', schema: PROBLEM_SCHEMA })
  get(@Param('id') id: string): OptionDefinition {
    return this.catalogue.option(id);
  }
}
