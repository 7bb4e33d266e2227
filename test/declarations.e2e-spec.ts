// Declarations over REST (issue 4) through the real AppModule on a temporary SQLite file: errors,
// tenant isolation, idempotency, concurrent commands, the list's filters and cursor, and a restart on
// the same file. The whole walk of each flow is in declaration-flows.e2e-spec.ts.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Response } from 'supertest';
import { ACTIONS } from '../src/declarations/http/declaration-actions';
import { type Body, Tenant, bodies, expectWellFormedStream, types, walk } from './support/declarations';
import { type TestApp, createTestApp, expectProblem } from './support/test-app';

const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

/** A body each action accepts as valid, so that only the tenant check can refuse it. */
const VALID_BODIES: Record<string, Body> = {
  'record-arrival': {},
  'assign-channel': { channel: 'green' },
  'documentary-check': { passed: true },
  'order-inspection': {},
  'inspection-result': { passed: true },
  'take-sample': {},
  'lab-result': { passed: true },
  'pay-duties': {},
  'lodge-guarantee': {},
  release: {},
  exit: {},
  'start-transit': {},
  'end-transit': {},
  complete: {},
  'complete-step': { stepId: 'lodge-declaration' },
  'skip-step': { stepId: 'arrival', reason: 'not needed' },
  amend: { amendment: { goods: [{ line: 0, quantity: 1 }] } },
  cancel: { reason: 'withdrawn' },
  reject: { reason: 'goods do not match' },
};

/** The key of `tenant` whose role may take `action`. */
function keyFor(tenant: Tenant, action: string): string {
  return ACTIONS[action].roles.includes('officer') ? tenant.officer : tenant.trader;
}

