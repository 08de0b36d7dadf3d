import type { SendEventKind } from '@relance/domain/dispatch/sends';
import type { ProviderEvent } from '@relance/domain/tracking/inbound';
import { z } from 'zod';
import { callbackSendId, type TwilioCallback, twilioSid } from '../twilio/twilio-callback-payload';
import type { VoiceAnswerOutcome } from './voice-twiml';

const callParams = z.looseObject({
  CallSid: twilioSid('CA'),
  CallStatus: z.string().optional(),
  AnsweredBy: z.string().optional(),
});

/**
 * Who answered, as an event (one per call, whichever of the detection callback and the final status tells it
 * first: the same source id `${CallSid}:answered_by`): a machine (the message was left after the beep) →
 * `delivered`; a person → `answered`; an undecided detection (the message was played) → `delivered`; a fax → null
 * (the call's `completed` status says nothing more: no event).
 */
function answeredEvent(
  sendId: number,
  callSid: string,
  answeredBy: string,
  at: Date,
  outcome?: VoiceAnswerOutcome,
): ProviderEvent | null {
  let kind: SendEventKind;
  if (answeredBy.startsWith('machine')) kind = 'delivered';
  else if (answeredBy === 'human') kind = 'answered';
  else if (answeredBy === 'unknown') kind = 'delivered';
  else if (answeredBy === 'fax') kind = 'undelivered';
  else return null;
  return {
    sendId,
    kind,
    source: 'twilio',
    sourceId: `${callSid}:answered_by`,
    occurredAt: at,
    detail: {
      answeredBy,
      ...(kind === 'delivered' && answeredBy !== 'unknown' ? { voicemail: true } : {}),
      ...(outcome ? { outcome } : {}),
    },
  };
}

/**
 * A call's status callback as the event of its send (the `sendId` of its URL): completed → who answered (when the
 * callback says it, else the detection callback tells it); no-answer, busy, failed, canceled → `undelivered`
 * (`${CallSid}:${status}`); initiated, ringing, in-progress → nothing. Throws on a payload that is no call status.
 */
export function normaliseVoiceStatus(callback: TwilioCallback, receivedAt: Date): ProviderEvent[] {
  const p = callParams.parse(callback.params);
  const sendId = callbackSendId(callback);
  const status = p.CallStatus ?? '';
  if (sendId === null) return [];
  switch (status) {
    case 'completed': {
      const e = p.AnsweredBy ? answeredEvent(sendId, p.CallSid, p.AnsweredBy, receivedAt) : null;
      return e ? [e] : [];
    }
    case 'no-answer':
    case 'busy':
    case 'failed':
    case 'canceled':
      return [
        {
          sendId,
          kind: 'undelivered',
          source: 'twilio',
          sourceId: `${p.CallSid}:${status}`,
          occurredAt: receivedAt,
          detail: { status },
        },
      ];
    default:
      return [];
  }
}

/** The detection callback's fields: the call and who answered. */
export function readAmdCallback(params: Record<string, string>): { callSid: string; answeredBy: string } {
  const p = callParams.extend({ AnsweredBy: z.string().min(1) }).parse(params);
  return { callSid: p.CallSid, answeredBy: p.AnsweredBy };
}

/** The detection callback kept with what the API did with the live call (voice-twiml.ts VoiceAnswerOutcome). */
export const amdPayloadSchema = z.object({
  params: z.record(z.string(), z.string()),
  query: z.record(z.string(), z.string()).default({}),
  outcome: z
    .enum(['voicemail-left', 'played-to-person', 'callback-task', 'hung-up'])
    .nullable()
    .default(null),
});
export type AmdPayload = z.infer<typeof amdPayloadSchema>;

/** The detection callback as the event of its send: who answered (see answeredEvent). */
export function normaliseVoiceAmd(payload: AmdPayload, receivedAt: Date): ProviderEvent[] {
  const { callSid, answeredBy } = readAmdCallback(payload.params);
  const sendId = callbackSendId(payload);
  if (sendId === null) return [];
  const e = answeredEvent(sendId, callSid, answeredBy, receivedAt, payload.outcome ?? undefined);
  return e ? [e] : [];
}
