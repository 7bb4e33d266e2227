import type { Declaration } from '../../planning/domain/declaration';
import type { ClearancePlan } from '../../planning/domain/plan';
import { declarationStream, executePlan } from '../../planning/domain/plan-execution';
import { automaticSchedule, dueCommands, nextDueMinutes } from './automatic-officer';
import { decide, evolve } from './declaration.decider';
import type { DeclarationEvent } from './declaration.events';
import type { LodgedDeclaration } from './declaration.state';
import { FLOWS, Story, lodgeCommand, planFor, reformExample } from './testing/declaration.test-kit';

const DAY = 24 * 60;
const LODGED_AT = 500;

const cases: Array<[string, Declaration, string[]]> = [
  ['import by road', FLOWS.importByRoad(), []],
  ['copper concentrate, baseline (release waits for the lab)', FLOWS.copper(), []],
  ['copper concentrate, port + unloading place', FLOWS.copper(), ['port-plus-unloading-place']],
  ['grapes exported under the green channel', FLOWS.grapesExport(), ['green-channel']],
  ['TIR export from Kashgar CBZ', FLOWS.tirExport(), ['tir']],
  ['TIR transit Irkeshtam - Khorgos', FLOWS.transit(), ['tir']],
  ['bonded maintenance', FLOWS.bondedRepair(), ['bonded-maintenance']],
  ['two-step import', FLOWS.importByRoad(), ['two-step-declaration']],
  ['advance declaration', FLOWS.importByRoad(), ['advance-declaration']],
  ['dangerous chemicals exported in batches', reformExample('dangerous-chemicals-batch-inspection'), ['dangerous-chemicals-batch-inspection']],
  ['border mutual trade, graded inspection', reformExample('mutual-trade-tiered-inspection'), ['mutual-trade-tiered-inspection']],
  ['rail import under railway fast clearance', reformExample('railway-fast-clearance'), ['railway-fast-clearance']],
  ['vehicles for bonded storage, "three ones"', reformExample('three-ones-vehicles'), ['three-ones-vehicles']],
  ['copper with third-party inspection', reformExample('third-party-inspection'), ['third-party-inspection']],
];

function autoStory(declaration: Declaration, reforms: string[], options: { plan?: ClearancePlan; id?: string; reformParameters?: Record<string, Record<string, number>> } = {}): Story {
  const { id, ...rest } = options;
  return new Story(lodgeCommand(declaration, { reforms, mode: 'auto', declarationId: id ?? 'DEC-AUTO', ...rest }), LODGED_AT);
}

/** Applies scheduled commands one by one, as the application would. */
function apply(story: Story, until: number, seed: number): DeclarationEvent[] {
  const applied: DeclarationEvent[] = [];
  for (const { atMinutes, command } of dueCommands(story.state, until, seed)) applied.push(...story.when(command, atMinutes));
  return applied;
}

