// Rebuilds the TIR carnets read model from the event store (for `npx swsim projections rebuild`): the
// events are the truth, the read model a cache of them. One transaction, so readers see the old rows
// or the new ones, never a half-built table.

import type { SqlDatabase } from '../../database/sql-database';
import type { EventStore } from '../../event-store/event-store';
import { readStreamsOf } from '../../event-store/read-streams';
import { foldCarnet } from '../application/tir-carnet-streams';
import { carnetView } from '../application/tir-carnet.view';
import { TIR_CARNET_AGGREGATE } from '../domain/tir-carnet.events';
import { TirCarnetsReadModel } from './tir-carnets.read-model';

export async function rebuildTirCarnets(db: SqlDatabase, store: EventStore): Promise<{ carnets: number; events: number }> {
  const { streams, events } = await readStreamsOf(store, TIR_CARNET_AGGREGATE);
  const readModel = new TirCarnetsReadModel(db);
  await db.transaction(async (tx) => {
    await tx.query('DELETE FROM tir_carnets');
    for (const stream of streams.values()) {
      const { state, issuedPosition, updatedMinutes } = foldCarnet(stream);
      if (state.kind !== 'issued') continue;
      await readModel.project(tx, stream[0].metadata.tenantId, carnetView(state, updatedMinutes), issuedPosition!);
    }
  });
  return { carnets: streams.size, events };
}
