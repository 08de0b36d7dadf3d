import { addDays, addMonths, completedYears, daysBetween } from './dates';
import type { WinbackSettings } from './settings';

/** What the signals read about one active customer, as of `asOf`. Money in euro cents. */
export interface SignalInput {
  firstOrderAt: Date;
  lastOrderAt: Date;
  /** the indicators' revenue over their trend window and the window before, and the trend between them */
  revenueRecentCents: number;
  revenuePreviousCents: number;
  revenueTrend: number | null;
  /** complaints and after-sales contacts over the signal's window, and over the same length just before */
  complaints: number;
  afterSales: number;
  complaintsBefore: number;
  afterSalesBefore: number;
}

/** A warning signal with the evidence shown on the contact page. Dates as ISO strings, money in cents. */
export type WarningSignal =
  | {
      kind: 'anniversary_missed';
      evidence: { anniversaryAt: string; lastOrderAt: string; daysLate: number };
    }
  | {
      kind: 'trend_down';
      evidence: { recentCents: number; previousCents: number; trend: number };
    }
  | {
      kind: 'complaints_up';
      evidence: { current: number; previous: number; complaints: number; afterSales: number };
    };

/**
 * The yearly anniversary of the first order that is due: the latest one at least `graceDays` old (and at least
 * a year after the first order). Null while the customer is under a year and `graceDays` old.
 */
export function dueAnniversary(firstOrderAt: Date, graceDays: number, asOf: Date): Date | null {
  const years = completedYears(firstOrderAt, addDays(asOf, -graceDays));
  return years >= 1 ? addMonths(firstOrderAt, 12 * years) : null;
}

/**
 * The warning signals of an active customer (DOMAIN.md §5), each as switched on in the settings:
 * - anniversary renewal missed: the due anniversary (see `dueAnniversary`) had no order from `leadDays`
 *   before it until now, i.e. the last order is older than that;
 * - revenue trend down by more than `dropShare` (a trend of −30 % is not "more than 30 %");
 * - complaints and after-sales contacts up: at least `minCount` over the window and more than the window before.
 */
export function warningSignals(
  input: SignalInput,
  settings: WinbackSettings['signals'],
  asOf: Date,
): WarningSignal[] {
  const signals: WarningSignal[] = [];
  const { anniversary, trendDown, complaintsUp } = settings;
  if (anniversary.enabled) {
    const due = dueAnniversary(input.firstOrderAt, anniversary.graceDays, asOf);
    if (due && input.lastOrderAt < addDays(due, -anniversary.leadDays))
      signals.push({
        kind: 'anniversary_missed',
        evidence: {
          anniversaryAt: due.toISOString(),
          lastOrderAt: input.lastOrderAt.toISOString(),
          daysLate: daysBetween(due, asOf),
        },
      });
  }
  if (trendDown.enabled && input.revenueTrend !== null && input.revenueTrend < -trendDown.dropShare)
    signals.push({
      kind: 'trend_down',
      evidence: {
        recentCents: input.revenueRecentCents,
        previousCents: input.revenuePreviousCents,
        trend: input.revenueTrend,
      },
    });
  if (complaintsUp.enabled) {
    const current = input.complaints + input.afterSales;
    const previous = input.complaintsBefore + input.afterSalesBefore;
    if (current >= complaintsUp.minCount && current > previous)
      signals.push({
        kind: 'complaints_up',
        evidence: { current, previous, complaints: input.complaints, afterSales: input.afterSales },
      });
  }
  return signals;
}
