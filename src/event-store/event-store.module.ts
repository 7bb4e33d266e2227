import { Global, Module } from '@nestjs/common';
import { EventStore } from './event-store';
import { SqlEventStore } from './sql-event-store';

/** `EventStore` (the abstract class is the token) backed by SQL. Global: every feature appends through it. */
@Global()
@Module({
  providers: [{ provide: EventStore, useClass: SqlEventStore }],
  exports: [EventStore],
})
export class EventStoreModule {}
