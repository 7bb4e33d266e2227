// One model, proven (issue 5): the same declarations walked by the live sandbox's automatic officers
// (lodged over REST in auto mode, the tenant's clock moved forward) and by replay (the tenant's stream
// exported with `swsim export-stream`, replayed with unlimited resources under the tenant's seed and
// option) go through the same steps, with the same channel, at the same simulated minutes.

import { execFile } from 'node:child_process';
import { join } from 'node:path';
import type { ExecutedStep } from '../src/planning/domain/plan-execution';
import { Planner } from '../src/planning/domain/planner';
import { ReferenceIndex } from '../src/reference/domain/reference-index';
import { runReplication } from '../src/replay/domain/replication';
import { parseRecordedStream } from '../src/scenarios/application/recorded-stream';
import type { RecordedDeclaration, Scenario } from '../src/scenarios/domain/scenario';
import { ROOT, ensureBuilt } from './support/build';
import { type Body, type DeclarationDetail, type EventItem, Tenant, reformExample } from './support/declarations';
import { type TestApp, createTestApp } from './support/test-app';

const TENANT = 'one-model';
const SEED = 20230517;
/** The option that allows both two-step and advance declarations. */
const OPTION = 'overall-plan-2023';

/** What a step went through: whether it ran, the channel (risk-decision step only), when it started and finished. */
interface WalkedStep {
  ran: boolean;
  channel: string | null;
  startMinutes: number | null;
  finishMinutes: number | null;
}

type Detail = DeclarationDetail & { clockZeroMinutes: number; lodgedMinutes: number; advance: boolean; steps: Array<DeclarationDetail['steps'][number] & { interval: string }> };

/** At most this many plain imports after LODGEMENTS, until two risk channels have been drawn (most draws are green). */
const MAX_EXTRA_LODGEMENTS = 40;

/** The lodgements, each followed by the simulated hours the clock moves before the next. */
const LODGEMENTS: Array<{ label: string; body: Body; hoursAfter: number }> = [
  { label: 'grapes, green channel (Bakhtu)', body: reformExample('green-channel'), hoursAfter: 0 },
  { label: 'copper concentrate, port + unloading place (Alashankou rail)', body: reformExample('port-plus-unloading-place'), hoursAfter: 2.5 },
  { label: 'knitwear under a TIR carnet (Kashgar to Irkeshtam)', body: reformExample('tir'), hoursAfter: 7 },
  { label: 'portable computers, two-step (Khorgos road)', body: { ...reformExample('two-step-declaration'), procedure: 'two-step' }, hoursAfter: 0.75 },
  { label: 'car body parts, advance declaration (Khorgos road)', body: { ...reformExample('advance-declaration'), advance: true }, hoursAfter: 13 },
  { label: 'portable computers, plain import (Khorgos road)', body: reformExample('two-step-declaration'), hoursAfter: 4 },
  { label: 'grapes again, by a discredited firm', body: { ...reformExample('green-channel'), trader: { name: 'Tacheng Late Produce Co.', creditClass: 'discredited' } }, hoursAfter: 30 },
  { label: 'copper concentrate again', body: reformExample('port-plus-unloading-place'), hoursAfter: 1 },
];

function swsimProcess(args: string[], env: Record<string, string>): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [join(ROOT, 'bin', 'swsim.js'), ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000, env: { ...process.env, ...env } }, (error, stdout, stderr) => {
      resolve({ status: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr });
    });
  });
}

/** The live declaration's steps by id, from GET /api/declarations/{id}. */
function liveSteps(detail: Detail): Record<string, WalkedStep> {
  return Object.fromEntries(
    detail.steps.map((s) => [
      s.id,
      { ran: s.status === 'done', channel: s.interval === 'risk-decision' ? s.outcome : null, startMinutes: s.startMinutes, finishMinutes: s.finishMinutes },
    ]),
  );
}

/** The replayed walk's steps by id. */
function replayedSteps(steps: ExecutedStep[]): Record<string, WalkedStep> {
  return Object.fromEntries(steps.map((s) => [s.stepId, { ran: s.ran, channel: s.channel ?? null, startMinutes: s.startMinutes, finishMinutes: s.finishMinutes }]));
}

