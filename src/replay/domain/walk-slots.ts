// The declarations in progress in a replication, by slot. Replay walks millions of declarations, but
// only the few hundred in progress at a time need their per-step times, so a finished declaration's
// slot, with its Walk and the Walk's per-step arrays, goes to the next declaration that begins instead
// of new ones being allocated: a handful of typed arrays per declaration cost more than walking it and
// kept the garbage collector busy. Memory grows with the declarations in progress, not with those done.

import type { RandomStream } from '../../sim/random';
import type { CompiledPlan } from './compiled-plan';

/** A declaration in progress; its arrays are indexed by plan step and may be longer than the plan. */
export class Walk {
  key = '';
  /** Arrival of the goods, simulated minutes: the clock zero of its plan. */
  zero = 0;
  channelBit = 0;
  counted = false;
  /** True from take() to release(): the declaration is in progress. */
  active = false;
  /** Segment rows of its port and commodity. */
  port = 0;
  commodity = 0;
  stepsLeft = 0;
  /** Per step: predecessors not yet finished. */
  pending: Int32Array;
  readyAt: Float64Array;
  startAt: Float64Array;
  finishAt: Float64Array;
  serviceMinutes: Float64Array;
  /** Per step: 1 when it ran, 0 when it was skipped (or has not been reached yet). */
  ran: Uint8Array;

  constructor(
    public plan: CompiledPlan,
    public stream: RandomStream,
  ) {
    const steps = plan.steps.length;
    this.pending = new Int32Array(steps);
    this.readyAt = new Float64Array(steps);
    this.startAt = new Float64Array(steps);
    this.finishAt = new Float64Array(steps);
    this.serviceMinutes = new Float64Array(steps);
    this.ran = new Uint8Array(steps);
  }
}

export class WalkSlots {
  private readonly walks: Walk[] = [];
  private readonly free: number[] = [];

  /**
   * A slot whose walk is ready to walk `plan` with `stream`: every step pending on its predecessors
   * and not run. The other per-step times are written as the steps are reached, before anything
   * reads them; the caller sets the rest.
   */
  take(plan: CompiledPlan, stream: RandomStream): number {
    const steps = plan.steps.length;
    let slot = this.free.pop();
    if (slot === undefined) {
      slot = this.walks.length;
      this.walks.push(new Walk(plan, stream));
    } else if (this.walks[slot].ran.length < steps) {
      this.walks[slot] = new Walk(plan, stream);
    }
    const walk = this.walks[slot];
    walk.plan = plan;
    walk.stream = stream;
    walk.stepsLeft = steps;
    walk.pending.set(plan.predecessors);
    walk.ran.fill(0, 0, steps);
    walk.active = true;
    return slot;
  }

  get(slot: number): Walk {
    return this.walks[slot];
  }

  /** The declaration in `slot` has finished: its walk may be reused from now on. */
  release(slot: number): void {
    this.walks[slot].active = false;
    this.free.push(slot);
  }

  /** The walks of the declarations still in progress, in slot order. */
  inProgress(): Walk[] {
    return this.walks.filter((walk) => walk.active);
  }
}
