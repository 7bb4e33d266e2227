// How a declaration walks its plan without queueing: the single definition that the live lifecycle's
// automatic officers follow and that the replay engine is tested against (design.md, "two ways to
// execute a plan, one model"). Resources are unlimited and sites never close here; queueing and
// opening hours are replay's business.
//
// Every draw comes from its own named fork of the declaration's stream (the channel; whether each
// step runs; each step's duration), so the same declaration and seed give the same walk whatever
// else was executed, and two plans of the same declaration (two reform options) share their draws
// step by step (common random numbers).

import { type ForkLabel, RandomStream, forkLabel, sampleMinutes } from '../../sim/random';
import { CHANNELS, type Channel, type ChannelProbabilities, type ClearancePlan, type PlanStep } from './plan';

export interface ExecutedStep {
  stepId: string;
  /** False when the channel excluded the step or its own probability draw failed. */
  ran: boolean;
  /** The drawn channel, on the risk-decision step(s) only. */
  channel?: Channel;
  /** Simulated minutes. A skipped step starts and finishes when its predecessors have finished. */
  startMinutes: number;
  finishMinutes: number;
}

/** The stream of one declaration under a seed: what the automatic officers and replay execute it with. */
export function declarationStream(seed: number | string, declarationKey: string): RandomStream {
  return new RandomStream(seed, 'declaration', declarationKey);
}

/** True for the step that decides the risk channel (electronic review, or the rail manifest review). */
export function isRiskDecision(step: PlanStep): boolean {
  return step.interval === 'risk-decision';
}

/** The channel for a uniform draw `u` in [0, 1): green, yellow, red by their cumulative rates. */
export function channelFor(rates: ChannelProbabilities, u: number): Channel {
  let cumulative = 0;
  for (const channel of CHANNELS) {
    cumulative += rates[channel];
    if (u < cumulative) return channel;
  }
  // Rates that add up to a hair under 1: the last channel that can happen at all.
  return [...CHANNELS].reverse().find((c) => rates[c] > 0) ?? 'green';
}

const CHANNEL_LABEL = forkLabel('channel');

interface StepLabels {
  runs: ForkLabel;
  duration: ForkLabel;
}

// Fork labels per step id, hashed once: replay forks every declaration's stream for each of its steps.
// Step ids come from the rules and seeds, a small fixed vocabulary, so the map stays small.
const stepLabels = new Map<string, StepLabels>();

function labelsOf(stepId: string): StepLabels {
  let labels = stepLabels.get(stepId);
  if (labels === undefined) {
    labels = { runs: forkLabel('step', stepId, 'runs'), duration: forkLabel('step', stepId, 'duration') };
    stepLabels.set(stepId, labels);
  }
  return labels;
}

/** The declaration's channel under its plan, from the stream's own 'channel' fork. */
export function drawChannel(plan: ClearancePlan, stream: RandomStream): Channel {
  return channelFor(plan.channelRates, stream.fork(CHANNEL_LABEL).next());
}

/** Whether a step whose channel allows it runs, from the step's own 'runs' fork (no draw when it always runs). */
export function drawStepRuns(step: PlanStep, stream: RandomStream): boolean {
  if (step.probability >= 1) return true;
  if (step.probability <= 0) return false;
  return stream.fork(labelsOf(step.id).runs).next() < step.probability;
}

/** The step's duration in minutes, from the step's own 'duration' fork. */
export function drawStepMinutes(step: PlanStep, stream: RandomStream): number {
  return sampleMinutes(step.duration, stream.fork(labelsOf(step.id).duration).uniform);
}

/**
 * Executes `plan` with unlimited resources from clock zero (the goods' arrival) at `zeroMinutes`.
 * A step starts when all its predecessors have finished, and not before zero plus its
 * `earliestStartMinutes`; it runs if its channels include the drawn channel and its probability draw
 * succeeds. Returns every step in completion order, ties in plan order.
 */
export function executePlan(plan: ClearancePlan, stream: RandomStream, zeroMinutes: number): ExecutedStep[] {
  const channel = drawChannel(plan, stream);
  const finish = new Map<string, number>();
  const executed: Array<ExecutedStep & { index: number }> = plan.steps.map((step, index) => {
    const ready = step.after.length === 0 ? null : Math.max(...step.after.map((id) => finish.get(id)!));
    const runs = (step.channels === null || step.channels.includes(channel)) && drawStepRuns(step, stream);
    let startMinutes: number;
    let finishMinutes: number;
    if (runs) {
      startMinutes = Math.max(ready ?? -Infinity, zeroMinutes + step.earliestStartMinutes);
      finishMinutes = startMinutes + drawStepMinutes(step, stream);
    } else {
      startMinutes = finishMinutes = ready ?? zeroMinutes + step.earliestStartMinutes;
    }
    finish.set(step.id, finishMinutes);
    return { index, stepId: step.id, ran: runs, ...(isRiskDecision(step) ? { channel } : {}), startMinutes, finishMinutes };
  });
  executed.sort((a, b) => a.finishMinutes - b.finishMinutes || a.index - b.index);
  return executed.map(({ index: _index, ...step }) => step);
}
