// Rebuilds the bonded-maintenance ledgers read model from the event store (for `npx swsim projections
// rebuild`): the events are the truth, the read model a cache of them. One transaction.

import type { SqlDatabase } from '../../database/sql-database';
import type { EventStore, StoredEvent } from '../../event-store/event-store';
import { toLedgerEvent } from '../application/zone-ledger-streams';
import { applyLedgerEvents, emptyLedger, ledgerView } from '../application/zone-ledger.view';
import { ZONE_LEDGER_AGGREGATE } from '../domain/zone-ledger.events';
import { ZoneLedgersReadModel } from './zone-ledgers.read-model';

const BATCH = 5_000;

export async function rebuildZoneLedgers(db: SqlDatabase, store: EventStore): Promise<{ ledgers: number; events: number }> {
  const streams = new Map<string, StoredEvent[]>();
  let events = 0;
  for (let after = 0; ; ) {
    const page = await store.readAll(after, BATCH);
    if (page.length === 0) break;
    for (const event of page) {
      if (event.aggregateType !== ZONE_LEDGER_AGGREGATE) continue;
      const stream = streams.get(event.aggregateId) ?? [];
      stream.push(event);
      streams.set(event.aggregateId, stream);
      events++;
    }
    after = page[page.length - 1].position;
  }
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
