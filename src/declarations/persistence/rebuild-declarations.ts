// Rebuilds the declarations read model from the event store (`npx swsim projections rebuild`): the
// events are the truth, the read model a cache of them. Runs in one transaction, so readers see the
// old rows or the new ones, never a half-built table.

import type { SqlDatabase } from '../../database/sql-database';
import type { EventStore } from '../../event-store/event-store';
import { readStreamsOf } from '../../event-store/read-streams';
import { toDomainEvent } from '../application/declaration-streams';
import { asLodged, foldEvents } from '../domain/declaration.decider';
import { DECLARATION_AGGREGATE } from '../domain/declaration.events';
import { DeclarationsReadModel } from './declarations.read-model';

export async function rebuildDeclarations(db: SqlDatabase, store: EventStore): Promise<{ declarations: number; events: number }> {
  const { streams, events } = await readStreamsOf(store, DECLARATION_AGGREGATE);
  const readModel = new DeclarationsReadModel(db);
  await db.transaction(async (tx) => {
    await tx.query('DELETE FROM declarations');
    for (const stream of streams.values()) {
      const state = asLodged(foldEvents(stream.map(toDomainEvent)));
      await readModel.project(tx, state, stream[0].position);
    }
  });
  return { declarations: streams.size, events };
}