describe('declarations: errors', () => {
  let t: TestApp;
  let tenant: Tenant;

  beforeAll(async () => {
    t = await createTestApp();
    tenant = await Tenant.create(t, 'errors');
  });

  afterAll(() => t.app.close());

  it('an illegal command is 409 with the current status and the actions allowed now, and changes nothing', async () => {
    const { id } = await tenant.lodge(bodies.generalImport({ mode: 'manual' }));
    const problem = expectProblem(await tenant.act(id, 'release', {}), 409, 'DECLARATION.STEP_NOT_READY');
    expect(problem.details).toEqual(expect.objectContaining({ command: 'ReleaseGoods', status: 'lodged' }));
    expect(problem.details!.allowedActions).toEqual(['record-arrival', 'amend', 'cancel', 'reject']);
    expect(problem.message).toMatch(/Allowed now: .*RecordArrival/);
    // GET .../actions agrees with the 409.
    const actions = await tenant.actions(id);
    expect(actions).toEqual(expect.objectContaining({ status: 'lodged', version: 1 }));
    expect(actions.items.map((a) => a.action)).toEqual(['record-arrival', 'amend', 'cancel', 'reject']);
    expect(types(await tenant.events(id))).toEqual(['DeclarationLodged']);
  });

  it('cancel, amend and reject after release are 409 (ALREADY_RELEASED), naming the status and what is allowed', async () => {
    const { id } = await tenant.lodge(bodies.bondedMaintenance({ mode: 'manual' }));
    await walk(tenant, id, { channel: 'green', hoursBetween: 0, stopWhen: (a) => a.status === 'released' });
    const before = await tenant.get(id);
    expect(before.status).toBe('released');

    const cancel = expectProblem(await tenant.act(id, 'cancel', { reason: 'too late' }, tenant.trader), 409, 'DECLARATION.ALREADY_RELEASED');
    expect(cancel.details).toEqual(expect.objectContaining({ status: 'released', allowedActions: ['exit'] }));
    const amend = expectProblem(await tenant.act(id, 'amend', { amendment: { goods: [{ line: 0, quantity: 2 }] } }, tenant.trader), 409, 'DECLARATION.ALREADY_RELEASED');
    expect(amend.details).toEqual(expect.objectContaining({ status: 'released' }));
    expectProblem(await tenant.act(id, 'reject', { reason: 'too late' }), 409, 'DECLARATION.ALREADY_RELEASED');
    expect((await tenant.get(id)).version).toBe(before.version);
  });

  it('an unknown action is 404, as is an unknown or malformed declaration id', async () => {
    const { id } = await tenant.lodge(bodies.generalImport({ mode: 'manual' }));
    expectProblem(await tenant.act(id, 'teleport', {}), 404, 'DECLARATION.UNKNOWN_ACTION');
    expectProblem(await tenant.act(UNKNOWN_ID, 'record-arrival', {}), 404, 'DECLARATION.NOT_FOUND');
    expectProblem(await tenant.http.get(`/api/declarations/${UNKNOWN_ID}`).set('X-Api-Key', tenant.trader), 404, 'DECLARATION.NOT_FOUND');
    expectProblem(await tenant.http.get('/api/declarations/not-a-uuid/events').set('X-Api-Key', tenant.trader), 404, 'DECLARATION.NOT_FOUND');
  });

  it('a trader key taking an officer action is 403, and so is an officer key on a trader action or lodging', async () => {
    const { id } = await tenant.lodge(bodies.generalImport({ mode: 'manual' }));
    const problem = expectProblem(await tenant.act(id, 'record-arrival', {}, tenant.trader), 403, 'AUTH.ROLE_FORBIDDEN');
    expect(problem.details).toEqual(expect.objectContaining({ role: 'trader' }));
    expectProblem(await tenant.act(id, 'reject', { reason: 'no' }, tenant.trader), 403, 'AUTH.ROLE_FORBIDDEN');
    expectProblem(await tenant.act(id, 'cancel', {}, tenant.officer), 403, 'AUTH.ROLE_FORBIDDEN');
    expectProblem(await tenant.http.post('/api/declarations').set('X-Api-Key', tenant.officer).send(bodies.generalImport()), 403, 'AUTH.ROLE_FORBIDDEN');
    expectProblem(await tenant.http.post('/api/clock/advance').set('X-Api-Key', tenant.trader).send({ hours: 1 }), 403, 'AUTH.ROLE_FORBIDDEN');
    expect(types(await tenant.events(id))).toEqual(['DeclarationLodged']);
  });

  it('no key is 401 on every declaration route; an unknown key too', async () => {
    const { id } = await tenant.lodge(bodies.generalImport({ mode: 'manual' }));
    const { http } = tenant;
    for (const res of [
      await http.get('/api/declarations'),
      await http.get(`/api/declarations/${id}`),
      await http.get(`/api/declarations/${id}/events`),
      await http.get(`/api/declarations/${id}/actions`),
      await http.post('/api/declarations').send(bodies.generalImport()),
      await http.post(`/api/declarations/${id}/record-arrival`).send({}),
      await http.post('/api/clock/advance').send({ hours: 1 }),
      await http.get('/api/notifications'),
    ]) {
      expectProblem(res, 401, 'AUTH.KEY_MISSING');
    }
    expectProblem(await http.get(`/api/declarations/${id}`).set('X-Api-Key', 'swsim_not-a-key'), 401, 'AUTH.KEY_INVALID');
    expect(types(await tenant.events(id))).toEqual(['DeclarationLodged']);
  });

  it('a numeric port is 400 naming `port`', async () => {
    const problem = expectProblem(await tenant.lodgeRaw(bodies.generalImport({ port: 42 })), 400, 'REQUEST.INVALID');
    expect(problem.errors.map((e) => e.path)).toEqual(['port']);
  });

  it('an unknown port is 422 naming `port` (the lodge body is flat)', async () => {
    const problem = expectProblem(await tenant.lodgeRaw(bodies.generalImport({ port: 'atlantis' })), 422);
    expect(problem.errors.map((e) => e.path)).toEqual(['port']);
  });

  it('an unknown HS code is 422 naming `goods[0].hsCode` (the lodge body is flat)', async () => {
    const body = bodies.generalImport();
    const goods = body.goods as Array<Record<string, unknown>>;
    goods[0].hsCode = '9999999999';
    const problem = expectProblem(await tenant.lodgeRaw(body), 422);
    expect(problem.errors.map((e) => e.path)).toEqual(['goods[0].hsCode']);
  });

  it('procedure two-step on an export is 422 naming `procedure`; an unknown option is 422 naming `option`', async () => {
    const twoStep = expectProblem(await tenant.lodgeRaw(bodies.grapesGreenChannel({ procedure: 'two-step' })), 422);
    expect(twoStep.errors.map((e) => e.path)).toEqual(['procedure']);
    const option = expectProblem(await tenant.lodgeRaw(bodies.generalImport({ option: 'utopia' })), 422);
    expect(option.errors.map((e) => e.path)).toEqual(['option']);
  });

  it('refused lodgements write nothing', async () => {
    const before = (await tenant.list()).length;
    const notes = (await tenant.notifications()).length;
    await tenant.lodgeRaw(bodies.generalImport({ port: 42 })).expect(400);
    await tenant.lodgeRaw(bodies.generalImport({ port: 'atlantis' })).expect(422);
    await tenant.lodgeRaw(bodies.grapesGreenChannel({ procedure: 'two-step' })).expect(422);
    expect((await tenant.list()).length).toBe(before);
    expect((await tenant.notifications()).length).toBe(notes);
  });

  it('If-Match with the current version goes through; with a stale one it is 409 and changes nothing', async () => {
    const { id } = await tenant.lodge(bodies.generalImport({ mode: 'manual' }));
    expect((await tenant.actions(id)).version).toBe(1);
    const arrived = await tenant.act(id, 'record-arrival', {}, tenant.officer, { 'If-Match': '1' });
    expect(arrived.status).toBe(200);
    expect(arrived.body.version).toBe(2);

    const stale = expectProblem(await tenant.act(id, 'reject', { reason: 'duplicate' }, tenant.officer, { 'If-Match': '1' }), 409, 'DECLARATION.VERSION_CONFLICT');
    expect(stale.details).toEqual(expect.objectContaining({ status: 'arrived', version: 2 }));
    expect(stale.errors.map((e) => e.path)).toEqual(['If-Match']);
    expect((await tenant.get(id)).status).toBe('arrived');

    // An ETag-style quoted version is read too; a non-number is a 400 naming the header.
    await tenant.act(id, 'complete-step', { stepId: 'lodge-declaration' }, tenant.trader, { 'If-Match': '"2"' }).expect(200);
    const bad = expectProblem(await tenant.act(id, 'reject', { reason: 'x' }, tenant.officer, { 'If-Match': 'latest' }), 400);
    expect(bad.errors.map((e) => e.path)).toEqual(['If-Match']);
    expect(types(await tenant.events(id))).toEqual(['DeclarationLodged', 'ArrivalRecorded', 'StepCompleted']);
  });

  it('an amendment before release re-assesses the duties; amending port or an HS code is refused naming the field', async () => {
    const { id } = await tenant.lodge(bodies.generalImport({ mode: 'manual' }));
    const before = await tenant.get(id);

    const port = await tenant.act(id, 'amend', { amendment: { port: 'bakhtu' } }, tenant.trader);
    expect([400, 422]).toContain(port.status);
    expect(expectProblem(port, port.status).errors.map((e) => e.path)).toEqual(['amendment.port']);
    const hs = await tenant.act(id, 'amend', { amendment: { goods: [{ line: 0, hsCode: '0806100000' }] } }, tenant.trader);
    expect([400, 422]).toContain(hs.status);
    expect(expectProblem(hs, hs.status).errors.map((e) => e.path)).toEqual(['amendment.goods[0].hsCode']);
    const line = expectProblem(await tenant.act(id, 'amend', { amendment: { goods: [{ line: 3, quantity: 1 }] } }, tenant.trader), 422, 'DECLARATION.AMENDMENT_NOT_ALLOWED');
    expect(line.errors.map((e) => e.path)).toEqual(['amendment.goods[0].line']);
    expect((await tenant.get(id)).version).toBe(before.version);

    const halved = (before.declaration.goods[0].customsValueMinor as number) / 2;
    const amended = await tenant.act(id, 'amend', { reason: 'invoice corrected', amendment: { goods: [{ line: 0, quantity: 400, customsValueMinor: halved }] } }, tenant.trader);
    expect(amended.status).toBe(200);
    const after = await tenant.get(id);
    expect(after.declaration.goods[0]).toEqual(expect.objectContaining({ quantity: 400, customsValueMinor: halved, hsCode: before.declaration.goods[0].hsCode }));
    expect(after.port).toBe(before.port);
    expect(after.duties!.dueMinor).toBeLessThan(before.duties!.dueMinor);
    expect(after.duties!.dueMinor).toBeGreaterThan(0);
    const events = await tenant.events(id);
    expect(events.at(-1)).toEqual(expect.objectContaining({ type: 'DeclarationAmended' }));
    expect(events.at(-1)!.data).toEqual(expect.objectContaining({ reason: 'invoice corrected' }));
  });
});

