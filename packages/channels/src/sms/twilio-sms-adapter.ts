import { mapLimit } from '../concurrency';
import type { SendResult } from '../result';
import { createTwilioClient, type TwilioConfig } from '../twilio/twilio-client';
import { classifyTwilioError } from '../twilio/twilio-errors';

/** One SMS, its text rendered already (templates renderSms). */
export interface OutgoingSms {
  channel: 'sms';
  sendId: string;
  /** E.164, e.g. +33612345678 */
  to: string;
  text: string;
}

export interface TwilioSmsConfig extends TwilioConfig {
  /** a sender: a number (+33...) or an alphanumeric sender id; or a messaging service (MG...), which wins */
  from?: string;
  messagingServiceSid?: string;
  /** where Twilio posts delivery statuses; `?sendId=` is added per message */
  statusCallbackUrl: string;
  /** messages in flight at once */
  concurrency?: number;
}

export interface SmsAdapter {
  channel: 'sms';
  provider: 'twilio';
  sendBatch(messages: ReadonlyArray<OutgoingSms>): Promise<SendResult[]>;
}

/** Adds a query parameter to a callback URL (the send id, so a status that arrives early still finds its send). */
export function withSendId(url: string, sendId: string): string {
  const u = new URL(url);
  u.searchParams.set('sendId', sendId);
  return u.toString();
}

/**
 * SMS through Twilio's Messages API with the twilio SDK: one `messages.create` per message (Twilio has no
 * batch send), a few in flight at once; the pace over time is the engine's rate limiter's business.
 */
export function createTwilioSmsAdapter(config: TwilioSmsConfig): SmsAdapter {
  if (!config.from && !config.messagingServiceSid)
    throw new Error('An SMS sender is needed: TWILIO_SMS_FROM or TWILIO_MESSAGING_SERVICE_SID.');
  const client = createTwilioClient(config);
  const sender = config.messagingServiceSid
    ? { messagingServiceSid: config.messagingServiceSid }
    : { from: config.from as string };
  return {
    channel: 'sms',
    provider: 'twilio',
    sendBatch: (messages) =>
      mapLimit(messages, config.concurrency ?? 8, async (m): Promise<SendResult> => {
        try {
          const message = await client.messages.create({
            to: m.to,
            body: m.text,
            ...sender,
            statusCallback: withSendId(config.statusCallbackUrl, m.sendId),
          });
          return { kind: 'accepted', sendId: m.sendId, providerId: message.sid };
        } catch (err) {
          return { ...classifyTwilioError(err, 'sms', m.to), sendId: m.sendId };
        }
      }),
  };
}
