import { lodgementPlanRequest } from '../../planning/domain/lodgement-request';
import { type ExecutedStep, declarationStream, executePlan } from '../../planning/domain/plan-execution';
import { advanceDeclaration } from '../../planning/domain/reforms/advance-declaration.reform';
import { greenChannel } from '../../planning/domain/reforms/green-channel.reform';
import { portPlusUnloadingPlace } from '../../planning/domain/reforms/port-plus-unloading-place.reform';
import { twoStepDeclaration } from '../../planning/domain/reforms/two-step-declaration.reform';
import type { Planner } from '../../planning/domain/planner';
import { planner as newPlanner, reference } from '../../planning/domain/testing/planning.test-kit';
import type { RecordedDeclaration } from '../../scenarios/domain/scenario';
import { Calendar } from '../../sim/calendar';
import { overloaded } from './replay-report';
import { DRAIN_MINUTES, lodgingUnder, replicationSeed, runReplication } from './replication';
import { overloadedScenario, scenarioOf, streamOf } from './testing/scenario.test-kit';

const ref = reference();
const planner = newPlanner();

function walks(scenario: ReturnType<typeof scenarioOf>, option = scenario.options[0], replication = 0): Map<string, ExecutedStep[]> {
  const found = new Map<string, ExecutedStep[]>();
  runReplication({ scenario, option, replication, ref, planner, onWalked: (key, steps) => found.set(key, steps) });
  return found;
}

