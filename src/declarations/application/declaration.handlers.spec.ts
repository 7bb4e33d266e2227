// The command handlers with an in-memory event store and a fixed tenant clock (no database, no HTTP):
// thin handlers that load, decide with the clock's time, append at the expected version.

import type { Caller } from '../../auth/caller';
import { TenantsRepository } from '../../auth/persistence/tenants.repository';
import { DomainError } from '../../common/domain/domain-error';
import { IdempotencyService } from '../../common/idempotency/idempotency';
import type { SqlDatabase } from '../../database/sql-database';
import type { SqlTransaction } from '../../event-store/event-store';
import { InMemoryEventStore } from '../../event-store/in-memory-event-store';
import { REFORMS } from '../../planning/domain/reforms/reform-catalogue';
import { planner, reference } from '../../planning/domain/testing/planning.test-kit';
import type { LodgeDeclarationDto } from '../http/lodge-declaration.dto';
import { DeclarationsReadModel } from '../persistence/declarations.read-model';
import { ActOnDeclarationCommand } from './act-on-declaration.command';
import { ActOnDeclarationHandler } from './act-on-declaration.handler';
import { AdvanceClockCommand } from './advance-clock.command';
import { AdvanceClockHandler } from './advance-clock.handler';
import { DeclarationStreams } from './declaration-streams';
import { LodgeDeclarationCommand } from './lodge-declaration.command';
import { LodgeDeclarationHandler } from './lodge-declaration.handler';

const TENANT_ROW = { id: 't-1', name: 'handlers', seed: 7, clock_minutes: 600, option_id: 'baseline', created_at: '2026-01-01T00:00:00.000Z' };
const TENANT = TENANT_ROW;
const trader: Caller = { tenantId: TENANT.id, tenantName: TENANT.name, role: 'trader', keyId: 'key-trader' };
const officer: Caller = { ...trader, role: 'officer', keyId: 'key-officer' };

/** Just enough database for the tenants table (the fixed clock); everything else lives in the event store. */
function fakeDatabase(activeIds: () => string[]): SqlDatabase {
  const tenant = { ...TENANT_ROW };
  const query = async (sql: string, params: unknown[] = []) => {
    if (sql.includes('FROM tenants')) return [tenant];
    if (sql.startsWith('UPDATE tenants SET clock_minutes')) {
      tenant.clock_minutes = params[1] as number;
      return [{ id: tenant.id }];
    }
    if (sql.includes('FROM declarations')) return activeIds().map((id) => ({ id }));
    return [];
  };
  const tx: SqlTransaction = { query: query as SqlTransaction['query'] };
  return { dialect: 'sqlite', query, transaction: (work: (t: SqlTransaction) => Promise<unknown>) => work(tx), drain: async () => undefined } as unknown as SqlDatabase;
}

function handlers() {
  const store = new InMemoryEventStore();
  const lodged: string[] = [];
  const db = fakeDatabase(() => lodged);
  const readModel = new DeclarationsReadModel(db);
  const streams = new DeclarationStreams(store, readModel);
  const tenants = new TenantsRepository(db);
  const idempotency = new IdempotencyService(db);
  return {
    store,
    lodge: async (body: object) => {
      const response = await new LodgeDeclarationHandler(planner(), reference(), tenants, streams, idempotency).execute(new LodgeDeclarationCommand(trader, body as LodgeDeclarationDto, undefined));
      lodged.push(response.body.id);
      return response;
    },
    act: (id: string, action: string, body: Record<string, unknown> = {}, caller = officer) =>
      new ActOnDeclarationHandler(reference(), tenants, streams, idempotency).execute(new ActOnDeclarationCommand(caller, id, action, body, undefined, undefined)),
    advance: (hours: number) => new AdvanceClockHandler(db, tenants, readModel, streams).execute(new AdvanceClockCommand(officer, { hours })),
  };
}

const example = (id: string) => REFORMS.find((r) => r.id === id)!.example;

describe('declaration command handlers (in-memory event store, fixed clock)', () => {
  it('lodge: one DeclarationLodged at the tenant clock, with the plan snapshot, the duties and the caller as actor', async () => {
    const h = handlers();
    const response = await h.lodge({ ...example('two-step-declaration'), mode: 'manual' });
    expect(response.status).toBe(201);
    expect(h.store.events).toHaveLength(1);
    const [event] = h.store.events;
    expect(event).toMatchObject({ type: 'DeclarationLodged', version: 1, simMinutes: 600, metadata: { tenantId: 't-1', actor: 'key-trader' } });
    expect((event.payload.plan as { steps: unknown[] }).steps.length).toBeGreaterThan(3);
    expect((event.payload.duties as { dueMinor: number }).dueMinor).toBeGreaterThan(0);
    // The read model row is written in the same transaction.
    expect(h.store.statements.some((s) => s.sql.startsWith('INSERT INTO declarations'))).toBe(true);
  });

  it('act: decides with the clock time and appends at the next version; an illegal action appends nothing', async () => {
    const h = handlers();
    const { body } = await h.lodge({ ...example('two-step-declaration'), mode: 'manual' });
    await h.act(body.id, 'record-arrival');
    expect(h.store.events.map((e) => [e.type, e.version, e.simMinutes])).toEqual([
      ['DeclarationLodged', 1, 600],
      ['ArrivalRecorded', 2, 600],
    ]);
    await expect(h.act(body.id, 'release')).rejects.toMatchObject({ kind: 'conflict', details: { allowedActions: expect.arrayContaining(['complete-step', 'cancel']) } });
    expect(h.store.events).toHaveLength(2);
  });

  it("act: another tenant's declaration is not found", async () => {
    const h = handlers();
    const { body } = await h.lodge({ ...example('green-channel'), mode: 'manual' });
    const stranger: Caller = { ...officer, tenantId: 't-2' };
    await expect(h.act(body.id, 'record-arrival', {}, stranger)).rejects.toBeInstanceOf(DomainError);
    await expect(h.act(body.id, 'record-arrival', {}, stranger)).rejects.toMatchObject({ kind: 'not-found' });
  });

  it('advance: the automatic officers walk an auto-mode declaration to release on the clock', async () => {
    const h = handlers();
    const { body } = await h.lodge({ ...example('green-channel'), mode: 'auto' });
    const advanced = await h.advance(48);
    expect(advanced).toMatchObject({ fromMinutes: 600, toMinutes: 600 + 48 * 60, declarations: 1 });
    const types = h.store.events.map((e) => e.type);
    expect(types).toContain('GoodsReleased');
    expect(h.store.events.every((e) => e.metadata.actor === 'auto-officer' || e.type === 'DeclarationLodged')).toBe(true);
    expect(h.store.events.map((e) => e.simMinutes)).toEqual([...h.store.events.map((e) => e.simMinutes)].sort((a, b) => a - b));
    expect(body.id).toBe(h.store.events[0].aggregateId);
  });
});
