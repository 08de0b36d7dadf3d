import type { Channel } from '@relance/domain/vocabulary';
import type { OutgoingEmail } from './email/email-message';
import type { OutgoingPhoneTask } from './phone/phone-adapter';
import type { OutgoingLetter } from './postal/postal-message';
import type { OutgoingSms } from './sms/twilio-sms-adapter';
import type { OutgoingVoice } from './voice/twilio-voice-adapter';

/**
 * One send, ready for its channel's provider, discriminated by `channel`. Content is always rendered already
 * (MJML compiled once per variant, merge values filled in or passed as substitutions): adapters never compile
 * templates.
 */
export type OutgoingMessage =
  | OutgoingEmail
  | OutgoingSms
  | OutgoingVoice
  | OutgoingLetter
  | OutgoingPhoneTask;

export type OutgoingFor<C extends Channel> = Extract<OutgoingMessage, { channel: C }>;
