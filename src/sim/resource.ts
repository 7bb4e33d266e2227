// A pool of identical units (document desks, inspection bays, a lab) that requests queue for, in the
// shape of SimPy's PriorityResource: a higher priority is served first (the green channel's farm
// produce overtakes the queue), then the earlier request. With a calendar, units are handed out only
// while the site is open; a request made while it is closed waits for the next opening (a lab closed
// at night holds the evening's samples until morning), and a service already started runs to its end.
//
// Utilisation is busy unit-minutes over available unit-minutes, where a unit is available while the
// site is open and also while it actually works out of hours: a 7x24 request served at night, or a
// service run on past closing, is overtime, and overtime is time the unit was made available. So a
// resource that serves out of hours reads at most 100 %, and its out-of-hours work is counted apart
// (outOfHoursMinutes) for the reader to see how much of the load the opening hours did not cover.

import type { Calendar } from './calendar';
import type { HandlerId, Simulation } from './simulation';
import { RunningStats } from './statistics';

const INITIAL_QUEUE_CAPACITY = 64;

/** A resource's figures since its statistics started (time zero or the end of the warm-up). */
export interface ResourceStatistics {
  /** When the statistics started, minutes. */
  sinceMinutes: number;
  /** Requests granted. */
  served: number;
  /** Unit-minutes in use. */
  busyMinutes: number;
  /** Unit-minutes in use while the calendar said closed (7x24 requests, services run on past closing); 0 without a calendar. */
  outOfHoursMinutes: number;
  /**
   * Unit-minutes available: capacity times the calendar's open minutes, plus the out-of-hours minutes
   * units actually worked. Infinity for an unlimited resource.
   */
  availableMinutes: number;
  /** Sum of the waits (request to grant) of the requests granted, minutes. */
  totalWaitMinutes: number;
  /** NaN when none was granted. */
  meanWaitMinutes: number;
  maxWaitMinutes: number;
  maxQueueLength: number;
  /** Time-average number of waiting requests; NaN over no time. */
  meanQueueLength: number;
  /** Requests waiting when the statistics started. */
  queueAtStart: number;
  /**
   * Busy unit-minutes over available unit-minutes (see availableMinutes), 0..1: busy time outside the
   * opening hours counts on both sides, so it never passes 1. NaN for an unlimited resource or when
   * nothing was available (closed throughout, and no work out of hours).
   */
  utilisation: number;
}

export class Resource {
  private busy = 0;
  /** Requests bound by the calendar, and requests that may be served at any hour (a 7x24 green channel). */
  private readonly queue = new RequestQueue();
  private readonly anyHoursQueue = new RequestQueue();
  /** Arrival order across both queues. */
  private sequence = 0;
  private readonly wakeHandler: HandlerId;
  /** Time of the pending wake-up at the next opening; NaN when none is pending. */
  private wakeAt = NaN;

  private statisticsStart: number;
  private busyArea = 0;
  /** Busy unit-minutes while the calendar said closed. */
  private closedBusyArea = 0;
  private lastBusyChange: number;
  private queueArea = 0;
  private lastQueueChange: number;
  private servedCount = 0;
  private maxQueue = 0;
  private queueAtStart = 0;
  private waitStats = new RunningStats();

  /**
   * `capacity`: units, a positive integer or Infinity (unlimited). `calendar`: when units may be
   * handed out; always when null.
   */
  constructor(
    private readonly sim: Simulation,
    readonly capacity: number,
    readonly calendar: Calendar | null = null,
  ) {
    if (!(capacity === Infinity || (Number.isInteger(capacity) && capacity > 0))) {
      throw new RangeError(`a resource's capacity must be a positive integer or Infinity, not ${capacity}`);
    }
    this.wakeHandler = sim.handler(() => {
      this.wakeAt = NaN;
      if (this.busy < this.capacity && this.queue.size > 0) this.dispatch(this.sim.now);
    });
    this.statisticsStart = this.lastBusyChange = this.lastQueueChange = sim.now;
  }

  /** Units in use (granted and not yet released). */
  get inUse(): number {
    return this.busy;
  }

  /** Requests waiting for a unit. */
  get queueLength(): number {
    return this.queue.size + this.anyHoursQueue.size;
  }

  /** Waits (request to grant, minutes) of the requests granted since the statistics started, mergeable. */
  get waits(): RunningStats {
    return this.waitStats;
  }

