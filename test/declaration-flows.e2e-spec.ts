// The whole walk of each clearance flow over REST, through the real AppModule on a temporary SQLite
// file: in auto mode by moving the tenant's sandbox clock (the automatic officers walk the plan), and
// in manual mode by officer and trader keys driving GET .../actions and POST .../{action}. Each walk
// is checked on its final status, its events (order, simulated times), the per-TRS-interval times of
// GET /api/declarations/{id}, and the tenant's notifications.

import {
  type DeclarationDetail,
  type EventItem,
  Tenant,
  bodies,
  expectIntervalsFromEvents,
  expectNotificationsFollow,
  expectWellFormedStream,
  indexOf,
  types,
  walk,
} from './support/declarations';
import { type TestApp, createTestApp, expectProblem } from './support/test-app';

const DAY_MINUTES = 24 * 60;

/** The common checks of a finished walk; returns the detail and events for the flow's own checks. */
async function finishedWalk(tenant: Tenant, id: string, finalStatus: string, statuses: string[]): Promise<{ detail: DeclarationDetail; events: EventItem[] }> {
  const detail = await tenant.get(id);
  const events = await tenant.events(id);
  expect(detail.status).toBe(finalStatus);
  expect(detail.version).toBe(events.length);
  expectWellFormedStream(events);
  expectIntervalsFromEvents(detail, events);
  expectNotificationsFollow(await tenant.notifications(id), events, finalStatus, statuses);
  // Every step of a completed walk is done or skipped, none left pending.
  if (finalStatus === 'completed') for (const s of detail.steps) expect({ step: s.id, status: ['done', 'skipped'].includes(s.status) }).toEqual({ step: s.id, status: true });
  return { detail, events };
}

function stepIds(detail: DeclarationDetail): string[] {
  return detail.steps.map((s) => s.id);
}

