import type { OutgoingEmail } from '@relance/channels/email/email-message';
import type { SendResult } from '@relance/channels/result';
import type { OutgoingSms } from '@relance/channels/sms/twilio-sms-adapter';
import type { OutgoingVoice } from '@relance/channels/voice/twilio-voice-adapter';
import type { StoredCampaign } from '@relance/db/queries/campaigns';
import type { ClaimedSend } from '@relance/db/queries/dispatch-claims';
import { offerWording } from '@relance/domain/dispatch/variant-step';
import type { Offer } from '@relance/domain/planning/offers';
import type { VariantLabel } from '@relance/domain/planning/test-plan';
import { assertNever, type Channel } from '@relance/domain/vocabulary';
import type { MergeValues } from '@relance/templates/merge-fields';
import { renderSms } from '@relance/templates/sms';
import { renderVoice, voiceAudioUrl } from '@relance/templates/voice';
import type { PreparedContent } from './content-cache';

/** What one send's message needs beside the contact: the campaign's links, coupon and the variant's offer. */
export interface SendContext {
  campaignId: string;
  /** the address recipients and providers reach (tracked links, unsubscribe, recordings) */
  publicUrl: string;
  offer: string | null;
  offerEndDate: string | null;
  /** the campaign offer's coupon code (the one redemption credits the campaign for), if any */
  couponCode: string | null;
  /** the wave's reference for a mail house's print batch (no personal data) */
  reference: string;
}

const LONG_DATE = new Intl.DateTimeFormat('fr-FR', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'Europe/Paris',
});

/**
 * What a wave's messages share beside the links: the offer of its variant (`offer`: effectiveStep's), the
 * campaign's offer end date (spelled in French) and coupon code, and the wave's print reference.
 */
export function waveContext(
  stored: StoredCampaign,
  stepIndex: number,
  variant: VariantLabel,
  offer: Offer | null,
): Omit<SendContext, 'publicUrl'> {
  const { plan } = stored;
  return {
    campaignId: stored.campaign.id,
    offer: offerWording(offer),
    offerEndDate: plan.endsOn ? LONG_DATE.format(new Date(`${plan.endsOn}T12:00:00Z`)) : null,
    couponCode: plan.offer?.couponCode ?? null,
    reference: `campaign-${stored.campaign.id}-step-${stepIndex + 1}-${variant}`,
  };
}

const base = (publicUrl: string) => (publicUrl.endsWith('/') ? publicUrl.replace(/\/+$/, '') : publicUrl);

/** The links of a send, from its tracking code (the tracking issue serves them). */
export const trackedUrl = (publicUrl: string, code: string) => `${base(publicUrl)}/r/${code}`;
export const unsubscribeUrl = (publicUrl: string, code: string) => `${base(publicUrl)}/unsubscribe/${code}`;
/** The answer page of the survey wave the step invites to (surveys/survey-respond.ts resolves the code). */
export const surveyUrl = (publicUrl: string, code: string) => `${base(publicUrl)}/s/${code}`;
/** the open pixel put at the end of each email (apps/api/src/tracking) */
export const openPixelUrl = (publicUrl: string, code: string) => `${base(publicUrl)}/o/${code}.gif`;

/** A compact tracking code as printed: K7QMZ4XPTR → K7QMZ-4XPTR. */
const printedCode = (head: string, tail: string) => `${head}-${tail}`;

/**
 * The merge values made of a send's tracking code (its code as printed, its links) and of the wave (the
 * variant's offer), from the code's two parts: the code itself (K7QMZ, 4XPTR), or the two tags an email batch
 * writes its recipients' codes with. (Codes are stored compact, so formatTrackingCode's cleaning is not needed
 * on this path, run a million times.)
 */
export function sendMergeValues(head: string, tail: string, ctx: SendContext): MergeValues {
  const code = head + tail;
  return {
    trackingCode: printedCode(head, tail),
    trackingUrl: trackedUrl(ctx.publicUrl, code),
    unsubscribeUrl: unsubscribeUrl(ctx.publicUrl, code),
    surveyUrl: surveyUrl(ctx.publicUrl, code),
    offer: ctx.offer,
    offerEndDate: ctx.offerEndDate,
    couponCode: ctx.couponCode,
  };
}

