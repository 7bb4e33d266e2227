// Shared helpers of the declaration e2e tests: lodge bodies from the reforms' own examples, a small
// client over supertest for one tenant (trader and officer keys), a manual walker that drives
// GET .../actions and POST .../{action} until nothing is left, and checks on event streams, TRS
// interval times and notifications.

import type { Response, Test } from 'supertest';
import { REFORMS } from '../../src/planning/domain/reforms/reform-catalogue';
import type { TestApp } from './test-app';

export type Http = TestApp['http'];
export type Body = Record<string, unknown>;

export interface EventItem {
  position: number;
  version: number;
  type: string;
  simMinutes: number;
  simHours: number;
  recordedAt: string;
  actor: string;
  data: Record<string, unknown> & { stepId?: string; startedAtMinutes?: number; atMinutes: number };
}

export interface ActionItem {
  action: string;
  command: string;
  stepId: string | null;
  roles: string[];
  href: string;
}

export interface Actions {
  status: string;
  version: number;
  items: ActionItem[];
}

export interface StepView {
  id: string;
  title: string;
  interval: string;
  status: string;
  outcome: string | null;
  startMinutes: number | null;
  finishMinutes: number | null;
}

export interface DeclarationDetail {
  id: string;
  status: string;
  flow: string;
  port: string;
  procedure: string;
  mode: string;
  channel: string | null;
  option: string | null;
  reforms: string[];
  releasedMinutes: number | null;
  exitedMinutes: number | null;
  intervalMinutes: Record<string, number>;
  twoStep: { completionDays: number; dueMinutes: number; completedMinutes: number | null; overdueMinutes: number | null } | null;
  duties: { dueMinor: number; securedMinor: number; currency: string } | null;
  paidMinor: number;
  securedMinor: number;
  steps: StepView[];
  /** The declaration as lodged and amended (the planner's fields). */
  declaration: { goods: Array<Record<string, unknown>> } & Record<string, unknown>;
  version: number;
  links: { self: string; events: string; actions: string };
}

export interface NotificationItem {
  id: number;
  declarationId: string;
  eventType: string;
  status: string;
  simMinutes: number;
  ackedAt: string | null;
}

/** A reform's own example declaration (eligible for it), as a fresh copy. */
export function reformExample(reformId: string): Body {
  const reform = REFORMS.find((r) => r.id === reformId);
  if (!reform) throw new Error(`no reform ${reformId}`);
  return structuredClone(reform.example) as unknown as Body;
}

/** Lodge bodies of the flows: the declaration's fields flat, plus mode, procedure, option. */
export const bodies = {
  /** Portable computers imported by road at Khorgos: a general import. */
  generalImport: (extra: Body = {}): Body => ({ ...reformExample('two-step-declaration'), option: 'baseline', ...extra }),
  /** Copper concentrate by rail at Alashankou, HS 2603000010, without reforms: released only after the lab. */
  copperBaseline: (extra: Body = {}): Body => ({ ...reformExample('port-plus-unloading-place'), option: 'baseline', ...extra }),
  /** The same under "port + unloading place": released at the port, lab at the smelter afterwards. */
  copperPortPlusUnloadingPlace: (extra: Body = {}): Body => ({ ...reformExample('port-plus-unloading-place'), option: 'port-plus-unloading-place', ...extra }),
  /** Fresh grapes exported at Bakhtu under the green channel. */
  grapesGreenChannel: (extra: Body = {}): Body => ({ ...reformExample('green-channel'), option: 'green-channel', ...extra }),
  /** Knitwear driven from Kashgar to Irkeshtam under a TIR carnet. */
  tir: (extra: Body = {}): Body => ({ ...reformExample('tir'), option: 'tir', ...extra }),
  /** An excavator into the Kashgar CBZ for repair, re-exported. */
  bondedMaintenance: (extra: Body = {}): Body => ({ ...reformExample('bonded-maintenance'), option: 'bonded-maintenance', ...extra }),
  /** The general import as a two-step declaration. */
  twoStep: (extra: Body = {}): Body => ({ ...reformExample('two-step-declaration'), procedure: 'two-step', ...extra }),
};

/** One tenant seen through its trader and officer keys. */
export class Tenant {
  constructor(
    readonly http: Http,
    readonly name: string,
    readonly trader: string,
    readonly officer: string,
  ) {}

  static async create(t: TestApp, name: string): Promise<Tenant> {
    return new Tenant(t.http, name, await t.key(name, 'trader'), await t.key(name, 'officer'));
  }

  lodgeRaw(body: Body, headers: Record<string, string> = {}): Test {
    return withHeaders(this.http.post('/api/declarations').set('X-Api-Key', this.trader), headers).send(body);
  }

  /** Lodges and expects 201; returns the answer's body. */
  async lodge(body: Body): Promise<{ id: string; status: string; procedure: string; mode: string; plan: { option: string; reforms: string[]; steps: number } }> {
    const res = await this.lodgeRaw(body);
    expect({ status: res.status, body: res.status === 201 ? 'ok' : res.body }).toEqual({ status: 201, body: 'ok' });
    return res.body;
  }

