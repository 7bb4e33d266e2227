import { Injectable } from '@nestjs/common';
import { SqlDatabase } from '../../database/sql-database';
import type { SqlTransaction } from '../../event-store/event-store';
import { clockMoved } from '../auth.errors';

export interface Tenant {
  id: string;
  name: string;
  /** Seed of the tenant's sandbox random streams (automatic officers' durations and outcomes). */
  seed: number;
  /** The tenant's simulated clock: minutes since its sandbox epoch. */
  clockMinutes: number;
  /** The option (set of reforms) its sandbox plans under; `baseline` unless set. */
  optionId: string;
  createdAt: string;
}

interface TenantRow {
  id: string;
  name: string;
  seed: number | string;
  clock_minutes: number | string;
  option_id: string;
  created_at: string;
}

const COLUMNS = 'id, name, seed, clock_minutes, option_id, created_at';

const toTenant = (row: TenantRow): Tenant => ({
  id: row.id,
  name: row.name,
  seed: Number(row.seed),
  clockMinutes: Number(row.clock_minutes),
  optionId: row.option_id,
  createdAt: row.created_at,
});

/** The `tenants` table. Reads outside a transaction use the database; writes take the caller's transaction. */
@Injectable()
export class TenantsRepository {
  constructor(private readonly db: SqlDatabase) {}

  async insert(tx: SqlTransaction, tenant: Tenant): Promise<boolean> {
    const rows = await tx.query(
      `INSERT INTO tenants (${COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (name) DO NOTHING RETURNING id`,
      [tenant.id, tenant.name, tenant.seed, tenant.clockMinutes, tenant.optionId, tenant.createdAt],
    );
    return rows.length === 1;
  }

  async list(): Promise<Tenant[]> {
    return (await this.db.query<TenantRow>(`SELECT ${COLUMNS} FROM tenants ORDER BY name`)).map(toTenant);
  }

  async findByName(name: string, tx?: SqlTransaction): Promise<Tenant | null> {
    const [row] = await (tx ?? this.db).query<TenantRow>(`SELECT ${COLUMNS} FROM tenants WHERE name = $1`, [name]);
    return row ? toTenant(row) : null;
  }

  /** The tenant with its sandbox seed, clock and option; in `tx` to read them consistently with a write. */
  async findById(id: string, tx?: SqlTransaction): Promise<Tenant | null> {
    const [row] = await (tx ?? this.db).query<TenantRow>(`SELECT ${COLUMNS} FROM tenants WHERE id = $1`, [id]);
    return row ? toTenant(row) : null;
  }

  async update(tx: SqlTransaction, id: string, changes: { seed?: number; optionId?: string }): Promise<void> {
    if (changes.seed !== undefined) await tx.query('UPDATE tenants SET seed = $2 WHERE id = $1', [id, changes.seed]);
    if (changes.optionId !== undefined) await tx.query('UPDATE tenants SET option_id = $2 WHERE id = $1', [id, changes.optionId]);
  }

  /**
   * Moves the tenant's simulated clock to `minutes`, in the transaction that appends what happened
   * meanwhile. With `expectedMinutes`, only if the clock is still there (else TENANT.CLOCK_MOVED, a
   * 409): two advances at once cannot both apply.
   */
  async setClock(tx: SqlTransaction, tenantId: string, minutes: number, expectedMinutes?: number): Promise<void> {
    const rows =
      expectedMinutes === undefined
        ? await tx.query('UPDATE tenants SET clock_minutes = $2 WHERE id = $1 RETURNING id', [tenantId, minutes])
        : await tx.query('UPDATE tenants SET clock_minutes = $2 WHERE id = $1 AND clock_minutes = $3 RETURNING id', [tenantId, minutes, expectedMinutes]);
    if (rows.length !== 1) throw clockMoved(tenantId, expectedMinutes ?? minutes);
  }
}
