import { Body, Controller, Get, HttpCode, HttpStatus, Post, Query } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Caller } from '../../auth/caller';
import { ApiKeyRequired } from '../../auth/http/api-key-header.decorator';
import { NotificationsRepository, parseCursor } from '../persistence/notifications.repository';
import { AckNotificationsDto, AckResultView, ListNotificationsQuery, NotificationPageView } from './notifications.dto';

const DEFAULT_PAGE = 50;

/** The caller's tenant's notifications: any role may read and acknowledge them. */
@ApiTags('notifications')
@ApiKeyRequired()
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsRepository) {}

  @Get()
  @ApiOperation({ summary: "Status changes of the tenant's declarations: unacknowledged first, in order; cursor-paginated" })
  @ApiOkResponse({ type: NotificationPageView })
  list(@Caller() caller: Caller, @Query() query: ListNotificationsQuery): Promise<NotificationPageView> {
    return this.notifications.page(caller.tenantId, parseCursor(query.after), query.limit ?? DEFAULT_PAGE, query.state === 'unacked');
  }

  @Post('ack')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: "Acknowledge notifications by id (only the tenant's own)" })
  @ApiBody({ type: AckNotificationsDto, examples: { ack: { summary: 'Acknowledge two notifications', value: { ids: [1, 2] } } } })
  @ApiOkResponse({ type: AckResultView })
  async ack(@Caller() caller: Caller, @Body() body: AckNotificationsDto): Promise<AckResultView> {
    return { acknowledged: await this.notifications.ack(caller.tenantId, body.ids) };
  }
}
