import type { SendEventKind } from '../dispatch/sends';
import { assertNever, type SuppressionReason } from '../vocabulary';

/**
 * Where an event comes from. Each source's ids are unique within it (`send_events` is UNIQUE on source and
 * source id), so the same event delivered twice has one effect:
 * - sendgrid: `sg_event_id`; twilio: the callback's sid and status; link / pixel: one id per request;
 * - unsubscribe: one per send (a second click changes nothing); redemption, conversion, npai, follow_up, phone,
 *   survey: the id of the row that recorded it (or the caller's idempotency key).
 */
export const EVENT_SOURCES = [
  'sendgrid',
  'twilio',
  'link',
  'pixel',
  'unsubscribe',
  'redemption',
  'conversion',
  'npai',
  'follow_up',
  'phone',
  'survey',
] as const;
export type EventSource = (typeof EVENT_SOURCES)[number];

/**
 * What an event does beside being counted:
 * - suppress: the address goes on the suppression list for the send's channel, with this reason;
 * - optOut / optIn: the contact's consent for the send's channel changes (with its proof);
 * - response: the contact answered (a follow-up opens, the send counts as a response).
 */
export interface SendEventEffect {
  suppress: SuppressionReason | null;
  consent: 'opt_out' | 'opt_in' | null;
  response: boolean;
}

const none: SendEventEffect = { suppress: null, consent: null, response: false };

export function sendEventEffect(kind: SendEventKind): SendEventEffect {
  switch (kind) {
    case 'delivered':
    case 'opened':
    case 'clicked':
    case 'undelivered':
    case 'answered':
    case 'reminded':
    case 'lost':
      return none;
    case 'responded':
    case 'quoted':
    case 'sold':
      return { ...none, response: true };
    // a hard bounce, and SendGrid's drops of an address it already knows is bad
    case 'bounced':
    case 'dropped':
      return { ...none, suppress: 'bounced' };
    case 'spam_reported':
      return { suppress: 'spam_complaint', consent: 'opt_out', response: false };
    case 'unsubscribed':
      return { suppress: 'unsubscribed', consent: 'opt_out', response: false };
    case 'opted_out':
      return { suppress: 'stop', consent: 'opt_out', response: false };
    case 'opted_in':
      return { ...none, consent: 'opt_in' };
    case 'returned':
      return { ...none, suppress: 'npai' };
    default:
      return assertNever(kind, 'send event kind');
  }
}

/**
 * A send's delivery state as the board and the contact's timeline show it, from the kinds it has reached. Events
 * arrive in any order (an open before its `delivered`, a STOP before the delivery report); the state is the
 * highest of the kinds reached, so it never moves backwards: a failure outranks a delivery (a late bounce or a
 * returned letter undoes it), an engagement or an answer outranks a failure.
 */
export const DELIVERY_STATES = [
  'sent',
  'delivered',
  'failed',
  'opened',
  'clicked',
  'responded',
  'quoted',
  'sold',
] as const;
export type DeliveryState = (typeof DELIVERY_STATES)[number];

function stateOf(kind: SendEventKind): DeliveryState | null {
  switch (kind) {
    case 'delivered':
    case 'answered':
      return 'delivered';
    case 'bounced':
    case 'dropped':
    case 'undelivered':
    case 'returned':
      return 'failed';
    case 'opened':
      return 'opened';
    case 'clicked':
      return 'clicked';
    case 'responded':
      return 'responded';
    case 'quoted':
      return 'quoted';
    case 'sold':
      return 'sold';
    case 'spam_reported':
    case 'unsubscribed':
    case 'opted_out':
    case 'opted_in':
    case 'reminded':
    case 'lost':
      return null;
    default:
      return assertNever(kind, 'send event kind');
  }
}

export function deliveryState(kinds: Iterable<SendEventKind>): DeliveryState {
  let best = 0;
  for (const kind of kinds) {
    const state = stateOf(kind);
    if (state) best = Math.max(best, DELIVERY_STATES.indexOf(state));
  }
  return DELIVERY_STATES[best]!;
}
