import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { AuthModule } from '../auth/auth.module';
import { IdempotencyModule } from '../common/idempotency/idempotency.module';
import { PlanningModule } from '../planning/planning.module';
import { ReferenceModule } from '../reference/reference.module';
import { ActOnDeclarationHandler } from './application/act-on-declaration.handler';
import { AdvanceClockHandler } from './application/advance-clock.handler';
import { DeclarationStreams } from './application/declaration-streams';
import { LodgeDeclarationHandler } from './application/lodge-declaration.handler';
import { ClockController } from './http/clock.controller';
import { DeclarationsController } from './http/declarations.controller';
import { DeclarationsReadModel } from './persistence/declarations.read-model';

/** Declarations over REST: the event-sourced lifecycle, its read model and the tenant's sandbox clock. */
@Module({
  imports: [CqrsModule, AuthModule, IdempotencyModule, PlanningModule, ReferenceModule],
  controllers: [DeclarationsController, ClockController],
  providers: [DeclarationsReadModel, DeclarationStreams, LodgeDeclarationHandler, ActOnDeclarationHandler, AdvanceClockHandler],
  exports: [DeclarationsReadModel, DeclarationStreams],
})
export class DeclarationsModule {}
