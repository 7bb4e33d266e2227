// Replays over REST (issue 5) through the real AppModule on a temporary SQLite file: the whole walk to
// the report in every format, validation with field paths, tenancy, idempotency, cancel, a replay
// whose site never opens (a report that says so), a failed replay, the API answering while a replay
// runs, and a restart that takes up unfinished jobs.

import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { greenChannel } from '../src/planning/domain/reforms/green-channel.reform';
import { ReferenceIndex } from '../src/reference/domain/reference-index';
import { ReplayJobRunner } from '../src/replay/application/replay-job-runner';
import * as replayRunner from '../src/replay/application/replay-runner';
import { runReplay } from '../src/replay/application/replay-runner';
import { REPORT_FORMATS, REPORT_MEDIA_TYPES, renderReport } from '../src/reports/domain/render-report';
import { parseScenario, resolveScenario } from '../src/scenarios/application/scenario-loader';
import type { Scenario } from '../src/scenarios/domain/scenario';
import { type TestApp, createTestApp, expectProblem } from './support/test-app';

type Body = Record<string, unknown>;

/** A replay as GET /api/replays/{id} answers it. */
interface Job {
  id: string;
  status: string;
  scenario: { name: string; title: string };
  options: string[];
  replications: number;
  seed: number;
  progress: { done: number; total: number };
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  error: Record<string, unknown> | null;
  links: { self: string; report: string; cancel: string };
}

const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

/** Grape exports at Bakhtu for two days: four replications in all, done in a moment. */
function smallScenario(fields: Body = {}): Body {
  return {
    name: 'grapes-two-days',
    title: 'Grape exports at Bakhtu over two days',
    start: '2024-09-02',
    horizonHours: 48,
    warmUpHours: 6,
    replications: 2,
    seed: 11,
    options: ['baseline', 'green-channel'],
    arrivals: [{ name: 'grapes', ratePerHour: 0.5, declaration: greenChannel.example }],
    ...fields,
  };
}

/** Four months of traffic, a thousand replications per option: it runs for minutes unless it is cancelled. */
const bigScenario = () =>
  smallScenario({ name: 'grapes-for-months', horizonHours: 24 * 120, replications: 1000, unlimitedResources: true, arrivals: [{ name: 'grapes', ratePerHour: 6, declaration: greenChannel.example }] });

