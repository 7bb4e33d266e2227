import fc from 'fast-check';
import type { Calendar } from '../reference/domain/reference-data';
import { Calendar as SiteCalendar, civilFromDays, daysFromCivil } from './calendar';

const DAY = 1440;
/** Minutes since `start`'s midnight of `date` at `time`. */
const minuteOf = (start: string, date: string, time = '00:00') => {
  const days = (d: string) => daysFromCivil(Number(d.slice(0, 4)), Number(d.slice(5, 7)), Number(d.slice(8, 10)));
  return (days(date) - days(start)) * DAY + Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
};
const hours = (weekdays: number[], opens: string, closes: string, extra: Partial<Calendar> = {}): Calendar => ({ allDay: false, weekdays, opens, closes, ...extra });
const ALL_DAY: Calendar = { allDay: true, weekdays: [1, 2, 3, 4, 5, 6, 7], opens: '00:00', closes: '24:00' };
const WEEKDAYS = [1, 2, 3, 4, 5];

// 2024-01-01 was a Monday.
const MONDAY = '2024-01-01';
const at = (day: number, time: string) => minuteOf(MONDAY, MONDAY, time) + day * DAY;

describe('Calendar', () => {
  describe('given weekday opening hours (Monday to Friday, 10:00-19:00)', () => {
    const calendar = new SiteCalendar(hours(WEEKDAYS, '10:00', '19:00'), MONDAY);

    it('then it is open from the opening minute to just before the closing one, on open weekdays only', () => {
      expect(calendar.isOpen(at(0, '09:59'))).toBe(false);
      expect(calendar.isOpen(at(0, '10:00'))).toBe(true);
      expect(calendar.isOpen(at(0, '18:59'))).toBe(true);
      expect(calendar.isOpen(at(0, '19:00'))).toBe(false);
      expect(calendar.isOpen(at(4, '12:00'))).toBe(true);
      expect(calendar.isOpen(at(5, '12:00'))).toBe(false);
      expect(calendar.isOpen(at(6, '12:00'))).toBe(false);
      expect(calendar.isOpen(at(-3, '12:00'))).toBe(true);
      expect(calendar.isOpen(at(-2, '12:00'))).toBe(false);
    });

    it('then the next opening after Friday evening is Monday morning, and an open minute is its own opening', () => {
      expect(calendar.nextOpening(at(4, '20:00'))).toBe(at(7, '10:00'));
      expect(calendar.nextOpening(at(0, '12:00'))).toBe(at(0, '12:00'));
      expect(calendar.nextOpening(at(1, '07:30'))).toBe(at(1, '10:00'));
      expect(calendar.nextClosing(at(0, '12:00'))).toBe(at(0, '19:00'));
      expect(calendar.nextClosing(at(5, '12:00'))).toBe(at(5, '12:00'));
    });

    it('then it counts the open minutes between two times', () => {
      expect(calendar.openMinutesBetween(0, 7 * DAY)).toBe(5 * 540);
      expect(calendar.openMinutesBetween(at(0, '12:00'), at(0, '13:30'))).toBe(90);
      expect(calendar.openMinutesBetween(at(0, '18:00'), at(1, '11:00'))).toBe(120);
      expect(calendar.openMinutesBetween(at(5, '00:00'), at(7, '00:00'))).toBe(0);
      expect(calendar.openMinutesBetween(0, 364 * DAY)).toBe(52 * 5 * 540);
      expect(calendar.openMinutesBetween(at(3, '10:00'), at(3, '10:00'))).toBe(0);
      expect(calendar.openMinutesBetween(0, Infinity)).toBe(Infinity);
      expect(() => calendar.openMinutesBetween(10, 5)).toThrow(RangeError);
    });

    it('then queries far ahead, far back and out of order agree with the weekly pattern', () => {
      for (const day of [3000, -700, 10, 20_000, 1]) {
        const weekday = (((day % 7) + 7) % 7) + 1;
        expect(calendar.isOpen(at(day, '11:00'))).toBe(weekday <= 5);
      }
    });
  });

  describe('closing at 24:00 and shifts across midnight', () => {
    it('closes at midnight when the next day opens later', () => {
      const calendar = new SiteCalendar(hours([1, 2, 3, 4, 5, 6, 7], '08:00', '24:00'), MONDAY);
      expect(calendar.isOpen(at(0, '23:59'))).toBe(true);
      expect(calendar.isOpen(at(1, '00:00'))).toBe(false);
      expect(calendar.nextClosing(at(0, '12:00'))).toBe(at(1, '00:00'));
      expect(calendar.nextOpening(at(1, '00:00'))).toBe(at(1, '08:00'));
      expect(calendar.openMinutesBetween(0, DAY)).toBe(16 * 60);
    });

    it('runs 00:00-24:00 days together, closing only when a closed day comes', () => {
      const calendar = new SiteCalendar(hours(WEEKDAYS, '00:00', '24:00'), MONDAY);
      expect(calendar.nextClosing(at(0, '03:00'))).toBe(at(5, '00:00'));
      expect(calendar.nextOpening(at(5, '10:00'))).toBe(at(7, '00:00'));
      expect(calendar.openMinutesBetween(0, 14 * DAY)).toBe(10 * DAY);
    });

    it('never closes around the clock, save on its closed dates', () => {
      const calendar = new SiteCalendar(ALL_DAY, MONDAY, ['2024-01-10', '2024-01-11']);
      expect(calendar.isOpen(at(3, '03:17'))).toBe(true);
      expect(calendar.nextClosing(0)).toBe(at(9, '00:00'));
      expect(calendar.nextOpening(at(9, '00:05'))).toBe(at(11, '00:00'));
      expect(calendar.nextClosing(at(11, '00:00'))).toBe(Infinity);
      expect(calendar.openMinutesBetween(0, 20 * DAY)).toBe(18 * DAY);
      expect(new SiteCalendar(ALL_DAY, MONDAY).nextClosing(-5000)).toBe(Infinity);
    });

    it('runs a night shift (22:00-06:00) into the next morning, owned by the day it starts', () => {
      const calendar = new SiteCalendar(hours(WEEKDAYS, '22:00', '06:00'), MONDAY);
      expect(calendar.isOpen(at(0, '21:59'))).toBe(false);
      expect(calendar.isOpen(at(0, '23:00'))).toBe(true);
      expect(calendar.isOpen(at(1, '05:59'))).toBe(true);
      expect(calendar.isOpen(at(1, '06:00'))).toBe(false);
      // Friday's shift runs into Saturday morning; Saturday has none; Monday's shift starts Monday night.
      expect(calendar.isOpen(at(5, '03:00'))).toBe(true);
      expect(calendar.isOpen(at(5, '23:00'))).toBe(false);
      expect(calendar.isOpen(at(7, '03:00'))).toBe(false);
      expect(calendar.nextOpening(at(5, '07:00'))).toBe(at(7, '22:00'));
      expect(calendar.nextClosing(at(0, '23:00'))).toBe(at(1, '06:00'));
      expect(calendar.openMinutesBetween(0, 7 * DAY)).toBe(5 * 8 * 60);
    });
  });

  describe('seasonal closures', () => {
    it('wraps the new year (12-01 to 03-31, inclusive) and counts a leap February', () => {
      const khunjerab = new SiteCalendar({ ...ALL_DAY, seasonalClosure: { from: '12-01', to: '03-31' } }, '2023-11-30');
      expect(khunjerab.isOpen(minuteOf('2023-11-30', '2023-11-30', '23:59'))).toBe(true);
      expect(khunjerab.isOpen(minuteOf('2023-11-30', '2023-12-01'))).toBe(false);
      expect(khunjerab.isOpen(minuteOf('2023-11-30', '2024-03-31', '23:59'))).toBe(false);
      expect(khunjerab.isOpen(minuteOf('2023-11-30', '2024-04-01'))).toBe(true);
      // 1 + 31 (December) + 31 (January) + 29 (February 2024) + 31 (March) days after 2023-11-30.
      expect(khunjerab.nextOpening(minuteOf('2023-11-30', '2023-12-01', '10:00'))).toBe(123 * DAY);
      expect(khunjerab.nextClosing(minuteOf('2023-11-30', '2024-06-01'))).toBe(minuteOf('2023-11-30', '2024-12-01'));
      // The next winter has a 28-day February: 1 + 31 + 31 + 28 + 31 days after 2024-11-30.
      expect(khunjerab.nextOpening(minuteOf('2023-11-30', '2024-12-01')) - minuteOf('2023-11-30', '2024-11-30')).toBe(122 * DAY);
      expect(khunjerab.openMinutesBetween(0, 123 * DAY)).toBe(DAY);
    });

    it('closes a summer month that does not wrap', () => {
      const calendar = new SiteCalendar({ ...ALL_DAY, seasonalClosure: { from: '07-01', to: '07-31' } }, MONDAY);
      expect(calendar.isOpen(minuteOf(MONDAY, '2024-06-30', '23:59'))).toBe(true);
      expect(calendar.nextClosing(0)).toBe(minuteOf(MONDAY, '2024-07-01'));
      expect(calendar.nextOpening(minuteOf(MONDAY, '2024-07-15'))).toBe(minuteOf(MONDAY, '2024-08-01'));
    });

    it('knows 29 February happens in leap years only', () => {
      const leapDayOnly = new SiteCalendar({ ...ALL_DAY, seasonalClosure: { from: '03-01', to: '02-28' } }, '2023-01-01');
      expect(leapDayOnly.nextOpening(0)).toBe(minuteOf('2023-01-01', '2024-02-29'));
      expect(leapDayOnly.nextClosing(minuteOf('2023-01-01', '2024-02-29', '12:00'))).toBe(minuteOf('2023-01-01', '2024-03-01'));
      // 2100 is not a leap year (divisible by 100, not by 400); 2096 and 2104 are.
      expect(leapDayOnly.nextOpening(minuteOf('2023-01-01', '2096-03-01'))).toBe(minuteOf('2023-01-01', '2104-02-29'));
      const closedOnLeapDay = new SiteCalendar({ ...ALL_DAY, seasonalClosure: { from: '02-29', to: '02-29' } }, '2023-01-01');
      expect(closedOnLeapDay.nextClosing(0)).toBe(minuteOf('2023-01-01', '2024-02-29'));
    });
  });

  describe('closed dates and calendars that never open', () => {
    it('holds a holiday closed', () => {
      const calendar = new SiteCalendar(hours(WEEKDAYS, '10:00', '19:00'), MONDAY, ['2024-01-01']);
      expect(calendar.isOpen(at(0, '12:00'))).toBe(false);
      expect(calendar.nextOpening(0)).toBe(at(1, '10:00'));
      expect(calendar.openMinutesBetween(0, 7 * DAY)).toBe(4 * 540);
    });

    it('never opens without weekdays or under a year-round closure', () => {
      for (const calendar of [
        new SiteCalendar(hours([], '10:00', '19:00'), MONDAY),
        new SiteCalendar({ ...ALL_DAY, seasonalClosure: { from: '01-01', to: '12-31' } }, MONDAY),
      ]) {
        expect(calendar.isOpen(500)).toBe(false);
        expect(calendar.nextOpening(500)).toBe(Infinity);
        expect(calendar.nextClosing(500)).toBe(500);
        expect(calendar.openMinutesBetween(0, 1e6)).toBe(0);
      }
    });

    it('refuses malformed times, weekdays and dates, naming the field', () => {
      expect(() => new SiteCalendar(hours(WEEKDAYS, '25:00', '19:00'), MONDAY)).toThrow(/opens/);
      expect(() => new SiteCalendar(hours(WEEKDAYS, '9:00', '19:00'), MONDAY)).toThrow(/opens/);
      expect(() => new SiteCalendar(hours(WEEKDAYS, '24:00', '19:00'), MONDAY)).toThrow(/opens/);
      expect(() => new SiteCalendar(hours(WEEKDAYS, '10:00', '24:01'), MONDAY)).toThrow(/closes/);
      expect(() => new SiteCalendar(hours([0, 1], '10:00', '19:00'), MONDAY)).toThrow(/weekdays/);
      expect(() => new SiteCalendar({ ...ALL_DAY, seasonalClosure: { from: '02-30', to: '03-31' } }, MONDAY)).toThrow(/seasonalClosure.from/);
      expect(() => new SiteCalendar(ALL_DAY, '2023-02-29')).toThrow(/startDate/);
      expect(() => new SiteCalendar(ALL_DAY, '2024-13-01')).toThrow(/startDate/);
      expect(() => new SiteCalendar(ALL_DAY, MONDAY, ['2024-01-01', '1900-02-29'])).toThrow(/closedDates\[1\]/);
      expect(() => new SiteCalendar(ALL_DAY, MONDAY).isOpen(NaN)).toThrow(RangeError);
    });
  });

  describe('date arithmetic (proleptic Gregorian)', () => {
    it('agrees with Date.UTC on day numbers, and converts back', () => {
      const dates: Array<[number, number, number]> = [
        [1970, 1, 1],
        [1600, 2, 29],
        [1900, 2, 28],
        [1900, 3, 1],
        [2000, 2, 29],
        [2024, 12, 31],
        [2100, 3, 1],
      ];
      let x = 7;
      for (let i = 0; i < 2000; i++) {
        x = (x * 48_271) % 2_147_483_647;
        dates.push([1583 + (x % 900), 1 + (x % 12), 1 + (x % 28)]);
      }
      for (const [y, m, d] of dates) {
        const days = daysFromCivil(y, m, d);
        expect(days).toBe(Date.UTC(y, m - 1, d) / 86_400_000);
        expect(civilFromDays(days)).toEqual({ year: y, month: m, day: d });
      }
    });
  });

  describe('any calendar', () => {
    const arbCalendar = fc.record({
      allDay: fc.boolean(),
      weekdays: fc.subarray([1, 2, 3, 4, 5, 6, 7]),
      opensSlot: fc.integer({ min: 0, max: 47 }),
      closesSlot: fc.integer({ min: 0, max: 48 }),
      season: fc.option(fc.tuple(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }))),
      closed: fc.array(fc.integer({ min: -10, max: 200 }), { maxLength: 6 }),
      startDay: fc.integer({ min: daysFromCivil(2023, 1, 1), max: daysFromCivil(2026, 12, 31) }),
    });
    const pad = (n: number) => String(n).padStart(2, '0');
    const slotTime = (slot: number) => `${pad(Math.floor(slot / 2))}:${pad((slot % 2) * 30)}`;
    const dateText = (days: number) => {
      const { year, month, day } = civilFromDays(days);
      return `${year}-${pad(month)}-${pad(day)}`;
    };

    it('agrees with a day-by-day definition on isOpen, nextOpening, nextClosing and open minutes', () => {
      fc.assert(
        fc.property(arbCalendar, fc.array(fc.integer({ min: -5 * DAY, max: 400 * DAY }), { minLength: 1, maxLength: 8 }), fc.integer({ min: 0, max: 600 }), (c, queries, span) => {
          const input: Calendar = {
            allDay: c.allDay,
            weekdays: c.weekdays,
            opens: slotTime(c.opensSlot),
            closes: slotTime(c.closesSlot),
            ...(c.season ? { seasonalClosure: { from: `${pad(c.season[0])}-${pad(c.season[1])}`, to: `${pad(c.season[2])}-${pad(c.season[3])}` } } : {}),
          };
          const calendar = new SiteCalendar(input, dateText(c.startDay), c.closed.map((d) => dateText(c.startDay + d)));

          // The definition: the shift of day d runs [d + opens, d + closes) (closes on the next day when
          // not after opens) if d's weekday is listed and d is neither in the season nor a closed date.
          const start = c.allDay ? 0 : c.opensSlot * 30;
          const end = c.allDay ? DAY : c.closesSlot * 30 > start ? c.closesSlot * 30 : c.closesSlot * 30 + DAY;
          const inSeason = (days: number) => {
            if (!c.season) return false;
            const { month, day } = civilFromDays(c.startDay + days);
            const [md, from, to] = [month * 100 + day, c.season[0] * 100 + c.season[1], c.season[2] * 100 + c.season[3]];
            return from <= to ? md >= from && md <= to : md >= from || md <= to;
          };
          const shiftRuns = (d: number) => {
            const weekday = ((((c.startDay + d + 3) % 7) + 7) % 7) + 1;
            return (c.allDay || c.weekdays.includes(weekday)) && !inSeason(d) && !c.closed.includes(d);
          };
          const open = (m: number) => {
            const d = Math.floor(m / DAY);
            return [d, d - 1].some((s) => shiftRuns(s) && m >= s * DAY + start && m < s * DAY + end);
          };
          const LIMIT = 800;
          const nextOpening = (m: number) => {
            if (open(m)) return m;
            for (let d = Math.floor(m / DAY); d < Math.floor(m / DAY) + LIMIT; d++) if (shiftRuns(d) && d * DAY + start >= m) return d * DAY + start;
            return Infinity;
          };
          const nextClosing = (m: number) => {
            if (!open(m)) return m;
            const d0 = Math.floor(m / DAY);
            let runEnd = Math.max(...[d0 - 1, d0].filter((s) => shiftRuns(s) && m >= s * DAY + start && m < s * DAY + end).map((s) => s * DAY + end));
            for (let d = d0; d * DAY + start <= runEnd; d++) {
              if (d > d0 + LIMIT) return Infinity;
              if (shiftRuns(d)) runEnd = Math.max(runEnd, d * DAY + end);
            }
            return runEnd;
          };

          const openBetween = (a: number, b: number) => {
            let minutes = 0;
            for (let d = Math.floor(a / DAY) - 1; d <= Math.floor(b / DAY); d++) {
              if (shiftRuns(d)) minutes += Math.max(0, Math.min(b, d * DAY + end) - Math.max(a, d * DAY + start));
            }
            return minutes;
          };

          for (const m of queries) {
            expect(calendar.isOpen(m)).toBe(open(m));
            // Right after a look-up, as a resource asks at each change of its busy units.
            expect(calendar.openMinutesBetween(m, m + span)).toBe(openBetween(m, m + span));
            const opening = nextOpening(m);
            // Beyond the brute force's reach (a long closure, a rare leap day) only a later answer is checked.
            if (opening < Infinity) expect(calendar.nextOpening(m)).toBe(opening);
            else expect(calendar.nextOpening(m)).toBeGreaterThan(m + (LIMIT - 2) * DAY);
            const closing = nextClosing(m);
            if (closing < Infinity) expect(calendar.nextClosing(m)).toBe(closing);
            else expect(calendar.nextClosing(m)).toBeGreaterThan(m + (LIMIT - 2) * DAY);
          }
          const [a, b] = [Math.min(...queries), Math.max(...queries)];
          expect(calendar.openMinutesBetween(a, b)).toBe(openBetween(a, b));
        }),
        { numRuns: 200 },
      );
    });
  });
});
