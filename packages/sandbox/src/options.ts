import { z } from 'zod';

const rate = z.number().min(0).max(1);
/** A delay drawn uniformly between min and max milliseconds. */
const delay = z
  .object({ min: z.number().int().min(0), max: z.number().int().min(0) })
  .refine((d) => d.max >= d.min, { error: 'max must be at least min', path: ['max'] });
export type DelayRange = z.infer<typeof delay>;

const emailBehaviour = z.object({
  /** share of messages that bounce instead of being delivered */
  bounce: rate.default(0.03),
  /** share of delivered messages opened, and clicked (a click implies an open) */
  open: rate.default(0.35),
  click: rate.default(0.08),
  /** from the request to `processed`, then between each following event */
  delayMs: delay.default({ min: 200, max: 3000 }),
});
const smsBehaviour = z.object({
  /** share of messages that end `undelivered` (error 30003/30005/30006) instead of `delivered` */
  undelivered: rate.default(0.03),
  /** share of delivered messages answered with a text, and with STOP */
  reply: rate.default(0.02),
  stop: rate.default(0.01),
  delayMs: delay.default({ min: 200, max: 3000 }),
});
const voiceBehaviour = z.object({
  /** of the calls placed: not answered, answered by a machine (voicemail), by a person; the rest: busy */
  noAnswer: rate.default(0.15),
  machine: rate.default(0.55),
  human: rate.default(0.25),
  delayMs: delay.default({ min: 200, max: 3000 }),
  /** how long an answered call lasts after the answering machine's beep or the person's hello */
  callDurationMs: z.number().int().min(0).default(2000),
});
const voiceRatesFit = (v: { noAnswer: number; machine: number; human: number }) =>
  v.noAnswer + v.machine + v.human <= 1 + 1e-9;

/**
 * How the simulated recipients behave: the rates of each outcome and the delays between a request and its
 * webhooks. Rates are probabilities per message (opens and clicks: per delivered email). Tests set them to 0
 * or 1 (and a seed) for deterministic runs; the defaults make a demo campaign's board fill by itself.
 */
export const behaviourSchema = z.object({
  email: emailBehaviour.prefault({}),
  sms: smsBehaviour.prefault({}),
  voice: voiceBehaviour.prefault({}).refine(voiceRatesFit, {
    error: 'noAnswer + machine + human must be at most 1 (the rest is busy)',
  }),
});
export type SandboxBehaviour = z.infer<typeof behaviourSchema>;
export type SandboxBehaviourInput = z.input<typeof behaviourSchema>;

/** Twilio-shaped sids: 2 letters and 32 hex digits. */
const accountSid = z.string().regex(/^AC[0-9a-f]{32}$/, { error: 'must be AC and 32 hex digits' });

export const sandboxOptionsSchema = z.object({
  /** signs the Twilio-shaped webhooks (X-Twilio-Signature), as a real account's auth token does */
  twilioAuthToken: z.string().min(8).default('sandbox-twilio-auth-token'),
  /** the account the sandbox uses for inbound messages (replies) that belong to no request */
  twilioAccountSid: accountSid.default(`AC${'5a4db0c5'.repeat(4)}`),
  /** SendGrid's Event Webhook "HTTP Post URL": where email events are posted, in batches; none, no email events */
  sendgridEventWebhookUrl: z.url().optional(),
  /** the messaging number's "A message comes in" URL: where replies (and STOP) are posted; none, no replies */
  twilioInboundSmsUrl: z.url().optional(),
  /** seeds the random outcomes (reproducible runs); none: Math.random */
  seed: z.number().int().optional(),
  behaviour: behaviourSchema.prefault({}),
});
export type SandboxOptions = z.infer<typeof sandboxOptionsSchema>;
export type SandboxOptionsInput = z.input<typeof sandboxOptionsSchema>;

/** What can be changed while the sandbox runs (`PUT /sandbox/config`): any part, the rest is kept. */
export const sandboxConfigPatchSchema = z.object({
  sendgridEventWebhookUrl: z.url().nullable().optional(),
  twilioInboundSmsUrl: z.url().nullable().optional(),
  behaviour: z
    .object({
      email: emailBehaviour.partial().optional(),
      sms: smsBehaviour.partial().optional(),
      voice: voiceBehaviour.partial().optional(),
    })
    .optional(),
});
