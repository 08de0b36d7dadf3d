import { assertNever, type Channel } from '@relance/domain/vocabulary';
import { groupBy } from './concurrency';
import type { EmailAdapter } from './email/sendgrid-adapter';
import type { OutgoingMessage } from './message';
import type { PhoneAdapter } from './phone/phone-adapter';
import type { PostalAdapter } from './postal/postal-adapter';
import { failEach, type SendResult } from './result';
import type { SmsAdapter } from './sms/twilio-sms-adapter';
import type { VoiceAdapter } from './voice/twilio-voice-adapter';

/**
 * A channel's adapter, discriminated by `channel`: the same `sendBatch` contract on each (one result per
 * message, in the messages' order, never a throw for a provider's refusal), its provider named for logs.
 */
export type ChannelAdapter = EmailAdapter | SmsAdapter | VoiceAdapter | PostalAdapter | PhoneAdapter;

/** The adapters a worker has; a channel without one (no provider configured) refuses its messages. */
export type ChannelAdapters = { [C in Channel]?: Extract<ChannelAdapter, { channel: C }> };

function missing(channel: Channel, sendIds: string[]): SendResult[] {
  return failEach(sendIds, {
    kind: 'permanent',
    reason: `no provider is configured for the ${channel} channel (see "Providers and sandbox" in the README)`,
  });
}

/**
 * Sends messages of any channels through their adapters (each channel's messages in one `sendBatch`) and
 * answers one result per message, in the order given.
 */
export async function sendBatch(
  adapters: ChannelAdapters,
  messages: ReadonlyArray<OutgoingMessage>,
): Promise<SendResult[]> {
  const bySendId = new Map<string, SendResult>();
  for (const [channel, group] of groupBy(messages, (m) => m.channel)) {
    const ids = group.map((m) => m.sendId);
    let results: SendResult[];
    switch (channel) {
      case 'email':
        results = adapters.email
          ? await adapters.email.sendBatch(group as Extract<OutgoingMessage, { channel: 'email' }>[])
          : missing(channel, ids);
        break;
      case 'sms':
        results = adapters.sms
          ? await adapters.sms.sendBatch(group as Extract<OutgoingMessage, { channel: 'sms' }>[])
          : missing(channel, ids);
        break;
      case 'voice':
        results = adapters.voice
          ? await adapters.voice.sendBatch(group as Extract<OutgoingMessage, { channel: 'voice' }>[])
          : missing(channel, ids);
        break;
      case 'postal':
        results = adapters.postal
          ? await adapters.postal.sendBatch(group as Extract<OutgoingMessage, { channel: 'postal' }>[])
          : missing(channel, ids);
        break;
      case 'phone':
        results = adapters.phone
          ? await adapters.phone.sendBatch(group as Extract<OutgoingMessage, { channel: 'phone' }>[])
          : missing(channel, ids);
        break;
      default:
        return assertNever(channel, 'channel');
    }
    for (const r of results) bySendId.set(r.sendId, r);
  }
  return messages.map((m) => bySendId.get(m.sendId)!);
}
