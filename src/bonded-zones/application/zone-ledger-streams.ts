// Loading a bonded-maintenance ledger from its events and appending new ones, with the read model
// written in the same transaction. A ledger's stream belongs to one tenant: its id is the tenant's id
// and the domain's (zone, trader) stream id, so sandboxes never share a trader's ledger.

import { Injectable } from '@nestjs/common';
import { DomainError } from '../../common/domain/domain-error';
import { allWork } from '../../common/idempotency/idempotency';
import { EventStore, type EventMetadata, type StoredEvent, type StreamId, type TransactionWork, VersionConflict } from '../../event-store/event-store';
import { ZONE_LEDGER_AGGREGATE, type ZoneLedgerEvent } from '../domain/zone-ledger.events';
import { ledgerStreamId } from '../domain/zone-ledger.state';
import { ZoneLedgersReadModel } from '../persistence/zone-ledgers.read-model';
import { type Ledger, applyLedgerEvents, emptyLedger, ledgerView } from './zone-ledger.view';

export function ledgerStream(tenantId: string, zoneId: string, traderId: string): StreamId {
  return { aggregateType: ZONE_LEDGER_AGGREGATE, aggregateId: `${tenantId}:${ledgerStreamId(zoneId, traderId)}` };
}

export function toLedgerEvent(stored: StoredEvent): ZoneLedgerEvent {
  return { type: stored.type, data: stored.payload } as ZoneLedgerEvent;
}

@Injectable()
export class ZoneLedgerStreams {
  constructor(
    private readonly store: EventStore,
    private readonly readModel: ZoneLedgersReadModel,
  ) {}

  /** The ledger as it stands; a ledger nothing was recorded on yet is empty. */
  async read(tenantId: string, zoneId: string, traderId: string): Promise<Ledger> {
    return applyLedgerEvents(emptyLedger(zoneId, traderId), (await this.events(tenantId, zoneId, traderId)).map(toLedgerEvent));
  }

  async events(tenantId: string, zoneId: string, traderId: string): Promise<StoredEvent[]> {
    const stored = await this.store.readStream(ledgerStream(tenantId, zoneId, traderId));
    // The stream id starts with the tenant's id; a row of another tenant would be a corrupt store.
    return stored.filter((e) => e.metadata.tenantId === tenantId);
  }

  /**
   * Appends `events` to the ledger at the version it was read at, projecting the new view in the same
   * transaction, plus any `extra` work (the idempotency record). Two movements on one version: one
   * wins, the other is a 409 and changed nothing.
   */
  async append(tenantId: string, before: Ledger, events: ZoneLedgerEvent[], metadata: EventMetadata, extra?: TransactionWork): Promise<Ledger> {
    const after = applyLedgerEvents(before, events);
    if (events.length === 0) return after;
    const { zoneId, traderId } = before.state;
    const project: TransactionWork = (tx) => this.readModel.project(tx, tenantId, ledgerView(after));
    try {
      await this.store.append(
        ledgerStream(tenantId, zoneId, traderId),
        before.state.version,
        events.map((e) => ({ type: e.type, payload: e.data as unknown as Record<string, unknown>, simMinutes: e.data.atMinutes })),
        metadata,
        allWork(project, extra),
      );
      return after;
    } catch (error) {
      if (!(error instanceof VersionConflict)) throw error;
      throw new DomainError(
        'LEDGER.VERSION_CONFLICT',
        `The ledger of ${traderId} in ${zoneId} changed while this movement was decided (now version ${error.actualVersion}); read it again and retry if still needed`,
        'conflict',
        [],
        { expectedVersion: error.expectedVersion, version: error.actualVersion },
      );
    }
  }
}
