import { Injectable } from '@nestjs/common';
import { SqlDatabase } from '../../database/sql-database';

export interface Notification {
  id: number;
  declarationId: string;
  eventType: string;
  status: string;
  simMinutes: number;
  createdAt: string;
  ackedAt: string | null;
}

interface NotificationDbRow {
  id: number | string;
  declaration_id: string;
  event_type: string;
  status: string;
  sim_minutes: number | string;
  created_at: string;
  acked_at: string | null;
}

export interface NotificationPage {
  items: Notification[];
  /** Pass as `after` for the next page; null when there is none. */
  nextCursor: string | null;
}

/** Where a page ends: in the unacknowledged part (`u`) or the acknowledged one (`a`), after this id. */
interface Cursor {
  part: 'u' | 'a';
  id: number;
}

const COLUMNS = 'id, declaration_id, event_type, status, sim_minutes, created_at, acked_at';

const toNotification = (row: NotificationDbRow): Notification => ({
  id: Number(row.id),
  declarationId: row.declaration_id,
  eventType: row.event_type,
  status: row.status,
  simMinutes: Number(row.sim_minutes),
  createdAt: row.created_at,
  ackedAt: row.acked_at,
});

export function parseCursor(text: string | undefined): Cursor | null {
  if (text === undefined || text === '') return null;
  const match = /^([ua])\.(\d{1,15})$/.exec(text);
  return match ? { part: match[1] as 'u' | 'a', id: Number(match[2]) } : null;
}

const formatCursor = (cursor: Cursor): string => `${cursor.part}.${cursor.id}`;

@Injectable()
export class NotificationsRepository {
  constructor(private readonly db: SqlDatabase) {}

  /** Unacknowledged first, then acknowledged ones (unless `unackedOnly`), each in id order. */
  async page(tenantId: string, after: Cursor | null, limit: number, unackedOnly: boolean): Promise<NotificationPage> {
    const items: Notification[] = [];
    let more = false;
    if (!after || after.part === 'u') {
      const rows = await this.db.query<NotificationDbRow>(`SELECT ${COLUMNS} FROM notifications WHERE tenant_id = $1 AND acked_at IS NULL AND id > $2 ORDER BY id LIMIT $3`, [
        tenantId,
        after?.id ?? 0,
        limit + 1,
      ]);
      items.push(...rows.slice(0, limit).map(toNotification));
      more = rows.length > limit;
    }
    if (!unackedOnly && !more && items.length < limit) {
      const afterId = after?.part === 'a' ? after.id : 0;
      const room = limit - items.length;
      const rows = await this.db.query<NotificationDbRow>(`SELECT ${COLUMNS} FROM notifications WHERE tenant_id = $1 AND acked_at IS NOT NULL AND id > $2 ORDER BY id LIMIT $3`, [
        tenantId,
        afterId,
        room + 1,
      ]);
      items.push(...rows.slice(0, room).map(toNotification));
      more = rows.length > room;
    }
    const last = items[items.length - 1];
    return { items, nextCursor: more && last ? formatCursor({ part: last.ackedAt === null ? 'u' : 'a', id: last.id }) : null };
  }

  /** Acknowledges those of `ids` that are the tenant's and not acknowledged yet; returns them. */
  async ack(tenantId: string, ids: number[]): Promise<number[]> {
    if (ids.length === 0) return [];
    const placeholders = ids.map((_, i) => `$${i + 3}`).join(', ');
    const rows = await this.db.query<{ id: number | string }>(
      `UPDATE notifications SET acked_at = $2 WHERE tenant_id = $1 AND acked_at IS NULL AND id IN (${placeholders}) RETURNING id`,
      [tenantId, new Date().toISOString(), ...ids],
    );
    return rows.map((r) => Number(r.id)).sort((a, b) => a - b);
  }
}
