import type { SendEventKind } from '../dispatch/sends';
import type { EventSource } from './send-events';

/**
 * What the API keeps in `inbound_batches` once a webhook's signature is checked (`source` says which normaliser
 * reads the payload in the worker's intake job):
 * - sendgrid: a SendGrid Event Webhook post (a JSON array of events);
 * - twilio_sms_status / twilio_voice_status: a message's or a call's status callback;
 * - twilio_sms_inbound: an SMS sent to our number (a reply, STOP, START);
 * - twilio_voice_amd: the answering machine detection's result (the call was answered by then).
 * Twilio payloads are stored as `{ params, query }`: the form fields and the callback URL's query (its `sendId`).
 */
export const INBOUND_SOURCES = [
  'sendgrid',
  'twilio_sms_status',
  'twilio_sms_inbound',
  'twilio_voice_status',
  'twilio_voice_amd',
] as const;
export type InboundSource = (typeof INBOUND_SOURCES)[number];

/** An event read from a provider's payload, tied to its send: what `applySendEvents` records. */
export interface ProviderEvent {
  sendId: number;
  kind: SendEventKind;
  source: EventSource;
  /** the same real-world event always gets the same id (sg_event_id, `${MessageSid}:${status}`...) */
  sourceId: string;
  occurredAt: Date;
  detail: Record<string, unknown> | null;
}
