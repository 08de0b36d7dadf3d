import { createSendgridVerifier, type SendgridVerifier } from '@relance/channels/email/sendgrid-webhook';
import { parseProviderConfig } from '@relance/channels/provider-config';
import { createTwilioVoiceAdapter, type VoiceAdapter } from '@relance/channels/voice/twilio-voice-adapter';
import type { VoiceAnswerOptions } from '@relance/channels/voice/voice-twiml';
import { createVoiceAnswerContent, type VoiceAnswerContent } from '@relance/dispatch/voice-answer';
import type { AppDeps } from '../deps';

/** What the webhook routes verify with and answer calls with, built once from the API's environment. */
export interface WebhookConfig {
  /** the address providers call (Twilio signs PUBLIC_URL + path + query) */
  publicUrl: string;
  /** null: SENDGRID_WEBHOOK_PUBLIC_KEY is not set, SendGrid's posts cannot be verified */
  sendgrid: SendgridVerifier | null;
  /** TWILIO_AUTH_TOKEN, or the sandbox's in sandbox mode; null: no Twilio account */
  twilioAuthToken: string | null;
  /** answers live calls when the detection says who picked up; null: voice is off */
  voice: { adapter: VoiceAdapter; options: VoiceAnswerOptions; content: VoiceAnswerContent } | null;
}

export function webhookConfig(deps: AppDeps): WebhookConfig {
  const env = deps.env;
  const publicUrl = env.PUBLIC_URL ?? `http://localhost:${env.PORT}`;
  const source = Object.fromEntries(
    Object.entries(env).map(([k, v]) => [k, v === undefined || v === null ? undefined : String(v)]),
  );
  const providers = parseProviderConfig({ ...source, PUBLIC_URL: publicUrl });
  const config = providers.ok ? providers.config : null;
  const voice = config?.voice.mode === 'live' || config?.voice.mode === 'sandbox' ? config.voice : null;
  return {
    publicUrl,
    sendgrid: env.SENDGRID_WEBHOOK_PUBLIC_KEY
      ? createSendgridVerifier(env.SENDGRID_WEBHOOK_PUBLIC_KEY)
      : null,
    twilioAuthToken: config?.twilioAuthToken ?? null,
    voice: voice
      ? {
          adapter: createTwilioVoiceAdapter(voice.twilio),
          options: { onHuman: voice.onHuman, voice: voice.ttsVoice },
          content: createVoiceAnswerContent(deps.database.db, publicUrl),
        }
      : null,
  };
}
