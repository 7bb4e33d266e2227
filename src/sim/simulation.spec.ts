import fc from 'fast-check';
import { Simulation } from './simulation';

/** A simulation whose handler 0 records (now, arg) of every event it fires. */
function recording() {
  const sim = new Simulation();
  const fired: Array<[number, number]> = [];
  const record = sim.handler((arg) => fired.push([sim.now, arg]));
  return { sim, fired, record };
}

describe('Simulation', () => {
  describe('the agenda order', () => {
    it('fires many events at the same time in insertion order', () => {
      const { sim, fired, record } = recording();
      for (let i = 0; i < 500; i++) sim.schedule(5, record, i);
      for (let i = 500; i < 1000; i++) sim.schedule(0, record, i);
      sim.run();
      expect(fired.map(([, arg]) => arg)).toEqual([...Array.from({ length: 500 }, (_, i) => 500 + i), ...Array.from({ length: 500 }, (_, i) => i)]);
      expect(fired.map(([time]) => time)).toEqual([...new Array<number>(500).fill(0), ...new Array<number>(500).fill(5)]);
    });

    it('fires a lower priority value first at equal times, then in insertion order', () => {
      const { sim, fired, record } = recording();
      sim.schedule(3, record, 1, 1);
      sim.schedule(3, record, 2, 0);
      sim.schedule(3, record, 3, -1);
      sim.schedule(3, record, 4, 1);
      sim.schedule(3, record, 5, 0);
      sim.schedule(2, record, 6, 9);
      sim.run();
      expect(fired.map(([, arg]) => arg)).toEqual([6, 3, 2, 5, 1, 4]);
    });

    it('puts an event scheduled now behind the events already due now, and behind urgent ones', () => {
      const { sim, fired, record } = recording();
      const spawn = sim.handler(() => {
        sim.schedule(sim.now, record, 10);
        sim.schedule(sim.now, record, 11, -1);
        sim.schedule(sim.now, record, 12, 2);
        sim.schedule(sim.now, record, 13);
      });
      sim.schedule(4, spawn);
      sim.schedule(4, record, 1);
      sim.schedule(4, record, 2, 1);
      sim.run();
      // Due at 4 when the spawner ran: 1 (priority 0), 2 (priority 1). Spawned: 11 (-1) beats them all;
      // 10 and 13 (priority 0) follow 1; 2 and 12 (priority 1, 2) come last.
      expect(fired.map(([, arg]) => arg)).toEqual([11, 1, 10, 13, 2, 12]);
    });

    it('agrees with a sorted reference on any mix of times, priorities and events scheduled from handlers', () => {
      type Op = { delay: number; priority: number; children: number };
      const op = fc.record({ delay: fc.constantFrom(0, 0, 1, 2.5, 7), priority: fc.constantFrom(-1, 0, 0, 0, 1), children: fc.nat(2) });

      // Each fired event schedules its `children` next ops of `spawned` at its own time plus their delay.
      const onEngine = (roots: Op[], spawned: Op[]): number[] => {
        const sim = new Simulation();
        const ops: Op[] = [];
        const fired: number[] = [];
        let next = 0;
        const fire = sim.handler((id) => {
          fired.push(id);
          for (let k = 0; k < ops[id].children && next < spawned.length; k++) add(spawned[next++], sim.now);
        });
        const add = (o: Op, from: number) => {
          ops.push(o);
          sim.schedule(from + o.delay, fire, ops.length - 1, o.priority);
        };
        for (const o of roots) add(o, 0);
        sim.run();
        return fired;
      };
      // The reference: a list sorted by (time, priority, sequence) before every step.
      const onReference = (roots: Op[], spawned: Op[]): number[] => {
        const pending: Array<{ time: number; priority: number; id: number; children: number }> = [];
        const fired: number[] = [];
        let ids = 0;
        let next = 0;
        const add = (o: Op, from: number) => pending.push({ time: from + o.delay, priority: o.priority, id: ids++, children: o.children });
        for (const o of roots) add(o, 0);
        while (pending.length > 0) {
          pending.sort((a, b) => a.time - b.time || a.priority - b.priority || a.id - b.id);
          const e = pending.shift()!;
          fired.push(e.id);
          for (let k = 0; k < e.children && next < spawned.length; k++) add(spawned[next++], e.time);
        }
        return fired;
      };

      fc.assert(
        fc.property(fc.array(op, { minLength: 1, maxLength: 60 }), fc.array(op, { maxLength: 40 }), (roots, spawned) => {
          expect(onEngine(roots, spawned)).toEqual(onReference(roots, spawned));
        }),
        { numRuns: 300 },
      );
    });

    it('keeps time order across heap growth', () => {
      const { sim, fired, record } = recording();
      // A deterministic scramble of 20,000 times (a multiplicative walk modulo a prime).
      let x = 1;
      for (let i = 0; i < 20_000; i++) {
        x = (x * 48_271) % 2_147_483_647;
        sim.schedule(x % 10_007, record, i);
      }
      expect(sim.pending).toBe(20_000);
      expect(sim.run()).toBe(20_000);
      const outOfOrder = fired.findIndex(([t1, a1], i) => i > 0 && !(fired[i - 1][0] < t1 || (fired[i - 1][0] === t1 && fired[i - 1][1] < a1)));
      expect(outOfOrder).toBe(-1);
    });
  });

  describe('run(until)', () => {
    it('stops exactly at until: events at until fire, later ones stay pending', () => {
      const { sim, fired, record } = recording();
      for (const t of [1, 10, 10, 10.000001, 20]) sim.schedule(t, record, t);
      expect(sim.run(10)).toBe(3);
      expect(sim.now).toBe(10);
      expect(fired.map(([time]) => time)).toEqual([1, 10, 10]);
      expect(sim.pending).toBe(2);
      expect(sim.nextEventTime).toBe(10.000001);
      expect(sim.run(15)).toBe(1);
      expect(sim.now).toBe(15);
      expect(sim.run()).toBe(1);
      expect(sim.now).toBe(20);
      expect(sim.eventsProcessed).toBe(5);
    });

    it('advances now to until when the agenda empties earlier, and fires events scheduled at until itself', () => {
      const { sim, fired, record } = recording();
      sim.schedule(3, record, 1);
      expect(sim.run(100)).toBe(1);
      expect(sim.now).toBe(100);
      sim.schedule(100, record, 2);
      sim.schedule(100, record, 3, 5);
      expect(sim.run(100)).toBe(2);
      expect(fired).toEqual([
        [3, 1],
        [100, 2],
        [100, 3],
      ]);
      expect(sim.run()).toBe(0);
      expect(sim.now).toBe(100);
    });

    it('fires events scheduled by handlers at until within the same run', () => {
      const { sim, fired, record } = recording();
      const chain = sim.handler((n) => {
        if (n > 0) sim.schedule(sim.now + 5, chain, n - 1);
        else sim.schedule(sim.now, record, 99);
      });
      sim.schedule(0, chain, 2);
      sim.run(10);
      expect(fired).toEqual([[10, 99]]);
    });

    it('refuses to go back in time', () => {
      const { sim, record } = recording();
      sim.run(50);
      expect(() => sim.run(49)).toThrow(RangeError);
      expect(() => sim.run(NaN)).toThrow(RangeError);
      expect(() => sim.schedule(49.5, record)).toThrow(RangeError);
      expect(() => sim.schedule(NaN, record)).toThrow(RangeError);
      expect(() => sim.schedule(Infinity, record)).toThrow(RangeError);
      expect(() => sim.schedule(60, 42)).toThrow(RangeError);
      expect(() => sim.schedule(60, record, 0, NaN)).toThrow(RangeError);
      expect(sim.pending).toBe(0);
    });

    it('returns after the event that calls stop(), with now at its time', () => {
      const { sim, fired, record } = recording();
      const halt = sim.handler(() => sim.stop());
      sim.schedule(1, record, 1);
      sim.schedule(2, halt);
      sim.schedule(2, record, 2);
      sim.schedule(3, record, 3);
      expect(sim.run(10)).toBe(2);
      expect(sim.now).toBe(2);
      expect(sim.run(10)).toBe(2);
      expect(fired.map(([, arg]) => arg)).toEqual([1, 2, 3]);
      expect(sim.now).toBe(10);
    });
  });

  describe('at(): closures', () => {
    it('runs closures in agenda order with the handler events, and recycles their slots', () => {
      const { sim, fired, record } = recording();
      const order: string[] = [];
      sim.at(5, () => order.push('late'), 1);
      sim.at(5, () => order.push('urgent'), -1);
      sim.schedule(5, record, 7);
      sim.at(2, () => sim.at(sim.now, () => order.push(`again at ${sim.now}`)));
      sim.run();
      expect(order).toEqual(['again at 2', 'urgent', 'late']);
      expect(fired).toEqual([[5, 7]]);
      for (let round = 0; round < 3; round++) {
        for (let i = 0; i < 100; i++) sim.at(sim.now + i, () => order.push('x'));
        sim.run();
      }
      expect(order.filter((o) => o === 'x')).toHaveLength(300);
      expect(() => sim.at(sim.now - 1, () => undefined)).toThrow(RangeError);
      expect(sim.pending).toBe(0);
    });
  });
});
