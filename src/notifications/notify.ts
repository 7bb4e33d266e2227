// Notifications: a per-tenant pull queue of declaration status changes (GET /api/notifications). The
// rows are written by the command's projection inside the append transaction, so a notification exists
// exactly when its events do.

import type { SqlTransaction, StoredEvent, TransactionWork } from '../event-store/event-store';

export interface NotificationRow {
  declarationId: string;
  /** The event that changed the status, e.g. `GoodsReleased`. */
  eventType: string;
  /** The declaration's status after it, e.g. `released`. */
  status: string;
  /** Simulated time of the change, in minutes since the tenant's sandbox epoch. */
  simMinutes: number;
}

const INSERT =
  'INSERT INTO notifications (tenant_id, declaration_id, event_type, status, sim_minutes, created_at, acked_at) VALUES ($1, $2, $3, $4, $5, $6, NULL)';

/** Writes notifications for `tenantId` in the transaction `tx` (a TransactionWork's or the event store's). */
export async function notify(tx: SqlTransaction, tenantId: string, rows: NotificationRow[]): Promise<void> {
  const createdAt = new Date().toISOString();
  for (const row of rows) await tx.query(INSERT, [tenantId, row.declarationId, row.eventType, row.status, row.simMinutes, createdAt]);
}

/** The same as a TransactionWork, for `EventStore.append`: the rows are derived from the appended events. */
export function notifyWork(tenantId: string, rowsFor: (appended: StoredEvent[]) => NotificationRow[]): TransactionWork {
  return (tx, appended) => notify(tx, tenantId, rowsFor(appended));
}
