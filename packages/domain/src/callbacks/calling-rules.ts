import { z } from 'zod';
import { defaultSendWindow, isOpen, sendWindowSchema } from '../planning/send-window';

const int = (min: number, max: number, unit: string) =>
  z
    .number({ error: `Give a whole number of ${unit}` })
    .int({ error: `A whole number of ${unit}` })
    .min(min, { error: `At least ${min} ${unit}` })
    .max(max, { error: `At most ${max} ${unit}` });

/**
 * The calling rules of the workspace, kept in the settings under `calling-rules` and edited by admins and
 * managers. French defaults (décret n° 2022-1313, Code de la consommation art. D. 223-8): Monday to Friday
 * 10:00-13:00 and 14:00-20:00 in the contact's time zone, never on public holidays; at most 4 calls to a contact
 * in 30 days; no new call for 60 days after a refusal. The do-not-call list is the phone suppression list.
 */
export const callingRulesSchema = z.object({
  /** when calls may be made, in the contact's local time (the window's zone when the country says none) */
  window: sendWindowSchema,
  maxAttempts: int(1, 50, 'calls'),
  attemptWindowDays: int(1, 365, 'days'),
  refusalDays: int(0, 3650, 'days'),
  /** how long a task taken with "next" stays locked to its agent without an outcome */
  lockMinutes: int(1, 240, 'minutes'),
  /** when an unanswered call is tried again */
  noAnswerRetryMinutes: int(5, 10_080, 'minutes'),
  /** when a call that left a voicemail is tried again */
  voicemailRetryMinutes: int(5, 10_080, 'minutes'),
  /** an interested contact gets a quote: the reminder call comes this many days later */
  quoteReminderDays: int(1, 90, 'days'),
  /** the feed from win-back and tracking: who gets a task */
  feed: z.object({
    /** win-back candidates from this reactivation score (0-10) */
    winbackMinScore: z.number().min(0).max(10),
    /** active customers from this probability of leaving */
    churnMinProbability: z.number().gt(0).max(1),
    /** a hot prospect: clicked or replied, or opened at least this many times */
    hotOpens: int(1, 100, 'opens'),
    /** at most this many new tasks per source and run (the best first) */
    maxPerRun: int(1, 100_000, 'tasks'),
  }),
});
export type CallingRules = z.infer<typeof callingRulesSchema>;

export const DEFAULT_CALLING_RULES: CallingRules = {
  window: defaultSendWindow('phone'),
  maxAttempts: 4,
  attemptWindowDays: 30,
  refusalDays: 60,
  lockMinutes: 15,
  noAnswerRetryMinutes: 120,
  voicemailRetryMinutes: 24 * 60,
  quoteReminderDays: 7,
  feed: { winbackMinScore: 5, churnMinProbability: 0.5, hotOpens: 3, maxPerRun: 500 },
};

/**
 * The time zone of a contact's country, for the calling hours. Metropolitan France and its neighbours, and the
 * French overseas departments and territories; any other country: the rules' own zone.
 */
export const COUNTRY_TIME_ZONES: Readonly<Record<string, string>> = {
  FR: 'Europe/Paris',
  MC: 'Europe/Monaco',
  BE: 'Europe/Brussels',
  LU: 'Europe/Luxembourg',
  CH: 'Europe/Zurich',
  DE: 'Europe/Berlin',
  ES: 'Europe/Madrid',
  IT: 'Europe/Rome',
  NL: 'Europe/Amsterdam',
  GB: 'Europe/London',
  PT: 'Europe/Lisbon',
  GP: 'America/Guadeloupe',
  MQ: 'America/Martinique',
  GF: 'America/Cayenne',
  RE: 'Indian/Reunion',
  YT: 'Indian/Mayotte',
  PM: 'America/Miquelon',
  NC: 'Pacific/Noumea',
  PF: 'Pacific/Tahiti',
  CA: 'America/Toronto',
};

/**
 * Where calls may be made at `at`: the countries (of COUNTRY_TIME_ZONES) whose local time is inside the calling
 * window (days, hours, French public holidays: the send window's own rules, send-window.ts), and whether it is
 * open in the rules' own zone, for contacts of any other country.
 */
export function openCallingCountries(
  rules: CallingRules,
  at: Date,
): { countries: string[]; elsewhere: boolean } {
  const byZone = new Map<string, boolean>();
  const open = (timeZone: string) => {
    let value = byZone.get(timeZone);
    if (value === undefined) {
      value = isOpen({ ...rules.window, timeZone }, at);
      byZone.set(timeZone, value);
    }
    return value;
  };
  return {
    countries: Object.entries(COUNTRY_TIME_ZONES)
      .filter(([, zone]) => open(zone))
      .map(([country]) => country),
    elsewhere: open(rules.window.timeZone),
  };
}
