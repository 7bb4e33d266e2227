// Opening hours of a site on the simulated clock: minute 0 is local midnight of the scenario's start
// date, and the clock is local time at the port (no time zones, no daylight saving). Dates are plain
// day numbers on the proleptic Gregorian calendar, so no Date object is ever made.
//
// A day's shift runs from `opens` to `closes` on each open weekday; `closes` at or before `opens` means
// the shift ends the next morning ("22:00"-"06:00"; "00:00"-"24:00" is a whole day). A day is closed
// when its weekday is not listed, when it falls in the seasonal closure or when it is one of the extra
// closed dates (holidays); a closed day has no shift, and a shift belongs to the day it starts on.
// `allDay` means every day, around the clock, save those closures.

import type { Calendar as CalendarSpec } from '../reference/domain/reference-data';

const MINUTES_PER_DAY = 1440;
/** Days in 400 Gregorian years: after the last closed date the pattern repeats with this period. */
const GREGORIAN_CYCLE_DAYS = 146_097;
/** Days covered when the calendar is first asked, and the least it grows by. */
const FIRST_WINDOW_DAYS = 400;

/**
 * A site's calendar compiled for fast queries. Open intervals are merged across midnight and kept for
 * a window of days that grows (doubling) as queries reach beyond it, so `isOpen` is O(1) for a clock
 * that moves forward and every other query is a binary search.
 */
export class Calendar {
  private readonly weekdayOpen: boolean[];
  /** Minutes after its day's midnight at which a shift opens and closes (closes may pass 1440). */
  private readonly shiftStart: number;
  private readonly shiftEnd: number;
  /** Seasonal closure as month * 100 + day, inclusive; null when none. */
  private readonly seasonFrom: number | null;
  private readonly seasonTo: number | null;
  private readonly closedDays: ReadonlySet<number>;
  private readonly lastClosedDay: number;
  /** Days since 1970-01-01 of the start date. */
  private readonly epochDay: number;
  private readonly neverOpen: boolean;
  /** Open around the clock every day but for the extra closed dates. */
  private readonly continuous: boolean;

  // Merged open intervals [starts[i], ends[i]) of the shifts of days [loDay, hiDay); cumulative[i] is
  // the open minutes of intervals before i.
  private loDay = 0;
  private hiDay = 0;
  private count = 0;
  private starts = new Float64Array(0);
  private ends = new Float64Array(0);
  private cumulative = new Float64Array(0);

  // The last segment `locate` found: [segmentFrom, segmentTo) is all open or all closed.
  private segmentFrom = 0;
  private segmentTo = 0;
  private segmentOpen = false;
  /** True when segmentTo is a real change between open and closed, not the window's edge. */
  private segmentEndIsChange = false;

  /** `startDate` ("YYYY-MM-DD") is the date whose local midnight is minute 0; `closedDates` are extra closed days (holidays). */
  constructor(calendar: CalendarSpec, startDate: string, closedDates: readonly string[] = []) {
    this.epochDay = parseDate(startDate, 'startDate');
    if (calendar.allDay) {
      this.weekdayOpen = [false, true, true, true, true, true, true, true];
      this.shiftStart = 0;
      this.shiftEnd = MINUTES_PER_DAY;
    } else {
      this.weekdayOpen = [false, false, false, false, false, false, false, false];
      for (const day of calendar.weekdays) {
        if (!Number.isInteger(day) || day < 1 || day > 7) throw new RangeError(`weekdays: ${day} is not an ISO weekday (1 = Monday ... 7 = Sunday)`);
        this.weekdayOpen[day] = true;
      }
      this.shiftStart = parseTime(calendar.opens, 'opens');
      const closes = parseTime(calendar.closes, 'closes');
      if (this.shiftStart === MINUTES_PER_DAY) throw new RangeError('opens: "24:00" is not an opening time; use "00:00"');
      this.shiftEnd = closes > this.shiftStart ? closes : closes + MINUTES_PER_DAY;
    }
    if (calendar.seasonalClosure) {
      this.seasonFrom = parseMonthDay(calendar.seasonalClosure.from, 'seasonalClosure.from');
      this.seasonTo = parseMonthDay(calendar.seasonalClosure.to, 'seasonalClosure.to');
    } else {
      this.seasonFrom = this.seasonTo = null;
    }
    const closedDays = new Set<number>();
    for (const [i, date] of closedDates.entries()) closedDays.add(parseDate(date, `closedDates[${i}]`) - this.epochDay);
    this.closedDays = closedDays;
    this.lastClosedDay = [...closedDays].reduce((last, day) => Math.max(last, day), -Infinity);
    this.neverOpen = !this.weekdayOpen.includes(true) || (this.seasonFrom !== null && wholeYearClosed(this.seasonFrom, this.seasonTo!));
    this.continuous = this.seasonFrom === null && this.weekdayOpen.every((open, day) => open || day === 0) && this.shiftEnd - this.shiftStart === MINUTES_PER_DAY;
  }