describe('declaration flows in auto mode (automatic officers, sandbox clock)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });

  afterAll(() => t.app.close());

  it('import (general, Khorgos road): duties paid, released, gated out, completed by the automatic officers', async () => {
    const tenant = await Tenant.create(t, 'auto-import');
    const lodged = await tenant.lodge(bodies.generalImport());
    expect(lodged).toEqual(expect.objectContaining({ status: 'lodged', mode: 'auto', procedure: 'full' }));
    const advanced = await tenant.runUntil();
    expect(advanced).toEqual(expect.objectContaining({ fromMinutes: 0, declarations: 1 }));
    expect(advanced.events).toBeGreaterThan(5);
    expect((await tenant.clock()).minutes).toBe(advanced.toMinutes);

    const { detail, events } = await finishedWalk(tenant, lodged.id, 'completed', ['lodged', 'arrived', 'released', 'completed']);
    const order = ['DeclarationLodged', 'ArrivalRecorded', 'RiskChannelAssigned', 'DutiesPaid', 'GoodsReleased', 'GoodsExited'].map((type) => indexOf(events, type));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(events.slice(1).every((e) => e.actor === 'auto-officer')).toBe(true);
    expect(detail.channel).toEqual(expect.stringMatching(/^(green|yellow|red)$/));
    if (detail.channel === 'green') {
      expect(events.filter((e) => e.type === 'StepSkipped').map((e) => e.data.stepId)).toEqual(expect.arrayContaining(['documentary-check', 'physical-inspection']));
    }
    expect(detail.releasedMinutes).toBe(events[indexOf(events, 'GoodsReleased')].simMinutes);
    expect(detail.exitedMinutes).toBe(events[indexOf(events, 'GoodsExited')].simMinutes);
    expect(detail.paidMinor).toBe(detail.duties!.dueMinor);
    for (const interval of ['arrival', 'lodgement', 'risk-decision', 'payment-or-guarantee', 'release', 'exit']) expect(detail.intervalMinutes[interval]).toBeGreaterThan(0);
    // Nothing is left for the automatic officers.
    expect((await tenant.runUntil()).events).toBe(0);
  });

  it('import with lab (copper concentrate HS 2603000010, Alashankou rail, baseline; channel drawn by the rules): released only after the lab result', async () => {
    const tenant = await Tenant.create(t, 'auto-copper');
    const lodged = await tenant.lodge(bodies.copperBaseline());
    expect(lodged.plan).toEqual(expect.objectContaining({ option: 'baseline', reforms: [] }));
    await tenant.runUntil();

    const { detail, events } = await finishedWalk(tenant, lodged.id, 'completed', ['lodged', 'awaiting-lab', 'released', 'exited', 'completed']);
    const sample = indexOf(events, 'SampleTaken', 'sampling');
    const lab = indexOf(events, 'LabResultRecorded', 'lab-test');
    const release = indexOf(events, 'GoodsReleased');
    expect(sample).toBeGreaterThan(0);
    expect(lab).toBeGreaterThan(sample);
    expect(release).toBeGreaterThan(lab);
    expect(events[release].data.startedAtMinutes).toBeGreaterThanOrEqual(events[lab].simMinutes);
    expect(indexOf(events, 'GoodsExited')).toBeGreaterThan(release);
    expect(events[lab].data.passed).toBe(true);
    expect(detail.intervalMinutes['sampling-and-lab']).toBeGreaterThan(0);
    expect(detail.releasedMinutes!).toBeGreaterThanOrEqual(events[lab].simMinutes);
  });

  it('export under the green channel (grapes, Bakhtu): no sampling and no lab event at all', async () => {
    const tenant = await Tenant.create(t, 'auto-grapes');
    const lodged = await tenant.lodge(bodies.grapesGreenChannel());
    expect(lodged.plan).toEqual(expect.objectContaining({ option: 'green-channel', reforms: ['green-channel'] }));
    await tenant.runUntil();

    const { detail, events } = await finishedWalk(tenant, lodged.id, 'completed', ['lodged', 'released', 'completed']);
    expect(detail.flow).toBe('export');
    expect(types(events)).not.toContain('LabResultRecorded');
    expect(types(events)).not.toContain('SampleTaken');
    expect(detail.steps.some((s) => s.interval === 'sampling-and-lab')).toBe(false);
    expect(detail.intervalMinutes['sampling-and-lab']).toBeUndefined();
    expect(indexOf(events, 'GoodsReleased')).toBeLessThan(indexOf(events, 'GoodsExited'));
    expect(indexOf(events, 'GoodsReleased')).toBeGreaterThan(indexOf(events, 'RiskChannelAssigned'));
  });

  it('mineral under port + unloading place: GoodsReleased comes BEFORE LabResultRecorded', async () => {
    const tenant = await Tenant.create(t, 'auto-ppu');
    const lodged = await tenant.lodge(bodies.copperPortPlusUnloadingPlace());
    expect(lodged.plan.reforms).toEqual(['port-plus-unloading-place']);
    await tenant.runUntil();

    const { detail, events } = await finishedWalk(tenant, lodged.id, 'completed', ['lodged', 'released', 'exited', 'completed']);
    const release = indexOf(events, 'GoodsReleased');
    const lab = indexOf(events, 'LabResultRecorded', 'lab-test');
    expect(release).toBeGreaterThan(0);
    expect(lab).toBeGreaterThan(release);
    expect(events[lab].simMinutes).toBeGreaterThan(events[release].simMinutes);
    // The goods leave the port and are hauled to the smelter before they are sampled there.
    expect(indexOf(events, 'StepCompleted', 'haul')).toBeGreaterThan(indexOf(events, 'GoodsExited'));
    expect(indexOf(events, 'SampleTaken', 'sampling')).toBeGreaterThan(indexOf(events, 'StepCompleted', 'haul'));
    expect(detail.releasedMinutes!).toBeLessThan(events[lab].simMinutes);
    expect(detail.intervalMinutes['sampling-and-lab']).toBeGreaterThan(0);
  });

  it('TIR transit (knitwear, Kashgar to Irkeshtam): the carnet is accepted instead of a national transit guarantee', async () => {
    const tenant = await Tenant.create(t, 'auto-tir');
    const lodged = await tenant.lodge(bodies.tir());
    const baseline = await tenant.lodge(bodies.tir({ option: 'baseline' }));
    expect(lodged.plan.reforms).toEqual(['tir']);
    await tenant.runUntil();

    const { detail, events } = await finishedWalk(tenant, lodged.id, 'completed', ['lodged', 'released', 'completed']);
    expect(detail.steps.find((s) => s.id === 'transit-declaration')!.title).toMatch(/TIR carnet/i);
    expect(stepIds(detail)).not.toContain('transit-guarantee');
    expect(types(events)).not.toContain('GuaranteeLodged');
    const order = ['GoodsReleased', 'TransitStarted', 'TransitEnded', 'GoodsExited'].map((type) => indexOf(events, type));
    expect(order.every((i) => i > 0)).toBe(true);
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(events[order[2]].data.stepId).toBe('transit-termination');
    expect(detail.intervalMinutes.transit).toBeGreaterThan(0);

    // The same consignment without the reform lodges a national transit guarantee.
    const national = await finishedWalk(tenant, baseline.id, 'completed', ['lodged', 'completed']);
    expect(stepIds(national.detail)).toContain('transit-guarantee');
    expect(national.events.filter((e) => e.type === 'GuaranteeLodged').map((e) => e.data.stepId)).toEqual(['transit-guarantee']);
  });

  it('bonded maintenance round trip (excavator into the Kashgar CBZ for repair, re-exported): zone filing, no duties, no guarantee', async () => {
    const tenant = await Tenant.create(t, 'auto-bonded');
    const lodged = await tenant.lodge(bodies.bondedMaintenance());
    const baseline = await tenant.lodge(bodies.bondedMaintenance({ option: 'baseline' }));
    expect(lodged.plan.reforms).toEqual(['bonded-maintenance']);
    await tenant.runUntil();

    const { detail, events } = await finishedWalk(tenant, lodged.id, 'completed', ['lodged', 'arrived', 'released', 'completed']);
    expect(detail.steps.find((s) => s.id === 'lodge-declaration')!.title).toMatch(/bonded|zone/i);
    expect(stepIds(detail)).not.toContain('repair-guarantee');
    expect(detail.duties!.dueMinor).toBe(0);
    expect(detail.paidMinor).toBe(0);
    expect(types(events)).not.toContain('DutiesPaid');
    expect(types(events)).not.toContain('GuaranteeLodged');
    expect(indexOf(events, 'ArrivalRecorded')).toBeLessThan(indexOf(events, 'GoodsReleased'));
    expect(indexOf(events, 'GoodsReleased')).toBeLessThan(indexOf(events, 'GoodsExited'));

    // Imported for repair without the reform, the duties are secured by a repair guarantee.
    const plain = await finishedWalk(tenant, baseline.id, 'completed', ['lodged', 'completed']);
    expect(stepIds(plain.detail)).toContain('repair-guarantee');
    expect(plain.events.filter((e) => e.type === 'GuaranteeLodged').map((e) => e.data.stepId)).toEqual(['repair-guarantee']);
  });

  it('two-step (portable computers, Khorgos): released on the summary, the complete declaration comes days later', async () => {
    const tenant = await Tenant.create(t, 'auto-two-step');
    const lodged = await tenant.lodge(bodies.twoStep());
    expect(lodged).toEqual(expect.objectContaining({ procedure: 'two-step' }));
    expect(lodged.plan.reforms).toContain('two-step-declaration');

    // Day by day until the goods are released on the summary declaration.
    let detail = await tenant.get(lodged.id);
    for (let day = 0; day < 10 && !['released', 'exited'].includes(detail.status); day++) {
      await tenant.advance(24);
      detail = await tenant.get(lodged.id);
    }
    expect(['released', 'exited']).toContain(detail.status);
    expect(detail.releasedMinutes).not.toBeNull();
    expect(detail.twoStep).toEqual(expect.objectContaining({ completionDays: 14, completedMinutes: null, overdueMinutes: null }));
    expect(types(await tenant.events(lodged.id))).not.toContain('TwoStepDeclarationCompleted');
    expect((await tenant.actions(lodged.id)).items.map((a) => a.action)).toContain('complete');

    await tenant.runUntil();
    const { events, detail: done } = await finishedWalk(tenant, lodged.id, 'completed', ['lodged', 'released', 'completed']);
    const release = indexOf(events, 'GoodsReleased');
    const complete = indexOf(events, 'TwoStepDeclarationCompleted');
    expect(complete).toBeGreaterThan(release);
    expect(events[complete].simMinutes - events[release].simMinutes).toBeGreaterThan(DAY_MINUTES);
    expect(events[complete].data).toEqual(expect.objectContaining({ late: false, dueMinutes: done.twoStep!.dueMinutes }));
    expect(events[complete].simMinutes).toBeLessThanOrEqual(done.twoStep!.dueMinutes);
    // The summary secures the duties; they are paid with the complete declaration.
    expect(events[indexOf(events, 'GuaranteeLodged')].data.stepId).toBe('duty-payment');
    expect(indexOf(events, 'GuaranteeLodged')).toBeLessThan(release);
    expect(done.paidMinor).toBe(done.duties!.dueMinor);
    expect(done.twoStep!.completedMinutes).toBe(events[complete].simMinutes);

    // Completed in time: the clock passing the deadline changes nothing.
    await tenant.advance(3 * 24);
    expect(types(await tenant.events(lodged.id))).not.toContain('TwoStepCompletionOverdue');
    expect((await tenant.events(lodged.id)).length).toBe(events.length);
  });
});

