// Loading a declaration from its events and appending new ones, with the read model and the
// notifications written in the same transaction. Handlers use this; they hold no business rules.

import { Injectable } from '@nestjs/common';
import { DomainError } from '../../common/domain/domain-error';
import { allWork } from '../../common/idempotency/idempotency';
import { EventStore, type EventMetadata, type StoredEvent, type TransactionWork, VersionConflict, writesOnly } from '../../event-store/event-store';
import { notify } from '../../notifications/notify';
import { type DeclarationEvent, DECLARATION_AGGREGATE } from '../domain/declaration.events';
import { asLodged, evolve, foldEvents, initialState } from '../domain/declaration.decider';
import type { DeclarationState, LodgedDeclaration } from '../domain/declaration.state';
import { DeclarationsReadModel } from '../persistence/declarations.read-model';

export interface LoadedDeclaration {
  state: LodgedDeclaration;
  /** Global position of the lodgement: the read model's list order. */
  lodgedPosition: number;
}

export const declarationNotFound = (id: string): DomainError =>
  new DomainError('DECLARATION.NOT_FOUND', `No declaration ${id} in this tenant`, 'not-found', [{ path: 'id', message: 'no such declaration' }], { id });

export function toDomainEvent(stored: StoredEvent): DeclarationEvent {
  return { type: stored.type, data: stored.payload } as DeclarationEvent;
}

@Injectable()
export class DeclarationStreams {
  constructor(
    private readonly store: EventStore,
    private readonly readModel: DeclarationsReadModel,
  ) {}

  /** The declaration, or a 404 when it does not exist or belongs to another tenant (the same answer, on purpose). */
  async load(tenantId: string, id: string): Promise<LoadedDeclaration> {
    const stored = await this.store.readStream({ aggregateType: DECLARATION_AGGREGATE, aggregateId: id });
    if (stored.length === 0 || stored[0].metadata.tenantId !== tenantId) throw declarationNotFound(id);
    return { state: asLodged(foldEvents(stored.map(toDomainEvent))), lodgedPosition: stored[0].position };
  }

  async events(tenantId: string, id: string): Promise<StoredEvent[]> {
    const stored = await this.store.readStream({ aggregateType: DECLARATION_AGGREGATE, aggregateId: id });
    if (stored.length === 0 || stored[0].metadata.tenantId !== tenantId) throw declarationNotFound(id);
    return stored;
  }

  /**
   * Appends `events` to a declaration at `expectedVersion` (0 when lodging), projecting the new state and
   * notifying status changes in the same transaction, plus any `extra` work (the idempotency record).
   */
  async append(
    id: string,
    before: LodgedDeclaration | null,
    lodgedPosition: number | null,
    events: DeclarationEvent[],
    metadata: EventMetadata,
    extra?: TransactionWork,
  ): Promise<{ state: LodgedDeclaration; stored: StoredEvent[] }> {
    // Fold the events one by one: every status they pass through is a notification.
    let state: DeclarationState = before ?? initialState;
    const transitions: Array<{ index: number; status: string }> = [];
    events.forEach((event, index) => {
      const previous = state.kind === 'lodged' ? state.status : null;
      state = evolve(state, event);
      const status = asLodged(state).status;
      // A status change, or a deadline missed (the status stays, the declarant must still hear of it).
      if (status !== previous || event.type === 'TwoStepCompletionOverdue') transitions.push({ index, status });
    });
    const after = asLodged(state);
    const project: TransactionWork = writesOnly(async (tx, appended) => {
      await this.readModel.project(tx, after, lodgedPosition ?? appended[0].position);
      const rows = transitions.map(({ index, status }) => ({ declarationId: id, eventType: appended[index].type, status, simMinutes: appended[index].simMinutes }));
      await notify(tx, metadata.tenantId, rows);
    });
    try {
      const stored = await this.store.append(
        { aggregateType: DECLARATION_AGGREGATE, aggregateId: id },
        before?.version ?? 0,
        events.map((e) => ({ type: e.type, payload: e.data as unknown as Record<string, unknown>, simMinutes: e.data.atMinutes })),
        metadata,
        allWork(project, extra),
      );
      return { state: after, stored };
    } catch (error) {
      if (!(error instanceof VersionConflict)) throw error;
      // Two officers at once: the other command won; this one changed nothing.
      throw new DomainError(
        'DECLARATION.VERSION_CONFLICT',
        `Declaration ${id} changed while this command was decided (now version ${error.actualVersion}); read it again and retry if still needed`,
        'conflict',
        [],
        { expectedVersion: error.expectedVersion, version: error.actualVersion },
      );
    }
  }
}