describe('declarations: tenants', () => {
  let t: TestApp;
  let acme: Tenant;
  let rival: Tenant;
  let acmeId: string;
  let rivalId: string;

  beforeAll(async () => {
    t = await createTestApp();
    acme = await Tenant.create(t, 'acme');
    rival = await Tenant.create(t, 'rival');
    acmeId = (await acme.lodge(bodies.generalImport({ mode: 'manual' }))).id;
    rivalId = (await rival.lodge(bodies.grapesGreenChannel())).id;
  });

  afterAll(() => t.app.close());

  it("another tenant's declaration is 404 for GET, events and actions", async () => {
    for (const path of [`/api/declarations/${acmeId}`, `/api/declarations/${acmeId}/events`, `/api/declarations/${acmeId}/actions`]) {
      expectProblem(await rival.http.get(path).set('X-Api-Key', rival.trader), 404, 'DECLARATION.NOT_FOUND');
      expectProblem(await rival.http.get(path).set('X-Api-Key', rival.officer), 404, 'DECLARATION.NOT_FOUND');
    }
    await acme.http.get(`/api/declarations/${acmeId}`).set('X-Api-Key', acme.trader).expect(200);
  });

  it("every POST action on another tenant's declaration is 404 and changes nothing", async () => {
    expect(Object.keys(VALID_BODIES).sort()).toEqual(Object.keys(ACTIONS).sort());
    for (const action of Object.keys(ACTIONS)) {
      const res = await rival.act(acmeId, action, VALID_BODIES[action], keyFor(rival, action));
      expect({ action, status: res.status, code: res.body.code }).toEqual({ action, status: 404, code: 'DECLARATION.NOT_FOUND' });
    }
    // The same request with one of acme's own keys is not refused as unknown.
    expect((await acme.act(acmeId, 'record-arrival', {})).status).toBe(200);
    expect(types(await acme.events(acmeId))).toEqual(['DeclarationLodged', 'ArrivalRecorded']);
  });

  it("the list shows only the caller's tenant's declarations", async () => {
    expect((await acme.list()).map((d) => d.id)).toEqual([acmeId]);
    expect((await rival.list()).map((d) => d.id)).toEqual([rivalId]);
    expect((await rival.list({ port: 'khorgos-road' })).map((d) => d.id)).toEqual([]);
  });

  it('notifications and the sandbox clock are per tenant', async () => {
    await rival.runUntil();
    expect((await rival.get(rivalId)).status).toBe('completed');
    expect((await acme.clock()).minutes).toBe(0);

    const acmeNotes = await acme.notifications();
    const rivalNotes = await rival.notifications();
    expect(new Set(acmeNotes.map((n) => n.declarationId))).toEqual(new Set([acmeId]));
    expect(new Set(rivalNotes.map((n) => n.declarationId))).toEqual(new Set([rivalId]));
    expect(rivalNotes.at(-1)!.status).toBe('completed');
    // Acknowledging another tenant's notification does nothing.
    const ack = await rival.http.post('/api/notifications/ack').set('X-Api-Key', rival.trader).send({ ids: [acmeNotes[0].id] });
    expect(ack.status).toBe(200);
    expect(ack.body.acknowledged).toEqual([]);
    expect((await acme.notifications())[0].ackedAt).toBeNull();
  });
});

