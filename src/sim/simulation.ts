// The engine's clock and agenda, in the shape of SimPy's core (design.md: "a clock, a binary-heap
// agenda ordered by (time, priority, sequence)"): `now`, `schedule`, `run(until)`. Time is simulated
// minutes since the scenario's epoch.
//
// Replay runs millions of events, so the hot path allocates nothing: events are (time, priority,
// sequence, handler, argument) rows in typed arrays, handlers are registered once and called with one
// number (typically an index into the caller's own typed arrays).

export type HandlerId = number;

const INITIAL_CAPACITY = 1024;

/**
 * A discrete-event simulation: an agenda of events ordered by time, then priority (lower value first at
 * equal times, as in SimPy), then insertion order.
 */
export class Simulation {
  private nowMinutes = 0;
  private processed = 0;
  private sequence = 0;
  private stopRequested = false;
  private readonly handlers: Array<(arg: number) => void> = [];

  // The binary heap, one typed array per column, grown by doubling.
  private size = 0;
  private times = new Float64Array(INITIAL_CAPACITY);
  private priorities = new Float64Array(INITIAL_CAPACITY);
  private sequences = new Float64Array(INITIAL_CAPACITY);
  private handlerIds = new Int32Array(INITIAL_CAPACITY);
  private args = new Float64Array(INITIAL_CAPACITY);

  // Events scheduled at `now` with priority 0 (a resource's grant, a step that starts at once) skip the
  // heap: they all share the time and the priority, so their order is their insertion order, and a
  // FIFO keeps it. `run` takes the heap's top first only when it sorts before the FIFO's head.
  private laneHead = 0;
  private laneTail = 0;
  private laneSequences = new Float64Array(INITIAL_CAPACITY);
  private laneHandlerIds = new Int32Array(INITIAL_CAPACITY);
  private laneArgs = new Float64Array(INITIAL_CAPACITY);

  // Closures scheduled with `at`: a slot per pending closure, recycled.
  private readonly actions: Array<(() => void) | undefined> = [];
  private readonly freeActionSlots: number[] = [];
  private readonly runAction: HandlerId;

  constructor() {
    this.runAction = this.handler((slot) => {
      const action = this.actions[slot]!;
      this.actions[slot] = undefined;
      this.freeActionSlots.push(slot);
      action();
    });
  }

  /** Simulated minutes. */
  get now(): number {
    return this.nowMinutes;
  }

  /** Events waiting on the agenda. */
  get pending(): number {
    return this.size + this.laneTail - this.laneHead;
  }

  /** Events processed since the simulation was made. */
  get eventsProcessed(): number {
    return this.processed;
  }

  /** Time of the next event, Infinity when the agenda is empty. */
  get nextEventTime(): number {
    if (this.laneHead < this.laneTail) return this.nowMinutes;
    return this.size > 0 ? this.times[0] : Infinity;
  }

  /** Registers a callback taking one number; returns its id (fast path, no allocation per event). */
  handler(fn: (arg: number) => void): HandlerId {
    this.handlers.push(fn);
    return this.handlers.length - 1;
  }

  /**
   * Schedules handler(arg) at absolute time `time` (minutes, finite, >= now); at equal times a lower
   * `priority` fires first, then the earlier scheduled.
   */
  schedule(time: number, handler: HandlerId, arg = 0, priority = 0): void {
    if (!(time >= this.nowMinutes && time < Infinity)) {
      throw new RangeError(`cannot schedule an event at ${time}: it must be a finite time no earlier than now (${this.nowMinutes})`);
    }
    if (!(handler >= 0 && handler < this.handlers.length && (handler | 0) === handler)) {
      throw new RangeError(`unknown handler id ${handler}`);
    }
    const seq = this.sequence++;
    if (time === this.nowMinutes && priority === 0) {
      this.pushLane(seq, handler, arg);
      return;
    }
    if (priority !== priority) throw new RangeError('priority must be a number, not NaN');
    this.pushHeap(time, priority, seq, handler, arg);
  }

  /** Convenience: runs `action` at time `time` (a closure per event; fine for rare events). */
  at(time: number, action: () => void, priority = 0): void {
    const slot = this.freeActionSlots.length > 0 ? this.freeActionSlots.pop()! : this.actions.length;
    this.actions[slot] = action;
    try {
      this.schedule(time, this.runAction, slot, priority);
    } catch (error) {
      this.actions[slot] = undefined;
      this.freeActionSlots.push(slot);
      throw error;
    }
  }

  /** Makes `run` return after the event being processed; `now` stays at that event's time. */
  stop(): void {
    this.stopRequested = true;
  }

