import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { AuthModule } from '../auth/auth.module';
import { IdempotencyModule } from '../common/idempotency/idempotency.module';
import { DeclarationsModule } from '../declarations/declarations.module';
import { ReferenceModule } from '../reference/reference.module';
import { ActOnTirCarnetHandler } from './application/act-on-tir-carnet.handler';
import { IssueTirCarnetHandler } from './application/issue-tir-carnet.handler';
import { TirCarnetStreams } from './application/tir-carnet-streams';
import { TirCarnetsController } from './http/tir-carnets.controller';
import { TirCarnetsReadModel } from './persistence/tir-carnets.read-model';

/** TIR carnets over REST: the event-sourced carnet, its read model, linked to the tenant's declarations. */
@Module({
  imports: [CqrsModule, AuthModule, IdempotencyModule, ReferenceModule, DeclarationsModule],
  controllers: [TirCarnetsController],
  providers: [TirCarnetsReadModel, TirCarnetStreams, IssueTirCarnetHandler, ActOnTirCarnetHandler],
  exports: [TirCarnetsReadModel],
})
export class TirModule {}
