import fc from 'fast-check';
import { Calendar as SiteCalendar } from './calendar';
import { RandomStream, forkLabel } from './random';
import { Resource } from './resource';
import { Simulation } from './simulation';
import { confidenceInterval95 } from './statistics';

const DAY = 1440;
const MONDAY = '2024-01-01';
const at = (day: number, hh: number, mm = 0) => day * DAY + hh * 60 + mm;

/**
 * A resource whose holders each keep their unit `hold[i]` minutes; records (request i, grant time) in
 * grant order and the most units ever held at once.
 */
/** Opening hours drawn by a property test: these weekdays, from `opens` o'clock for `length` hours. */
function weeklyCalendar(hours: { weekdays: number[]; opens: number; length: number }): SiteCalendar {
  const clock = (h: number) => `${String(h % 24).padStart(2, '0')}:00`;
  return new SiteCalendar({ allDay: false, weekdays: hours.weekdays, opens: clock(hours.opens), closes: clock(hours.opens + hours.length) }, MONDAY);
}

function pool(capacity: number, hold: (i: number) => number, calendar: Resource['calendar'] = null) {
  const sim = new Simulation();
  const resource = new Resource(sim, capacity, calendar);
  const grants: Array<[number, number]> = [];
  let holding = 0;
  let maxHolding = 0;
  const done = sim.handler(() => {
    holding--;
    resource.release();
  });
  const granted = sim.handler((i) => {
    grants.push([i, sim.now]);
    holding++;
    maxHolding = Math.max(maxHolding, holding);
    expect(resource.inUse).toBeLessThanOrEqual(capacity);
    sim.schedule(sim.now + hold(i), done, i);
  });
  const request = (time: number, i: number, priority = 0, anyHours = false) => sim.at(time, () => resource.request(priority, granted, i, anyHours));
  return { sim, resource, grants, request, maxHolding: () => maxHolding };
}

