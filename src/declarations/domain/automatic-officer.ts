// The automatic officers of the sandbox (issue 4, "Sandbox clock and automatic officers"): for a
// declaration lodged in `auto` mode they issue, as the tenant's simulated clock passes, the commands
// that walk it along its plan. What they do and when is `executePlan` with the declaration's own
// stream (seed, declaration id) from the plan's clock zero, so applying their commands in order
// through decide/evolve puts every step, release and exit exactly at the executed times, and the
// replay engine, tested against executePlan, agrees with them.
//
// They record passing results: failed checks, holds and rejections come from people (trainees,
// officer-role keys), never from the automatic officers.

import type { PlanStep } from '../../planning/domain/plan';
import { type ExecutedStep, declarationStream, executePlan } from '../../planning/domain/plan-execution';
import type { DeclarationCommand } from './declaration.commands';
import type { DeclarationState, LodgedDeclaration, StepRole } from './declaration.state';

export interface ScheduledCommand {
  /** Simulated minute at which to decide the command (the `now` given to decide). */
  atMinutes: number;
  command: DeclarationCommand;
}

const MINUTES_PER_DAY = 24 * 60;

/**
 * The commands the automatic officers issue for `state` up to and including `untilMinutes`, in the
 * order to apply them, leaving out what the state already records. Empty for manual declarations
 * and for cancelled, rejected or held ones. Same state and seed, same commands.
 */
export function dueCommands(state: DeclarationState, untilMinutes: number, seed: number | string): ScheduledCommand[] {
  if (state.kind === 'none' || state.mode !== 'auto' || state.closure || state.hold) return [];
  return automaticSchedule(state, seed).filter((c) => c.atMinutes <= untilMinutes && !alreadyRecorded(state, c.command));
}

/** The simulated minute of the next command the automatic officers will issue, or null when they are done. */
export function nextDueMinutes(state: DeclarationState, seed: number | string): number | null {
  return dueCommands(state, Infinity, seed)[0]?.atMinutes ?? null;
}

/** The automatic officers' whole walk of a declaration, from lodgement to its last step. */
export function automaticSchedule(state: LodgedDeclaration, seed: number | string): ScheduledCommand[] {
  const plan = state.plan;
  const walk = executePlan(plan, declarationStream(seed, state.declarationId), state.clockZeroMinutes);
  const channel = walk.find((s) => s.channel !== undefined)?.channel ?? null;
  const index = new Map(plan.steps.map((s, i) => [s.id, i]));
  const roleOf = (id: string): StepRole => state.steps[index.get(id)!].role;
  const planStep = (id: string): PlanStep => plan.steps[index.get(id)!];

  // Inspections are ordered when they start and recorded when they finish.
  const starts = walk
    .filter((s) => s.ran && roleOf(s.stepId) === 'inspection')
    .sort((a, b) => a.startMinutes - b.startMinutes || index.get(a.stepId)! - index.get(b.stepId)!)
    .map((s) => ({ step: s, item: { atMinutes: s.startMinutes, command: { type: 'OrderInspection', data: { stepId: s.stepId } } } as ScheduledCommand }));

  const schedule: ScheduledCommand[] = [];
  const finished = new Set<string>();
  // A start at the same minute as a finish comes after it only if it waits for that step.
  const flushStartsBefore = (minutes: number) => {
    let progress = true;
    while (progress) {
      progress = false;
      for (let i = 0; i < starts.length; i++) {
        const { step, item } = starts[i];
        const ready = item.atMinutes < minutes || (item.atMinutes === minutes && planStep(step.stepId).after.every((id) => finished.has(id)));
        if (!ready) continue;
        schedule.push(item);
        starts.splice(i, 1);
        progress = true;
        break;
      }
    }
  };

  for (const step of walk) {
    flushStartsBefore(step.finishMinutes);
    const command = finishCommand(state, step, planStep(step.stepId), roleOf(step.stepId), channel);
    if (command) schedule.push({ atMinutes: step.finishMinutes, command });
    finished.add(step.stepId);
  }
  flushStartsBefore(Infinity);

  const two = state.twoStep;
  const completion = walk.find((s) => roleOf(s.stepId) === 'completion');
  if (two && completion) {
    const arrival = walk.find((s) => s.stepId === 'arrival');
    const dueMinutes = arrival ? arrival.startMinutes + two.completionDays * MINUTES_PER_DAY : two.dueMinutes;
    if (completion.finishMinutes > dueMinutes) {
      const at = schedule.findIndex((c) => c.atMinutes > dueMinutes);
      schedule.splice(at < 0 ? schedule.length : at, 0, { atMinutes: dueMinutes, command: { type: 'MarkTwoStepOverdue', data: {} } });
    }
  }
  return schedule;
}

/** The command that ends an executed step; null for a step the channel excluded (the channel decision skips it). */
function finishCommand(state: LodgedDeclaration, step: ExecutedStep, planned: PlanStep, role: StepRole, channel: ExecutedStep['channel'] | null): DeclarationCommand | null {
  const stepId = step.stepId;
  if (!step.ran) {
    if (planned.channels !== null && channel && !planned.channels.includes(channel)) return null;
    return { type: 'SkipStep', data: { stepId, reason: `not needed this time (${planned.condition})` } };
  }
  const work = { stepId, startedAtMinutes: step.startMinutes };
  switch (role) {
    case 'arrival':
      return { type: 'RecordArrival', data: work };
    case 'risk-decision':
      return { type: 'AssignRiskChannel', data: { ...work, channel: step.channel!, assignedBy: 'rules' } };
    case 'documentary-check':
      return { type: 'RecordDocumentaryCheck', data: { ...work, passed: true } };
    case 'inspection':
      return { type: 'RecordInspectionResult', data: { stepId, passed: true } };
    case 'sampling':
      return { type: 'TakeSample', data: work };
    case 'lab':
      return { type: 'RecordLabResult', data: { ...work, passed: true } };
    case 'payment':
      // A two-step summary quotes a guarantee filing number: duties are secured, paid on completion [S73].
      return state.procedure === 'two-step' ? { type: 'LodgeGuarantee', data: work } : { type: 'PayDuties', data: work };
    case 'guarantee':
      return { type: 'LodgeGuarantee', data: work };
    case 'release':
      return { type: 'ReleaseGoods', data: work };
    case 'exit':
      return { type: 'RecordExit', data: work };
    case 'transit-start':
      return { type: 'StartTransit', data: work };
    case 'transit-end':
      return { type: 'EndTransit', data: work };
    case 'completion':
      return { type: 'CompleteTwoStepDeclaration', data: work };
    case 'other':
      return { type: 'CompleteStep', data: work };
  }
}

function alreadyRecorded(state: LodgedDeclaration, command: DeclarationCommand): boolean {
  if (command.type === 'MarkTwoStepOverdue') return state.twoStep === null || state.twoStep.overdueMinutes !== null || state.twoStep.completedMinutes !== null;
  const stepId = 'stepId' in command.data ? command.data.stepId : undefined;
  const step = state.steps.find((s) => s.stepId === stepId);
  if (!step) return false;
  if (command.type === 'OrderInspection') return step.status !== 'pending' && step.status !== 'ready';
  return step.status === 'done' || step.status === 'skipped';
}