describe('one model: the live sandbox in auto mode and replay with unlimited resources', () => {
  let t: TestApp;
  let tenant: Tenant;
  const ids: string[] = [];
  const labels = new Map<string, string>();
  const live = new Map<string, { detail: Detail; events: EventItem[] }>();
  const replayed = new Map<string, ExecutedStep[]>();
  let recorded: RecordedDeclaration[] = [];
  let clock: { seed: number; option: string };

  beforeAll(async () => {
    ensureBuilt();
    t = await createTestApp();
    tenant = await Tenant.create(t, TENANT);
    const admin = await t.key('sandbox-operator', 'admin');
    const patched = await t.http.patch(`/api/tenants/${TENANT}`).set('X-Api-Key', admin).send({ seed: SEED, optionId: OPTION });
    expect(patched.status).toBe(200);

    // Lodged over the sandbox clock: the automatic officers walk the earlier ones while later ones arrive.
    for (const { label, body, hoursAfter } of LODGEMENTS) {
      const lodged = await tenant.lodge({ ...body, mode: 'auto' });
      ids.push(lodged.id);
      labels.set(lodged.id, label);
      if (hoursAfter > 0) await tenant.advance(hoursAfter);
    }
    await tenant.runUntil();
    // Ids are drawn by the server, and each declaration's draws are named by its id: so that the
    // comparison covers more than one risk channel, plain imports follow until two channels are drawn.
    const channels = async () => {
      const drawn = new Set<string>();
      for (const id of ids) for (const step of ((await tenant.get(id)) as Detail).steps) if (step.interval === 'risk-decision' && step.outcome) drawn.add(step.outcome);
      return drawn.size;
    };
    for (let extra = 1; (await channels()) < 2 && extra <= MAX_EXTRA_LODGEMENTS; extra++) {
      const lodged = await tenant.lodge({ ...reformExample('two-step-declaration'), mode: 'auto' });
      ids.push(lodged.id);
      labels.set(lodged.id, `extra plain import ${extra}`);
      await tenant.runUntil();
    }
    clock = await tenant.clock();
    for (const id of ids) live.set(id, { detail: (await tenant.get(id)) as Detail, events: await tenant.events(id) });

    // The tenant's stream, as a user gets it, read back as a scenario's recorded declarations.
    const exported = await swsimProcess(['export-stream', '--tenant', TENANT], { DATABASE_PATH: t.databasePath, DATABASE_URL: '' });
    expect({ status: exported.status, stderr: exported.stderr }).toEqual({ status: 0, stderr: expect.stringContaining(`${ids.length} declarations lodged by '${TENANT}'`) });
    const ref = t.app.get(ReferenceIndex);
    const parsed = await parseRecordedStream(exported.stdout, ref, { options: [clock.option] });
    expect(parsed.problems).toEqual([]);
    recorded = parsed.rows;

    const lastArrivalHours = Math.max(...recorded.map((r) => r.arrivalMinutes)) / 60;
    const scenario: Scenario = {
      name: 'sandbox-stream',
      title: 'What the sandbox tenant lodged',
      description: '',
      calibration: [],
      start: '2024-09-02',
      horizonHours: Math.ceil(lastArrivalHours) + 1,
      warmUpHours: 0,
      replications: 1,
      seed: clock.seed,
      options: [clock.option],
      unlimitedResources: true,
      sites: {},
      arrivals: [],
      recorded,
    };
    runReplication({ scenario, option: clock.option, replication: 0, ref, planner: t.app.get(Planner), onWalked: (key, steps) => replayed.set(key, steps) });
  }, 180_000);

  afterAll(async () => {
    await t?.app.close();
  });

  it('runs under the tenant seed and option, and every declaration finished its walk in the sandbox', () => {
    expect(clock).toEqual(expect.objectContaining({ seed: SEED, option: OPTION }));
    for (const id of ids) {
      const { detail } = live.get(id)!;
      expect({ declaration: labels.get(id), status: detail.status, option: detail.option }).toEqual({ declaration: labels.get(id), status: 'completed', option: OPTION });
    }
  });

  it('the exported stream holds every declaration once, arriving at its clock zero, lodged as it was', () => {
    expect(recorded.map((r) => r.key).sort()).toEqual([...ids].sort());
    for (const row of recorded) {
      const { detail } = live.get(row.key)!;
      expect({ key: row.key, arrivalMinutes: row.arrivalMinutes, procedure: row.procedure, advance: row.advance }).toEqual({
        key: row.key,
        arrivalMinutes: detail.clockZeroMinutes,
        procedure: detail.procedure,
        advance: detail.advance,
      });
    }
    // The set is varied enough to mean something: lodgements at different minutes, one ahead of its arrival, one two-step.
    expect(new Set(recorded.map((r) => r.arrivalMinutes)).size).toBeGreaterThan(4);
    expect(recorded.some((r) => r.advance && live.get(r.key)!.detail.clockZeroMinutes > live.get(r.key)!.detail.lodgedMinutes)).toBe(true);
    expect(recorded.some((r) => r.procedure === 'two-step')).toBe(true);
  });

  it('replay walks every declaration through the same steps, channel, start and finish minutes as the sandbox', () => {
    expect([...replayed.keys()].sort()).toEqual([...ids].sort());
    for (const id of ids) {
      const { detail } = live.get(id)!;
      expect({ declaration: labels.get(id), steps: replayedSteps(replayed.get(id)!) }).toEqual({ declaration: labels.get(id), steps: liveSteps(detail) });
    }
    // Not a comparison of empty walks: steps ran and steps were skipped, and several channels were drawn.
    const all = [...replayed.values()].flat();
    expect(all.some((s) => s.ran)).toBe(true);
    expect(all.some((s) => !s.ran)).toBe(true);
    expect(new Set(all.filter((s) => s.channel !== undefined).map((s) => s.channel)).size).toBeGreaterThan(1);
  });

  it("and the sandbox's events carry the replayed times: each step done at its finish, begun at its start, skipped steps skipped", () => {
    for (const id of ids) {
      const steps = new Map(replayed.get(id)!.map((s) => [s.stepId, s]));
      const { events } = live.get(id)!;
      const seen = new Set<string>();
      for (const e of events) {
        const { stepId, startedAtMinutes, atMinutes } = e.data;
        if (typeof stepId !== 'string') continue;
        const step = steps.get(stepId);
        const at = { declaration: labels.get(id), type: e.type, stepId };
        if (e.type === 'StepSkipped') {
          expect({ ...at, ran: step?.ran }).toEqual({ ...at, ran: false });
        } else if (e.type === 'InspectionOrdered') {
          expect({ ...at, ran: step?.ran, startMinutes: atMinutes }).toEqual({ ...at, ran: true, startMinutes: step?.startMinutes });
        } else if (e.type === 'RiskChannelAssigned') {
          expect({ ...at, ran: step?.ran, channel: e.data.channel, startMinutes: startedAtMinutes, finishMinutes: atMinutes }).toEqual({
            ...at,
            ran: true,
            channel: step?.channel,
            startMinutes: step?.startMinutes,
            finishMinutes: step?.finishMinutes,
          });
        } else {
          // Inspection results carry no start of their own: it is the order's.
          const started = startedAtMinutes ?? events.find((o) => o.type === 'InspectionOrdered' && o.data.stepId === stepId)?.simMinutes;
          expect({ ...at, ran: step?.ran, startMinutes: started, finishMinutes: atMinutes }).toEqual({ ...at, ran: true, startMinutes: step?.startMinutes, finishMinutes: step?.finishMinutes });
        }
        seen.add(stepId);
      }
      // Every step that ran in replay has its event in the sandbox.
      const ranInReplay = [...steps.values()].filter((s) => s.ran).map((s) => s.stepId);
      expect({ declaration: labels.get(id), missing: ranInReplay.filter((s) => !seen.has(s)) }).toEqual({ declaration: labels.get(id), missing: [] });
    }
  });
});
