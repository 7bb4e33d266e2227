import { Injectable } from '@nestjs/common';
import { SqlDatabase } from '../../database/sql-database';
import type { SqlTransaction } from '../../event-store/event-store';
import type { Role } from '../api-key';

export interface ApiKeyRecord {
  id: string;
  tenantId: string;
  tenantName: string;
  role: Role;
  prefix: string;
  createdAt: string;
  revokedAt: string | null;
}

interface ApiKeyRow {
  id: string;
  tenant_id: string;
  tenant_name: string;
  role: Role;
  prefix: string;
  created_at: string;
  revoked_at: string | null;
}

const SELECT = 'SELECT k.id, k.tenant_id, t.name AS tenant_name, k.role, k.prefix, k.created_at, k.revoked_at FROM api_keys k JOIN tenants t ON t.id = k.tenant_id';

const toRecord = (row: ApiKeyRow): ApiKeyRecord => ({
  id: row.id,
  tenantId: row.tenant_id,
  tenantName: row.tenant_name,
  role: row.role,
  prefix: row.prefix,
  createdAt: row.created_at,
  revokedAt: row.revoked_at,
});

/** The `api_keys` table: hashes only, never a key. */
@Injectable()
export class ApiKeysRepository {
  constructor(private readonly db: SqlDatabase) {}

  async insert(tx: SqlTransaction, key: { id: string; tenantId: string; role: Role; hash: string; prefix: string; createdAt: string }): Promise<void> {
    await tx.query('INSERT INTO api_keys (id, tenant_id, role, key_hash, prefix, created_at) VALUES ($1, $2, $3, $4, $5, $6)', [
      key.id,
      key.tenantId,
      key.role,
      key.hash,
      key.prefix,
      key.createdAt,
    ]);
  }

  /** The live (not revoked) key with this hash. */
  async findActiveByHash(hash: string): Promise<ApiKeyRecord | null> {
    const [row] = await this.db.query<ApiKeyRow>(`${SELECT} WHERE k.key_hash = $1 AND k.revoked_at IS NULL`, [hash]);
    return row ? toRecord(row) : null;
  }

  async listByTenant(tenantId: string): Promise<ApiKeyRecord[]> {
    return (await this.db.query<ApiKeyRow>(`${SELECT} WHERE k.tenant_id = $1 ORDER BY k.created_at, k.id`, [tenantId])).map(toRecord);
  }

  /** Revokes the key if it belongs to the tenant; returns it (revoked now or before), or null. */
  async revoke(tx: SqlTransaction, tenantId: string, id: string, at: string): Promise<ApiKeyRecord | null> {
    await tx.query('UPDATE api_keys SET revoked_at = $3 WHERE id = $1 AND tenant_id = $2 AND revoked_at IS NULL', [id, tenantId, at]);
    const [row] = await tx.query<ApiKeyRow>(`${SELECT} WHERE k.id = $1 AND k.tenant_id = $2`, [id, tenantId]);
    return row ? toRecord(row) : null;
  }
}