describe('Resource', () => {
  it('grants a free unit through the agenda at the current time, not inside request()', () => {
    const { sim, resource, grants } = pool(1, () => 5);
    const granted = sim.handler((i) => grants.push([i, sim.now]));
    resource.request(0, granted, 7);
    expect(grants).toEqual([]);
    expect(resource.inUse).toBe(1);
    sim.run(0);
    expect(grants).toEqual([[7, 0]]);
  });

  it('serves at most its capacity at once, first come first served', () => {
    const { sim, grants, request, resource } = pool(2, () => 10);
    for (let i = 0; i < 5; i++) request(0, i);
    sim.run();
    expect(grants).toEqual([
      [0, 0],
      [1, 0],
      [2, 10],
      [3, 10],
      [4, 20],
    ]);
    expect(resource.inUse).toBe(0);
    // Waits 0, 0, 10, 10, 20.
    expect(resource.statistics()).toMatchObject({ served: 5, maxQueueLength: 3, meanWaitMinutes: 8, totalWaitMinutes: 40, maxWaitMinutes: 20 });
    expect(resource.waits.count).toBe(5);
  });

  it('serves a higher priority first (the green channel overtakes the queue), then arrival order', () => {
    const { sim, grants, request } = pool(1, () => 10);
    request(0, 0);
    request(1, 1, 1);
    request(2, 2, 5);
    request(3, 3, 3);
    request(4, 4, 5);
    request(5, 5, 1);
    sim.run();
    expect(grants.map(([i]) => i)).toEqual([0, 2, 4, 3, 1, 5]);
  });

  it('never reads above 100 % utilisation, whatever the calendar, capacity and mix of 7x24 requests (property)', () => {
    const request = fc.record({ time: fc.integer({ min: 0, max: 3 * DAY }), hold: fc.integer({ min: 1, max: 600 }), anyHours: fc.boolean() });
    const weekly = fc.record({
      weekdays: fc.subarray([1, 2, 3, 4, 5, 6, 7], { minLength: 1 }),
      opens: fc.integer({ min: 0, max: 23 }),
      length: fc.integer({ min: 1, max: 23 }),
      // Statistics from the start, or restarted part-way (the end of a warm-up).
      resetAt: fc.option(fc.integer({ min: 0, max: 2 * DAY })),
    });
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 4 }), fc.array(request, { minLength: 1, maxLength: 60 }), weekly, (capacity, requests, hours) => {
        const calendar = weeklyCalendar(hours);
        const p = pool(capacity, (i) => requests[i].hold, calendar);
        requests.forEach((r, i) => p.request(r.time, i, 0, r.anyHours));
        if (hours.resetAt !== null) p.sim.at(hours.resetAt, () => p.resource.resetStatistics());
        // Stop part-way, with services running, and then at the end.
        for (const until of [2 * DAY + 7, 5 * DAY]) {
          p.sim.run(until);
          const stats = p.resource.statistics();
          const since = stats.sinceMinutes;
          const open = calendar.openMinutesBetween(since, until);
          // Busy open minutes fit in the open time; the rest was worked out of hours, and counts as available.
          expect(stats.busyMinutes - stats.outOfHoursMinutes).toBeLessThanOrEqual(capacity * open + 1e-6);
          expect(stats.outOfHoursMinutes).toBeGreaterThanOrEqual(-1e-6);
          expect(stats.outOfHoursMinutes).toBeLessThanOrEqual(capacity * (until - since - open) + 1e-6);
          expect(stats.availableMinutes).toBeCloseTo(capacity * open + stats.outOfHoursMinutes, 6);
          if (stats.availableMinutes > 0) {
            expect(stats.utilisation).toBeLessThanOrEqual(1);
            expect(stats.utilisation).toBeCloseTo(Math.min(1, stats.busyMinutes / stats.availableMinutes), 9);
          } else {
            expect(stats.utilisation).toBeNaN();
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('never serves above capacity, serves every request, and only 7x24 ones while closed, whatever the requests (property)', () => {
    const request = fc.record({
      time: fc.integer({ min: 0, max: 60 }),
      hold: fc.integer({ min: 0, max: 15 }),
      priority: fc.integer({ min: -2, max: 2 }),
      anyHours: fc.boolean(),
    });
    const weekly = fc.record({ weekdays: fc.subarray([1, 2, 3, 4, 5, 6, 7], { minLength: 1 }), opens: fc.integer({ min: 0, max: 23 }), length: fc.integer({ min: 1, max: 24 }) });
    fc.assert(
      fc.property(fc.constantFrom(1, 2, 3, 5, Infinity), fc.array(request, { maxLength: 40 }), fc.option(weekly), (capacity, requests, hours) => {
        const calendar = hours === null ? null : weeklyCalendar(hours);
        const p = pool(capacity, (i) => requests[i].hold, calendar);
        requests.forEach((r, i) => p.request(r.time * 37, i, r.priority, r.anyHours));
        p.sim.run();
        expect(p.maxHolding()).toBeLessThanOrEqual(capacity);
        expect(p.grants).toHaveLength(requests.length);
        expect(p.resource.inUse).toBe(0);
        expect(p.resource.queueLength).toBe(0);
        for (const [i, time] of p.grants) {
          expect(time).toBeGreaterThanOrEqual(requests[i].time * 37);
          if (calendar !== null && !requests[i].anyHours) expect(calendar.isOpen(time)).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  describe('given a lab open Monday to Friday, 08:00-18:00', () => {
    const lab = () => new SiteCalendar({ allDay: false, weekdays: [1, 2, 3, 4, 5], opens: '08:00', closes: '18:00' }, MONDAY);

    it('then a sample that arrives at 20:00 waits for the next opening, and Friday evening waits for Monday', () => {
      const { sim, grants, request } = pool(1, () => 30, lab());
      request(at(0, 20), 0);
      request(at(4, 20), 1);
      sim.run();
      expect(grants).toEqual([
        [0, at(1, 8)],
        [1, at(7, 8)],
      ]);
    });

    it('then a service started before closing runs to its end, and the queue behind it waits for the morning', () => {
      const { sim, grants, request, resource } = pool(1, () => 30, lab());
      request(at(0, 17, 50), 0);
      request(at(0, 17, 55), 1);
      request(at(0, 19), 2, 9);
      request(at(1, 8), 3, 5);
      sim.run(2 * DAY);
      // At Tuesday's opening the waiting priority-9 sample goes first, then priority 5 (arrived at the
      // opening itself), then the 17:55 one.
      expect(grants).toEqual([
        [0, at(0, 17, 50)],
        [2, at(1, 8)],
        [3, at(1, 8, 30)],
        [1, at(1, 9)],
      ]);
      // Busy 30 minutes on Monday (20 of them after closing) and 90 on Tuesday; open 600 minutes a
      // day, and the 20 minutes worked after closing were available too.
      expect(resource.statistics()).toMatchObject({ busyMinutes: 120, outOfHoursMinutes: 20, availableMinutes: 1220 });
      expect(resource.statistics().utilisation).toBeCloseTo(120 / 1220, 12);
    });

    it('then a 7x24 request is served while the lab is closed, and the others still wait for the morning', () => {
      const { sim, grants, request } = pool(1, () => 30, lab());
      request(at(0, 19), 0);
      request(at(0, 20), 1, 0, true);
      request(at(0, 20, 10), 2, 0, true);
      request(at(0, 21), 3, 9);
      sim.run(2 * DAY);
      expect(grants).toEqual([
        [1, at(0, 20)],
        [2, at(0, 20, 30)],
        [3, at(1, 8)],
        [0, at(1, 8, 30)],
      ]);
    });

    it('then night work counts as both busy and available time: a lab busy every open minute and at night reads 100 %, not more', () => {
      // One 7x24 sample every 30 minutes, each held 30 minutes: busy around the clock for two days.
      const { sim, request, resource } = pool(1, () => 30, lab());
      for (let i = 0; i < 96; i++) request(i * 30, i, 0, true);
      sim.run(2 * DAY);
      const stats = resource.statistics();
      // Open 600 minutes a day; the other 840 a day were worked out of hours.
      expect(stats).toMatchObject({ busyMinutes: 2 * DAY, outOfHoursMinutes: 2 * 840, availableMinutes: 2 * DAY, utilisation: 1 });
    });

    it('then a quiet night shift adds only the minutes it worked to the available time', () => {
      // Monday: busy 09:00-13:00 (open), and one 7x24 request served 22:00-22:30 (closed).
      const { sim, request, resource } = pool(1, (i) => (i === 0 ? 240 : 30), lab());
      request(at(0, 9), 0);
      request(at(0, 22), 1, 0, true);
      sim.run(DAY);
      const stats = resource.statistics();
      expect(stats).toMatchObject({ busyMinutes: 270, outOfHoursMinutes: 30, availableMinutes: 630 });
      expect(stats.utilisation).toBeCloseTo(270 / 630, 12);
    });

    it('then, open, a 7x24 request and a calendar-bound one queue together by priority and arrival', () => {
      const { sim, grants, request } = pool(1, () => 10, lab());
      request(at(0, 9), 0);
      request(at(0, 9, 1), 1, 2);
      request(at(0, 9, 2), 2, 2, true);
      request(at(0, 9, 3), 3, 3, true);
      request(at(0, 9, 4), 4, 1);
      sim.run(DAY);
      expect(grants.map(([i]) => i)).toEqual([0, 3, 1, 2, 4]);
    });
  });

  it('counts the warm-up out after resetStatistics()', () => {
    const { sim, request, resource } = pool(1, () => 10);
    for (let i = 0; i < 4; i++) request(0, i);
    sim.run(15);
    resource.resetStatistics();
    expect(resource.statistics()).toMatchObject({ sinceMinutes: 15, served: 0, maxQueueLength: 2, busyMinutes: 0, totalWaitMinutes: 0 });
    expect(resource.statistics().meanWaitMinutes).toBeNaN();
    sim.run();
    // Granted after the reset: at 20 (waited 20) and at 30 (waited 30); busy from 15 to 40; two wait
    // from 15 to 20 and one from 20 to 30.
    const stats = resource.statistics();
    expect(stats).toMatchObject({ served: 2, meanWaitMinutes: 25, busyMinutes: 25, utilisation: 1, queueAtStart: 2, outOfHoursMinutes: 0 });
    expect(stats.meanQueueLength).toBeCloseTo((2 * 5 + 1 * 10) / 25, 12);
  });

  it('never queues when unlimited, and has no utilisation', () => {
    const { sim, grants, request, resource } = pool(Infinity, () => 10);
    for (let i = 0; i < 1000; i++) request(i % 3, i);
    sim.run();
    expect(grants.every(([i, time]) => time === i % 3)).toBe(true);
    expect(resource.statistics().maxQueueLength).toBe(0);
    expect(resource.statistics().utilisation).toBeNaN();
  });

  it('refuses a capacity that is not a positive integer, and a release without a unit', () => {
    const sim = new Simulation();
    for (const capacity of [0, -1, 1.5, NaN]) expect(() => new Resource(sim, capacity)).toThrow(RangeError);
    expect(() => new Resource(sim, 1).release()).toThrow(/release/);
  });

  describe('given an M/M/3 queue at load 0.8', () => {
    /** Erlang C: the probability that an arrival waits in an M/M/c queue with offered load a = lambda / mu. */
    const erlangC = (c: number, a: number) => {
      let term = 1;
      let sum = 0;
      for (let k = 0; k < c; k++) {
        sum += term;
        term *= a / (k + 1);
      }
      const waiting = (term * c) / (c - a);
      return waiting / (sum + waiting);
    };
    const SERVERS = 3;
    const SERVICE_MEAN = 10;
    const ARRIVAL_RATE = (0.8 * SERVERS) / SERVICE_MEAN;

    /** One replication after a warm-up: the mean wait in queue, the share that waited, the utilisation. */
    function replicate(replication: number) {
      const WARM_UP = 2_000;
      const sim = new Simulation();
      const desk = new Resource(sim, SERVERS);
      const root = new RandomStream(20240601, 'mmc', replication);
      const arrivals = root.fork(forkLabel('arrivals'));
      const services = root.fork(forkLabel('services'));
      const exponential = (stream: RandomStream, mean: number) => -mean * Math.log(1 - stream.next());
      let started = 0;
      let waited = 0;
      const done = sim.handler(() => desk.release());
      // The argument is the time of the request.
      const start = sim.handler((requestedAt) => {
        if (sim.now >= WARM_UP) {
          started++;
          if (sim.now > requestedAt) waited++;
        }
        sim.schedule(sim.now + exponential(services, SERVICE_MEAN), done);
      });
      const arrive = sim.handler(() => {
        desk.request(0, start, sim.now);
        sim.schedule(sim.now + exponential(arrivals, 1 / ARRIVAL_RATE), arrive);
      });
      sim.schedule(0, arrive);
      sim.run(WARM_UP);
      desk.resetStatistics();
      sim.run(WARM_UP + 50_000);
      const stats = desk.statistics();
      expect(stats.served).toBe(started);
      return { meanWait: stats.meanWaitMinutes, shareWaited: waited / started, utilisation: stats.utilisation, served: stats.served };
    }

    it('then the mean wait in queue (and the share that waits) match the Erlang C formula within their 95 % confidence intervals', () => {
      const runs = Array.from({ length: 20 }, (_, r) => replicate(r));
      const a = ARRIVAL_RATE * SERVICE_MEAN;
      const wq = erlangC(SERVERS, a) / (SERVERS / SERVICE_MEAN - ARRIVAL_RATE);
      expect(wq).toBeCloseTo(10.787, 3);
      const wait = confidenceInterval95(runs.map((r) => r.meanWait));
      expect(wait.ci95![0]).toBeLessThanOrEqual(wq);
      expect(wait.ci95![1]).toBeGreaterThanOrEqual(wq);
      // The interval is tight enough for the check to mean something.
      expect(wait.ci95![1] - wait.ci95![0]).toBeLessThan(0.2 * wq);
      const shareWaited = confidenceInterval95(runs.map((r) => r.shareWaited));
      expect(shareWaited.ci95![0]).toBeLessThanOrEqual(erlangC(SERVERS, a));
      expect(shareWaited.ci95![1]).toBeGreaterThanOrEqual(erlangC(SERVERS, a));
      const utilisation = confidenceInterval95(runs.map((r) => r.utilisation));
      expect(utilisation.ci95![0]).toBeLessThanOrEqual(0.8);
      expect(utilisation.ci95![1]).toBeGreaterThanOrEqual(0.8);
      expect(Math.min(...runs.map((r) => r.served))).toBeGreaterThan(11_000);
    });
  });
});
