import { mapLimit } from '../concurrency';
import type { SendResult } from '../result';
import { withSendId } from '../sms/twilio-sms-adapter';
import { createTwilioClient, type TwilioConfig } from '../twilio/twilio-client';
import { classifyTwilioError } from '../twilio/twilio-errors';
import {
  type AnsweredBy,
  answerTwiml,
  type VoiceAnswerOptions,
  type VoiceAnswerOutcome,
  type VoiceContent,
  waitingTwiml,
} from './voice-twiml';

/** One voice message call. The content is rendered already (templates renderVoice) or a recording's URL. */
export interface OutgoingVoice {
  channel: 'voice';
  sendId: string;
  /** E.164 */
  to: string;
  content: VoiceContent;
}

export interface TwilioVoiceConfig extends TwilioConfig {
  /** the caller id: a number of the account */
  from: string;
  /** where Twilio posts call progress; `?sendId=` is added per call */
  statusCallbackUrl: string;
  /** where Twilio posts the asynchronous answering machine result; `?sendId=` is added per call */
  amdCallbackUrl: string;
  concurrency?: number;
  /** how long the line stays silent while the detection listens, at most */
  waitSeconds?: number;
}

export interface VoiceAdapter {
  channel: 'voice';
  provider: 'twilio';
  sendBatch(messages: ReadonlyArray<OutgoingVoice>): Promise<SendResult[]>;
  /**
   * The AMD webhook's answer (for the API's webhook handler): redirects the live call to the message, or ends
   * it, and says the outcome (`callback-task`: create one). Throws what Twilio answered when the update fails
   * (the call may have ended meanwhile).
   */
  answerCall(
    callSid: string,
    answeredBy: AnsweredBy | string,
    content: VoiceContent,
    options: VoiceAnswerOptions,
  ): Promise<VoiceAnswerOutcome>;
}

/**
 * Voice messages through Twilio's Calls API: each call starts silent with asynchronous answering machine
 * detection that waits for the end of a voicemail greeting (MachineDetection=DetectMessageEnd, AsyncAmd=true);
 * Twilio posts the result to the AMD callback, where `answerCall` plays the message after the beep, or, for a
 * person, plays it or hangs up for a callback as configured.
 */
export function createTwilioVoiceAdapter(config: TwilioVoiceConfig): VoiceAdapter {
  const client = createTwilioClient(config);
  const wait = config.waitSeconds ?? 60;
  return {
    channel: 'voice',
    provider: 'twilio',
    sendBatch: (messages) =>
      mapLimit(messages, config.concurrency ?? 4, async (m): Promise<SendResult> => {
        try {
          const call = await client.calls.create({
            to: m.to,
            from: config.from,
            twiml: waitingTwiml(wait),
            machineDetection: 'DetectMessageEnd',
            asyncAmd: 'true',
            asyncAmdStatusCallback: withSendId(config.amdCallbackUrl, m.sendId),
            asyncAmdStatusCallbackMethod: 'POST',
            statusCallback: withSendId(config.statusCallbackUrl, m.sendId),
            statusCallbackEvent: ['initiated', 'ringing', 'answered', 'completed'],
            statusCallbackMethod: 'POST',
          });
          return { kind: 'accepted', sendId: m.sendId, providerId: call.sid };
        } catch (err) {
          return { ...classifyTwilioError(err, 'voice', m.to), sendId: m.sendId };
        }
      }),
    async answerCall(callSid, answeredBy, content, options) {
      const { twiml, outcome } = answerTwiml(answeredBy, content, options);
      await client.calls(callSid).update({ twiml });
      return outcome;
    },
  };
}