describe('automatic officers', () => {
  describe.each(cases)('given %s lodged in auto mode', (_name, declaration, reforms) => {
    it('when the clock runs to the end, then their commands walk the plan to completion exactly at the executed times', () => {
      for (const seed of [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]) {
        const story = autoStory(declaration, reforms);
        const lodged = story.lodged;
        apply(story, Infinity, seed);
        const state = story.lodged;
        expect(state.status).toBe('completed');
        const walk = executePlan(lodged.plan, declarationStream(seed, 'DEC-AUTO'), lodged.clockZeroMinutes);
        for (const executed of walk) {
          const step = story.step(executed.stepId);
          expect(step.finishMinutes).toBe(executed.finishMinutes);
          expect(step.status).toBe(executed.ran ? 'done' : 'skipped');
          if (executed.ran) expect(step.startMinutes).toBe(executed.startMinutes);
          if (executed.channel) expect(state.channel).toBe(executed.channel);
        }
        const at = (id: string) => walk.find((s) => s.stepId === id)!.finishMinutes;
        expect(story.step(state.plan.releaseStep).finishMinutes).toBe(at(state.plan.releaseStep));
        expect(story.step(state.plan.exitStep).finishMinutes).toBe(at(state.plan.exitStep));
        expect(dueCommands(story.state, Infinity, seed)).toEqual([]);
        expect(nextDueMinutes(story.state, seed)).toBeNull();
      }
    });
  });

  it.each(['green', 'yellow', 'red'] as const)('given every declaration in the %s channel, then the walk still ends exactly at the executed times', (channel) => {
    for (const [declaration, reforms] of [
      [FLOWS.importByRoad(), []],
      [FLOWS.copper(), []],
      [FLOWS.transit(), ['tir']],
    ] as Array<[Declaration, string[]]>) {
      const plan = planFor(declaration, reforms);
      const forced: ClearancePlan = { ...plan, channelRates: { green: 0, yellow: 0, red: 0, [channel]: 1 } };
      const story = autoStory(declaration, reforms, { plan: forced });
      apply(story, Infinity, 8);
      expect(story.lodged).toMatchObject({ status: 'completed', channel });
      const walk = executePlan(forced, declarationStream(8, 'DEC-AUTO'), story.lodged.clockZeroMinutes);
      for (const executed of walk) expect(story.step(executed.stepId).finishMinutes).toBe(executed.finishMinutes);
      expect(story.step('physical-inspection').status).toBe(channel === 'red' ? 'done' : 'skipped');
    }
  });

  it('given the clock advanced in steps, then the events are the same as in one go, each at or before the clock', () => {
    for (const seed of [1, 2, 3]) {
      const once = autoStory(FLOWS.copper(), []);
      apply(once, Infinity, seed);
      const stepped = autoStory(FLOWS.copper(), []);
      let clock = LODGED_AT;
      while (nextDueMinutes(stepped.state, seed) !== null) {
        clock += 6 * 60;
        for (const event of apply(stepped, clock, seed)) expect(event.data.atMinutes).toBeLessThanOrEqual(clock);
      }
      expect(stepped.events).toEqual(once.events);
    }
  });

  it('given the same seed, then the same commands; another seed or another declaration, other ones', () => {
    const state = autoStory(FLOWS.importByRoad(), []).state;
    expect(dueCommands(state, Infinity, 42)).toEqual(dueCommands(state, Infinity, 42));
    expect(dueCommands(state, Infinity, 42)).not.toEqual(dueCommands(state, Infinity, 43));
    expect(dueCommands(autoStory(FLOWS.importByRoad(), [], { id: 'DEC-OTHER' }).state, Infinity, 42)).not.toEqual(dueCommands(state, Infinity, 42));
  });

  it('orders an inspection when it starts and records it when it finishes', () => {
    const story = autoStory(FLOWS.copper(), []);
    const schedule = automaticSchedule(story.lodged, 5);
    const order = schedule.findIndex((c) => c.command.type === 'OrderInspection' && c.command.data.stepId === 'radiation-check');
    const result = schedule.findIndex((c) => c.command.type === 'RecordInspectionResult' && c.command.data.stepId === 'radiation-check');
    expect(order).toBeGreaterThan(-1);
    expect(result).toBeGreaterThan(order);
    for (let i = 1; i < schedule.length; i++) expect(schedule[i].atMinutes).toBeGreaterThanOrEqual(schedule[i - 1].atMinutes);
  });

  it('assigns the channel by the rules and secures a two-step summary by guarantee', () => {
    const story = autoStory(FLOWS.importByRoad(), ['two-step-declaration']);
    const commands = automaticSchedule(story.lodged, 9).map((c) => c.command);
    expect(commands.find((c) => c.type === 'AssignRiskChannel')).toMatchObject({ data: { assignedBy: 'rules' } });
    expect(commands.map((c) => c.type)).toContain('LodgeGuarantee');
    expect(commands.map((c) => c.type)).not.toContain('PayDuties');
  });

  it('given a two-step declaration whose completion comes after the deadline, then they mark it overdue at the deadline, once', () => {
    const plan = planFor(FLOWS.importByRoad(), ['two-step-declaration']);
    const late: ClearancePlan = { ...plan, steps: plan.steps.map((s) => (s.id === 'complete-declaration' ? { ...s, earliestStartMinutes: 15 * DAY } : s)) };
    const story = autoStory(FLOWS.importByRoad(), ['two-step-declaration'], { plan: late, reformParameters: { 'two-step-declaration': { completionDays: 14 } } });
    const events = apply(story, Infinity, 3);
    const overdue = events.filter((e) => e.type === 'TwoStepCompletionOverdue');
    const arrivalStart = story.step('arrival').startMinutes!;
    expect(overdue).toEqual([{ type: 'TwoStepCompletionOverdue', data: { dueMinutes: arrivalStart + 14 * DAY, atMinutes: arrivalStart + 14 * DAY } }]);
    expect(events.at(-1)).toMatchObject({ type: 'TwoStepDeclarationCompleted', data: { late: true } });
    expect(story.lodged.status).toBe('completed');
  });

  it('does nothing for a manual declaration, nor for a held or cancelled one', () => {
    const manual = new Story(lodgeCommand(FLOWS.importByRoad(), { mode: 'manual' }), 0);
    expect(dueCommands(manual.state, Infinity, 1)).toEqual([]);

    const held = autoStory(FLOWS.importByRoad(), []);
    // An officer steps in: a red channel and a failed inspection.
    held.when({ type: 'RecordArrival', data: {} }, LODGED_AT + 10);
    held.when({ type: 'CompleteStep', data: { stepId: 'lodge-declaration' } }, LODGED_AT + 100);
    held.when({ type: 'AssignRiskChannel', data: { channel: 'red' } }, LODGED_AT + 101);
    held.when({ type: 'RecordDocumentaryCheck', data: { passed: true } }, LODGED_AT + 150);
    held.when({ type: 'OrderInspection', data: {} }, LODGED_AT + 151);
    held.when({ type: 'RecordInspectionResult', data: { passed: false } }, LODGED_AT + 200);
    expect(held.lodged.status).toBe('held');
    expect(dueCommands(held.state, Infinity, 1)).toEqual([]);

    const cancelled = autoStory(FLOWS.importByRoad(), []);
    cancelled.when({ type: 'CancelDeclaration', data: { reason: 'duplicate' } }, LODGED_AT + 1);
    expect(dueCommands(cancelled.state, Infinity, 1)).toEqual([]);
  });

  it('leaves out what the state already records', () => {
    const story = autoStory(FLOWS.importByRoad(), []);
    const all = dueCommands(story.state, Infinity, 4);
    const first = all[0];
    const state = decide(story.state, first.command, first.atMinutes).reduce(evolve, story.state) as LodgedDeclaration;
    expect(dueCommands(state, Infinity, 4)).toEqual(all.slice(1));
  });
});
