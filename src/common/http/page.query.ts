// The cursor pagination of the list endpoints: `after` (the previous page's `next`) and `limit`.

import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

export const MAX_PAGE = 200;
export const DEFAULT_PAGE = 50;

export class PageQuery {
  @ApiPropertyOptional({ description: 'The `next` cursor of the previous page.', example: '42' })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'must be the next cursor of a previous page' })
  @Min(0)
  after?: number;

  @ApiPropertyOptional({ description: `Page size, 1 to ${MAX_PAGE}.`, default: DEFAULT_PAGE })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE)
  limit?: number;
}
