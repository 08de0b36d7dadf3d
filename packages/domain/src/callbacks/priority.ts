import type { Tier } from '../indicators';
import { assertNever } from '../vocabulary';
import type { TaskSource } from './vocabulary';

/**
 * A task's priority (higher first; ties by due time): how hot its signal is, plus what the customer is worth.
 * A person who just answered a voice message or is cancelling comes first; a click or a reply is hotter than a
 * campaign's cold call list; a gold customer's call comes before a low-value one of the same kind.
 */
export function sourceHotness(source: TaskSource): number {
  switch (source) {
    case 'voice_answered':
      return 90;
    case 'cancellation':
      return 85;
    case 'low_satisfaction':
      return 80;
    case 'hot_prospect':
      return 70;
    case 'quote_reminder':
      return 65;
    case 'warning_signal':
      return 55;
    case 'churn_risk':
      return 50;
    case 'manual':
      return 50;
    case 'phone_step':
      return 40;
    case 'winback':
      return 30;
    case 'survey':
      return 35;
    default:
      return assertNever(source, 'task source');
  }
}

/** What the customer's value tier adds. */
export function tierValue(tier: Tier | null): number {
  switch (tier) {
    case 'gold':
      return 30;
    case 'basic':
      return 15;
    case 'low':
    case null:
      return 0;
    default:
      return assertNever(tier, 'tier');
  }
}

/** The SQL expression of the tier's value, from `contact_indicators.tier` aliased as `tierColumn`. */
export const TIER_VALUE_SQL = (tierColumn: string) =>
  `(CASE ${tierColumn} WHEN 'gold' THEN ${tierValue('gold')} WHEN 'basic' THEN ${tierValue('basic')} ELSE 0 END)`;
