// Query strings and small bodies of the declarations and clock endpoints.

import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNumber, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { PageQuery } from '../../common/http/page.query';
import { DECLARATION_STATUSES } from '../domain/declaration.state';
import { PROCEDURES } from './lodge-declaration.dto';


export class ListDeclarationsQuery extends PageQuery {
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