describe('runReplication', () => {
  describe('with unlimited resources, every declaration walks its plan exactly as executePlan does (one model)', () => {
    const rows: RecordedDeclaration[] = [
      { key: 'grapes-1', arrivalMinutes: 600, declaration: greenChannel.example, commodity: 'grapes', procedure: 'full', advance: false },
      { key: 'copper-1', arrivalMinutes: 900, declaration: portPlusUnloadingPlace.example, commodity: 'copper', procedure: 'full', advance: false },
      { key: 'parts-1', arrivalMinutes: 2000, declaration: advanceDeclaration.example, commodity: 'parts', procedure: 'full', advance: true },
      { key: 'laptops-1', arrivalMinutes: 2500, declaration: twoStepDeclaration.example, commodity: 'laptops', procedure: 'two-step', advance: false },
    ];

    it.each(['baseline', 'overall-plan-2023'])('under %s', (option) => {
      const scenario = scenarioOf({ unlimitedResources: true, recorded: rows, options: [option], warmUpHours: 0 });
      const replayed = walks(scenario, option);
      expect([...replayed.keys()].sort()).toEqual(rows.map((r) => r.key).sort());
      for (const row of rows) {
        const lodging = lodgingUnder(ref, option, row);
        const plan = planner.plan(lodgementPlanRequest(row.declaration, option, lodging)).plan;
        const expected = executePlan(plan, declarationStream(scenario.seed, row.key), row.arrivalMinutes);
        expect({ key: row.key, steps: replayed.get(row.key) }).toEqual({ key: row.key, steps: expected });
      }
    });

    it('and replication 0 draws from the scenario seed itself', () => {
      expect(replicationSeed(7, 0)).toBe(7);
      expect(replicationSeed(7, 1)).not.toBe(7);
      expect(replicationSeed(7, 1)).not.toBe(replicationSeed(7, 2));
    });
  });

  it('makes declarations queue for a scarce resource, never serving more at once than its capacity', () => {
    // One document desk at Bakhtu, open round the clock, and many trucks: waits appear.
    const calendar = { allDay: true, weekdays: [1, 2, 3, 4, 5, 6, 7], opens: '00:00', closes: '24:00' };
    const busy = scenarioOf({
      arrivals: [streamOf('grapes', greenChannel.example, 6)],
      sites: { bakhtu: { resources: { 'document-desk': 1, 'inspection-bay': 1 }, calendar } },
    });
    const roomy = scenarioOf({ ...busy, unlimitedResources: true });
    const queued = runReplication({ scenario: busy, option: 'baseline', replication: 0, ref, planner });
    const free = runReplication({ scenario: roomy, option: 'baseline', replication: 0, ref, planner });
    const desk = queued.resources.find((r) => r.site === 'bakhtu' && r.kind === 'document-desk')!;
    expect(desk.capacity).toBe(1);
    expect(desk.utilisation).toBeGreaterThan(0.3);
    expect(desk.utilisation).toBeLessThanOrEqual(1);
    expect(queued.steps.find((s) => s.id === 'documentary-check')!.waitHours).toBeGreaterThan(0);
    expect(free.steps.every((s) => s.waitHours === 0)).toBe(true);
    // The same trucks arrive either way (common random numbers); only the queueing differs.
    expect(queued.declarations).toBe(free.declarations);
    expect(queued.intervals.arrivalToRelease.mean).toBeGreaterThan(free.intervals.arrivalToRelease.mean);
  });

  it('holds work while a site is closed: no documentary check starts outside its opening hours', () => {
    const scenario = scenarioOf({ arrivals: [streamOf('grapes', greenChannel.example, 1)] });
    const calendar = new Calendar(ref.sites.get('bakhtu')!.calendar, scenario.start);
    const found = walks(scenario);
    let checks = 0;
    for (const steps of found.values()) {
      for (const step of steps.filter((s) => s.stepId === 'documentary-check' && s.ran)) {
        checks++;
        expect({ start: step.startMinutes, open: calendar.isOpen(step.startMinutes) }).toEqual({ start: step.startMinutes, open: true });
      }
    }
    expect(checks).toBeGreaterThan(0);
  });

  it('lets green-channel steps (7x24) run while the site is closed', () => {
    const scenario = scenarioOf({ arrivals: [streamOf('grapes', greenChannel.example, 1)], options: ['green-channel'] });
    const calendar = new Calendar(ref.sites.get('bakhtu')!.calendar, scenario.start);
    const starts = [...walks(scenario, 'green-channel').values()].flatMap((steps) => steps.filter((s) => s.stepId === 'documentary-check' && s.ran).map((s) => s.startMinutes));
    expect(starts.some((t) => !calendar.isOpen(t))).toBe(true);
  });

  it('counts 7x24 work at night as available time: a desk busy out of hours reads at most 100 %', () => {
    // One document desk at Bakhtu (open 10:00-19:00) and green-channel trucks served round the clock.
    const scenario = scenarioOf({
      arrivals: [streamOf('grapes', greenChannel.example, 2)],
      options: ['green-channel'],
      sites: { bakhtu: { resources: { 'document-desk': 1 }, calendar: null } },
    });
    for (const replication of [0, 1, 2]) {
      const desk = runReplication({ scenario, option: 'green-channel', replication, ref, planner }).resources.find((r) => r.kind === 'document-desk')!;
      expect(desk.outOfHoursWorkHours).toBeGreaterThan(10);
      expect(desk.utilisation).toBeGreaterThan(0.3);
      expect(desk.utilisation).toBeLessThanOrEqual(1);
    }
  });

  it('replays the same arrivals under two options (common random numbers) and counts only those after the warm-up', () => {
    const scenario = scenarioOf({ arrivals: [streamOf('grapes', greenChannel.example, 2)], options: ['baseline', 'green-channel'] });
    const base = walks(scenario, 'baseline');
    const green = walks(scenario, 'green-channel');
    expect([...green.keys()].sort()).toEqual([...base.keys()].sort());
    const figures = runReplication({ scenario, option: 'baseline', replication: 0, ref, planner });
    expect(figures.declarations).toBeGreaterThan(0);
    expect(figures.declarations).toBeLessThan(base.size);
  });

  it('is deterministic: the same replication twice gives the same figures', () => {
    const scenario = scenarioOf({ arrivals: [streamOf('grapes', greenChannel.example, 2)] });
    const once = runReplication({ scenario, option: 'baseline', replication: 1, ref, planner });
    const twice = runReplication({ scenario, option: 'baseline', replication: 1, ref, planner });
    expect(twice).toEqual(once);
    expect(runReplication({ scenario, option: 'baseline', replication: 2, ref, planner })).not.toEqual(once);
  });

  it('charges what ran: fees of the steps, taxes, and the conveyance waiting per hour', () => {
    const scenario = scenarioOf({ arrivals: [streamOf('copper', portPlusUnloadingPlace.example, 0.05)] });
    const figures = runReplication({ scenario, option: 'baseline', replication: 0, ref, planner });
    const items = new Map(figures.cost.items.map((i) => [i.item, i.amountMinor]));
    expect(items.get('broker-fee')).toBeGreaterThan(0);
    expect([...items.keys()].some((k) => k.includes('waiting'))).toBe(true);
    const sum = figures.cost.items.reduce((s, i) => s + i.amountMinor, 0);
    expect(figures.cost.totalMinor).toBeCloseTo(sum, 6);
  });

  describe('when the site cannot keep up', () => {
    // One inspection bay at Khorgos, round the clock, and vehicles whose conformity check (1.5 h on
    // average) it serves: arrivals at 3x its service rate for 60 days, so that the backlog at the
    // horizon is more than the 90 days after it can clear.
    const scenario = overloadedScenario();
    const figures = runReplication({ scenario, option: 'baseline', replication: 0, ref, planner });
    const bay = figures.resources.find((r) => r.site === 'khorgos-road' && r.kind === 'inspection-bay')!;

    it('still ends, and counts the declarations it left unfinished, released or not', () => {
      expect(figures.unfinished.declarations).toBeGreaterThan(100);
      expect(figures.finished + figures.unfinished.declarations).toBe(figures.declarations);
      expect(figures.unfinished.notReleased).toBeGreaterThan(0);
      expect(figures.unfinished.notReleased).toBeLessThanOrEqual(figures.unfinished.declarations);
      // Vehicles for a bonded warehouse leave the port before they are released: some have exited.
      expect(figures.unfinished.notExited).toBeGreaterThan(0);
      expect(figures.unfinished.notExited).toBeLessThanOrEqual(figures.unfinished.declarations);
      // Times are over the finished ones: the last of them waited most of the 90 days.
      expect(figures.intervals.arrivalToExit.p95).toBeGreaterThan(30 * 24);
      expect(figures.intervals.arrivalToExit.p95).toBeLessThan(scenario.horizonHours + DRAIN_MINUTES / 60);
    });

    it('says the bay was saturated, its queue grew from the warm-up to the horizon, and requests still waited at the end', () => {
      expect(bay.capacity).toBe(1);
      expect(bay.utilisation).toBeGreaterThan(0.99);
      expect(bay.utilisation).toBeLessThanOrEqual(1);
      expect(bay.queueAtHorizon - bay.queueAtWarmUp).toBeGreaterThan(bay.served);
      expect(bay.queueAtEnd).toBeGreaterThan(0);
      expect(overloaded(bay)).toBe(true);
      expect(figures.resources.filter(overloaded).map((r) => `${r.site}/${r.kind}`)).toEqual(['khorgos-road/inspection-bay']);
    });

    it('counts an unreleased declaration as not released within 24 h: the shares are over every counted declaration', () => {
      expect(figures.releasedWithin.h24 * figures.declarations).toBeLessThanOrEqual(figures.finished);
    });
  });

  it('counts declarations released but held at an overloaded gate as unfinished, released and not exited', () => {
    // One gate at Bakhtu for both the arrival report and the gate-out, at about 3x what it can serve.
    const scenario = scenarioOf({
      horizonHours: 24 * 60,
      arrivals: [streamOf('grapes', greenChannel.example, 3.5)],
      sites: { bakhtu: { resources: { gate: 1, 'document-desk': 20, 'inspection-bay': 20 }, calendar: { allDay: true, weekdays: [1, 2, 3, 4, 5, 6, 7], opens: '00:00', closes: '24:00' } } },
    });
    const figures = runReplication({ scenario, option: 'baseline', replication: 0, ref, planner });
    expect(figures.unfinished.declarations).toBeGreaterThan(100);
    expect(figures.unfinished).toEqual({ declarations: figures.unfinished.declarations, notReleased: 0, notExited: figures.unfinished.declarations });
    expect(figures.resources.find((r) => r.kind === 'gate')!.queueAtEnd).toBeGreaterThan(100);
  });

  it('ends a replication whose site never opens with every counted declaration unfinished and no time or cost', () => {
    const closed = { allDay: false, weekdays: [1, 2, 3, 4, 5, 6, 7], opens: '09:00', closes: '10:00', seasonalClosure: { from: '01-01', to: '12-31' } };
    const scenario = scenarioOf({ arrivals: [streamOf('grapes', greenChannel.example, 1)], sites: { bakhtu: { resources: {}, calendar: closed } } });
    const figures = runReplication({ scenario, option: 'baseline', replication: 0, ref, planner });
    expect(figures.declarations).toBeGreaterThan(0);
    expect(figures.finished).toBe(0);
    expect(figures.unfinished).toEqual({ declarations: figures.declarations, notReleased: figures.declarations, notExited: figures.declarations });
    expect(figures.intervals.arrivalToRelease.mean).toBeNaN();
    expect(figures.cost.totalMinor).toBeNaN();
    expect(figures.releasedWithin.h24).toBe(0);
    const gate = figures.resources.find((r) => r.kind === 'gate')!;
    expect(gate.utilisation).toBeNaN();
    expect(gate.queueAtEnd).toBeGreaterThan(0);
    expect(overloaded(gate)).toBe(true);
  });

  it('finishes every declaration of a scenario its resources keep up with, and flags nothing', () => {
    const scenario = scenarioOf({ arrivals: [streamOf('grapes', greenChannel.example, 0.5)] });
    const figures = runReplication({ scenario, option: 'baseline', replication: 0, ref, planner });
    expect(figures.unfinished).toEqual({ declarations: 0, notReleased: 0, notExited: 0 });
    expect(figures.finished).toBe(figures.declarations);
    expect(figures.resources.filter(overloaded)).toEqual([]);
    expect(figures.resources.every((r) => r.queueAtEnd === 0)).toBe(true);
  });

  it('fails as an engine fault, not an overload, when declarations are left with nothing to move them on', () => {
    // A plan whose release waits for itself: no event or queue will ever start it.
    const faulty = {
      plan: (request: Parameters<Planner['plan']>[0]) => {
        const result = planner.plan(request);
        const steps = result.plan.steps.map((step) => (step.id === result.plan.releaseStep ? { ...step, after: [...step.after, step.id] } : step));
        return { ...result, plan: { ...result.plan, steps } };
      },
    } as Planner;
    const scenario = scenarioOf({ arrivals: [streamOf('grapes', greenChannel.example, 1)] });
    expect(() => runReplication({ scenario, option: 'baseline', replication: 0, ref, planner: faulty })).toThrow(/^REPLAY\.STUCK: \d+ declaration\(s\) under option 'baseline' \(first: grapes#0\) are in progress with nothing left to move them on/);
  });

  it('lodges two-step or in advance only where the option allows it', () => {
    expect(lodgingUnder(ref, 'baseline', { procedure: 'two-step', advance: true })).toEqual({ procedure: 'full', advance: false });
    expect(lodgingUnder(ref, 'overall-plan-2023', { procedure: 'two-step', advance: true })).toEqual({ procedure: 'two-step', advance: true });
  });
});
