/**
 * The answers of redemption (a typed or scanned code), conversions and returned mail, declared once:
 * the API validates and documents them, the web app parses them. Pure zod, no I/O.
 */

import { z } from 'zod';
import { SEND_EVENT_KINDS } from '../dispatch/sends';
import { ATTRIBUTION_RULES, CONVERSION_KINDS } from '../tracking/attribution';
import { CODE_OUTCOMES } from '../tracking/code-input';
import { RETURNED_LINE_STATUSES } from '../tracking/returned-mail';
import { CHANNELS } from '../vocabulary';

const campaign = z.object({ id: z.string(), name: z.string() });

/** POST /api/redemptions/lookup */
export const codeDescription = z.discriminatedUnion('outcome', [
  z.object({
    outcome: z.literal('tracking'),
    code: z.string(),
    campaign,
    step: z.object({
      id: z.string(),
      position: z.number().int(),
      channel: z.enum(CHANNELS),
      offsetDays: z.number().int(),
    }),
    channel: z.enum(CHANNELS),
    variant: z.enum(['A', 'B', 'C']),
    contact: z.object({ id: z.number().int(), name: z.string() }),
    sentAt: z.string().nullable(),
    recorded: z.array(
      z.object({
        kind: z.enum(SEND_EVENT_KINDS),
        amountCents: z.number().int().nullable(),
        occurredAt: z.string(),
        source: z.string(),
      }),
    ),
  }),
  z.object({
    outcome: z.literal('coupon'),
    code: z.string(),
    campaign,
    offer: z.string().nullable(),
    recorded: z.object({ count: z.number().int(), amountCents: z.number().int() }),
  }),
  z.object({ outcome: z.literal('typo'), code: z.string() }),
  z.object({ outcome: z.literal('unknown'), code: z.string() }),
]);
export type CodeDescription = z.infer<typeof codeDescription>;

/** POST /api/redemptions and POST /api/conversions */
export const recordedConversion = z.object({
  conversionId: z.number().int(),
  duplicate: z.boolean().describe('true when this idempotency key was already recorded: nothing changed'),
  codeOutcome: z.enum(CODE_OUTCOMES).nullable(),
  rule: z.enum(ATTRIBUTION_RULES),
  sendId: z.number().int().nullable(),
  contactId: z.number().int().nullable(),
  campaignId: z.string().nullable(),
  kind: z.enum(CONVERSION_KINDS),
  amountCents: z.number().int().nullable(),
  occurredAt: z.string(),
});
export type Recorded = z.infer<typeof recordedConversion>;

/** GET /api/conversions/summary */
export const conversionSummaryAnswer = z.object({
  unattributed: z.object({
    count: z.number().int(),
    salesCents: z.number().int(),
    campaignLevel: z.number().int(),
  }),
  total: z.object({ count: z.number().int(), salesCents: z.number().int() }),
});
export type ConversionSummary = z.infer<typeof conversionSummaryAnswer>;

/** POST /api/returned-mail and POST /api/returned-mail/upload */
export const returnedMailAnswer = z.object({
  counts: z.record(z.enum(RETURNED_LINE_STATUSES), z.number().int()),
  lines: z.array(
    z.object({
      line: z.number().int(),
      input: z.string(),
      code: z.string().nullable(),
      status: z.enum(RETURNED_LINE_STATUSES),
      sendId: z.number().int().nullable(),
    }),
  ),
});
export type ReturnedAnswer = z.infer<typeof returnedMailAnswer>;
export type ReturnedLine = ReturnedAnswer['lines'][number];
