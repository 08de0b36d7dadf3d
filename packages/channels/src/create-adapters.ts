import type { ChannelAdapters } from './adapter';
import { createSendgridAdapter } from './email/sendgrid-adapter';
import { createPhoneAdapter } from './phone/phone-adapter';
import { createMailhouseApi } from './postal/mailhouse-api';
import { createPostalAdapter, type PostalArtifactStore } from './postal/postal-adapter';
import type { ProviderConfig } from './provider-config';
import { createTwilioSmsAdapter } from './sms/twilio-sms-adapter';
import { createTwilioVoiceAdapter } from './voice/twilio-voice-adapter';

/** Every configured channel's adapter (the real SDK clients, pointed at the sandbox in sandbox mode). */
export function createChannelAdapters(
  config: ProviderConfig,
  options: { postalArtifacts?: PostalArtifactStore } = {},
): ChannelAdapters {
  return {
    phone: createPhoneAdapter(),
    ...(config.email.mode !== 'off' ? { email: createSendgridAdapter(config.email.sendgrid) } : {}),
    ...(config.sms.mode !== 'off' ? { sms: createTwilioSmsAdapter(config.sms.twilio) } : {}),
    ...(config.voice.mode !== 'off' ? { voice: createTwilioVoiceAdapter(config.voice.twilio) } : {}),
    ...(config.postal.mode !== 'off'
      ? {
          postal: createPostalAdapter({
            api: createMailhouseApi(config.postal.mailhouse),
            artifacts: options.postalArtifacts,
          }),
        }
      : {}),
  };
}