  /**
   * Processes every event with time <= until, in order. Afterwards `now` is `until` when it is finite
   * (even if the agenda emptied earlier), else the time of the last event; after `stop()`, the time of
   * the event that called it. Returns the number of events processed.
   */
  run(until = Infinity): number {
    if (!(until >= this.nowMinutes)) {
      throw new RangeError(`cannot run until ${until}: it must be a time no earlier than now (${this.nowMinutes})`);
    }
    const before = this.processed;
    this.stopRequested = false;
    for (;;) {
      let handler: number;
      let arg: number;
      const head = this.laneHead;
      if (head < this.laneTail && !this.heapTopFiresBeforeLane()) {
        handler = this.laneHandlerIds[head];
        arg = this.laneArgs[head];
        if (head + 1 === this.laneTail) this.laneHead = this.laneTail = 0;
        else this.laneHead = head + 1;
      } else {
        if (this.size === 0) break;
        const time = this.times[0];
        if (time > until) break;
        this.nowMinutes = time;
        handler = this.handlerIds[0];
        arg = this.args[0];
        this.popHeap();
      }
      this.processed++;
      this.handlers[handler](arg);
      if (this.stopRequested) {
        this.stopRequested = false;
        return this.processed - before;
      }
    }
    if (until < Infinity) this.nowMinutes = until;
    return this.processed - before;
  }

  /** With the FIFO non-empty (its events are at now, priority 0): does the heap's top sort before its head? */
  private heapTopFiresBeforeLane(): boolean {
    if (this.size === 0 || this.times[0] !== this.nowMinutes) return false;
    const priority = this.priorities[0];
    return priority < 0 || (priority === 0 && this.sequences[0] < this.laneSequences[this.laneHead]);
  }

  private pushLane(seq: number, handler: number, arg: number): void {
    if (this.laneTail === this.laneSequences.length) this.makeLaneRoom();
    const i = this.laneTail++;
    this.laneSequences[i] = seq;
    this.laneHandlerIds[i] = handler;
    this.laneArgs[i] = arg;
  }

  private pushHeap(time: number, priority: number, seq: number, handler: number, arg: number): void {
    if (this.size === this.times.length) this.growHeap();
    const times = this.times;
    const priorities = this.priorities;
    const sequences = this.sequences;
    const handlerIds = this.handlerIds;
    const args = this.args;
    // Sift the hole up from the bottom; `seq` is the largest so far, so ties on (time, priority) stop.
    let i = this.size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pt = times[parent];
      if (pt < time || (pt === time && priorities[parent] <= priority)) break;
      times[i] = pt;
      priorities[i] = priorities[parent];
      sequences[i] = sequences[parent];
      handlerIds[i] = handlerIds[parent];
      args[i] = args[parent];
      i = parent;
    }
    times[i] = time;
    priorities[i] = priority;
    sequences[i] = seq;
    handlerIds[i] = handler;
    args[i] = arg;
  }

  /** Removes the top: the last row fills the hole sifted down from the root. */
  private popHeap(): void {
    const n = --this.size;
    if (n === 0) return;
    const times = this.times;
    const priorities = this.priorities;
    const sequences = this.sequences;
    const handlerIds = this.handlerIds;
    const args = this.args;
    const time = times[n];
    const priority = priorities[n];
    const seq = sequences[n];
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= n) break;
      const right = child + 1;
      if (right < n) {
        const lt = times[child];
        const rt = times[right];
        if (rt < lt || (rt === lt && (priorities[right] < priorities[child] || (priorities[right] === priorities[child] && sequences[right] < sequences[child])))) {
          child = right;
        }
      }
      const ct = times[child];
      if (ct > time || (ct === time && (priorities[child] > priority || (priorities[child] === priority && sequences[child] > seq)))) break;
      times[i] = ct;
      priorities[i] = priorities[child];
      sequences[i] = sequences[child];
      handlerIds[i] = handlerIds[child];
      args[i] = args[child];
      i = child;
    }
    times[i] = time;
    priorities[i] = priority;
    sequences[i] = seq;
    handlerIds[i] = handlerIds[n];
    args[i] = args[n];
  }

  private growHeap(): void {
    const capacity = this.times.length * 2;
    this.times = grow(this.times, new Float64Array(capacity));
    this.priorities = grow(this.priorities, new Float64Array(capacity));
    this.sequences = grow(this.sequences, new Float64Array(capacity));
    this.handlerIds = grow(this.handlerIds, new Int32Array(capacity));
    this.args = grow(this.args, new Float64Array(capacity));
  }

  /** Slides the FIFO back to the start when its head has passed half of it, else doubles it. */
  private makeLaneRoom(): void {
    const head = this.laneHead;
    if (head >= this.laneSequences.length >> 1) {
      this.laneSequences.copyWithin(0, head, this.laneTail);
      this.laneHandlerIds.copyWithin(0, head, this.laneTail);
      this.laneArgs.copyWithin(0, head, this.laneTail);
      this.laneTail -= head;
      this.laneHead = 0;
      return;
    }
    const capacity = this.laneSequences.length * 2;
    this.laneSequences = grow(this.laneSequences, new Float64Array(capacity));
    this.laneHandlerIds = grow(this.laneHandlerIds, new Int32Array(capacity));
    this.laneArgs = grow(this.laneArgs, new Float64Array(capacity));
  }
}

function grow<T extends Float64Array | Int32Array>(from: T, to: T): T {
  to.set(from);
  return to;
}