  /** True when the site is open at `minute`; a shift is open from its opening minute to just before its closing. */
  isOpen(minute: number): boolean {
    if (minute >= this.segmentFrom && minute < this.segmentTo) return this.segmentOpen;
    if (this.neverOpen) return false;
    this.locate(minute);
    return this.segmentOpen;
  }

  /** The first minute >= `minute` at which the site is open: `minute` itself when open, Infinity when it never opens again. */
  nextOpening(minute: number): number {
    if (minute === Infinity || this.neverOpen) return Infinity;
    assertTime(minute);
    const horizon = (Math.max(Math.floor(minute / MINUTES_PER_DAY), this.lastClosedDay) + GREGORIAN_CYCLE_DAYS + 2) * MINUTES_PER_DAY;
    let m = minute;
    while (m < horizon) {
      if (this.isOpen(m)) return m;
      if (this.segmentEndIsChange) return this.segmentTo;
      m = this.segmentTo;
    }
    return Infinity;
  }

  /** The first minute >= `minute` at which the site is closed: `minute` itself when closed, Infinity when it never closes again. */
  nextClosing(minute: number): number {
    if (minute === Infinity) return Infinity;
    assertTime(minute);
    if (this.neverOpen) return minute;
    const lastDay = Math.max(Math.floor(minute / MINUTES_PER_DAY), this.lastClosedDay);
    // A continuous calendar past its last closed date never closes; any other closes within 400 years.
    const horizon = (lastDay + (this.continuous ? 2 : GREGORIAN_CYCLE_DAYS + 2)) * MINUTES_PER_DAY;
    let m = minute;
    while (m < horizon) {
      if (!this.isOpen(m)) return m;
      if (this.segmentEndIsChange) return this.segmentTo;
      m = this.segmentTo;
    }
    return Infinity;
  }

  /**
   * Open minutes in [from, to): the scheduled time of one unit, for utilisation. Resources ask it at
   * every change of their busy units, so an interval within the segment last looked up is answered
   * from it.
   */
  openMinutesBetween(from: number, to: number): number {
    assertTime(from);
    // Infinity is allowed as the end: the open time of an unbounded horizon.
    if (Number.isNaN(to) || to < from) throw new RangeError(`openMinutesBetween: ${to} is before ${from}`);
    if (this.neverOpen || to === from) return 0;
    if (from >= this.segmentFrom && to <= this.segmentTo) return this.segmentOpen ? to - from : 0;
    if (to === Infinity) return Infinity;
    this.cover(Math.floor(from / MINUTES_PER_DAY) - 1, Math.floor(to / MINUTES_PER_DAY) + 1);
    return this.openBefore(to) - this.openBefore(from);
  }

  /** Open minutes of the window's intervals before `minute`. */
  private openBefore(minute: number): number {
    const i = this.lastStartAtOrBefore(minute);
    if (i < 0) return 0;
    return this.cumulative[i] + Math.min(minute, this.ends[i]) - this.starts[i];
  }