  /**
   * Asks for one unit. `handler(arg)` is called through the agenda when the unit is granted: at the
   * current time when a unit is free and the site is open, else when it is its turn (a higher
   * `priority` first, then the earlier request). `anyHours` requests ignore the calendar (a step that
   * runs 7x24 at a site with opening hours). The holder calls `release()` when done.
   */
  request(priority: number, handler: HandlerId, arg = 0, anyHours = false): void {
    if (priority !== priority) throw new RangeError('a request priority must be a number, not NaN');
    const now = this.sim.now;
    const waiting = this.queue.size + this.anyHoursQueue.size;
    if (this.busy < this.capacity && waiting === 0 && (anyHours || this.calendar === null || this.calendar.isOpen(now))) {
      this.grant(handler, arg, now, now);
      return;
    }
    this.queueArea += waiting * (now - this.lastQueueChange);
    this.lastQueueChange = now;
    (anyHours ? this.anyHoursQueue : this.queue).push(priority, this.sequence++, handler, arg, now);
    if (waiting + 1 > this.maxQueue) this.maxQueue = waiting + 1;
    if (this.busy < this.capacity) this.dispatch(now);
  }

  /** Frees a unit and hands it to the next waiting request that may be served now. */
  release(): void {
    if (this.busy === 0) throw new Error('release() without a unit in use');
    const now = this.sim.now;
    this.accrueBusy(now);
    this.busy--;
    if (this.queue.size + this.anyHoursQueue.size > 0) this.dispatch(now);
  }

  /** Starts the statistics afresh at the current time: the end of the warm-up. */
  resetStatistics(): void {
    const now = this.sim.now;
    this.statisticsStart = this.lastBusyChange = this.lastQueueChange = now;
    this.busyArea = 0;
    this.closedBusyArea = 0;
    this.queueArea = 0;
    this.servedCount = 0;
    this.maxQueue = this.queueAtStart = this.queueLength;
    this.waitStats = new RunningStats();
  }

  /** The figures since the statistics started, up to now. */
  statistics(): ResourceStatistics {
    const now = this.sim.now;
    const last = this.lastBusyChange;
    const busyMinutes = this.busyArea + this.busy * (now - last);
    const outOfHoursMinutes = this.closedBusyArea + (this.busy > 0 && now > last ? this.busy * this.closedMinutes(last, now) : 0);
    const queueArea = this.queueArea + this.queueLength * (now - this.lastQueueChange);
    const elapsed = now - this.statisticsStart;
    const openMinutes = this.calendar === null ? elapsed : this.calendar.openMinutesBetween(this.statisticsStart, now);
    const availableMinutes = this.capacity === Infinity ? Infinity : this.capacity * openMinutes + outOfHoursMinutes;
    return {
      sinceMinutes: this.statisticsStart,
      served: this.servedCount,
      busyMinutes,
      outOfHoursMinutes,
      availableMinutes,
      totalWaitMinutes: this.waitStats.sum,
      meanWaitMinutes: this.waitStats.mean,
      maxWaitMinutes: this.waitStats.max,
      maxQueueLength: this.maxQueue,
      meanQueueLength: elapsed > 0 ? queueArea / elapsed : NaN,
      queueAtStart: this.queueAtStart,
      // Busy open minutes never exceed capacity times open minutes, so the ratio is at most 1 but for
      // rounding in the sums, which the cap removes.
      utilisation: availableMinutes > 0 && availableMinutes < Infinity ? Math.min(1, busyMinutes / availableMinutes) : NaN,
    };
  }

  /** Hands free units to waiting requests, best first among those that may be served now; else waits for the opening. */
  private dispatch(now: number): void {
    const open = this.calendar === null || this.calendar.isOpen(now);
    const queue = this.queue;
    const anyHours = this.anyHoursQueue;
    while (this.busy < this.capacity) {
      let from: RequestQueue;
      if (open && queue.size > 0) from = anyHours.size > 0 && anyHours.topBefore(queue) ? anyHours : queue;
      else if (anyHours.size > 0) from = anyHours;
      else break;
      this.queueArea += (queue.size + anyHours.size) * (now - this.lastQueueChange);
      this.lastQueueChange = now;
      const handler = from.topHandler();
      const arg = from.topArg();
      const requestedAt = from.topRequestedAt();
      from.pop();
      this.grant(handler, arg, requestedAt, now);
    }
    if (!open && queue.size > 0 && this.busy < this.capacity) this.wakeAtOpening(now);
  }