  async get(id: string): Promise<DeclarationDetail> {
    const res = await this.http.get(`/api/declarations/${id}`).set('X-Api-Key', this.trader);
    expect(res.status).toBe(200);
    return res.body;
  }

  async events(id: string): Promise<EventItem[]> {
    const res = await this.http.get(`/api/declarations/${id}/events`).set('X-Api-Key', this.trader);
    expect(res.status).toBe(200);
    return res.body.items;
  }

  async actions(id: string): Promise<Actions> {
    const res = await this.http.get(`/api/declarations/${id}/actions`).set('X-Api-Key', this.officer);
    expect(res.status).toBe(200);
    return res.body;
  }

  /** POST /api/declarations/{id}/{action} with `key` (default: the officer's). */
  act(id: string, action: string, body?: Body, key: string = this.officer, headers: Record<string, string> = {}): Test {
    const req = withHeaders(this.http.post(`/api/declarations/${id}/${action}`).set('X-Api-Key', key), headers);
    return body === undefined ? req : req.send(body);
  }

  async advance(hours: number): Promise<{ fromMinutes: number; toMinutes: number; declarations: number; events: number }> {
    const res = await this.http.post('/api/clock/advance').set('X-Api-Key', this.officer).send({ hours });
    expect(res.status).toBe(200);
    return res.body;
  }

  async runUntil(minutes?: number): Promise<{ fromMinutes: number; toMinutes: number; declarations: number; events: number }> {
    const res = await this.http
      .post('/api/clock/run-until')
      .set('X-Api-Key', this.officer)
      .send(minutes === undefined ? {} : { minutes });
    expect(res.status).toBe(200);
    return res.body;
  }

  async clock(): Promise<{ minutes: number; seed: number; option: string }> {
    const res = await this.http.get('/api/clock').set('X-Api-Key', this.officer);
    expect(res.status).toBe(200);
    return res.body;
  }

  /** Every notification of the tenant (all pages), optionally of one declaration. */
  async notifications(declarationId?: string): Promise<NotificationItem[]> {
    const items: NotificationItem[] = [];
    let after: string | null = null;
    for (let page = 0; page < 100; page++) {
      const res: Response = await this.http
        .get('/api/notifications')
        .query(after ? { limit: 500, after } : { limit: 500 })
        .set('X-Api-Key', this.trader);
      expect(res.status).toBe(200);
      items.push(...res.body.items);
      after = res.body.nextCursor;
      if (after === null) break;
    }
    return declarationId === undefined ? items : items.filter((n) => n.declarationId === declarationId);
  }

  /** Every declaration the list shows (all pages), with optional filters. */
  async list(query: Record<string, string | number> = {}, limit = 200): Promise<Array<{ id: string; status: string; port: string; procedure: string }>> {
    const items: Array<{ id: string; status: string; port: string; procedure: string }> = [];
    let after: string | null = null;
    for (let page = 0; page < 100; page++) {
      const res: Response = await this.http
        .get('/api/declarations')
        .query({ ...query, limit, ...(after ? { after } : {}) })
        .set('X-Api-Key', this.trader);
      expect(res.status).toBe(200);
      items.push(...res.body.items);
      after = res.body.next;
      if (after === null) break;
    }
    return items;
  }
}

function withHeaders<T extends { set(name: string, value: string): T }>(req: T, headers: Record<string, string>): T {
  return Object.entries(headers).reduce((r, [name, value]) => r.set(name, value), req);
}

export interface WalkOptions {
  /** The risk channel an officer assigns; default: let the rules draw it. */
  channel?: 'green' | 'yellow' | 'red';
  /** Simulated hours the clock moves before each action, so that each step takes time. Default 1. */
  hoursBetween?: number;
  /** Actions the walker never takes (e.g. `complete`, to leave a two-step declaration incomplete). */
  avoid?: string[];
  /** Stop (before acting) as soon as this holds for the actions allowed now. */
  stopWhen?: (actions: Actions) => boolean;
  /** Safety net against a walk that never ends. */
  maxActions?: number;
}

/** Actions that end or change a declaration rather than walk its plan. */
const NOT_WALKING = new Set(['amend', 'cancel', 'reject', 'skip-step']);

/** The body a walker sends for an action: passing checks, the step it works on. */
export function walkingBody(item: ActionItem, channel?: string): Body {
  const step = item.stepId === null ? {} : { stepId: item.stepId };
  switch (item.action) {
    case 'assign-channel':
      return channel ? { ...step, channel } : step;
    case 'documentary-check':
    case 'inspection-result':
    case 'lab-result':
      return { ...step, passed: true };
    default:
      return step;
  }
}

/**
 * Walks a manual-mode declaration by hand: reads the actions allowed now, takes the first that works
 * on the plan (officer or trader key as the action's roles say), moving the clock between actions.
 * Returns the actions taken, in order.
 */
