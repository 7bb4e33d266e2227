// Loading a TIR carnet from its events and appending new ones, with the read model written in the same
// transaction. A carnet's stream belongs to one tenant: its id is the tenant's id and the carnet number,
// so two sandboxes may issue the same number and neither sees the other's.

import { Injectable } from '@nestjs/common';
import { DomainError } from '../../common/domain/domain-error';
import { allWork } from '../../common/idempotency/idempotency';
import { EventStore, type EventMetadata, type StoredEvent, type StreamId, type TransactionWork, VersionConflict } from '../../event-store/event-store';
import { evolveCarnet, initialCarnetState } from '../domain/tir-carnet.decider';
import { TIR_CARNET_AGGREGATE, type TirCarnetEvent } from '../domain/tir-carnet.events';
import type { IssuedCarnet, TirCarnetState } from '../domain/tir-carnet.state';
import { TirCarnetsReadModel } from '../persistence/tir-carnets.read-model';
import { carnetView } from './tir-carnet.view';

export interface LoadedCarnet<S extends TirCarnetState = TirCarnetState> {
  state: S;
  /** Global position of the issue event (the list order); null before the carnet is issued. */
  issuedPosition: number | null;
  /** Simulated minute of the latest event. */
  updatedMinutes: number;
}

export const carnetNotFound = (carnetNumber: string): DomainError =>
  new DomainError('TIR.CARNET_NOT_FOUND', `No TIR carnet ${carnetNumber} in this tenant`, 'not-found', [{ path: 'number', message: 'no such carnet' }], { carnetNumber });

export function carnetStream(tenantId: string, carnetNumber: string): StreamId {
  return { aggregateType: TIR_CARNET_AGGREGATE, aggregateId: `${tenantId}:${carnetNumber}` };
}

export function toCarnetEvent(stored: StoredEvent): TirCarnetEvent {
  return { type: stored.type, data: stored.payload } as TirCarnetEvent;
}

/** The carnet after `events`, with the simulated minute of its latest event: what a command answers. */
export function afterEvents(before: LoadedCarnet, events: TirCarnetEvent[]): { state: IssuedCarnet; updatedMinutes: number } {
  const state = events.reduce(evolveCarnet, before.state);
  if (state.kind !== 'issued') throw new Error('A TIR carnet has no state before it is issued');
  return { state, updatedMinutes: events.length > 0 ? events[events.length - 1].data.atMinutes : before.updatedMinutes };
}

/** Folds a carnet's stored events (of one tenant) into its state. */
export function foldCarnet(stored: StoredEvent[]): LoadedCarnet {
  return {
    state: stored.map(toCarnetEvent).reduce(evolveCarnet, initialCarnetState),
    issuedPosition: stored[0]?.position ?? null,
    updatedMinutes: stored[stored.length - 1]?.simMinutes ?? 0,
  };
}

@Injectable()
export class TirCarnetStreams {
  constructor(
    private readonly store: EventStore,
    private readonly readModel: TirCarnetsReadModel,
  ) {}

  /** The carnet as it stands, or the empty state when the tenant has not issued it (to issue it). */
  async read(tenantId: string, carnetNumber: string): Promise<LoadedCarnet> {
    return foldCarnet(await this.events(tenantId, carnetNumber, { allowNone: true }));
  }

  /** An issued carnet, or a 404 when the tenant has none with this number. */
  async load(tenantId: string, carnetNumber: string): Promise<LoadedCarnet<IssuedCarnet>> {
    const loaded = foldCarnet(await this.events(tenantId, carnetNumber));
    return loaded as LoadedCarnet<IssuedCarnet>;
  }

  async events(tenantId: string, carnetNumber: string, options: { allowNone?: boolean } = {}): Promise<StoredEvent[]> {
    const stored = await this.store.readStream(carnetStream(tenantId, carnetNumber));
    if (stored.some((e) => e.metadata.tenantId !== tenantId)) throw carnetNotFound(carnetNumber);
    if (stored.length === 0 && !options.allowNone) throw carnetNotFound(carnetNumber);
    return stored;
  }

  /**
   * Appends `events` to the carnet at the version it was loaded at (0 when issuing), projecting the new
   * state in the same transaction, plus any `extra` work (the idempotency record). Two commands on one
   * version: one wins, the other is a 409.
   */
  async append(
    tenantId: string,
    carnetNumber: string,
    before: LoadedCarnet,
    events: TirCarnetEvent[],
    metadata: EventMetadata,
    extra?: TransactionWork,
  ): Promise<{ state: IssuedCarnet; updatedMinutes: number; stored: StoredEvent[] }> {
    const { state, updatedMinutes } = afterEvents(before, events);
    if (events.length === 0) return { state, updatedMinutes, stored: [] };
    const project: TransactionWork = (tx, appended) => this.readModel.project(tx, tenantId, carnetView(state, updatedMinutes), before.issuedPosition ?? appended[0].position);
    try {
      const stored = await this.store.append(
        carnetStream(tenantId, carnetNumber),
        before.state.version,
        events.map((e) => ({ type: e.type, payload: e.data as unknown as Record<string, unknown>, simMinutes: e.data.atMinutes })),
        metadata,
        allWork(project, extra),
      );
      return { state, updatedMinutes, stored };
    } catch (error) {
      if (!(error instanceof VersionConflict)) throw error;
      throw new DomainError(
        'TIR.VERSION_CONFLICT',
        `Carnet ${carnetNumber} changed while this command was decided (now version ${error.actualVersion}); read it again and retry if still needed`,
        'conflict',
        [],
        { expectedVersion: error.expectedVersion, version: error.actualVersion },
      );
    }
  }
}
