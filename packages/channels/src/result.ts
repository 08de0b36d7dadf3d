import type { Channel, SuppressionReason } from '@relance/domain/vocabulary';

/** An address the provider said must not be written to again: the engine adds it to the suppression list. */
export interface SuppressRequest {
  channel: Channel;
  /** the address as sent: a lower-case email, an E.164 number */
  address: string;
  reason: SuppressionReason;
}

/** A call a telemarketer should make: from a phone step, or a person who answered a voice message call. */
export interface CallbackTaskRequest {
  reason: 'phone-step' | 'voice-answered-by-person';
  contactId: string;
  phone: string | null;
  /** not before this time (ISO 8601); null: as soon as possible */
  dueAt: string | null;
  priority: number;
}

/**
 * What became of one send, said by the adapter (the engine decides what to do with it):
 * - `accepted`: the provider took it; `providerId` ties its webhooks to the send (SendGrid's X-Message-Id,
 *   Twilio's SM/CA sid, the mail house's batch id).
 * - `retryable`: not sent, try again later (429, 5xx, the provider unreachable before it got the request);
 *   `retryAfterMs` when the provider said how long to wait.
 * - `permanent`: not sent and never will be (invalid or unsubscribed address, a refused message); no retry;
 *   `suppress` when the address must go on the suppression list.
 * - `unknown`: the provider may have accepted it (a timeout or a connection cut after the request left):
 *   never resend blindly; reconcile from the provider's webhooks or its logs.
 * - `callback-task`: nothing is sent; a telemarketer's task is to be created (phone steps).
 */
export type SendResult =
  | { kind: 'accepted'; sendId: string; providerId: string }
  | { kind: 'retryable'; sendId: string; reason: string; retryAfterMs?: number }
  | { kind: 'permanent'; sendId: string; reason: string; suppress?: SuppressRequest }
  | { kind: 'unknown'; sendId: string; reason: string }
  | { kind: 'callback-task'; sendId: string; task: CallbackTaskRequest };

export type SendResultKind = SendResult['kind'];

/** A failure that applies to every send of a request: the same outcome for each of them. */
export type BatchFailure =
  | { kind: 'retryable'; reason: string; retryAfterMs?: number }
  | { kind: 'permanent'; reason: string }
  | { kind: 'unknown'; reason: string };

export function failEach(sendIds: readonly string[], failure: BatchFailure): SendResult[] {
  return sendIds.map((sendId) => ({ ...failure, sendId }));
}
