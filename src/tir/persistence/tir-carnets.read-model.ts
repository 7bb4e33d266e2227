// The TIR carnets read model: one row per carnet of a tenant with its view as JSON, written in the
// transaction that appends the carnet's events, and queried for the list (filters, cursor) and detail.

import { Injectable } from '@nestjs/common';
import { SqlDatabase } from '../../database/sql-database';
import type { SqlTransaction } from '../../event-store/event-store';
import type { TirCarnetView } from '../application/tir-carnet.view';

export interface TirCarnetFilters {
  status?: string;
  holderId?: string;
}

interface Row {
  seq: number | string;
  summary: string;
}

@Injectable()
export class TirCarnetsReadModel {
  constructor(private readonly db: SqlDatabase) {}

  /** Writes the row for `view`; `issuedPosition` is the issue event's global position (the list order). */
  async project(tx: SqlTransaction, tenantId: string, view: TirCarnetView, issuedPosition: number): Promise<void> {
    await tx.query(
      `INSERT INTO tir_carnets (tenant_id, carnet_number, seq, status, holder_id, vouchers, vouchers_used, version, issued_minutes, updated_minutes, summary)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
       ON CONFLICT (tenant_id, carnet_number) DO UPDATE SET status = $4, vouchers_used = $7, version = $8, updated_minutes = $10, summary = $11`,
      [
        tenantId,
        view.carnetNumber,
        issuedPosition,
        view.status,
        view.holder.id,
        view.vouchers,
        view.vouchersUsed,
        view.version,
        view.issuedMinutes,
        view.updatedMinutes,
        JSON.stringify(view),
      ],
    );
  }

  async get(tenantId: string, carnetNumber: string): Promise<TirCarnetView | null> {
    const [row] = await this.db.query<Row>('SELECT seq, summary FROM tir_carnets WHERE tenant_id = $1 AND carnet_number = $2', [tenantId, carnetNumber]);
    return row ? (JSON.parse(row.summary) as TirCarnetView) : null;
  }

  /** A page of the tenant's carnets in issue order, after the cursor. */
  async list(tenantId: string, filters: TirCarnetFilters, after: number, limit: number): Promise<{ items: TirCarnetView[]; next: number | null }> {
    const where = ['tenant_id = $1', 'seq > $2'];
    const params: unknown[] = [tenantId, after];
    for (const [column, value] of [
      ['status', filters.status],
      ['holder_id', filters.holderId],
    ] as const) {
      if (value === undefined) continue;
      params.push(value);
      where.push(`${column} = $${params.length}`);
    }
    params.push(limit + 1);
    const rows = await this.db.query<Row>(`SELECT seq, summary FROM tir_carnets WHERE ${where.join(' AND ')} ORDER BY seq LIMIT $${params.length}`, params);
    const page = rows.slice(0, limit);
    return { items: page.map((r) => JSON.parse(r.summary) as TirCarnetView), next: rows.length > limit ? Number(page[page.length - 1].seq) : null };
  }
}
