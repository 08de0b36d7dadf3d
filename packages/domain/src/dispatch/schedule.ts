import { TZDate } from '@date-fns/tz';
import { nextOpening, type SendWindow } from '../planning/send-window';

const TIME_ZONE = 'Europe/Paris';

/**
 * A phase's D+0: the moment it is launched, or the campaign's start date (midnight, Paris time) when that is
 * later (a campaign launched on Friday for a Monday start).
 */
export function phaseStart(launchedAt: Date, startsOn?: string | null): Date {
  if (!startsOn) return launchedAt;
  const [y, m, d] = startsOn.split('-').map(Number) as [number, number, number];
  const start = new TZDate(y, m - 1, d, 0, 0, TIME_ZONE);
  return start.getTime() > launchedAt.getTime() ? new Date(start.getTime()) : launchedAt;
}

/** D+n: n calendar days after D+0 at the same local time in Paris (a day is 23 or 25 hours across a DST change). */
export function dayOffset(start: Date, days: number): Date {
  const local = new TZDate(start.getTime(), TIME_ZONE);
  return new Date(
    new TZDate(
      local.getFullYear(),
      local.getMonth(),
      local.getDate() + days,
      local.getHours(),
      local.getMinutes(),
      local.getSeconds(),
      TIME_ZONE,
    ).getTime(),
  );
}

/** When a step goes out: its D+n, or the next opening of its send window after it (nights, Sundays, holidays). */
export function stepDueAt(start: Date, offsetDays: number, window: SendWindow): Date {
  return nextOpening(window, dayOffset(start, offsetDays));
}