/** The same scenario straight through the loader and the runner, as a reference for the job's report. */
async function directReport(ref: ReferenceIndex, scenario: Scenario, overrides: Partial<Scenario> = {}) {
  return runReplay({ ...scenario, ...overrides }, ref, { workers: 0 });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

class Client {
  constructor(
    readonly t: TestApp,
    readonly key: string,
  ) {}

  post(body: unknown, idempotencyKey?: string) {
    const req = this.t.http.post('/api/replays').set('x-api-key', this.key);
    if (idempotencyKey) req.set('idempotency-key', idempotencyKey);
    return req.send(body as object);
  }

  async start(body: Body): Promise<Job> {
    const res = await this.post(body);
    expect({ status: res.status, body: res.body }).toEqual({ status: 202, body: expect.objectContaining({ status: 'queued' }) });
    return res.body;
  }

  get(id: string) {
    return this.t.http.get(`/api/replays/${id}`).set('x-api-key', this.key);
  }

  report(id: string, format?: string) {
    return this.t.http.get(`/api/replays/${id}/report${format ? `?format=${format}` : ''}`).set('x-api-key', this.key);
  }

  cancel(id: string) {
    return this.t.http.post(`/api/replays/${id}/cancel`).set('x-api-key', this.key).send({});
  }

  /** Polls the job until `done` says so (the test's own timeout bounds the wait). */
  async until(id: string, done: (job: Job) => boolean): Promise<Job> {
    for (;;) {
      const job = (await this.get(id).expect(200)).body as Job;
      if (done(job)) return job;
      await sleep(25);
    }
  }

  finished(id: string) {
    return this.until(id, (job) => ['succeeded', 'failed', 'cancelled'].includes(job.status));
  }
}

describe('replays over REST', () => {
  let t: TestApp;
  let ref: ReferenceIndex;
  let runner: ReplayJobRunner;
  let acme: Client;
  let other: Client;

  beforeAll(async () => {
    t = await createTestApp();
    ref = t.app.get(ReferenceIndex);
    runner = t.app.get(ReplayJobRunner);
    acme = new Client(t, await t.key('acme', 'trader'));
    other = new Client(t, await t.key('other-firm', 'officer'));
  });

  afterAll(() => t.app.close());

  it('queues an inline scenario, runs it, and serves its report in every format, the same bytes as a direct replay', async () => {
    const body = { scenario: smallScenario(), seed: 99 };
    const res = await acme.post(body).expect(202);
    const { id } = res.body;
    expect(res.body).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      status: 'queued',
      progress: { done: 0, total: 4 },
      links: { self: `/api/replays/${id}`, report: `/api/replays/${id}/report`, cancel: `/api/replays/${id}/cancel` },
    });
    expect(res.headers.location).toBe(`/api/replays/${id}`);

    const job = await acme.finished(id);
    expect(job).toEqual({
      id,
      status: 'succeeded',
      scenario: { name: 'grapes-two-days', title: 'Grape exports at Bakhtu over two days' },
      options: ['baseline', 'green-channel'],
      replications: 2,
      seed: 99,
      progress: { done: 4, total: 4 },
      createdAt: expect.any(String),
      startedAt: expect.any(String),
      finishedAt: expect.any(String),
      error: null,
      links: res.body.links,
    });
    expect(Date.parse(job.createdAt)).toBeLessThanOrEqual(Date.parse(job.startedAt!));
    expect(Date.parse(job.startedAt!)).toBeLessThanOrEqual(Date.parse(job.finishedAt!));

    const scenario = await parseScenario(JSON.stringify(smallScenario()), 'direct', ref);
    const expected = await directReport(ref, scenario, { seed: 99 });
    const json = await acme.report(id).expect(200);
    expect(json.headers['content-type']).toBe(REPORT_MEDIA_TYPES.json);
    expect(json.text).toBe(renderReport(expected, 'json'));
    for (const format of REPORT_FORMATS) {
      const rendered = await acme.report(id, format).expect(200);
      expect({ format, type: rendered.headers['content-type'], same: rendered.text === renderReport(expected, format) }).toEqual({ format, type: REPORT_MEDIA_TYPES[format], same: true });
    }
  }, 60_000);

  it('replays a bundled scenario by name, with the options, replications and seed asked for', async () => {
    const { id } = await acme.start({ scenario: 'bakhtu-green-channel', options: ['green-channel'], replications: 1, seed: 5 });
    const job = await acme.finished(id);
    expect(job).toMatchObject({ status: 'succeeded', scenario: { name: 'bakhtu-green-channel' }, options: ['green-channel'], replications: 1, seed: 5, progress: { done: 1, total: 1 } });
    const expected = await directReport(ref, await resolveScenario('bakhtu-green-channel', ref), { options: ['green-channel'], replications: 1, seed: 5 });
    expect((await acme.report(id, 'json').expect(200)).text).toBe(renderReport(expected, 'json'));
  }, 60_000);

  describe('validation', () => {
    it('a malformed request is a 400 naming every field, here and in an inline scenario', async () => {
      const missing = expectProblem(await acme.post({ scenario: { title: 'Nothing else' }, replications: 0, colour: 'red' }), 400, 'REQUEST.INVALID');
      expect(missing.errors).toEqual(
        expect.arrayContaining([
          { path: 'replications', message: expect.stringMatching(/not be less than 1/) },
          { path: 'colour', message: 'property should not exist' },
          { path: 'scenario.start', message: 'is required' },
          { path: 'scenario.horizonHours', message: 'is required' },
          { path: 'scenario.seed', message: 'is required' },
          { path: 'scenario.options', message: 'is required' },
        ]),
      );
      expect(expectProblem(await acme.post({}), 400).errors).toEqual([{ path: 'scenario', message: 'is required' }]);
      expect(expectProblem(await acme.post({ scenario: '../../etc/passwd' }), 400).errors).toEqual([{ path: 'scenario', message: expect.stringMatching(/name of a bundled scenario/) }]);
      const bad = smallScenario({ arrivals: [{ name: 'grapes', ratePerHour: -1, declaration: { ...greenChannel.example, goods: [{ ...greenChannel.example.goods[0], quantity: 'lots' }] } }] });
      expect(expectProblem(await acme.post({ scenario: bad }), 400).errors.map((e) => e.path)).toEqual(['scenario.arrivals[0].ratePerHour', 'scenario.arrivals[0].declaration.goods[0].quantity']);
      const capacity = expectProblem(await acme.post({ scenario: smallScenario({ sites: { bakhtu: { resources: { 'inspection-bay': 0.5 } } } }) }), 400);
      expect(capacity.errors).toEqual([{ path: 'scenario.sites.bakhtu.resources.inspection-bay', message: expect.stringMatching(/whole number/) }]);
      expect(expectProblem(await acme.post({ scenario: smallScenario(), options: ['baseline', 'baseline'] }), 400).errors).toEqual([{ path: 'options', message: 'must not repeat an option' }]);
    });

    it('what the reference data does not know is a 422 at its path', async () => {
      const port = expectProblem(await acme.post({ scenario: smallScenario({ arrivals: [{ name: 'grapes', ratePerHour: 0.5, declaration: { ...greenChannel.example, port: 'atlantis' } }] }) }), 422, 'REPLAY.SCENARIO_INVALID');
      expect(port.errors).toEqual([{ path: 'scenario.arrivals[0].declaration.port', message: expect.stringMatching(/unknown site 'atlantis'/) }]);

      const options = expectProblem(await acme.post({ scenario: smallScenario({ options: ['baseline', 'no-such-option'] }) }), 422, 'REPLAY.SCENARIO_INVALID');
      expect(options.errors).toEqual([{ path: 'scenario.options[1]', message: expect.stringMatching(/unknown option 'no-such-option'/) }]);

      const site = expectProblem(await acme.post({ scenario: smallScenario({ sites: { atlantis: { resources: { 'inspection-bay': 2 } } } }) }), 422);
      expect(site.errors).toEqual([{ path: 'scenario.sites.atlantis', message: expect.stringMatching(/unknown site/) }]);

      const target = { figure: 'clearance 2-3 days', source: 'rules.md §1.1', option: 'baseline', metric: 'arrivalToExitHours', unit: 'hours' };
      const range = expectProblem(await acme.post({ scenario: smallScenario({ calibration: [{ ...target, atLeast: 72, atMost: 48 }, { ...target, value: 3, tolerance: 0.15, atMost: 3 }] }) }), 422, 'REPLAY.SCENARIO_INVALID');
      expect(range.errors).toEqual([
        { path: 'scenario.calibration[0].atMost', message: 'must be greater than atLeast (72); for a single published value use value and tolerance' },
        { path: 'scenario.calibration[1].atMost', message: expect.stringMatching(/^cannot be given with value/) },
      ]);

      const recorded = expectProblem(await acme.post({ scenario: smallScenario({ arrivals: undefined, recorded: { file: 'stream.csv' } }) }), 422);
      expect(recorded.errors).toEqual([{ path: 'scenario.recorded.file', message: expect.stringMatching(/sent inline cannot name a recorded stream file/) }]);

      const name = expectProblem(await acme.post({ scenario: 'no-such-scenario' }), 422, 'REPLAY.UNKNOWN_SCENARIO');
      expect(name.errors).toEqual([{ path: 'scenario', message: "unknown scenario 'no-such-scenario'" }]);
      expect(name.message).toMatch(/bakhtu-green-channel/);

      const option = expectProblem(await acme.post({ scenario: 'bakhtu-green-channel', options: ['baseline', 'no-such-option'] }), 422, 'REPLAY.UNKNOWN_OPTION');
      expect(option.errors).toEqual([{ path: 'options[1]', message: expect.stringMatching(/unknown option 'no-such-option'/) }]);

      expect((await t.http.get('/api/replays').set('x-api-key', acme.key).expect(200)).body.items.map((j: Job) => j.scenario.name)).not.toContain('no-such-scenario');
    });
  });

  // The jobs of these tests stay queued, so what they check does not depend on how fast a replay runs.
  describe('while the runner is stopped', () => {
    beforeAll(() => runner.stop());
    afterAll(() => runner.start());

    it('lists the tenant’s replays newest first, with a cursor', async () => {
      const ids: string[] = [];
      for (let i = 0; i < 3; i++) ids.push((await acme.start({ scenario: smallScenario(), seed: i })).id);
      const first = (await t.http.get('/api/replays?limit=2').set('x-api-key', acme.key).expect(200)).body;
      expect(first.items.map((j: Job) => j.id)).toEqual([ids[2], ids[1]]);
      expect(first.items[0]).toMatchObject({ status: 'queued', seed: 2, links: { self: `/api/replays/${ids[2]}` } });
      const second = (await t.http.get(`/api/replays?limit=2&after=${first.next}`).set('x-api-key', acme.key).expect(200)).body;
      expect(second.items[0].id).toBe(ids[0]);
      expect((await t.http.get('/api/replays').set('x-api-key', other.key).expect(200)).body.items.map((j: Job) => j.id)).not.toContain(ids[0]);
      for (const id of ids) await acme.cancel(id).expect(200);
    });

    it('another tenant’s replay is a 404 for reading, the report and cancel; no key is a 401', async () => {
      const { id } = await acme.start({ scenario: smallScenario() });
      expectProblem(await other.get(id), 404, 'REPLAY.NOT_FOUND');
      expectProblem(await other.report(id), 404, 'REPLAY.NOT_FOUND');
      expectProblem(await other.cancel(id), 404, 'REPLAY.NOT_FOUND');
      expectProblem(await t.http.get(`/api/replays/${id}`), 401, 'AUTH.KEY_MISSING');
      expectProblem(await t.http.post('/api/replays').send({ scenario: smallScenario() }), 401, 'AUTH.KEY_MISSING');
      // Still queued: the other tenant's cancel did nothing.
      expect((await acme.cancel(id).expect(200)).body.status).toBe('cancelled');
    });

    it('Idempotency-Key: the same key and body are the same job; the same key with another body is a 422', async () => {
      const body = { scenario: smallScenario(), replications: 1 };
      const first = await acme.post(body, 'replay-key-1').expect(202);
      const again = await acme.post(body, 'replay-key-1').expect(202);
      expect(again.body).toEqual(first.body);
      expect(again.headers.location).toBe(first.headers.location);
      const jobs = (await t.http.get('/api/replays?limit=200').set('x-api-key', acme.key).expect(200)).body.items as Job[];
      expect(jobs.filter((j) => j.id === first.body.id)).toHaveLength(1);
      expect(jobs[0].id).toBe(first.body.id);
      expectProblem(await acme.post({ ...body, replications: 2 }, 'replay-key-1'), 422, 'IDEMPOTENCY.KEY_REUSED');
      // Keys are per tenant.
      const theirs = await other.post(body, 'replay-key-1').expect(202);
      expect(theirs.body.id).not.toBe(first.body.id);
      await acme.cancel(first.body.id).expect(200);
      await other.cancel(theirs.body.id).expect(200);
    });

    it('a queued replay has no report yet (409 with its status), an unknown format is a 400, and cancel is at once and safe to repeat', async () => {
      const { id } = await acme.start({ scenario: smallScenario() });
      const early = expectProblem(await acme.report(id), 409, 'REPLAY.REPORT_UNAVAILABLE');
      expect(early.details).toEqual({ status: 'queued', progress: { done: 0, total: 4 }, error: null });
      expect(expectProblem(await acme.report(id, 'pdf'), 400, 'REQUEST.INVALID').errors).toEqual([{ path: 'format', message: expect.stringContaining('json') }]);
      expectProblem(await acme.get(UNKNOWN_ID), 404, 'REPLAY.NOT_FOUND');
      expectProblem(await acme.get('not-an-id'), 404, 'REPLAY.NOT_FOUND');

      const cancelled = (await acme.cancel(id).expect(200)).body;
      expect(cancelled).toMatchObject({ id, status: 'cancelled', finishedAt: expect.any(String), startedAt: null });
      expect((await acme.cancel(id).expect(200)).body).toEqual(cancelled);
      expect(expectProblem(await acme.report(id), 409, 'REPLAY.REPORT_UNAVAILABLE').details).toMatchObject({ status: 'cancelled' });
    });
  });

  it('the runner passes over a cancelled job; a finished job cannot be cancelled', async () => {
    await runner.stop();
    let cancelled = '';
    try {
      ({ id: cancelled } = await acme.start({ scenario: smallScenario() }));
      await acme.cancel(cancelled).expect(200);
    } finally {
      runner.start();
    }
    const { id } = await acme.start({ scenario: smallScenario(), replications: 1 });
    expect((await acme.finished(id)).status).toBe('succeeded');
    expect((await acme.get(cancelled).expect(200)).body).toMatchObject({ status: 'cancelled', startedAt: null });
    expect(expectProblem(await acme.cancel(id), 409, 'REPLAY.ALREADY_FINISHED').details).toEqual({ status: 'succeeded' });
  }, 60_000);

  it('the API answers while a big replay runs on worker threads, and cancel stops it', async () => {
    const { id } = await acme.start({ scenario: bigScenario() });
    await acme.until(id, (job) => job.status === 'running');
    expect((await t.http.get('/api/health').expect(200)).body.status).toBe('ok');
    expect((await acme.get(id).expect(200)).body.status).toBe('running');

    const cancelled = (await acme.cancel(id).expect(200)).body;
    expect(cancelled.status).toBe('cancelled');
    expect(cancelled.progress.done).toBeLessThan(cancelled.progress.total);
    // The runner is free again: the next job runs to the end, and the cancelled one stays cancelled.
    const { id: next } = await acme.start({ scenario: smallScenario(), replications: 1 });
    expect((await acme.finished(next)).status).toBe('succeeded');
    expect((await acme.get(id).expect(200)).body).toMatchObject({ status: 'cancelled', finishedAt: cancelled.finishedAt });
  }, 60_000);

  it('a replay whose site never opens succeeds, and its report says no declaration finished and names the closed resources', async () => {
    const closed = { allDay: false, weekdays: [1, 2, 3, 4, 5, 6, 7], opens: '09:00', closes: '10:00', seasonalClosure: { from: '01-01', to: '12-31' } };
    const { id } = await acme.start({ scenario: smallScenario({ options: ['baseline'], sites: { bakhtu: { calendar: closed } } }) });
    expect((await acme.finished(id)).status).toBe('succeeded');
    const report = JSON.parse((await acme.report(id, 'json').expect(200)).text);
    const [baseline] = report.options;
    expect(baseline.declarations.mean).toBeGreaterThan(0);
    expect(baseline.unfinished.declarations.mean).toBe(baseline.declarations.mean);
    // No declaration finished: no time or cost, written null.
    expect(baseline.intervals.arrivalToRelease.meanHours).toEqual({ mean: null, ci95: null });
    expect(report.warnings.map((w: { kind: string; resource: string | null }) => [w.kind, w.resource])).toEqual([
      ['unfinished', null],
      ['overloaded', 'bakhtu/gate'],
    ]);
    const md = (await acme.report(id, 'md').expect(200)).text;
    expect(md).toContain('## Warnings');
    expect(md).toContain('none finished, so those figures have no value (n/a)');
    expect(md).toContain('never available (closed from the warm-up to the horizon');
  }, 60_000);

  it('a replay stopped by a fault on our side fails with an internal problem, which the job and the report answer carry', async () => {
    const fault = jest.spyOn(replayRunner, 'runReplay').mockRejectedValueOnce(new Error('REPLAY.STUCK: 1 declaration(s) are in progress with nothing left to move them on'));
    try {
      const { id } = await acme.start({ scenario: smallScenario() });
      const job = await acme.finished(id);
      expect(job).toMatchObject({ status: 'failed', finishedAt: expect.any(String) });
      expect(job.error).toEqual({ status: 500, code: 'INTERNAL', message: expect.stringMatching(/unexpected error on our side/), errors: [] });
      const problem = expectProblem(await acme.report(id), 409, 'REPLAY.REPORT_UNAVAILABLE');
      expect(problem.details).toMatchObject({ status: 'failed', error: job.error });
    } finally {
      fault.mockRestore();
    }
  }, 60_000);
});