/** The two parts a tracking code is printed in (K7QMZ-4XPTR). */
export const codeParts = (code: string): [string, string] => [code.slice(0, 5), code.slice(5)];

/** One recipient's merge values: the contact's, then the send's code and links, and the variant's offer. */
export function mergeValuesFor(send: ClaimedSend, ctx: SendContext): MergeValues {
  const v = send.values;
  return {
    civility: v.civility,
    firstName: v.firstName,
    lastName: v.lastName,
    company: v.company,
    email: v.email,
    phone: v.phone,
    addressLine1: v.addressLine1,
    postalCode: v.postalCode,
    city: v.city,
    lastOrderDate: v.lastOrderDate,
    ...sendMergeValues(...codeParts(send.trackingCode), ctx),
  };
}

/**
 * A channel's provider call, as the engine sees it: messages built from claimed sends, one `SendResult` per send
 * (channels/result.ts). Adapters never touch the database; the engine records what they say.
 */
export interface ChannelSender {
  /** the provider's name, also the rate limiter's key */
  provider: string;
  /** sends per provider call: 1 for providers without a batch API (each call is paced and marked on its own) */
  perCall: number;
  send(sends: readonly ClaimedSend[], content: PreparedContent, ctx: SendContext): Promise<SendResult[]>;
}

export type ChannelSenders = Partial<Record<Channel, ChannelSender>>;

function personName(send: ClaimedSend): string | undefined {
  const name = [send.values.firstName, send.values.lastName].filter(Boolean).join(' ').trim();
  return name || undefined;
}

/**
 * The email adapter's messages: one body per batch — the variant's, compiled once, with what every recipient
 * shares written in (the offer, the links around the code tags) — and each recipient's substitutions: their own
 * values and the two parts of their tracking code.
 */
export function emailMessages(
  sends: readonly ClaimedSend[],
  content: PreparedContent,
  ctx: SendContext,
): OutgoingEmail[] {
  const email = content.email;
  if (!email) throw new Error(`Content of channel ${content.channel} given to the email sender.`);
  const [head, tail] = email.codeTags;
  const batch = email.forBatch(sendMergeValues(head, tail, ctx), {
    openPixelUrl: openPixelUrl(ctx.publicUrl, head + tail),
    recipients: sends.map((send) => send.values),
  });
  const category = `campaign-${ctx.campaignId}`;
  return sends.map((send) => {
    const name = personName(send);
    return {
      channel: 'email',
      sendId: String(send.id),
      to: name ? { email: send.address, name } : { email: send.address },
      body: batch.body,
      // the contact's values as read by the claim are exactly the per-recipient merge fields
      substitutions: batch.substitutions(send.values, codeParts(send.trackingCode)),
      category,
      unsubscribe: { url: unsubscribeUrl(ctx.publicUrl, send.trackingCode), token: send.trackingCode },
    };
  });
}

export function smsMessages(
  sends: readonly ClaimedSend[],
  content: PreparedContent,
  ctx: SendContext,
): OutgoingSms[] {
  const compiled = content.compiled;
  if (compiled.channel !== 'sms')
    throw new Error(`Content of channel ${compiled.channel} given to the SMS sender.`);
  return sends.map((send) => ({
    channel: 'sms',
    sendId: String(send.id),
    to: send.address,
    text: renderSms(compiled.compiled, mergeValuesFor(send, ctx)),
  }));
}

export function voiceMessages(
  sends: readonly ClaimedSend[],
  content: PreparedContent,
  ctx: SendContext,
): OutgoingVoice[] {
  const compiled = content.compiled;
  if (compiled.channel !== 'voice')
    throw new Error(`Content of channel ${compiled.channel} given to the voice sender.`);
  return sends.map((send) => {
    const voice = compiled.compiled;
    let message: OutgoingVoice['content'];
    switch (voice.kind) {
      case 'script': {
        const rendered = renderVoice(voice, mergeValuesFor(send, ctx));
        message = { kind: 'script', text: rendered.kind === 'script' ? rendered.text : '' };
        break;
      }
      case 'audio':
        message = { kind: 'recording', url: voiceAudioUrl(ctx.publicUrl, voice.mediaId) };
        break;
      default:
        return assertNever(voice, 'voice content');
    }
    return { channel: 'voice', sendId: String(send.id), to: send.address, content: message };
  });
}
