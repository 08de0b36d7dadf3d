import type { ChannelAdapters } from '@relance/channels/adapter';
import type { OutgoingLetter } from '@relance/channels/postal/postal-message';
import type { ChannelSenders } from './outgoing';
import { emailMessages, mergeValuesFor, smsMessages, voiceMessages } from './outgoing';

/**
 * The engine's senders over the channels' adapters: each builds its channel's messages from claimed sends and
 * the variant's prepared content, and says how many sends one provider call takes (SendGrid: 1,000
 * personalizations; the mail house: a print batch; Twilio: one message or call per request).
 */
export function channelSenders(adapters: ChannelAdapters): ChannelSenders {
  const senders: ChannelSenders = {};
  const { email, sms, voice, postal, phone } = adapters;
  if (email) {
    senders.email = {
      provider: email.provider,
      perCall: 1000,
      send: (sends, content, ctx) => email.sendBatch(emailMessages(sends, content, ctx)),
    };
  }
  if (sms) {
    senders.sms = {
      provider: `${sms.provider}-sms`,
      perCall: 1,
      send: (sends, content, ctx) => sms.sendBatch(smsMessages(sends, content, ctx)),
    };
  }
  if (voice) {
    senders.voice = {
      provider: `${voice.provider}-voice`,
      perCall: 1,
      send: (sends, content, ctx) => voice.sendBatch(voiceMessages(sends, content, ctx)),
    };
  }
  if (postal) {
    senders.postal = {
      provider: postal.provider,
      perCall: 500,
      send: (sends, content, ctx) => {
        const compiled = content.compiled;
        if (compiled.channel !== 'postal')
          throw new Error(`Content of channel ${compiled.channel} given to the postal sender.`);
        return postal.sendBatch(
          sends.map((send): OutgoingLetter => {
            const values = mergeValuesFor(send, ctx);
            const name = [values.civility, values.firstName, values.lastName].filter(Boolean).join(' ');
            return {
              channel: 'postal',
              sendId: String(send.id),
              letter: compiled.compiled,
              address: {
                name: name || values.company || '',
                ...(name && values.company ? { company: values.company } : {}),
                line1: send.postal.line1 ?? '',
                ...(send.postal.line2 ? { line2: send.postal.line2 } : {}),
                postalCode: send.postal.postalCode ?? '',
                city: send.postal.city ?? '',
                country: send.postal.country,
              },
              values,
              reference: ctx.reference,
            };
          }),
        );
      },
    };
  }
  if (phone) {
    // nothing is sent: each send becomes a callback task request for the telemarketers' queue
    senders.phone = {
      provider: phone.provider,
      perCall: 1000,
      send: (sends) =>
        phone.sendBatch(
          sends.map((send) => ({
            channel: 'phone',
            sendId: String(send.id),
            contactId: String(send.contactId),
            phone: send.address,
          })),
        ),
    };
  }
  return senders;
}
