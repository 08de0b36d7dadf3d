import { describe, expect, it } from 'vitest';
import { AppError } from '../errors';
import { defaultSendWindow, isOpen, nextOpening, type SendWindowInput } from './send-window';

const sms = defaultSendWindow('sms');
const phone = defaultSendWindow('phone');
const at = (iso: string) => new Date(iso);
const next = (w: SendWindowInput, iso: string) => nextOpening(w, at(iso)).toISOString();

describe('send windows: French defaults', () => {
  it('opens commercial SMS Monday to Saturday 08:00-20:00 Paris time', () => {
    // Saturday 28 March 2026, still winter time (UTC+1): 19:59 Paris = 18:59Z open, 20:00 = 19:00Z closed
    expect(isOpen(sms, at('2026-03-28T18:59:00Z'))).toBe(true);
    expect(isOpen(sms, at('2026-03-28T19:00:00Z'))).toBe(false);
    expect(isOpen(sms, at('2026-03-28T06:59:00Z'))).toBe(false);
    expect(isOpen(sms, at('2026-03-28T07:00:00Z'))).toBe(true);
  });

  it('opens phone prospecting Monday to Friday 10-13 and 14-20, closed at lunch', () => {
    // Tuesday 16 June 2026, summer time (UTC+2): 13:30 Paris = 11:30Z closed → 14:00 Paris = 12:00Z
    expect(isOpen(phone, at('2026-06-16T11:30:00Z'))).toBe(false);
    expect(next(phone, '2026-06-16T11:30:00Z')).toBe('2026-06-16T12:00:00.000Z');
    expect(isOpen(phone, at('2026-06-16T08:00:00Z'))).toBe(true);
    // Friday 19 June 20:00 Paris → Monday 22 June 10:00 Paris = 08:00Z
    expect(next(phone, '2026-06-19T18:00:00Z')).toBe('2026-06-22T08:00:00.000Z');
  });

  it('is correct across the spring change (last Sunday of March: 29 March 2026)', () => {
    // Saturday 28 March 20:30 Paris (UTC+1) = 19:30Z. Sunday is closed for SMS; Monday 30 March 08:00 is
    // summer time (UTC+2) = 06:00Z, not 07:00Z
    expect(next(sms, '2026-03-28T19:30:00Z')).toBe('2026-03-30T06:00:00.000Z');
    // a window open every day: Sunday 29 March opens at 08:00 UTC+2 = 06:00Z, Saturday 28 at 08:00 UTC+1 = 07:00Z
    const everyDay: SendWindowInput = {
      days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'],
      hours: [{ from: '08:00', to: '20:00' }],
    };
    expect(next(everyDay, '2026-03-28T00:00:00Z')).toBe('2026-03-28T07:00:00.000Z');
    expect(next(everyDay, '2026-03-28T20:00:00Z')).toBe('2026-03-29T06:00:00.000Z');
    expect(isOpen(everyDay, at('2026-03-29T05:59:00Z'))).toBe(false);
  });

  it('skips a range that falls in the spring-forward gap', () => {
    // 02:00-03:00 does not exist on 29 March 2026 in Paris (clocks jump from 02:00 to 03:00)
    const night: SendWindowInput = {
      days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'],
      hours: [{ from: '02:00', to: '03:00' }],
      closedOnPublicHolidays: false,
    };
    // after Saturday's range → Monday 30 March 02:00 UTC+2 = 00:00Z
    expect(next(night, '2026-03-28T02:00:00Z')).toBe('2026-03-30T00:00:00.000Z');
  });

  it('is correct across the autumn change (last Sunday of October: 25 October 2026)', () => {
    // Saturday 24 October 21:00 Paris (UTC+2) = 19:00Z → Monday 26 October 08:00 Paris (UTC+1) = 07:00Z
    expect(next(sms, '2026-10-24T19:00:00Z')).toBe('2026-10-26T07:00:00.000Z');
    const sundays: SendWindowInput = { days: ['sun'], hours: [{ from: '08:00', to: '20:00' }] };
    // Sunday 25 October 07:30Z is 08:30 winter time: open; 06:30Z = 07:30: closed, opens at 07:00Z
    expect(isOpen(sundays, at('2026-10-25T07:30:00Z'))).toBe(true);
    expect(next(sundays, '2026-10-25T06:30:00Z')).toBe('2026-10-25T07:00:00.000Z');
  });

  it('never sends on Sundays', () => {
    // Sunday 7 June 2026 at noon Paris: SMS closed, next Monday 8 June 08:00 Paris = 06:00Z
    expect(isOpen(sms, at('2026-06-07T10:00:00Z'))).toBe(false);
    expect(next(sms, '2026-06-07T10:00:00Z')).toBe('2026-06-08T06:00:00.000Z');
  });

  it('never sends on French public holidays', () => {
    // 1 May 2026 is a Friday: SMS → Saturday 2 May 08:00 (06:00Z); phone → Monday 4 May 10:00 (08:00Z)
    expect(isOpen(sms, at('2026-05-01T10:00:00Z'))).toBe(false);
    expect(next(sms, '2026-05-01T10:00:00Z')).toBe('2026-05-02T06:00:00.000Z');
    expect(next(phone, '2026-05-01T10:00:00Z')).toBe('2026-05-04T08:00:00.000Z');
    // 14 July 2026 (Tuesday) → Wednesday 15 July 10:00 = 08:00Z
    expect(isOpen(phone, at('2026-07-14T09:00:00Z'))).toBe(false);
    expect(next(phone, '2026-07-14T09:00:00Z')).toBe('2026-07-15T08:00:00.000Z');
    // Easter Monday 6 April 2026 → Tuesday 7 April 10:00 = 08:00Z
    expect(next(phone, '2026-04-06T09:00:00Z')).toBe('2026-04-07T08:00:00.000Z');
    // Ascension Thursday 14 May 2026 → Friday 15 May 08:00 = 06:00Z
    expect(isOpen(sms, at('2026-05-14T09:00:00Z'))).toBe(false);
    expect(next(sms, '2026-05-14T09:00:00Z')).toBe('2026-05-15T06:00:00.000Z');
    // opening holidays explicitly
    expect(isOpen({ ...sms, closedOnPublicHolidays: false }, at('2026-05-14T09:00:00Z'))).toBe(true);
  });
});

