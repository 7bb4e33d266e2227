import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { AuthModule } from './auth/auth.module';
import { BondedZonesModule } from './bonded-zones/bonded-zones.module';
import { IdempotencyModule } from './common/idempotency/idempotency.module';
import { HealthController } from './common/http/health.controller';
import { DatabaseModule } from './database/database.module';
import { DeclarationsModule } from './declarations/declarations.module';
import { EventStoreModule } from './event-store/event-store.module';
import { NotificationsModule } from './notifications/notifications.module';
import { PlanningModule } from './planning/planning.module';
import { ReferenceModule } from './reference/reference.module';
import { ReplayModule } from './replay/replay.module';
import { TirModule } from './tir/tir.module';

@Module({
  imports: [CqrsModule.forRoot(), DatabaseModule, EventStoreModule, IdempotencyModule, AuthModule, NotificationsModule, ReferenceModule, PlanningModule, DeclarationsModule, TirModule, BondedZonesModule, ReplayModule],
  controllers: [HealthController],
})
export class AppModule {}
