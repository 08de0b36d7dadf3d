import { z } from 'zod';

/**
 * Which send a sale (or a quote, or a response) is credited to. The rules, in order:
 * 1. code: a tracking code was given (typed, scanned, or reported by the website): the send that carries it;
 * 2. coupon: a campaign's coupon code was given: the campaign; within it, the last send made to the contact found
 *    by the email or phone given (no send: a campaign-level conversion, credited to no send);
 * 3. window: no code, but an email or phone: the last send made to that contact (any campaign, any channel) at
 *    most `windowDays` days before the sale, the sale's own moment included; a send made after the sale never;
 * 4. none: nothing to credit: the conversion is kept, unattributed, and counted apart.
 * queries/attribution.ts applies the same rules set-based; `attribute` is their reference, used by the tests.
 */
export const ATTRIBUTION_RULES = ['code', 'coupon', 'window', 'none'] as const;
export type AttributionRule = (typeof ATTRIBUTION_RULES)[number];

export const DEFAULT_ATTRIBUTION_WINDOW_DAYS = 30;
const DAY_MS = 86_400_000;

export const attributionSettingsSchema = z.object({
  /** how many days after a send a sale reported without a code is still credited to it */
  windowDays: z
    .number({ error: 'Enter the attribution window in days' })
    .int({ error: 'The window is a whole number of days' })
    .min(1, { error: 'At least 1 day' })
    .max(365, { error: 'At most 365 days' })
    .default(DEFAULT_ATTRIBUTION_WINDOW_DAYS),
});
export type AttributionSettings = z.output<typeof attributionSettingsSchema>;

/** True when a send made at `sentAt` is in the window of a sale at `at`: not after it, at most `days` days before. */
export function inAttributionWindow(sentAt: Date, at: Date, days: number): boolean {
  const gap = at.getTime() - sentAt.getTime();
  return gap >= 0 && gap <= days * DAY_MS;
}

export interface CandidateSend {
  sendId: number;
  campaignId: string;
  sentAt: Date;
}

export interface AttributionInput {
  at: Date;
  /** the send of the tracking code given, if any */
  codeSend?: CandidateSend | null;
  /** the campaign of the coupon code given, if any */
  couponCampaignId?: string | null;
  /** the sends made to the contact found by email or phone */
  contactSends?: readonly CandidateSend[];
}

export interface Attribution {
  rule: AttributionRule;
  sendId: number | null;
  campaignId: string | null;
}

/** The latest of the sends (ties: the highest id, the one written last). */
function latest(sends: readonly CandidateSend[]): CandidateSend | null {
  let best: CandidateSend | null = null;
  for (const s of sends) {
    if (
      !best ||
      s.sentAt.getTime() > best.sentAt.getTime() ||
      (s.sentAt.getTime() === best.sentAt.getTime() && s.sendId > best.sendId)
    )
      best = s;
  }
  return best;
}

export function attribute(input: AttributionInput, windowDays: number): Attribution {
  if (input.codeSend) {
    return { rule: 'code', sendId: input.codeSend.sendId, campaignId: input.codeSend.campaignId };
  }
  const sends = input.contactSends ?? [];
  if (input.couponCampaignId) {
    const send = latest(sends.filter((s) => s.campaignId === input.couponCampaignId));
    return { rule: 'coupon', sendId: send?.sendId ?? null, campaignId: input.couponCampaignId };
  }
  const send = latest(sends.filter((s) => inAttributionWindow(s.sentAt, input.at, windowDays)));
  if (send) return { rule: 'window', sendId: send.sendId, campaignId: send.campaignId };
  return { rule: 'none', sendId: null, campaignId: null };
}

/** What a redemption or a conversion records: a response, a quote (with its amount) or a sale (with its amount). */
export const CONVERSION_KINDS = ['responded', 'quoted', 'sold'] as const;
export type ConversionKind = (typeof CONVERSION_KINDS)[number];

/** The largest amount accepted, in cents (10 million euros): beyond, a figure was surely mistyped. */
export const MAX_CONVERSION_CENTS = 1_000_000_000;

