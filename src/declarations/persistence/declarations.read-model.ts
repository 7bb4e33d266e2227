// The declarations read model: one row per declaration with its view as JSON, written in the
// transaction that appends the declaration's events (so the list never shows half a command), and
// queried for the list (filters, cursor) and the detail.

import { Injectable } from '@nestjs/common';
import { SqlDatabase } from '../../database/sql-database';
import type { SqlTransaction } from '../../event-store/event-store';
import { type DeclarationView, declarationView, isActive } from '../application/declaration.view';
import type { LodgedDeclaration } from '../domain/declaration.state';

export interface DeclarationFilters {
  status?: string;
  port?: string;
  procedure?: string;
}

interface Row {
  id: string;
  seq: number | string;
  summary: string;
}

@Injectable()
export class DeclarationsReadModel {
  constructor(private readonly db: SqlDatabase) {}

  /** Writes the row for `state`; `lodgedPosition` is the lodgement event's global position (the list order). */
  async project(tx: SqlTransaction, state: LodgedDeclaration, lodgedPosition: number): Promise<void> {
    const view = declarationView(state);
    await tx.query(
      `INSERT INTO declarations (id, tenant_id, seq, status, flow, port, supervision_mode, procedure, mode, active, version, lodged_minutes, updated_minutes, summary)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
       ON CONFLICT (id) DO UPDATE SET status = $4, active = $10, version = $11, updated_minutes = $13, summary = $14`,
      [
        view.id,
        state.tenantId,
        lodgedPosition,
        view.status,
        view.flow,
        view.port,
        view.supervisionMode,
        view.procedure,
        view.mode,
        isActive(state) ? 1 : 0,
        view.version,
        view.lodgedMinutes,
        state.lastEventMinutes,
        JSON.stringify(view),
      ],
    );
  }

  async get(tenantId: string, id: string): Promise<DeclarationView | null> {
    const [row] = await this.db.query<Row>('SELECT id, seq, summary FROM declarations WHERE tenant_id = $1 AND id = $2', [tenantId, id]);
    return row ? (JSON.parse(row.summary) as DeclarationView) : null;
  }

  /** A page of the tenant's declarations in lodgement order, after the cursor. */
  async list(tenantId: string, filters: DeclarationFilters, after: number, limit: number): Promise<{ items: DeclarationView[]; next: number | null }> {
    const where = ['tenant_id = $1', 'seq > $2'];
    const params: unknown[] = [tenantId, after];
    for (const [column, value] of [
      ['status', filters.status],
      ['port', filters.port],
      ['procedure', filters.procedure],
    ] as const) {
      if (value === undefined) continue;
      params.push(value);
      where.push(`${column} = $${params.length}`);
    }
    params.push(limit + 1);
    const rows = await this.db.query<Row>(`SELECT id, seq, summary FROM declarations WHERE ${where.join(' AND ')} ORDER BY seq LIMIT $${params.length}`, params);
    const page = rows.slice(0, limit);
    return { items: page.map((r) => JSON.parse(r.summary) as DeclarationView), next: rows.length > limit ? Number(page[page.length - 1].seq) : null };
  }

  /**
   * Ids of the tenant's declarations the clock can move, in lodgement order: active auto-mode ones (the
   * automatic officers walk them) and active two-step ones in manual mode (their completion can fall due).
   */
  async movedByTheClock(tenantId: string): Promise<string[]> {
    const rows = await this.db.query<{ id: string }>(
      "SELECT id FROM declarations WHERE tenant_id = $1 AND active = 1 AND (mode = 'auto' OR procedure = 'two-step') ORDER BY seq",
      [tenantId],
    );
    return rows.map((r) => r.id);
  }
}