describe('declaration flows in manual mode (officer and trader keys)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });

  afterAll(() => t.app.close());

  it('import green channel, walked by hand: the officer assigns green, the trader pays, nothing waits for a check', async () => {
    const tenant = await Tenant.create(t, 'manual-green');
    const lodged = await tenant.lodge(bodies.generalImport({ mode: 'manual' }));
    expect(lodged.mode).toBe('manual');

    // The automatic officers leave a manual declaration alone.
    await tenant.advance(48);
    expect((await tenant.events(lodged.id)).map((e) => e.type)).toEqual(['DeclarationLodged']);

    const taken = await walk(tenant, lodged.id, { channel: 'green' });
    expect(taken).toEqual(['record-arrival', 'complete-step', 'assign-channel', 'pay-duties', 'release', 'exit']);

    const { detail, events } = await finishedWalk(tenant, lodged.id, 'completed', ['lodged', 'arrived', 'under-review', 'awaiting-payment', 'released', 'completed']);
    expect(detail.channel).toBe('green');
    const channel = events[indexOf(events, 'RiskChannelAssigned')];
    expect(channel.data).toEqual(expect.objectContaining({ channel: 'green', assignedBy: 'officer' }));
    // The channel settles the checks in the same decision.
    expect(events[channel.version].type).toBe('StepSkipped');
    expect(events.filter((e) => e.type === 'StepSkipped').map((e) => [e.data.stepId, e.simMinutes])).toEqual([
      ['documentary-check', channel.simMinutes],
      ['physical-inspection', channel.simMinutes],
    ]);
    expect(types(events)).not.toContain('DocumentaryCheckCompleted');
    expect(types(events)).not.toContain('InspectionCompleted');
    // Officers and the trader acted, never the automatic officers; the trader paid.
    expect(events.some((e) => e.actor === 'auto-officer')).toBe(false);
    const payer = events[indexOf(events, 'DutiesPaid')].actor;
    expect(payer).toBe(events[0].actor);
    expect(payer).not.toBe(channel.actor);
    expect(detail.paidMinor).toBe(detail.duties!.dueMinor);
    // An hour of the clock passed before each action: every step done by hand took at least that.
    for (const interval of ['arrival', 'lodgement', 'risk-decision', 'payment-or-guarantee', 'release', 'exit']) {
      expect({ interval, atLeastAnHour: detail.intervalMinutes[interval] >= 60 }).toEqual({ interval, atLeastAnHour: true });
    }
    expect((await tenant.actions(lodged.id)).items).toEqual([]);
  });

  it('import red channel with lab (copper, baseline), walked by hand: inspection ordered and recorded, release refused until the lab result', async () => {
    const tenant = await Tenant.create(t, 'manual-copper');
    const lodged = await tenant.lodge(bodies.copperBaseline({ mode: 'manual' }));

    await walk(tenant, lodged.id, { channel: 'red', stopWhen: (a) => a.items.some((i) => i.action === 'lab-result') });
    const waiting = await tenant.actions(lodged.id);
    expect(waiting.status).toBe('awaiting-lab');
    expect(waiting.items.map((i) => i.action)).not.toContain('release');
    const early = expectProblem(await tenant.act(lodged.id, 'release', {}), 409, 'DECLARATION.STEP_NOT_READY');
    expect(early.details).toEqual(expect.objectContaining({ status: 'awaiting-lab', allowedActions: expect.arrayContaining(['lab-result']) }));
    expect(early.details!.allowedActions).not.toContain('release');
    expect((await tenant.get(lodged.id)).version).toBe(waiting.version);

    await walk(tenant, lodged.id, { channel: 'red' });
    const { detail, events } = await finishedWalk(tenant, lodged.id, 'completed', ['lodged', 'arrived', 'awaiting-lab', 'released', 'exited', 'completed']);
    expect(detail.channel).toBe('red');
    expect(events[indexOf(events, 'RiskChannelAssigned')].data).toEqual(expect.objectContaining({ channel: 'red', assignedBy: 'officer' }));
    // Red: the documentary check and the physical inspection both run.
    expect(indexOf(events, 'DocumentaryCheckCompleted', 'documentary-check')).toBeGreaterThan(indexOf(events, 'RiskChannelAssigned'));
    const ordered = indexOf(events, 'InspectionOrdered', 'physical-inspection');
    const inspected = indexOf(events, 'InspectionCompleted', 'physical-inspection');
    expect(ordered).toBeGreaterThan(0);
    expect(inspected).toBeGreaterThan(ordered);
    expect(events[inspected].data).toEqual(expect.objectContaining({ passed: true, startedAtMinutes: events[ordered].simMinutes }));
    expect(events.filter((e) => e.type === 'StepSkipped')).toEqual([]);
    // The lab result, then release, then gate-out.
    const lab = indexOf(events, 'LabResultRecorded', 'lab-test');
    expect(indexOf(events, 'SampleTaken', 'sampling')).toBeLessThan(lab);
    expect(lab).toBeLessThan(indexOf(events, 'GoodsReleased'));
    expect(indexOf(events, 'GoodsReleased')).toBeLessThan(indexOf(events, 'GoodsExited'));
    for (const interval of ['physical-inspection', 'documentary-check', 'sampling-and-lab', 'release']) expect(detail.intervalMinutes[interval]).toBeGreaterThanOrEqual(60);
  });
});

