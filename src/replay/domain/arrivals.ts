// Arrival times of a stream: a Poisson process whose rate may change hour by hour over the day
// (peak and off-peak, calibration.md §0.1). Minute 0 is local midnight of the scenario's start date.

const MINUTES_PER_HOUR = 60;

/**
 * The first arrival after `fromMinutes` of a Poisson process with `ratePerHour`, scaled in local hour
 * h of the day by `hourlyProfile[h]` (null: constant rate). `u` is a uniform draw in [0, 1); one draw
 * per arrival, so the arrival times of a stream depend only on its own draws. Infinity when the rate
 * is zero all day.
 */
export function nextArrivalMinutes(fromMinutes: number, ratePerHour: number, hourlyProfile: readonly number[] | null, u: number): number {
  // An exponential amount of "rate-time" (expected arrivals), spent hour by hour at that hour's rate.
  let remaining = -Math.log(1 - u);
  if (hourlyProfile === null) return ratePerHour > 0 ? fromMinutes + (remaining / ratePerHour) * MINUTES_PER_HOUR : Infinity;
  if (ratePerHour <= 0 || hourlyProfile.every((w) => w <= 0)) return Infinity;
  let t = fromMinutes;
  for (;;) {
    const hourOfDay = Math.floor(t / MINUTES_PER_HOUR) % 24;
    const perMinute = (ratePerHour * hourlyProfile[hourOfDay]) / MINUTES_PER_HOUR;
    const hourEnd = (Math.floor(t / MINUTES_PER_HOUR) + 1) * MINUTES_PER_HOUR;
    const available = (hourEnd - t) * perMinute;
    if (perMinute > 0 && available >= remaining) return t + remaining / perMinute;
    remaining -= available;
    t = hourEnd;
  }
}
