import { assertNever, type Channel } from '../vocabulary';
import { defaultSendWindow, type SendWindowInput, WEEK_DAYS } from './send-window';

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

export type WindowWarning =
  | { kind: 'day_outside_rules'; days: string[] }
  | { kind: 'hours_outside_rules'; from: string; to: string }
  | { kind: 'holidays_open' };

/**
 * Where a step's window goes beyond the French rules its channel's default follows (commercial SMS: Monday to
 * Saturday 08:00-20:00; phone prospecting and voice messages: weekdays 10:00-13:00 and 14:00-20:00; never on
 * public holidays). A window may be narrower; wider is allowed (a customer who asked to be called on Saturday)
 * but the marketer is warned. Email and postal have no legal hours.
 */
export function windowWarnings(channel: Channel, window: SendWindowInput): WindowWarning[] {
  switch (channel) {
    case 'email':
    case 'postal':
      return [];
    case 'sms':
    case 'phone':
    case 'voice':
      break;
    default:
      return assertNever(channel, 'channel');
  }
  const rule = defaultSendWindow(channel);
  const warnings: WindowWarning[] = [];
  const extraDays = WEEK_DAYS.filter((d) => window.days.includes(d) && !rule.days.includes(d));
  if (extraDays.length > 0) warnings.push({ kind: 'day_outside_rules', days: extraDays });
  for (const range of window.hours) {
    const from = minutesOf(range.from);
    const to = minutesOf(range.to);
    const inside = rule.hours.some((r) => from >= minutesOf(r.from) && to <= minutesOf(r.to));
    if (!inside) warnings.push({ kind: 'hours_outside_rules', from: range.from, to: range.to });
  }
  if (window.closedOnPublicHolidays === false) warnings.push({ kind: 'holidays_open' });
  return warnings;
}