describe('declarations: idempotency', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });

  afterAll(() => t.app.close());

  it('the same Idempotency-Key and body returns the first response and lodges once', async () => {
    const tenant = await Tenant.create(t, 'idem-lodge');
    const body = bodies.generalImport({ mode: 'manual' });
    const first = await tenant.lodgeRaw(body, { 'Idempotency-Key': 'lodge-1' });
    const second = await tenant.lodgeRaw(structuredClone(body), { 'Idempotency-Key': 'lodge-1' });
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.body).toEqual(first.body);
    expect(second.headers.location).toBe(`/api/declarations/${first.body.id}`);
    expect((await tenant.list()).map((d) => d.id)).toEqual([first.body.id]);
    expect(types(await tenant.events(first.body.id))).toEqual(['DeclarationLodged']);
    expect(await tenant.notifications()).toHaveLength(1);
  });

  it('the same key with another body is 422 IDEMPOTENCY.KEY_REUSED and writes nothing', async () => {
    const tenant = await Tenant.create(t, 'idem-reuse');
    const first = await tenant.lodgeRaw(bodies.generalImport(), { 'Idempotency-Key': 'lodge-2' });
    expect(first.status).toBe(201);
    const other = expectProblem(await tenant.lodgeRaw(bodies.generalImport({ billNo: 'CMR-1' }), { 'Idempotency-Key': 'lodge-2' }), 422, 'IDEMPOTENCY.KEY_REUSED');
    expect(other.errors.map((e) => e.path)).toEqual(['Idempotency-Key']);
    expect((await tenant.list()).map((d) => d.id)).toEqual([first.body.id]);
    // Another tenant's key space is its own.
    const stranger = await Tenant.create(t, 'idem-stranger');
    const theirs = await stranger.lodgeRaw(bodies.generalImport({ billNo: 'CMR-1' }), { 'Idempotency-Key': 'lodge-2' });
    expect(theirs.status).toBe(201);
    expect(theirs.body.id).not.toBe(first.body.id);
  });

  it('two concurrent lodgements with one key and body lodge once and answer the same', async () => {
    const tenant = await Tenant.create(t, 'idem-race');
    const body = bodies.grapesGreenChannel({ mode: 'manual' });
    const [a, b] = await Promise.all([tenant.lodgeRaw(body, { 'Idempotency-Key': 'race-1' }), tenant.lodgeRaw(body, { 'Idempotency-Key': 'race-1' })]);
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(b.body.id).toBe(a.body.id);
    expect((await tenant.list()).map((d) => d.id)).toEqual([a.body.id]);
  });

  it('an action with a key: cancel twice returns the first 200; another body with that key is 422', async () => {
    const tenant = await Tenant.create(t, 'idem-cancel');
    const { id } = await tenant.lodge(bodies.generalImport({ mode: 'manual' }));
    const first = await tenant.act(id, 'cancel', { reason: 'order withdrawn' }, tenant.trader, { 'Idempotency-Key': 'cancel-1' });
    const again = await tenant.act(id, 'cancel', { reason: 'order withdrawn' }, tenant.trader, { 'Idempotency-Key': 'cancel-1' });
    expect(first.status).toBe(200);
    expect(first.body).toEqual(expect.objectContaining({ status: 'cancelled', version: 2 }));
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    expect(types(await tenant.events(id))).toEqual(['DeclarationLodged', 'DeclarationCancelled']);

    expectProblem(await tenant.act(id, 'cancel', { reason: 'changed my mind' }, tenant.trader, { 'Idempotency-Key': 'cancel-1' }), 422, 'IDEMPOTENCY.KEY_REUSED');
    // Without the key the second cancel is what it is: a command on a closed declaration.
    expectProblem(await tenant.act(id, 'cancel', { reason: 'order withdrawn' }, tenant.trader), 409, 'DECLARATION.CLOSED');
    expect(types(await tenant.events(id))).toEqual(['DeclarationLodged', 'DeclarationCancelled']);
    expect((await tenant.notifications(id)).map((n) => n.status)).toEqual(['lodged', 'cancelled']);
  });
});

