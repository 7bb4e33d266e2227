// Rebuilds the bonded-maintenance ledgers read model from the event store (for `npx swsim projections
// rebuild`): the events are the truth, the read model a cache of them. One transaction.

import type { SqlDatabase } from '../../database/sql-database';
import type { EventStore } from '../../event-store/event-store';
import { readStreamsOf } from '../../event-store/read-streams';
import { toLedgerEvent } from '../application/zone-ledger-streams';
import { applyLedgerEvents, emptyLedger, ledgerView } from '../application/zone-ledger.view';
import { ZONE_LEDGER_AGGREGATE } from '../domain/zone-ledger.events';
import { ZoneLedgersReadModel } from './zone-ledgers.read-model';

export async function rebuildZoneLedgers(db: SqlDatabase, store: EventStore): Promise<{ ledgers: number; events: number }> {
  const { streams, events } = await readStreamsOf(store, ZONE_LEDGER_AGGREGATE);
  const readModel = new ZoneLedgersReadModel(db);
  await db.transaction(async (tx) => {
    await tx.query('DELETE FROM zone_ledgers');
    for (const [aggregateId, stream] of streams) {
      // The stream id is `<tenant id>:<zone>/<trader>` (zone-ledger-streams.ts).
      const [zoneId, ...trader] = aggregateId.slice(aggregateId.indexOf(':') + 1).split('/');
      const ledger = applyLedgerEvents(emptyLedger(zoneId, trader.join('/')), stream.map(toLedgerEvent));
      await readModel.project(tx, stream[0].metadata.tenantId, ledgerView(ledger));
    }
  });
  return { ledgers: streams.size, events };
}
