import { TZDate } from '@date-fns/tz';
import { z } from 'zod';
import { AppError } from '../errors';
import { assertNever, type Channel } from '../vocabulary';
import { isFrenchPublicHoliday } from './french-holidays';
import { parsePlanningInput } from './parse-input';

/**
 * When a step may send: days of the week, time ranges in local time, a time zone (Europe/Paris by default),
 * and whether French public holidays are closed. Local times are read with @date-fns/tz, so a window stays
 * 08:00-20:00 Paris time on both sides of a daylight-saving change; public holidays are those of metropolitan
 * France (french-holidays.ts), on the local calendar day of the window's time zone.
 */
export const WEEK_DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type WeekDay = (typeof WEEK_DAYS)[number];
/** Date#getDay() order: 0 is Sunday. */
const BY_GET_DAY: readonly WeekDay[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

const HH_MM = /^([01]\d|2[0-3]):([0-5]\d)$|^24:00$/;
const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

const time = (which: string) =>
  z
    .string({ error: `Enter the ${which} time as HH:MM` })
    .regex(HH_MM, { error: `Write the ${which} time as HH:MM, e.g. 08:00` });

export const timeRangeSchema = z
  .object({ from: time('start'), to: time('end') })
  .refine((r) => minutesOf(r.from) < minutesOf(r.to), {
    error: 'The end time must be after the start time (a range cannot cross midnight)',
    path: ['to'],
  });

/** Zones already found valid: building a DateTimeFormat is costly, and the dispatch engine checks its window per batch. */
const KNOWN_TIME_ZONES = new Set<string>();
const isTimeZone = (tz: string) => {
  if (KNOWN_TIME_ZONES.has(tz)) return true;
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    if (KNOWN_TIME_ZONES.size < 100) KNOWN_TIME_ZONES.add(tz);
    return true;
  } catch {
    return false;
  }
};

export const sendWindowSchema = z
  .object({
    timeZone: z
      .string()
      .refine(isTimeZone, { error: 'Unknown time zone: use an IANA name such as Europe/Paris' })
      .default('Europe/Paris'),
    days: z
      .array(z.enum(WEEK_DAYS, { error: 'Days are mon, tue, wed, thu, fri, sat or sun' }))
      .min(1, { error: 'Choose at least one day: an empty window never sends' }),
    hours: z
      .array(timeRangeSchema)
      .min(1, { error: 'Add at least one time range: an empty window never sends' }),
    closedOnPublicHolidays: z.boolean().default(true),
  })
  .superRefine((w, ctx) => {
    const sorted = w.hours
      .map((r, index) => ({ index, from: minutesOf(r.from), to: minutesOf(r.to) }))
      .sort((a, b) => a.from - b.from);
    for (let i = 1; i < sorted.length; i++) {
      if (sorted[i]!.from < sorted[i - 1]!.to) {
        ctx.addIssue({
          code: 'custom',
          path: ['hours', sorted[i]!.index],
          message: `This range overlaps ${w.hours[sorted[i - 1]!.index]!.from}-${w.hours[sorted[i - 1]!.index]!.to}: merge them`,
        });
      }
    }
  });
export type SendWindowInput = z.input<typeof sendWindowSchema>;
export type SendWindow = z.output<typeof sendWindowSchema>;

/**
 * French defaults. Commercial SMS: Monday to Saturday 08:00-20:00, never on Sundays or public holidays (the
 * operators' SMS+ code of conduct, AF2M/FFT, followed by French SMS providers). Phone prospecting: Monday to
 * Friday 10:00-13:00 and 14:00-20:00, never on public holidays (décret n° 2022-1313, Code de la consommation
 * art. D. 223-8); voice messages left on a mobile follow the same rule. Email has no legal hours: working days
 * 08:00-20:00 by default. Postal: the days letters are handed to the post (Monday to Friday).
 */
export function defaultSendWindow(channel: Channel): SendWindow {
  const base = { timeZone: 'Europe/Paris', closedOnPublicHolidays: true };
  switch (channel) {
    case 'sms':
      return {
        ...base,
        days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat'],
        hours: [{ from: '08:00', to: '20:00' }],
      };
    case 'phone':
    case 'voice':
      return {
        ...base,
        days: ['mon', 'tue', 'wed', 'thu', 'fri'],
        hours: [
          { from: '10:00', to: '13:00' },
          { from: '14:00', to: '20:00' },
        ],
      };
    case 'email':
      return {
        ...base,
        days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat'],
        hours: [{ from: '08:00', to: '20:00' }],
      };
    case 'postal':
      return { ...base, days: ['mon', 'tue', 'wed', 'thu', 'fri'], hours: [{ from: '09:00', to: '17:00' }] };
    default:
      return assertNever(channel, 'channel');
  }
}

function dayAllowed(w: SendWindow, local: TZDate): boolean {
  if (!w.days.includes(BY_GET_DAY[local.getDay()]!)) return false;
  return !(
    w.closedOnPublicHolidays &&
    isFrenchPublicHoliday(local.getFullYear(), local.getMonth() + 1, local.getDate())
  );
}

function openAt(w: SendWindow, instant: number): boolean {
  const local = new TZDate(instant, w.timeZone);
  if (!dayAllowed(w, local)) return false;
  const minute = local.getHours() * 60 + local.getMinutes();
  return w.hours.some((r) => minute >= minutesOf(r.from) && minute < minutesOf(r.to));
}

/** Whether the window is open at this instant (start of a range included, end excluded). */
export function isOpen(window: SendWindowInput, instant: Date): boolean {
  return openAt(parsePlanningInput(sendWindowSchema, window, 'send window'), instant.getTime());
}

/**
 * The instant itself when the window is open, else the next instant it opens. Each candidate is a range's
 * start in local time on a following day, converted to an instant in the window's time zone, so the answer
 * is right across daylight-saving changes (a range that starts in the spring-forward gap is skipped that day).
 */
export function nextOpening(window: SendWindowInput, instant: Date): Date {
  const w = parsePlanningInput(sendWindowSchema, window, 'send window');
  const t = instant.getTime();
  if (openAt(w, t)) return new Date(t);
  const today = new TZDate(t, w.timeZone);
  const starts = w.hours.map((r) => minutesOf(r.from)).sort((a, b) => a - b);
  // a year and a week covers any allowed day even when holidays close some of them
  for (let offset = 0; offset <= 372; offset++) {
    for (const start of starts) {
      const candidate = new TZDate(
        today.getFullYear(),
        today.getMonth(),
        today.getDate() + offset,
        Math.floor(start / 60),
        start % 60,
        w.timeZone,
      ).getTime();
      if (candidate > t && openAt(w, candidate)) return new Date(candidate);
    }
  }
  throw AppError.validation('This send window never opens.', [
    { field: 'days', message: 'The chosen days are all public holidays or never occur: choose other days' },
  ]);
}