describe('declarations: concurrency', () => {
  let t: TestApp;
  let tenant: Tenant;
  let secondOfficer: string;

  beforeAll(async () => {
    t = await createTestApp();
    tenant = await Tenant.create(t, 'busy');
    secondOfficer = await t.key('busy', 'officer');
  });

  afterAll(() => t.app.close());

  it('two officers at once on the version they both read (If-Match): exactly one wins, the other is 409', async () => {
    for (let round = 0; round < 4; round++) {
      const { id } = await tenant.lodge(bodies.generalImport({ mode: 'manual' }));
      const { version } = await tenant.actions(id);
      const [arrival, reject] = await Promise.all([
        tenant.act(id, 'record-arrival', {}, tenant.officer, { 'If-Match': String(version) }),
        tenant.act(id, 'reject', { reason: 'documents missing' }, secondOfficer, { 'If-Match': String(version) }),
      ]);
      expect({ round, statuses: [arrival.status, reject.status].sort() }).toEqual({ round, statuses: [200, 409] });
      const loser = arrival.status === 409 ? arrival : reject;
      expectProblem(loser, 409, 'DECLARATION.VERSION_CONFLICT');
      const events = await tenant.events(id);
      expectWellFormedStream(events);
      expect(types(events)).toEqual(['DeclarationLodged', arrival.status === 200 ? 'ArrivalRecorded' : 'DeclarationRejected']);
      expect((await tenant.get(id)).status).toBe(arrival.status === 200 ? 'arrived' : 'rejected');
    }
  });

  it('two officers at once, release and reject without If-Match: exactly one wins, no gap or duplicate version', async () => {
    for (let round = 0; round < 4; round++) {
      const { id } = await tenant.lodge(bodies.bondedMaintenance({ mode: 'manual' }));
      await walk(tenant, id, { channel: 'green', hoursBetween: 0, stopWhen: (a) => a.items.some((i) => i.action === 'release') });
      const before = await tenant.events(id);
      const [release, reject] = await Promise.all([tenant.act(id, 'release', {}, tenant.officer), tenant.act(id, 'reject', { reason: 'seal broken' }, secondOfficer)]);
      expect({ round, statuses: [release.status, reject.status].sort() }).toEqual({ round, statuses: [200, 409] });
      expect((release.status === 409 ? release : reject).body.code).toMatch(/^DECLARATION\.(VERSION_CONFLICT|ALREADY_RELEASED|CLOSED)$/);
      const events = await tenant.events(id);
      expectWellFormedStream(events);
      expect(events.length).toBe(before.length + 1);
      expect(events.at(-1)!.type).toBe(release.status === 200 ? 'GoodsReleased' : 'DeclarationRejected');
      const detail = await tenant.get(id);
      expect(detail.version).toBe(events.length);
      expect(detail.status).toBe(release.status === 200 ? 'released' : 'rejected');
    }
  });

  it('a clock advance and an officer at once never leave a gap or a duplicate version', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await tenant.lodge(bodies.generalImport())).id);
    const results = await Promise.all([tenant.runUntil(), ...ids.map((id) => tenant.act(id, 'record-arrival', {}, secondOfficer))]);
    expect(results).toHaveLength(4);
    for (const id of ids) {
      const events = await tenant.events(id);
      expectWellFormedStream(events);
      expect(events.filter((e) => e.type === 'ArrivalRecorded')).toHaveLength(1);
      expect((await tenant.get(id)).version).toBe(events.length);
    }
  });
});

