import { twilioCallbackSchema } from '@relance/channels/twilio/twilio-callback-payload';
import { twilioSignedUrl, verifyTwilioRequest } from '@relance/channels/twilio/twilio-webhook';
import { readAmdCallback } from '@relance/channels/voice/twilio-voice-webhooks';
import type { VoiceAnswerOutcome } from '@relance/channels/voice/voice-twiml';
import { WEBHOOK_PATHS } from '@relance/channels/webhook-paths';
import { AppError } from '@relance/domain/errors';
import type { InboundSource } from '@relance/domain/tracking/inbound';
import express, { type Request, type Response, type Router } from 'express';
import type { AppDeps } from '../deps';
import { keepAndEnqueue } from './intake-store';
import type { WebhookConfig } from './webhook-config';

const EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response/>';
const formBody = express.raw({ type: () => true, limit: '1mb' });

/**
 * The Twilio post, verified: X-Twilio-Signature of PUBLIC_URL + the path and query it called, with the form
 * parameters; answers the parameters and the URL's query, or throws 403 (503 without a Twilio account).
 */
function verified(req: Request, config: WebhookConfig) {
  if (!config.twilioAuthToken)
    throw new AppError('unavailable', 'Twilio callbacks cannot be verified: set TWILIO_AUTH_TOKEN.');
  const body: Buffer = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
  const params = Object.fromEntries(new URLSearchParams(body.toString('utf8')));
  const url = twilioSignedUrl(config.publicUrl, req.originalUrl);
  if (!verifyTwilioRequest(config.twilioAuthToken, url, params, req.get('x-twilio-signature')))
    throw new AppError(
      'forbidden',
      'The X-Twilio-Signature does not match this request for TWILIO_AUTH_TOKEN and PUBLIC_URL.',
    );
  return { params, query: Object.fromEntries(new URL(url).searchParams) };
}

/**
 * Twilio's callbacks: SMS statuses, incoming SMS (answered with an empty TwiML <Response/>: Twilio's own
 * opt-out replies go out, ours none), call statuses, and the asynchronous answering machine detection, which first
 * answers the live call (the message after the voicemail's beep, or to the person, or a hang-up for a callback),
 * then keeps what it did. Each is verified, kept and enqueued before its answer.
 */
export function twilioWebhooks(router: Router, deps: AppDeps, config: WebhookConfig): void {
  const simple = (path: string, source: InboundSource, answer: (res: Response) => void) =>
    router.post(path, formBody, async (req: Request, res: Response) => {
      await keepAndEnqueue(deps, source, { value: verified(req, config) });
      answer(res);
    });
  const noContent = (res: Response) => res.status(204).end();
  simple(WEBHOOK_PATHS.twilioSmsStatus, 'twilio_sms_status', noContent);
  simple(WEBHOOK_PATHS.twilioVoiceStatus, 'twilio_voice_status', noContent);
  simple(WEBHOOK_PATHS.twilioSmsInbound, 'twilio_sms_inbound', (res) =>
    res.status(200).type('text/xml').send(EMPTY_TWIML),
  );

  router.post(WEBHOOK_PATHS.twilioVoiceAmd, formBody, async (req: Request, res: Response) => {
    const callback = twilioCallbackSchema.parse(verified(req, config));
    let outcome: VoiceAnswerOutcome | null = null;
    const sendId = Number(callback.query.sendId);
    if (config.voice && Number.isSafeInteger(sendId) && sendId > 0) {
      try {
        const { callSid, answeredBy } = readAmdCallback(callback.params);
        const content = await config.voice.content(sendId);
        if (content)
          outcome = await config.voice.adapter.answerCall(callSid, answeredBy, content, config.voice.options);
      } catch (err) {
        // the call may have ended meanwhile; what the detection said is kept all the same
        console.error(`[api] the call of send ${sendId} could not be answered: ${(err as Error).message}`);
      }
    }
    await keepAndEnqueue(deps, 'twilio_voice_amd', { value: { ...callback, outcome } });
    res.status(204).end();
  });
}
