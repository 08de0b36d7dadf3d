import { gregorianEaster } from 'date-easter';

/**
 * French public holidays (jours fériés, Code du travail art. L3133-1) in metropolitan France: 1 January, Easter
 * Monday, 1 May, 8 May, Ascension (Easter + 39 days), Whit Monday (Easter + 50), 14 July, 15 August, 1 November,
 * 11 November, 25 December. Not the Alsace-Moselle extras (Good Friday, 26 December) nor overseas dates.
 *
 * Easter comes from date-easter. The list is written here rather than taken from date-holidays because that
 * library bundles every country's rules (about 1.5 MB minified in the web app against a few hundred bytes);
 * the test checks this list against date-holidays for 2000-2060.
 */
const FIXED: readonly (readonly [month: number, day: number])[] = [
  [1, 1],
  [5, 1],
  [5, 8],
  [7, 14],
  [8, 15],
  [11, 1],
  [11, 11],
  [12, 25],
];
/** Days after Easter Sunday: Easter Monday, Ascension, Whit Monday. */
const AFTER_EASTER = [1, 39, 50] as const;

const cache = new Map<number, Set<string>>();
const pad = (n: number) => String(n).padStart(2, '0');
const key = (year: number, month: number, day: number) => `${year}-${pad(month)}-${pad(day)}`;

/** The year's French public holidays as 'YYYY-MM-DD', sorted. */
export function frenchPublicHolidays(year: number): string[] {
  return [...holidaySet(year)].sort();
}

function holidaySet(year: number): Set<string> {
  let set = cache.get(year);
  if (!set) {
    const easter = gregorianEaster(year);
    set = new Set(FIXED.map(([m, d]) => key(year, m, d)));
    for (const offset of AFTER_EASTER) {
      // calendar arithmetic in UTC: no time zone can shift the day
      const date = new Date(Date.UTC(year, easter.month - 1, easter.day + offset));
      set.add(key(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()));
    }
    cache.set(year, set);
  }
  return set;
}

/** Whether a calendar day (month 1-12) is a French public holiday. */
export function isFrenchPublicHoliday(year: number, month: number, day: number): boolean {
  return holidaySet(year).has(key(year, month, day));
}
