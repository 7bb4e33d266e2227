import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsArray, IsNotEmpty, IsObject, IsOptional, IsString, ValidateNested } from 'class-validator';
import { DeclarationDto } from './declaration.dto';

export class PlanRequestDto {
  @ApiProperty({ description: 'The declaration to plan (DecHead and DecList, reduced to what decides clearance time and cost).', type: () => DeclarationDto })
  @IsObject()
  @ValidateNested()
  @Type(() => DeclarationDto)
  declaration!: DeclarationDto;

  @ApiPropertyOptional({
    description: 'Reforms to apply, by id (GET /api/reforms); each must be eligible for the declaration. Omit or [] for the baseline. Exclusive with `option`.',
    type: [String],
    example: ['green-channel'],
  })
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  reforms?: string[];

  @ApiPropertyOptional({
    description: 'An option (a named set of reforms, GET /api/options); its reforms apply where eligible. Exclusive with `reforms`.',
    example: 'overall-plan-2023',
  })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  option?: string;

  @ApiPropertyOptional({
    description: 'Parameter overrides by reform id, then parameter name (see each reform\'s `parameters` for names, units and bounds).',
    type: 'object',
    additionalProperties: { type: 'object', additionalProperties: { type: 'number' } },
    example: { 'green-channel': { handlingFactor: 0.5 } },
  })
  @IsOptional()
  @IsObject()
  parameters?: Record<string, Record<string, number>>;
}