const amountCents = z
  .number({ error: 'Enter the amount in euro cents (a whole number, e.g. 12900 for 129 €)' })
  .int({ error: 'The amount is a whole number of cents (e.g. 12900 for 129 €)' })
  .min(0, { error: 'The amount cannot be negative' })
  .max(MAX_CONVERSION_CENTS, { error: 'The amount cannot exceed 10,000,000 €: check the figure' });

/** A quote or a sale needs its amount; a plain response has none. */
function checkAmount(
  value: { kind: ConversionKind; amountCents?: number | null | undefined },
  ctx: z.RefinementCtx,
): void {
  if (value.kind !== 'responded' && (value.amountCents == null || value.amountCents <= 0)) {
    ctx.addIssue({
      code: 'custom',
      path: ['amountCents'],
      message: `Enter the ${value.kind === 'sold' ? 'sale' : 'quote'} amount (above 0 €)`,
    });
  }
  if (value.kind === 'responded' && value.amountCents != null && value.amountCents > 0) {
    ctx.addIssue({
      code: 'custom',
      path: ['amountCents'],
      message: 'A response has no amount: record a quote or a sale instead',
    });
  }
}

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .transform((v) => (v ? v : undefined));

/** A code typed or scanned at the redemption screen, recorded as a response, a quote or a sale. */
export const redemptionInputSchema = z
  .object({
    code: z
      .string({ error: 'Type or scan the code' })
      .trim()
      .min(1, { error: 'Type or scan the code' })
      .max(500),
    kind: z.enum(CONVERSION_KINDS, { error: 'Choose what to record: a response, a quote or a sale' }),
    amountCents: amountCents.nullish(),
    /** one per submission (the screen draws it when the code is shown): a double click records once */
    idempotencyKey: z
      .string({ error: 'Send an idempotency key (one per submission)' })
      .trim()
      .min(8, { error: 'The idempotency key has at least 8 characters' })
      .max(100, { error: 'The idempotency key has at most 100 characters' }),
    /** for a coupon code: who is redeeming it, found in the contact file */
    email: optionalText(254),
    phone: optionalText(40),
    note: optionalText(500),
  })
  .superRefine(checkAmount);
export type RedemptionInput = z.output<typeof redemptionInputSchema>;

/** A sale (or a quote, or a response) reported by a website or a CRM through the API. */
export const conversionInputSchema = z
  .object({
    /** the idempotency key: the same order reported twice counts once */
    orderId: z
      .string({ error: 'Send the order id (it makes a retried report count once)' })
      .trim()
      .min(1, { error: 'Send the order id (it makes a retried report count once)' })
      .max(200, { error: 'The order id has at most 200 characters' }),
    kind: z.enum(CONVERSION_KINDS, { error: 'kind is sold, quoted or responded' }).default('sold'),
    amountCents: amountCents.nullish(),
    currency: z
      .string({ error: 'Send the currency: EUR' })
      .trim()
      .toUpperCase()
      .default('EUR')
      .refine((c) => c === 'EUR', {
        error: 'Only EUR is accepted: convert the amount to euro cents and send currency "EUR"',
      }),
    code: optionalText(500),
    email: optionalText(254),
    phone: optionalText(40),
    /** when the sale happened (ISO 8601); now when left out */
    occurredAt: z.iso
      .datetime({ offset: true, error: 'occurredAt is an ISO 8601 date-time, e.g. 2025-03-01T10:00:00Z' })
      .optional(),
  })
  .superRefine((value, ctx) => {
    checkAmount(value, ctx);
    if (value.occurredAt && Date.parse(value.occurredAt) > Date.now() + DAY_MS) {
      ctx.addIssue({
        code: 'custom',
        path: ['occurredAt'],
        message: 'occurredAt is more than a day in the future: check the date and its time zone',
      });
    }
    if (!value.code && !value.email && !value.phone) {
      ctx.addIssue({
        code: 'custom',
        path: ['code'],
        message: 'Send the tracking or coupon code, or the customer’s email or phone, to credit the sale',
      });
    }
  });
export type ConversionInput = z.output<typeof conversionInputSchema>;
