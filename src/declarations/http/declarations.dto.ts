// Query strings and small bodies of the declarations and clock endpoints.

import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsNumber, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { DECLARATION_STATUSES } from '../domain/declaration.state';
import { PROCEDURES } from './lodge-declaration.dto';

export const MAX_PAGE = 200;

export class ListDeclarationsQuery {
  @ApiPropertyOptional({ description: 'Only declarations with this status.', enum: DECLARATION_STATUSES })
  @IsOptional()
  @IsIn(DECLARATION_STATUSES, { message: `must be one of ${DECLARATION_STATUSES.join(', ')}` })
  status?: string;

  @ApiPropertyOptional({ description: 'Only declarations at this port (a seeds/sites.json id).', example: 'khorgos-road' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  port?: string;

  @ApiPropertyOptional({ description: 'Only full or two-step declarations.', enum: PROCEDURES })
  @IsOptional()
  @IsIn(PROCEDURES, { message: `must be one of ${PROCEDURES.join(', ')}` })
  procedure?: string;

  @ApiPropertyOptional({ description: 'The `next` cursor of the previous page.', example: '42' })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'must be the next cursor of a previous page' })
  @Min(0)
  after?: number;

  @ApiPropertyOptional({ description: `Page size, 1 to ${MAX_PAGE}.`, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE)
  limit?: number;
}

export class AdvanceClockDto {
  @ApiPropertyOptional({ description: 'Simulated hours to move the clock forward.', example: 24, minimum: 0, maximum: 8760 })
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: 'must be a number' })
  @Min(0)
  @Max(8760)
  hours!: number;
}

export class RunUntilDto {
  @ApiPropertyOptional({ description: "Absolute simulated minute to move the clock to; leave out to run until the automatic officers have nothing left to do (at most a year ahead).", example: 2880, minimum: 0 })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: 'must be a number' })
  @Min(0)
  minutes?: number;
}