  /** Index of the last interval starting at or before `minute`, -1 when none. */
  private lastStartAtOrBefore(minute: number): number {
    let lo = 0;
    let hi = this.count;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.starts[mid] <= minute) lo = mid + 1;
      else hi = mid;
    }
    return lo - 1;
  }

  /**
   * Sets the segment around `minute`. The window's statuses are exact from the midnight after its first
   * day (an overnight shift of the day before may be missing) to the midnight of its last day (a shift
   * of the next day may extend a run), so the segment is clipped to those bounds.
   */
  private locate(minute: number): void {
    assertTime(minute);
    const day = Math.floor(minute / MINUTES_PER_DAY);
    this.cover(day - 1, day + 1);
    const trustedFrom = (this.loDay + 1) * MINUTES_PER_DAY;
    const trustedTo = this.hiDay * MINUTES_PER_DAY;
    const i = this.lastStartAtOrBefore(minute);
    let from: number;
    let to: number;
    if (i >= 0 && minute < this.ends[i]) {
      this.segmentOpen = true;
      from = this.starts[i];
      to = this.ends[i];
    } else {
      this.segmentOpen = false;
      from = i >= 0 ? this.ends[i] : -Infinity;
      to = i + 1 < this.count ? this.starts[i + 1] : Infinity;
    }
    this.segmentFrom = Math.max(from, trustedFrom);
    this.segmentEndIsChange = to < trustedTo;
    this.segmentTo = Math.min(to, trustedTo);
  }

  /** Makes the window cover days [fromDay, toDay), growing by at least its own size. */
  private cover(fromDay: number, toDay: number): void {
    if (this.hiDay > this.loDay) {
      if (fromDay >= this.loDay && toDay <= this.hiDay) return;
      const span = this.hiDay - this.loDay;
      fromDay = fromDay < this.loDay ? Math.min(fromDay, this.loDay - span) : this.loDay;
      toDay = toDay > this.hiDay ? Math.max(toDay, this.hiDay + span) : this.hiDay;
    } else {
      toDay = Math.max(toDay, fromDay + FIRST_WINDOW_DAYS);
    }
    this.build(fromDay, toDay);
  }

  private build(loDay: number, hiDay: number): void {
    const days = hiDay - loDay;
    const starts = new Float64Array(days);
    const ends = new Float64Array(days);
    let n = 0;
    for (let day = loDay; day < hiDay; day++) {
      if (!this.dayOpen(day)) continue;
      const start = day * MINUTES_PER_DAY + this.shiftStart;
      const end = day * MINUTES_PER_DAY + this.shiftEnd;
      if (n > 0 && ends[n - 1] >= start) {
        ends[n - 1] = end;
      } else {
        starts[n] = start;
        ends[n] = end;
        n++;
      }
    }
    const cumulative = new Float64Array(n);
    for (let i = 1; i < n; i++) cumulative[i] = cumulative[i - 1] + ends[i - 1] - starts[i - 1];
    this.loDay = loDay;
    this.hiDay = hiDay;
    this.count = n;
    this.starts = starts.subarray(0, n);
    this.ends = ends.subarray(0, n);
    this.cumulative = cumulative;
    // The cached segment may have been clipped to the old window's edges.
    this.segmentFrom = this.segmentTo = 0;
  }

  /** Whether the shift of `day` (days since the start date) runs. */
  private dayOpen(day: number): boolean {
    const epochDay = this.epochDay + day;
    if (!this.weekdayOpen[isoWeekday(epochDay)]) return false;
    if (this.closedDays.has(day)) return false;
    if (this.seasonFrom === null) return true;
    return !inSeason(monthDay(epochDay), this.seasonFrom, this.seasonTo!);
  }
}

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant, "chrono-compatible low-level date algorithms"). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * GREGORIAN_CYCLE_DAYS + dayOfEra - 719_468;
}

/** The date of a day number (days since 1970-01-01), the inverse of `daysFromCivil`. */
export function civilFromDays(days: number): { year: number; month: number; day: number } {
  const z = days + 719_468;
  const era = Math.floor(z / GREGORIAN_CYCLE_DAYS);
  const dayOfEra = z - era * GREGORIAN_CYCLE_DAYS;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** ISO weekday (1 = Monday ... 7 = Sunday) of a day number; 1970-01-01 was a Thursday. */
function isoWeekday(days: number): number {
  return ((((days + 3) % 7) + 7) % 7) + 1;
}

function monthDay(days: number): number {
  const { month, day } = civilFromDays(days);
  return month * 100 + day;
}

/** Inclusive; a closure whose end comes before its start wraps the new year (12-01 to 03-31). */
function inSeason(md: number, from: number, to: number): boolean {
  return from <= to ? md >= from && md <= to : md >= from || md <= to;
}

function wholeYearClosed(from: number, to: number): boolean {
  // A leap year holds every month-day; 2000-01-01 is day 10957.
  for (let d = 10_957; d < 10_957 + 366; d++) if (!inSeason(monthDay(d), from, to)) return false;
  return true;
}

function assertTime(minute: number): void {
  if (!Number.isFinite(minute)) throw new RangeError(`a calendar query needs a finite time in minutes, not ${minute}`);
}

function parseDate(text: string, field: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (match) {
    const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
    const days = daysFromCivil(year, month, day);
    const back = civilFromDays(days);
    if (month >= 1 && month <= 12 && back.year === year && back.month === month && back.day === day) return days;
  }
  throw new RangeError(`${field}: "${text}" is not a date "YYYY-MM-DD"`);
}

function parseTime(text: string, field: string): number {
  const match = /^(\d{2}):(\d{2})$/.exec(text);
  if (match) {
    const minutes = Number(match[1]) * 60 + Number(match[2]);
    if (Number(match[2]) < 60 && minutes <= MINUTES_PER_DAY) return minutes;
  }
  throw new RangeError(`${field}: "${text}" is not a local time "HH:MM" from 00:00 to 24:00`);
}

function parseMonthDay(text: string, field: string): number {
  const match = /^(\d{2})-(\d{2})$/.exec(text);
  if (match) {
    const [month, day] = [Number(match[1]), Number(match[2])];
    // Checked against a leap year, so "02-29" is accepted (it exists in leap years only).
    if (month >= 1 && month <= 12 && day >= 1 && civilFromDays(daysFromCivil(2000, month, day)).month === month) return month * 100 + day;
  }
  throw new RangeError(`${field}: "${text}" is not a month-day "MM-DD"`);
}
