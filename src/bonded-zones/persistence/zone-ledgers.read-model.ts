// The bonded-maintenance ledgers read model: one row per (tenant, zone, trader) with the ledger's view
// as JSON, written in the transaction that appends the ledger's events.

import { Injectable } from '@nestjs/common';
import { SqlDatabase } from '../../database/sql-database';
import type { SqlTransaction } from '../../event-store/event-store';
import type { ZoneLedgerView } from '../application/zone-ledger.view';

@Injectable()
export class ZoneLedgersReadModel {
  constructor(private readonly db: SqlDatabase) {}

  async project(tx: SqlTransaction, tenantId: string, view: ZoneLedgerView): Promise<void> {
    await tx.query(
      `INSERT INTO zone_ledgers (tenant_id, zone_id, trader_id, version, tax_paid_minor, updated_minutes, summary)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (tenant_id, zone_id, trader_id) DO UPDATE SET version = $4, tax_paid_minor = $5, updated_minutes = $6, summary = $7`,
      [tenantId, view.zone, view.trader, view.version, view.totals.taxPaidMinor, view.updatedMinutes, JSON.stringify(view)],
    );
  }

  /** The ledger's view, or null while nothing was ever recorded on it. */
  async get(tenantId: string, zoneId: string, traderId: string): Promise<ZoneLedgerView | null> {
    const [row] = await this.db.query<{ summary: string }>('SELECT summary FROM zone_ledgers WHERE tenant_id = $1 AND zone_id = $2 AND trader_id = $3', [tenantId, zoneId, traderId]);
    return row ? (JSON.parse(row.summary) as ZoneLedgerView) : null;
  }
}