describe('send windows: refused inputs', () => {
  const fieldErrors = (w: unknown) => {
    try {
      isOpen(w as SendWindowInput, new Date());
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      return (error as AppError).fieldErrors;
    }
    throw new Error('accepted');
  };

  it('refuses an empty window with a clear error', () => {
    expect(fieldErrors({ days: [], hours: [] })).toEqual([
      { field: 'days', message: 'Choose at least one day: an empty window never sends' },
      { field: 'hours', message: 'Add at least one time range: an empty window never sends' },
    ]);
  });

  it('refuses backwards, overlapping or malformed ranges and unknown time zones', () => {
    expect(fieldErrors({ days: ['mon'], hours: [{ from: '20:00', to: '08:00' }] })).toEqual([
      {
        field: 'hours.0.to',
        message: 'The end time must be after the start time (a range cannot cross midnight)',
      },
    ]);
    expect(
      fieldErrors({
        days: ['mon'],
        hours: [
          { from: '08:00', to: '12:00' },
          { from: '11:00', to: '14:00' },
        ],
      }),
    ).toEqual([{ field: 'hours.1', message: 'This range overlaps 08:00-12:00: merge them' }]);
    expect(fieldErrors({ days: ['mon'], hours: [{ from: '8h', to: '12:00' }] })[0]?.field).toBe(
      'hours.0.from',
    );
    expect(
      fieldErrors({ timeZone: 'Paris', days: ['mon'], hours: [{ from: '08:00', to: '12:00' }] }),
    ).toEqual([{ field: 'timeZone', message: 'Unknown time zone: use an IANA name such as Europe/Paris' }]);
  });
});
