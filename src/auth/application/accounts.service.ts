import { Injectable } from '@nestjs/common';
import { randomInt, randomUUID } from 'node:crypto';
import { DomainError } from '../../common/domain/domain-error';
import { SqlDatabase } from '../../database/sql-database';
import type { SqlTransaction } from '../../event-store/event-store';
import { type Role, generateApiKey, hashApiKey } from '../api-key';
import { apiKeyNotFound, tenantNameTaken, tenantNotFound } from '../auth.errors';
import type { Caller } from '../caller';
import { type ApiKeyRecord, ApiKeysRepository } from '../persistence/api-keys.repository';
import { type Tenant, TenantsRepository } from '../persistence/tenants.repository';
import { LruCache } from './lru-cache';

export const TENANT_NAME_PATTERN = /^[a-z0-9][a-z0-9._-]{0,63}$/;
export const TENANT_NAME_RULE = '1 to 64 lowercase letters, digits, dots, hyphens or underscores, starting with a letter or digit';
/** Seeds feed 32-bit random streams. */
export const MAX_SEED = 2_147_483_647;
export const DEFAULT_OPTION_ID = 'baseline';

/** Key lookups are cached this long, so a key revoked by another process (the CLI) stops working within it. */
const KEY_CACHE_TTL_MS = 60_000;
const KEY_CACHE_ENTRIES = 10_000;

export interface IssuedApiKey extends ApiKeyRecord {
  /** The key itself: shown once, never stored. */
  key: string;
}

/**
 * Tenants and their API keys: creation, listing, revocation, and the check of a key on each request
 * (cached by hash; a revocation here clears it at once).
 */
@Injectable()
export class AccountsService {
  private readonly callers = new LruCache<string, Caller>(KEY_CACHE_ENTRIES, KEY_CACHE_TTL_MS);

  constructor(
    private readonly db: SqlDatabase,
    private readonly tenants: TenantsRepository,
    private readonly keys: ApiKeysRepository,
  ) {}

  /** Without the Nest container (the CLI). */
  static over(db: SqlDatabase): AccountsService {
    return new AccountsService(db, new TenantsRepository(db), new ApiKeysRepository(db));
  }

  /** The caller a key stands for, or null when the key is unknown or revoked. */
  async authenticate(key: string): Promise<Caller | null> {
    const hash = hashApiKey(key);
    const cached = this.callers.get(hash);
    if (cached) return cached;
    const record = await this.keys.findActiveByHash(hash);
    if (!record) return null;
    const caller: Caller = { tenantId: record.tenantId, tenantName: record.tenantName, role: record.role, keyId: record.id };
    this.callers.set(hash, caller);
    return caller;
  }

  /** Creates a tenant; `alsoInTransaction` writes what must commit with it (an idempotency record). */
  async createTenant(input: { name: string; seed?: number; optionId?: string }, alsoInTransaction?: (tx: SqlTransaction, tenant: Tenant) => Promise<void>): Promise<Tenant> {
    checkTenantName(input.name);
    const tenant: Tenant = {
      id: randomUUID(),
      name: input.name,
      seed: input.seed ?? randomInt(0, MAX_SEED),
      clockMinutes: 0,
      optionId: input.optionId ?? DEFAULT_OPTION_ID,
      createdAt: new Date().toISOString(),
    };
    await this.db.transaction(async (tx) => {
      if (!(await this.tenants.insert(tx, tenant))) throw tenantNameTaken(input.name);
      if (alsoInTransaction) await alsoInTransaction(tx, tenant);
    });
    return tenant;
  }

  /** The tenant, created (with a random seed) when there is none by that name. */
  async ensureTenant(name: string): Promise<{ tenant: Tenant; created: boolean }> {
    checkTenantName(name);
    const existing = await this.tenants.findByName(name);
    if (existing) return { tenant: existing, created: false };
    try {
      return { tenant: await this.createTenant({ name }), created: true };
    } catch (error) {
      // Created meanwhile by another request or process.
      const raced = await this.tenants.findByName(name);
      if (raced) return { tenant: raced, created: false };
      throw error;
    }
  }

  listTenants(): Promise<Tenant[]> {
    return this.tenants.list();
  }

  async tenant(name: string): Promise<Tenant> {
    const tenant = await this.tenants.findByName(name);
    if (!tenant) throw tenantNotFound(name);
    return tenant;
  }

  async updateTenant(name: string, changes: { seed?: number; optionId?: string }): Promise<Tenant> {
    return this.db.transaction(async (tx) => {
      const tenant = await this.tenants.findByName(name, tx);
      if (!tenant) throw tenantNotFound(name);
      await this.tenants.update(tx, tenant.id, changes);
      return { ...tenant, ...Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)) };
    });
  }

  async issueKey(tenantName: string, role: Role): Promise<IssuedApiKey> {
    const { key, hash, prefix } = generateApiKey();
    return this.db.transaction(async (tx) => {
      const tenant = await this.tenants.findByName(tenantName, tx);
      if (!tenant) throw tenantNotFound(tenantName);
      const record = { id: randomUUID(), tenantId: tenant.id, role, hash, prefix, createdAt: new Date().toISOString() };
      await this.keys.insert(tx, record);
      return { id: record.id, tenantId: tenant.id, tenantName: tenant.name, role, prefix, createdAt: record.createdAt, revokedAt: null, key };
    });
  }

  async listKeys(tenantName: string): Promise<ApiKeyRecord[]> {
    return this.keys.listByTenant((await this.tenant(tenantName)).id);
  }

  async revokeKey(tenantName: string, keyId: string): Promise<ApiKeyRecord> {
    const tenant = await this.tenant(tenantName);
    const revoked = await this.db.transaction((tx) => this.keys.revoke(tx, tenant.id, keyId, new Date().toISOString()));
    if (!revoked) throw apiKeyNotFound(tenantName, keyId);
    this.callers.deleteWhere((caller) => caller.keyId === keyId);
    return revoked;
  }
}

function checkTenantName(name: string): void {
  if (!TENANT_NAME_PATTERN.test(name)) {
    throw new DomainError('REQUEST.INVALID', `The tenant name '${name}' is invalid: ${TENANT_NAME_RULE}`, 'validation', [{ path: 'name', message: `must be ${TENANT_NAME_RULE}` }]);
  }
}