describe('two-step declaration never completed (manual)', () => {
  let t: TestApp;
  let tenant: Tenant;
  let id: string;
  let dueMinutes: number;
  let beforeDeadline: EventItem[];

  beforeAll(async () => {
    t = await createTestApp();
    tenant = await Tenant.create(t, 'two-step-overdue');
    id = (await tenant.lodge(bodies.twoStep({ mode: 'manual' }))).id;
    // Released and gated out on the summary; the trader never lodges the complete declaration.
    await walk(tenant, id, { channel: 'green', avoid: ['complete'] });
    const detail = await tenant.get(id);
    expect(detail.status).toBe('exited');
    expect(detail.twoStep).toEqual(expect.objectContaining({ completionDays: 14, completedMinutes: null, overdueMinutes: null }));
    dueMinutes = detail.twoStep!.dueMinutes;
    expect(dueMinutes).toBe(14 * DAY_MINUTES);
    await tenant.runUntil(dueMinutes - 60);
    beforeDeadline = await tenant.events(id);
    await tenant.runUntil(dueMinutes + 60);
  });

  afterAll(() => t.app.close());

  it('is not overdue before the 14 simulated days are up', () => {
    expect(types(beforeDeadline)).not.toContain('TwoStepCompletionOverdue');
    expect(types(beforeDeadline)).toContain('GoodsReleased');
  });

  it('records TwoStepCompletionOverdue once the clock passes 14 simulated days', async () => {
    const events = await tenant.events(id);
    expectWellFormedStream(events);
    const overdue = events.filter((e) => e.type === 'TwoStepCompletionOverdue');
    expect(overdue).toHaveLength(1);
    expect(overdue[0].data).toEqual(expect.objectContaining({ dueMinutes }));
    expect(overdue[0].simMinutes).toBeGreaterThanOrEqual(dueMinutes);
    expect((await tenant.get(id)).twoStep!.overdueMinutes).not.toBeNull();
  });

  it('notifies the tenant that the complete declaration is overdue', async () => {
    const notes = await tenant.notifications(id);
    expect(notes.map((n) => n.eventType)).toContain('TwoStepCompletionOverdue');
  });

  it('still accepts the complete declaration after the deadline, flagged late', async () => {
    const res = await tenant.act(id, 'complete', {}, tenant.trader);
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('completed');
    const events = await tenant.events(id);
    const done = events[indexOf(events, 'TwoStepDeclarationCompleted')];
    expect(done.data).toEqual(expect.objectContaining({ late: true, dueMinutes }));
    expect(done.simMinutes).toBeGreaterThan(dueMinutes);
    expectWellFormedStream(events);
    const detail = await tenant.get(id);
    expectIntervalsFromEvents(detail, events);
    expect(detail.steps.find((s) => s.id === 'complete-declaration')!.status).toBe('done');
    expectNotificationsFollow(await tenant.notifications(id), events, 'completed', ['lodged', 'released', 'exited', 'completed']);
  });
});
