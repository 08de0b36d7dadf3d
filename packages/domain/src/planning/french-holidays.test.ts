import Holidays from 'date-holidays';
import { describe, expect, it } from 'vitest';
import { frenchPublicHolidays, isFrenchPublicHoliday } from './french-holidays';

describe('French public holidays', () => {
  it('lists 2026: Easter is 5 April, so Easter Monday 6 April, Ascension 14 May, Whit Monday 25 May', () => {
    expect(frenchPublicHolidays(2026)).toEqual([
      '2026-01-01',
      '2026-04-06',
      '2026-05-01',
      '2026-05-08',
      '2026-05-14',
      '2026-05-25',
      '2026-07-14',
      '2026-08-15',
      '2026-11-01',
      '2026-11-11',
      '2026-12-25',
    ]);
  });

  it('moves with Easter: 2027 (Easter 28 March) and 2038 (25 April, Ascension on 3 June)', () => {
    expect(isFrenchPublicHoliday(2027, 3, 29)).toBe(true);
    expect(isFrenchPublicHoliday(2027, 5, 6)).toBe(true);
    expect(isFrenchPublicHoliday(2027, 5, 17)).toBe(true);
    expect(isFrenchPublicHoliday(2027, 3, 30)).toBe(false);
    expect(isFrenchPublicHoliday(2038, 4, 26)).toBe(true);
    expect(isFrenchPublicHoliday(2038, 6, 3)).toBe(true);
    expect(isFrenchPublicHoliday(2038, 6, 14)).toBe(true);
  });

  it('agrees with date-holidays (FR, public) for 2000-2060', () => {
    const reference = new Holidays('FR', { types: ['public'] });
    for (let year = 2000; year <= 2060; year++) {
      const expected = reference
        .getHolidays(year)
        .filter((h) => h.type === 'public')
        .map((h) => h.date.slice(0, 10))
        .sort();
      expect(frenchPublicHolidays(year), String(year)).toEqual([...new Set(expected)]);
    }
  });
});
