import { describe, expect, it } from 'vitest';
import { defaultSendWindow } from './send-window';
import { windowWarnings } from './send-window-rules';

describe('windowWarnings', () => {
  it('finds nothing to say about the French defaults, nor about email and postal windows', () => {
    for (const channel of ['sms', 'phone', 'voice', 'email', 'postal'] as const) {
      expect(windowWarnings(channel, defaultSendWindow(channel))).toEqual([]);
    }
    expect(
      windowWarnings('email', {
        days: ['sun'],
        hours: [{ from: '06:00', to: '23:00' }],
        closedOnPublicHolidays: false,
      }),
    ).toEqual([]);
  });

  it('accepts a narrower window', () => {
    expect(windowWarnings('sms', { days: ['tue', 'thu'], hours: [{ from: '10:00', to: '12:00' }] })).toEqual(
      [],
    );
    expect(windowWarnings('phone', { days: ['mon'], hours: [{ from: '14:30', to: '19:00' }] })).toEqual([]);
  });

  it('names the SMS on Sunday, the range past 20:00 and the holidays left open', () => {
    expect(
      windowWarnings('sms', {
        days: ['sat', 'sun'],
        hours: [{ from: '08:00', to: '21:00' }],
        closedOnPublicHolidays: false,
      }),
    ).toEqual([
      { kind: 'day_outside_rules', days: ['sun'] },
      { kind: 'hours_outside_rules', from: '08:00', to: '21:00' },
      { kind: 'holidays_open' },
    ]);
  });

  it('sees a phone range over the lunch break as outside the rules (13:00-14:00 is closed)', () => {
    expect(windowWarnings('phone', { days: ['mon'], hours: [{ from: '12:00', to: '15:00' }] })).toEqual([
      { kind: 'hours_outside_rules', from: '12:00', to: '15:00' },
    ]);
    expect(windowWarnings('voice', { days: ['sat'], hours: [{ from: '10:00', to: '13:00' }] })).toEqual([
      { kind: 'day_outside_rules', days: ['sat'] },
    ]);
  });
});
