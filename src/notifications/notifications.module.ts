import { Module } from '@nestjs/common';
import { NotificationsController } from './http/notifications.controller';
import { NotificationsRepository } from './persistence/notifications.repository';

/** GET /api/notifications and its acknowledgement; rows are written by `notify` inside append transactions. */
@Module({
  controllers: [NotificationsController],
  providers: [NotificationsRepository],
  exports: [NotificationsRepository],
})
export class NotificationsModule {}