describe('replays across a restart', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'swsim-replays-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('jobs a stopped process left queued or running are run by the next one', async () => {
    const databasePath = join(dir, 'swsim.sqlite');
    const first = await createTestApp({ databasePath });
    await first.app.get(ReplayJobRunner).stop();
    const key = await first.key('acme', 'trader');
    const client = new Client(first, key);
    const queued = (await client.start({ scenario: smallScenario(), seed: 1 })).id;
    const running = (await client.start({ scenario: smallScenario(), seed: 2 })).id;
    await first.app.close();

    // As a crash would leave it: one job halfway through its replications.
    const db = new Database(databasePath);
    db.prepare("UPDATE replays SET status = 'running', started_at = '2025-01-01T00:00:00.000Z', progress_done = 2 WHERE id = ?").run(running);
    db.close();

    const second = await createTestApp({ databasePath });
    try {
      const again = new Client(second, key);
      for (const id of [queued, running]) {
        const job = await again.finished(id);
        expect(job).toMatchObject({ id, status: 'succeeded', progress: { done: 4, total: 4 } });
        expect(job.startedAt).not.toBe('2025-01-01T00:00:00.000Z');
        await again.report(id, 'json').expect(200);
      }
    } finally {
      await second.app.close();
    }
  }, 60_000);
});