  private grant(handler: HandlerId, arg: number, requestedAt: number, now: number): void {
    this.accrueBusy(now);
    this.busy++;
    this.servedCount++;
    this.waitStats.add(now - requestedAt);
    this.sim.schedule(now, handler, arg);
  }

  /** Adds the busy unit-minutes since the last change of `busy`, and those of them outside the opening hours. */
  private accrueBusy(now: number): void {
    const last = this.lastBusyChange;
    if (this.busy > 0 && now > last) {
      this.busyArea += this.busy * (now - last);
      if (this.calendar !== null) this.closedBusyArea += this.busy * this.closedMinutes(last, now);
    }
    this.lastBusyChange = now;
  }

  /** Minutes in [from, to) at which the calendar says closed. */
  private closedMinutes(from: number, to: number): number {
    return this.calendar === null ? 0 : to - from - this.calendar.openMinutesBetween(from, to);
  }

  private wakeAtOpening(now: number): void {
    const opening = this.calendar!.nextOpening(now);
    // Never opening again: the requests wait for ever, as they would at a closed site.
    if (opening === Infinity || opening === this.wakeAt) return;
    this.wakeAt = opening;
    this.sim.schedule(opening, this.wakeHandler);
  }
}

/** The waiting requests: a binary heap on (priority descending, arrival order), in typed arrays. */
class RequestQueue {
  size = 0;
  private priorities = new Float64Array(INITIAL_QUEUE_CAPACITY);
  private sequences = new Float64Array(INITIAL_QUEUE_CAPACITY);
  private handlers = new Int32Array(INITIAL_QUEUE_CAPACITY);
  private args = new Float64Array(INITIAL_QUEUE_CAPACITY);
  private requestedAt = new Float64Array(INITIAL_QUEUE_CAPACITY);

  topHandler(): number {
    return this.handlers[0];
  }

  topArg(): number {
    return this.args[0];
  }

  topRequestedAt(): number {
    return this.requestedAt[0];
  }

  /** True when this queue's top is served before `other`'s (both non-empty). */
  topBefore(other: RequestQueue): boolean {
    const p = this.priorities[0];
    const q = other.priorities[0];
    return p > q || (p === q && this.sequences[0] < other.sequences[0]);
  }

  /** `seq` orders equal priorities: lower first; each push brings a larger one. */
  push(priority: number, seq: number, handler: number, arg: number, requestedAt: number): void {
    if (this.size === this.priorities.length) this.grow();
    let i = this.size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      // The parent came earlier, so an equal priority stays above.
      if (this.priorities[parent] >= priority) break;
      this.move(parent, i);
      i = parent;
    }
    this.set(i, priority, seq, handler, arg, requestedAt);
  }

  pop(): void {
    const n = --this.size;
    if (n === 0) return;
    const priority = this.priorities[n];
    const seq = this.sequences[n];
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= n) break;
      if (child + 1 < n && this.before(child + 1, child)) child++;
      const cp = this.priorities[child];
      if (cp < priority || (cp === priority && this.sequences[child] > seq)) break;
      this.move(child, i);
      i = child;
    }
    this.set(i, priority, seq, this.handlers[n], this.args[n], this.requestedAt[n]);
  }

  private before(a: number, b: number): boolean {
    const pa = this.priorities[a];
    const pb = this.priorities[b];
    return pa > pb || (pa === pb && this.sequences[a] < this.sequences[b]);
  }

  private move(from: number, to: number): void {
    this.priorities[to] = this.priorities[from];
    this.sequences[to] = this.sequences[from];
    this.handlers[to] = this.handlers[from];
    this.args[to] = this.args[from];
    this.requestedAt[to] = this.requestedAt[from];
  }

  private set(i: number, priority: number, seq: number, handler: number, arg: number, requestedAt: number): void {
    this.priorities[i] = priority;
    this.sequences[i] = seq;
    this.handlers[i] = handler;
    this.args[i] = arg;
    this.requestedAt[i] = requestedAt;
  }

  private grow(): void {
    const capacity = this.priorities.length * 2;
    const widen = <T extends Float64Array | Int32Array>(from: T, to: T): T => {
      to.set(from);
      return to;
    };
    this.priorities = widen(this.priorities, new Float64Array(capacity));
    this.sequences = widen(this.sequences, new Float64Array(capacity));
    this.handlers = widen(this.handlers, new Int32Array(capacity));
    this.args = widen(this.args, new Float64Array(capacity));
    this.requestedAt = widen(this.requestedAt, new Float64Array(capacity));
  }
}