export async function walk(tenant: Tenant, id: string, options: WalkOptions = {}): Promise<string[]> {
  const taken: string[] = [];
  const avoid = new Set([...NOT_WALKING, ...(options.avoid ?? [])]);
  for (let i = 0; i < (options.maxActions ?? 60); i++) {
    const actions = await tenant.actions(id);
    if (options.stopWhen?.(actions)) return taken;
    const next = actions.items.find((a) => !avoid.has(a.action));
    if (!next) return taken;
    if (options.hoursBetween !== 0) await tenant.advance(options.hoursBetween ?? 1);
    const key = next.roles.includes('officer') ? tenant.officer : tenant.trader;
    const res = await tenant.act(id, next.action, walkingBody(next, options.channel), key);
    expect({ action: next.action, stepId: next.stepId, status: res.status, body: res.status === 200 ? null : res.body }).toEqual({
      action: next.action,
      stepId: next.stepId,
      status: 200,
      body: null,
    });
    expect(res.body.version).toBeGreaterThan(actions.version);
    taken.push(next.action);
  }
  throw new Error(`walk of ${id} did not end within ${options.maxActions ?? 60} actions: ${taken.join(', ')}`);
}

/** Versions 1..n, global positions increasing, simulated times never going back, lodgement first. */
export function expectWellFormedStream(events: EventItem[]): void {
  expect(events.length).toBeGreaterThan(0);
  expect(events[0].type).toBe('DeclarationLodged');
  expect(events.map((e) => e.version)).toEqual(events.map((_, i) => i + 1));
  for (let i = 1; i < events.length; i++) {
    expect(events[i].position).toBeGreaterThan(events[i - 1].position);
    expect({ at: i, type: events[i].type, simMinutes: events[i].simMinutes >= events[i - 1].simMinutes }).toEqual({ at: i, type: events[i].type, simMinutes: true });
  }
  for (const e of events) {
    expect(e.simMinutes).toBe(e.data.atMinutes);
    expect(e.simHours).toBeCloseTo(e.simMinutes / 60, 1);
  }
}

/** The index of the first event of `type` (on `stepId`, if given); -1 when there is none. */
export function indexOf(events: EventItem[], type: string, stepId?: string): number {
  return events.findIndex((e) => e.type === type && (stepId === undefined || e.data.stepId === stepId));
}

export function types(events: EventItem[]): string[] {
  return events.map((e) => e.type);
}

/**
 * The detail's `intervalMinutes` against the event stream: for every event that finished a step
 * (it carries `startedAtMinutes`), finish minus start, summed by the step's TRS interval.
 */
export function expectIntervalsFromEvents(detail: DeclarationDetail, events: EventItem[]): void {
  const intervalOf = new Map(detail.steps.map((s) => [s.id, s.interval]));
  const expected: Record<string, number> = {};
  for (const e of events) {
    const { stepId, startedAtMinutes, atMinutes } = e.data;
    if (typeof stepId !== 'string' || typeof startedAtMinutes !== 'number') continue;
    const interval = intervalOf.get(stepId);
    expect({ stepId, inPlan: interval !== undefined }).toEqual({ stepId, inPlan: true });
    expected[interval!] = (expected[interval!] ?? 0) + (atMinutes - startedAtMinutes);
  }
  expect(Object.keys(detail.intervalMinutes).sort()).toEqual(Object.keys(expected).sort());
  for (const [interval, minutes] of Object.entries(expected)) {
    expect(minutes).toBeGreaterThanOrEqual(0);
    expect({ interval, minutes: detail.intervalMinutes[interval] }).toEqual({ interval, minutes: expect.closeTo(minutes, 6) });
  }
}

/**
 * The tenant's notifications of a declaration follow its events: the first is the lodgement, each is
 * one of its events (same type and simulated time, in stream order), no status is repeated twice in a
 * row (except for a missed two-step deadline, notified though the status stays), `statuses` appear in
 * that order, and the last is `finalStatus`.
 */
export function expectNotificationsFollow(notifications: NotificationItem[], events: EventItem[], finalStatus: string, statuses: string[] = []): void {
  expect(notifications.length).toBeGreaterThan(0);
  expect(notifications[0]).toEqual(expect.objectContaining({ eventType: 'DeclarationLodged', status: 'lodged', simMinutes: events[0].simMinutes }));
  expect(notifications.at(-1)!.status).toBe(finalStatus);
  let from = 0;
  notifications.forEach((n, i) => {
    const at = events.findIndex((e, j) => j >= from && e.type === n.eventType && e.simMinutes === n.simMinutes);
    expect({ notification: i, eventType: n.eventType, foundInStream: at >= 0 }).toEqual({ notification: i, eventType: n.eventType, foundInStream: true });
    from = at + 1;
    if (i > 0 && n.eventType !== 'TwoStepCompletionOverdue') expect(n.status).not.toBe(notifications[i - 1].status);
  });
  const seen = notifications.map((n) => n.status);
  let cursor = 0;
  for (const status of statuses) {
    const at = seen.indexOf(status, cursor);
    expect({ status, seenInOrder: at >= 0, seen }).toEqual({ status, seenInOrder: true, seen });
    cursor = at + 1;
  }
}
