/**
 * Win-back's closed vocabularies (DOMAIN.md §5-6). Const tuples, so that zod schemas, the database's check
 * constraints, the web app's labels and exhaustive switches all derive from one list.
 */

/** Why a customer left, as captured on the contact (from a complaint, a questionnaire or a call). */
export const LOST_REASONS = [
  'price',
  'quality',
  'service',
  'competitor',
  'moved',
  'business_closed',
  'no_need',
  'other',
] as const;
export type LostReason = (typeof LOST_REASONS)[number];

/** Lost customers not worth winning back (DOMAIN.md §6.5): never win-back candidates. */
export const WINBACK_EXCLUSIONS = ['moved_out_of_area', 'too_demanding', 'competitor_promotion'] as const;
export type WinbackExclusion = (typeof WINBACK_EXCLUSIONS)[number];

/** Warning signals on active customers (DOMAIN.md §5). */
export const SIGNAL_KINDS = ['anniversary_missed', 'trend_down', 'complaints_up'] as const;
export type SignalKind = (typeof SIGNAL_KINDS)[number];

/** Why a customer is an occasional buyer (DOMAIN.md §6.3). */
export const OCCASIONAL_REASONS = ['single_order', 'promo_only', 'affiliate_only'] as const;
export type OccasionalReason = (typeof OCCASIONAL_REASONS)[number];

/** Which inactivity criterion moved a customer into the former-customer file. */
export const FORMER_REASONS = ['no_order', 'spend_drop'] as const;
export type FormerReason = (typeof FORMER_REASONS)[number];

/** Why a customer left the former-customer file. */
export const FORMER_EXITS = ['ordered_again', 'rule_no_longer_met'] as const;
export type FormerExit = (typeof FORMER_EXITS)[number];

/**
 * What an alert of the feed is about: a warning signal that appeared, a customer who became former, or an active
 * customer whose probability of leaving rose above the settings' threshold (`churn.alertAbove`), or an important
 * customer who gave a low answer to a survey (surveys/survey-respond.ts).
 */
export const ALERT_KINDS = [...SIGNAL_KINDS, 'became_former', 'churn_risk', 'low_satisfaction'] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];
