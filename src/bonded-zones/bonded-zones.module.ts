import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { AuthModule } from '../auth/auth.module';
import { IdempotencyModule } from '../common/idempotency/idempotency.module';
import { DeclarationsModule } from '../declarations/declarations.module';
import { ReferenceModule } from '../reference/reference.module';
import { RecordLedgerMovementHandler } from './application/record-ledger-movement.handler';
import { ZoneLedgerStreams } from './application/zone-ledger-streams';
import { ZoneLedgersController } from './http/zone-ledgers.controller';
import { ZoneLedgersReadModel } from './persistence/zone-ledgers.read-model';

/** Bonded maintenance over REST: the event-sourced ledger of a trader in a comprehensive bonded zone, and its read model. */
@Module({
  imports: [CqrsModule, AuthModule, IdempotencyModule, ReferenceModule, DeclarationsModule],
  controllers: [ZoneLedgersController],
  providers: [ZoneLedgersReadModel, ZoneLedgerStreams, RecordLedgerMovementHandler],
  exports: [ZoneLedgersReadModel],
})
export class BondedZonesModule {}
