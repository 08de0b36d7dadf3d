import { describe, expect, it } from 'vitest';
import { DEFAULT_WINBACK_SETTINGS } from './settings';
import { dueAnniversary, type SignalInput, warningSignals } from './signals';

const d = (iso: string) => new Date(`${iso}T00:00:00Z`);
const settings = DEFAULT_WINBACK_SETTINGS.signals; // lead 30 days, grace 30 days, trend −30 %, complaints ≥ 2
const quiet: SignalInput = {
  firstOrderAt: d('2023-03-10'),
  lastOrderAt: d('2025-03-01'),
  revenueRecentCents: 10_000,
  revenuePreviousCents: 10_000,
  revenueTrend: 0,
  complaints: 0,
  afterSales: 0,
  complaintsBefore: 0,
  afterSalesBefore: 0,
};

describe('warning signals', () => {
  it('finds the anniversary due: the latest one at least the grace period old', () => {
    // 20 March 2025 − 30 days = 18 February 2025: one completed year since 10 March 2023
    expect(dueAnniversary(d('2023-03-10'), 30, d('2025-03-20'))).toEqual(d('2024-03-10'));
    // 10 April 2025 − 30 days = 11 March 2025: two completed years
    expect(dueAnniversary(d('2023-03-10'), 30, d('2025-04-10'))).toEqual(d('2025-03-10'));
    // a customer of eleven months has no anniversary yet
    expect(dueAnniversary(d('2024-05-01'), 30, d('2025-04-10'))).toBeNull();
  });

  it('signals an anniversary renewal missed, with the anniversary, the last order and the days late', () => {
    // due 10 March 2025; an order from 8 February 2025 (30 days before) would have renewed; the last is 5 January
    const input = { ...quiet, lastOrderAt: d('2025-01-05') };
    expect(warningSignals(input, settings, d('2025-04-20'))).toEqual([
      {
        kind: 'anniversary_missed',
        // 10 March → 20 April: 21 days left in March + 20 = 41 days
        evidence: {
          anniversaryAt: '2025-03-10T00:00:00.000Z',
          lastOrderAt: '2025-01-05T00:00:00.000Z',
          daysLate: 41,
        },
      },
    ]);
    // an order on 15 February 2025 is within the 30 days before the anniversary: renewed
    expect(warningSignals({ ...quiet, lastOrderAt: d('2025-02-15') }, settings, d('2025-04-20'))).toEqual([]);
  });

  it('signals a revenue trend down by more than the threshold, not at it', () => {
    const down = { ...quiet, revenueRecentCents: 6_000, revenueTrend: -0.4 };
    expect(warningSignals(down, settings, d('2025-03-20'))).toEqual([
      { kind: 'trend_down', evidence: { recentCents: 6_000, previousCents: 10_000, trend: -0.4 } },
    ]);
    expect(warningSignals({ ...quiet, revenueTrend: -0.3 }, settings, d('2025-03-20'))).toEqual([]);
    expect(warningSignals({ ...quiet, revenueTrend: null }, settings, d('2025-03-20'))).toEqual([]);
  });

  it('signals complaints and after-sales contacts up: at least the minimum and more than before', () => {
    // 1 complaint + 1 after-sales = 2 ≥ 2, and more than the 1 of the window before
    const up = { ...quiet, complaints: 1, afterSales: 1, afterSalesBefore: 1 };
    expect(warningSignals(up, settings, d('2025-03-20'))).toEqual([
      { kind: 'complaints_up', evidence: { current: 2, previous: 1, complaints: 1, afterSales: 1 } },
    ]);
    expect(warningSignals({ ...up, complaintsBefore: 1 }, settings, d('2025-03-20'))).toEqual([]); // 2, not > 2
    expect(warningSignals({ ...quiet, complaints: 1 }, settings, d('2025-03-20'))).toEqual([]); // under 2
  });

  it('applies only the signals switched on', () => {
    const off = {
      anniversary: { ...settings.anniversary, enabled: false },
      trendDown: { ...settings.trendDown, enabled: false },
      complaintsUp: { ...settings.complaintsUp, enabled: false },
    };
    const everything = { ...quiet, lastOrderAt: d('2025-01-05'), revenueTrend: -0.9, complaints: 5 };
    expect(warningSignals(everything, settings, d('2025-04-20')).map((s) => s.kind)).toEqual([
      'anniversary_missed',
      'trend_down',
      'complaints_up',
    ]);
    expect(warningSignals(everything, off, d('2025-04-20'))).toEqual([]);
  });
});
