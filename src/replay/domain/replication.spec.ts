import { lodgementPlanRequest } from '../../planning/domain/lodgement-request';
import { type ExecutedStep, declarationStream, executePlan } from '../../planning/domain/plan-execution';
import { advanceDeclaration } from '../../planning/domain/reforms/advance-declaration.reform';
import { greenChannel } from '../../planning/domain/reforms/green-channel.reform';
import { portPlusUnloadingPlace } from '../../planning/domain/reforms/port-plus-unloading-place.reform';
import { twoStepDeclaration } from '../../planning/domain/reforms/two-step-declaration.reform';
import { planner as newPlanner, reference } from '../../planning/domain/testing/planning.test-kit';
import type { RecordedDeclaration } from '../../scenarios/domain/scenario';
import { Calendar } from '../../sim/calendar';
import { lodgingUnder, replicationSeed, runReplication } from './replication';
import { scenarioOf, streamOf } from './testing/scenario.test-kit';

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

  it('lodges two-step or in advance only where the option allows it', () => {
    expect(lodgingUnder(ref, 'baseline', { procedure: 'two-step', advance: true })).toEqual({ procedure: 'full', advance: false });
    expect(lodgingUnder(ref, 'overall-plan-2023', { procedure: 'two-step', advance: true })).toEqual({ procedure: 'two-step', advance: true });
  });
});