describe('declarations: list filters and cursor', () => {
  let t: TestApp;
  let tenant: Tenant;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestApp();
    tenant = await Tenant.create(t, 'lister');
    ids.general = (await tenant.lodge(bodies.generalImport({ mode: 'manual' }))).id;
    ids.twoStep = (await tenant.lodge(bodies.twoStep({ mode: 'manual' }))).id;
    ids.grapes = (await tenant.lodge(bodies.grapesGreenChannel({ mode: 'manual' }))).id;
    ids.copper = (await tenant.lodge(bodies.copperBaseline({ mode: 'manual' }))).id;
    ids.bonded = (await tenant.lodge(bodies.bondedMaintenance({ mode: 'manual' }))).id;
    ids.tir = (await tenant.lodge(bodies.tir({ mode: 'manual' }))).id;
    await tenant.act(ids.grapes, 'cancel', {}, tenant.trader).expect(200);
    await tenant.act(ids.copper, 'record-arrival', {}).expect(200);
  });

  afterAll(() => t.app.close());

  const lodgementOrder = () => [ids.general, ids.twoStep, ids.grapes, ids.copper, ids.bonded, ids.tir];

  it('lists every declaration in lodgement order with its links', async () => {
    const res = await tenant.http.get('/api/declarations').set('X-Api-Key', tenant.officer).expect(200);
    expect(res.body.items.map((d: { id: string }) => d.id)).toEqual(lodgementOrder());
    expect(res.body.next).toBeNull();
    expect(res.body.items[0].links).toEqual({ self: `/api/declarations/${ids.general}`, events: `/api/declarations/${ids.general}/events`, actions: `/api/declarations/${ids.general}/actions` });
  });

  it('filters by status', async () => {
    expect((await tenant.list({ status: 'cancelled' })).map((d) => d.id)).toEqual([ids.grapes]);
    expect((await tenant.list({ status: 'arrived' })).map((d) => d.id)).toEqual([ids.copper]);
    expect((await tenant.list({ status: 'lodged' })).map((d) => d.id)).toEqual([ids.general, ids.twoStep, ids.bonded, ids.tir]);
    expect(await tenant.list({ status: 'released' })).toEqual([]);
    const bad = expectProblem(await tenant.http.get('/api/declarations?status=teleported').set('X-Api-Key', tenant.trader), 400);
    expect(bad.errors.map((e) => e.path)).toEqual(['status']);
  });

  it('filters by port and by procedure, alone and together', async () => {
    expect((await tenant.list({ port: 'khorgos-road' })).map((d) => d.id)).toEqual([ids.general, ids.twoStep]);
    expect((await tenant.list({ port: 'bakhtu' })).map((d) => d.id)).toEqual([ids.grapes]);
    expect((await tenant.list({ port: 'alashankou-rail' })).map((d) => d.id)).toEqual([ids.copper]);
    expect(await tenant.list({ port: 'nowhere' })).toEqual([]);
    expect((await tenant.list({ procedure: 'two-step' })).map((d) => d.id)).toEqual([ids.twoStep]);
    expect((await tenant.list({ procedure: 'full' })).map((d) => d.id)).toEqual(lodgementOrder().filter((id) => id !== ids.twoStep));
    expect((await tenant.list({ port: 'khorgos-road', procedure: 'full' })).map((d) => d.id)).toEqual([ids.general]);
    expect((await tenant.list({ port: 'khorgos-road', status: 'cancelled' })).map((d) => d.id)).toEqual([]);
    for (const d of await tenant.list({ port: 'khorgos-road' })) expect(d.port).toBe('khorgos-road');
    const bad = expectProblem(await tenant.http.get('/api/declarations?procedure=three-step').set('X-Api-Key', tenant.trader), 400);
    expect(bad.errors.map((e) => e.path)).toEqual(['procedure']);
  });

  it('cursor pagination (limit, next -> after) visits every declaration once, in order', async () => {
    for (const limit of [1, 2, 4, 6]) {
      const seen: string[] = [];
      const sizes: number[] = [];
      let after: string | null = null;
      for (let page = 0; page < 10; page++) {
        const res: Response = await tenant.http
          .get('/api/declarations')
          .query(after === null ? { limit } : { limit, after })
          .set('X-Api-Key', tenant.trader)
          .expect(200);
        seen.push(...res.body.items.map((d: { id: string }) => d.id));
        sizes.push(res.body.items.length);
        after = res.body.next;
        if (after === null) break;
        expect(after).toEqual(expect.any(String));
      }
      expect({ limit, seen }).toEqual({ limit, seen: lodgementOrder() });
      expect(sizes.every((s) => s > 0 && s <= limit)).toBe(true);
      expect(sizes.length).toBe(Math.ceil(6 / limit));
    }
    // With a filter too.
    expect((await tenant.list({ procedure: 'full' }, 1)).map((d) => d.id)).toEqual(lodgementOrder().filter((id) => id !== ids.twoStep));
    const bad = expectProblem(await tenant.http.get('/api/declarations?after=abc').set('X-Api-Key', tenant.trader), 400);
    expect(bad.errors.map((e) => e.path)).toEqual(['after']);
    expectProblem(await tenant.http.get('/api/declarations?limit=0').set('X-Api-Key', tenant.trader), 400);
  });
});

