import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';

export const MAX_PAGE = 500;

export class ListNotificationsQuery {
  @ApiPropertyOptional({ description: 'The `nextCursor` of the previous page', example: 'u.120' })
  @IsOptional()
  @IsString()
  @Matches(/^[ua]\.\d{1,15}$/, { message: 'must be the nextCursor of a previous page' })
  after?: string;

  @ApiPropertyOptional({ description: `Page size, 1 to ${MAX_PAGE}`, default: 50, example: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE)
  limit?: number;

  @ApiPropertyOptional({ description: '`unacked`: the queue only; `all` (default): unacknowledged first, then acknowledged', enum: ['all', 'unacked'], example: 'all' })
  @IsOptional()
  @IsIn(['all', 'unacked'])
  state?: 'all' | 'unacked';
}

export class AckNotificationsDto {
  @ApiProperty({ description: `Notification ids to acknowledge (1 to ${MAX_PAGE}); ids of other tenants and ones already acknowledged are ignored`, example: [1, 2] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_PAGE)
  @IsInt({ each: true })
  @Min(1, { each: true })
  ids!: number[];
}

export class NotificationView {
  @ApiProperty({ example: 1 }) id!: number;
  @ApiProperty({ example: 'dcl-0f1e2d3c' }) declarationId!: string;
  @ApiProperty({ description: 'The event that changed the status', example: 'GoodsReleased' }) eventType!: string;
  @ApiProperty({ description: 'The status after it', example: 'released' }) status!: string;
  @ApiProperty({ description: 'Simulated time of the change, minutes since the sandbox epoch', example: 185 }) simMinutes!: number;
  @ApiProperty({ example: '2025-01-01T00:00:00.000Z' }) createdAt!: string;
  @ApiProperty({ nullable: true, type: String, example: null }) ackedAt!: string | null;
}

export class NotificationPageView {
  @ApiProperty({ type: [NotificationView] }) items!: NotificationView[];
  @ApiProperty({ nullable: true, type: String, description: 'Pass as `after` for the next page; null at the end', example: null }) nextCursor!: string | null;
}

export class AckResultView {
  @ApiProperty({ description: 'The ids acknowledged by this request', example: [1, 2] }) acknowledged!: number[];
}
