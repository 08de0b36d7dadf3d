import type { SendEventKind } from '@relance/domain/dispatch/sends';
import type { ProviderEvent } from '@relance/domain/tracking/inbound';
import { type SmsKeyword, smsKeyword } from '@relance/domain/tracking/sms-keywords';
import { z } from 'zod';
import { callbackSendId, type TwilioCallback, twilioSid } from '../twilio/twilio-callback-payload';

/**
 * Twilio error codes of an undelivered or failed SMS that say the number itself will never take our messages
 * (https://www.twilio.com/docs/api/errors), recorded as a kind that suppresses it (tracking/send-events.ts):
 * - the recipient opted out of this sender (STOP): `opted_out` (suppressed for STOP, consent withdrawn);
 * - the number does not exist, is no mobile or a landline: `bounced` (suppressed as a bounce, like an email).
 * Every other code (the handset off or out of reach, a carrier filter, a queue overflow) is `undelivered`: a
 * failure of this message only, the number stays.
 */
export const SMS_PERMANENT_ERRORS: Readonly<Record<string, 'opted_out' | 'bounced'>> = {
  '21610': 'opted_out',
  '21211': 'bounced',
  '21614': 'bounced',
  '21217': 'bounced',
  '30005': 'bounced',
  '30006': 'bounced',
};

const statusParams = z.looseObject({
  MessageSid: twilioSid('(SM|MM)'),
  MessageStatus: z.string().optional(),
  SmsStatus: z.string().optional(),
  ErrorCode: z.string().optional(),
});

/**
 * An SMS status callback as the event of its send (matched by the `sendId` of its URL), identified by the message
 * and its status (`${MessageSid}:${status}`: Twilio's retries of a callback record it once): delivered →
 * `delivered`; undelivered or failed → `undelivered` with its error code, or the suppressing kind of a permanent
 * code (SMS_PERMANENT_ERRORS); queued, sending, sent... → nothing. Throws on a payload that is no status callback.
 */
export function normaliseSmsStatus(callback: TwilioCallback, receivedAt: Date): ProviderEvent[] {
  const p = statusParams.parse(callback.params);
  const status = p.MessageStatus ?? p.SmsStatus ?? '';
  const sendId = callbackSendId(callback);
  if (sendId === null) return [];
  let kind: SendEventKind;
  let detail: Record<string, unknown> | null = null;
  switch (status) {
    case 'delivered':
      kind = 'delivered';
      break;
    case 'undelivered':
    case 'failed':
      kind = (p.ErrorCode && SMS_PERMANENT_ERRORS[p.ErrorCode]) || 'undelivered';
      detail = { status, ...(p.ErrorCode ? { errorCode: p.ErrorCode } : {}) };
      break;
    default:
      return [];
  }
  return [
    { sendId, kind, source: 'twilio', sourceId: `${p.MessageSid}:${status}`, occurredAt: receivedAt, detail },
  ];
}

const inboundParams = z.looseObject({
  MessageSid: twilioSid('(SM|MM)'),
  From: z.string().min(1),
  To: z.string().optional(),
  Body: z.string().default(''),
  OptOutType: z.string().optional(),
});

/** An SMS someone sent us: who, what, and what it asks for (stop, start, help, or nothing: a reply). */
export interface InboundSms {
  messageSid: string;
  /** E.164, as the sends' addresses are */
  from: string;
  body: string;
  keyword: SmsKeyword | null;
}

/**
 * Reads an incoming SMS: its keyword from its words (sms-keywords.ts), or, for keywords configured in Twilio's
 * Advanced Opt-Out beyond ours, from the OptOutType Twilio adds. Throws on a payload that is no incoming SMS.
 */
export function normaliseInboundSms(callback: TwilioCallback): InboundSms {
  const p = inboundParams.parse(callback.params);
  const twilioKeyword =
    p.OptOutType === 'STOP'
      ? 'stop'
      : p.OptOutType === 'START'
        ? 'start'
        : p.OptOutType === 'HELP'
          ? 'help'
          : null;
  return {
    messageSid: p.MessageSid,
    from: p.From.trim(),
    body: p.Body,
    keyword: smsKeyword(p.Body) ?? twilioKeyword,
  };
}
