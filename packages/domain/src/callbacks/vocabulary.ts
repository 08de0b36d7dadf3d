import type { SendEventKind } from '../dispatch/sends';
import { assertNever } from '../vocabulary';

/**
 * The telemarketers' callback queues (issue 7): where a task comes from, what became of a call. Const tuples, so
 * that the database enums, the API schemas, the web app's labels and exhaustive switches derive from one list.
 *
 * Where a task comes from (each source's key makes a task once, whatever retries create it):
 * - phone_step: a campaign's phone step (key: the send's id; the call's outcome goes back to that send);
 * - voice_answered: a person answered a voice-message call (key: the call's id);
 * - hot_prospect: clicked, opened several times or replied to a campaign (key: campaign and contact);
 * - quote_reminder: a quote waiting for its reminder (key: the quote's event);
 * - warning_signal: an active customer showing warning signals (key: the alert);
 * - churn_risk: a high probability of leaving (key: contact and month);
 * - cancellation: a cancellation request, a departing customer: often a mood, call back (key: the interaction);
 * - winback: a win-back candidate by reactivation score (key: contact and the date they became former);
 * - manual: created by hand (key: generated);
 * - survey: a moment survey delivered by phone: the agent asks the questions (key: the invitation);
 * - low_satisfaction: a low survey answer from an important customer: the account owner calls back within 48 hours
 *   (key: the answer).
 */
export const TASK_SOURCES = [
  'phone_step',
  'voice_answered',
  'hot_prospect',
  'quote_reminder',
  'warning_signal',
  'churn_risk',
  'cancellation',
  'winback',
  'manual',
  'survey',
  'low_satisfaction',
] as const;
export type TaskSource = (typeof TASK_SOURCES)[number];

/** open: to call (now or at its due time); done: a final outcome; cancelled: no longer to call (do not call). */
export const TASK_STATUSES = ['open', 'done', 'cancelled'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

/** A team queue (tasks by source) or a campaign's queue (its phone steps and hot prospects). */
export const QUEUE_KINDS = ['team', 'campaign'] as const;
export type QueueKind = (typeof QUEUE_KINDS)[number];

/** The default team queues, and which sources feed each (a campaign's own tasks go to the campaign's queue). */
export const TEAM_QUEUES = ['winback', 'prospects', 'care'] as const;
export type TeamQueue = (typeof TEAM_QUEUES)[number];

export function teamQueueOf(source: TaskSource): TeamQueue {
  switch (source) {
    case 'winback':
    case 'churn_risk':
    case 'warning_signal':
      return 'winback';
    case 'hot_prospect':
    case 'quote_reminder':
    case 'phone_step':
      return 'prospects';
    case 'cancellation':
    case 'voice_answered':
    case 'manual':
    case 'survey':
    case 'low_satisfaction':
      return 'care';
    default:
      return assertNever(source, 'task source');
  }
}

/** What became of a call, one button (and one key) each. */
export const CALL_OUTCOMES = [
  'no_answer',
  'voicemail',
  'wrong_number',
  'callback',
  'interested',
  'sale',
  'not_interested',
  'lost',
  'do_not_call',
] as const;
export type CallOutcome = (typeof CALL_OUTCOMES)[number];

/** The keyboard shortcut of each outcome on the call screen (digits, in the buttons' order). */
export const OUTCOME_KEYS: Record<CallOutcome, string> = {
  no_answer: '1',
  voicemail: '2',
  wrong_number: '3',
  callback: '4',
  interested: '5',
  sale: '6',
  not_interested: '7',
  lost: '8',
  do_not_call: '9',
};

export interface OutcomeEffect {
  /** a person was reached (the reach rate) */
  reached: boolean;
  /** a refusal: no new call for the rules' refusal period */
  refusal: boolean;
  /** what becomes of the task: stays open (to call again, at its new due time), done, or cancelled */
  task: 'retry' | 'reschedule' | 'done' | 'cancel';
  /** the event recorded on the send (when the task has one) */
  event: SendEventKind | null;
}

export function outcomeEffect(outcome: CallOutcome): OutcomeEffect {
  switch (outcome) {
    case 'no_answer':
    case 'voicemail':
      return { reached: false, refusal: false, task: 'retry', event: null };
    case 'wrong_number':
      return { reached: false, refusal: false, task: 'done', event: null };
    case 'callback':
      return { reached: true, refusal: false, task: 'reschedule', event: 'answered' };
    case 'interested':
      return { reached: true, refusal: false, task: 'done', event: 'quoted' };
    case 'sale':
      return { reached: true, refusal: false, task: 'done', event: 'sold' };
    case 'not_interested':
      return { reached: true, refusal: true, task: 'done', event: 'answered' };
    case 'lost':
      return { reached: true, refusal: true, task: 'done', event: 'lost' };
    case 'do_not_call':
      return { reached: true, refusal: true, task: 'cancel', event: 'opted_out' };
    default:
      return assertNever(outcome, 'call outcome');
  }
}

/** The outcomes that count as a conversion (managers' conversion rate). */
export const CONVERTED_OUTCOMES = ['interested', 'sale'] as const satisfies readonly CallOutcome[];