describe('declarations: restart on the same SQLite file', () => {
  let dir: string;
  let first: TestApp | null = null;
  let second: TestApp | null = null;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'swsim-restart-'));
  });

  afterAll(async () => {
    await first?.app.close().catch(() => undefined);
    await second?.app.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('every declaration, event, notification and the clock are still there; work goes on', async () => {
    first = await createTestApp({ databasePath: join(dir, 'swsim.sqlite') });
    const before = await Tenant.create(first, 'durable');
    const auto = [(await before.lodge(bodies.generalImport())).id, (await before.lodge(bodies.copperPortPlusUnloadingPlace())).id];
    const manual = (await before.lodge(bodies.generalImport({ mode: 'manual' }))).id;
    const twoStep = (await before.lodge(bodies.twoStep())).id;
    await before.advance(24);
    await before.act(manual, 'record-arrival', {}).expect(200);
    const ids = [...auto, manual, twoStep];

    const snapshot = async (tenant: Tenant) => ({
      list: await tenant.list(),
      details: await Promise.all(ids.map((id) => tenant.get(id))),
      events: await Promise.all(ids.map((id) => tenant.events(id))),
      notifications: await tenant.notifications(),
      clock: await tenant.clock(),
    });
    const saved = await snapshot(before);
    expect(saved.list.map((d) => d.id)).toEqual(ids);
    expect(saved.events.flat().length).toBeGreaterThan(ids.length + 5);
    await first.app.close();
    first = null;

    second = await createTestApp({ databasePath: join(dir, 'swsim.sqlite') });
    // The keys issued before the restart still work: they are stored (hashed) in the same file.
    const after = new Tenant(second.http, 'durable', before.trader, before.officer);
    expect(await snapshot(after)).toEqual(saved);
    for (const events of saved.events) expectWellFormedStream(events);

    // The declarations go on from where they were.
    await after.act(manual, 'complete-step', { stepId: 'lodge-declaration' }, after.trader).expect(200);
    await after.runUntil();
    for (const id of [...auto, twoStep]) expect((await after.get(id)).status).toBe('completed');
    const manualEvents = await after.events(manual);
    expectWellFormedStream(manualEvents);
    expect(types(manualEvents)).toEqual(['DeclarationLodged', 'ArrivalRecorded', 'StepCompleted']);
    expect(manualEvents[1].position).toBe(saved.events[2][1].position);
  });
});
