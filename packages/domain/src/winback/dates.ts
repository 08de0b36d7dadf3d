/**
 * Calendar arithmetic in UTC that matches PostgreSQL's `timestamptz + interval` with `TimeZone = UTC`, so that
 * the domain's rules and the worker's SQL agree to the day: adding months keeps the time of day and clamps the
 * day to the end of a shorter month (31 January + 1 month = 28 or 29 February).
 */
const DAY_MS = 86_400_000;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
}

export function addMonths(date: Date, months: number): Date {
  const total = date.getUTCFullYear() * 12 + date.getUTCMonth() + months;
  const year = Math.floor(total / 12);
  const month = total - year * 12;
  const day = Math.min(date.getUTCDate(), daysInMonth(year, month));
  const out = new Date(date.getTime());
  out.setUTCFullYear(year, month, day);
  return out;
}

export const addDays = (date: Date, days: number): Date => new Date(date.getTime() + days * DAY_MS);

/** Whole days from `from` to `to` (negative when `to` is earlier), rounded down. */
export const daysBetween = (from: Date, to: Date): number =>
  Math.floor((to.getTime() - from.getTime()) / DAY_MS);

/** Completed years from `from` to `to`, as PostgreSQL's `extract(year from age(to, from))`. */
export function completedYears(from: Date, to: Date): number {
  let years = to.getUTCFullYear() - from.getUTCFullYear();
  if (addMonths(from, years * 12) > to) years -= 1;
  return years;
}
