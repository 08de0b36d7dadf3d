/**
 * The dispatch engine's vocabulary: one send per (step, contact), its phase, its status and why it was skipped.
 * Each is a const tuple so that the database enums, the API schemas and exhaustive switches share one list.
 */

/** A campaign first goes to a test sample, then (rollout) to the rest of its audience. */
export const SEND_PHASES = ['test', 'rollout'] as const;
export type SendPhase = (typeof SEND_PHASES)[number];

/**
 * pending → sending (claimed by a worker) → sent | failed | unknown; pending → skipped (not sendable when
 * materialised or at send time) | cancelled (the campaign was cancelled or completed first). `unknown`: the
 * provider may have accepted it (a timeout after the request, a worker killed during the call): it is never
 * sent again blindly, only reconciled.
 */
export const SEND_STATUSES = [
  'pending',
  'sending',
  'sent',
  'failed',
  'skipped',
  'unknown',
  'cancelled',
] as const;
export type SendStatus = (typeof SEND_STATUSES)[number];

/** The statuses a send never leaves (except `unknown`, which reconciliation settles). */
export const FINAL_SEND_STATUSES = ['sent', 'failed', 'skipped', 'cancelled'] as const;

/**
 * Why a send was not made:
 * - no_consent: the channel needs an opt-in the contact has not given (or the contact opted out);
 * - suppressed: the address is on the suppression list (unsubscribed, bounced, NPAI, STOP, do not call);
 * - no_address: the contact has no address for the channel (no email, no mobile, an incomplete postal address);
 * - excluded: the contact no longer fits the step's target when it goes out (a non-responder who answered since).
 */
export const SKIP_REASONS = ['no_consent', 'suppressed', 'no_address', 'excluded'] as const;
export type SkipReason = (typeof SKIP_REASONS)[number];

/**
 * What comes back from a send (packages/domain/src/tracking/send-events.ts says what each one does): provider
 * results (delivered, bounced, dropped, undelivered, answered by a person), the recipient's engagement (opened,
 * clicked), answers and the follow-up pipeline (responded, quoted, reminded, sold, lost), and opt-outs
 * (unsubscribed, spam_reported, opted_out by STOP, opted_in by START, returned mail: NPAI). A response or a sale
 * makes a responder; an open or a click an opener/clicker. New kinds are appended (a PostgreSQL enum).
 */
export const SEND_EVENT_KINDS = [
  'delivered',
  'opened',
  'clicked',
  'responded',
  'sold',
  'bounced',
  'quoted',
  'reminded',
  'lost',
  'dropped',
  'spam_reported',
  'unsubscribed',
  'undelivered',
  'returned',
  'opted_out',
  'opted_in',
  'answered',
] as const;
export type SendEventKind = (typeof SEND_EVENT_KINDS)[number];

/** The event kinds that count as a response to the campaign (the "responders", the test's response rate). */
export const RESPONSE_EVENT_KINDS = [
  'responded',
  'quoted',
  'sold',
] as const satisfies readonly SendEventKind[];
/** The event kinds that make an opener or a clicker of an email. */
export const ENGAGEMENT_EVENT_KINDS = ['opened', 'clicked'] as const satisfies readonly SendEventKind[];
