import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { HealthController } from './common/http/health.controller';
import { PlanningModule } from './planning/planning.module';
import { ReferenceModule } from './reference/reference.module';

@Module({
  imports: [CqrsModule.forRoot(), ReferenceModule, PlanningModule],
  controllers: [HealthController],
})
export class AppModule {}
