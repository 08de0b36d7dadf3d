import { RETURNED_LINE_STATUSES } from '@relance/db/queries/returned-mail';
import { SEND_EVENT_KINDS } from '@relance/domain/dispatch/sends';
import { ATTRIBUTION_RULES, CONVERSION_KINDS } from '@relance/domain/tracking/attribution';
import { CODE_OUTCOMES } from '@relance/domain/tracking/code-input';
import { CHANNELS } from '@relance/domain/vocabulary';
import { z } from 'zod';

export const lookupBody = z.object({
  code: z
    .string({ error: 'Type or scan the code' })
    .trim()
    .min(1, { error: 'Type or scan the code' })
    .max(500),
});

const campaign = z.object({ id: z.string(), name: z.string() });

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

export const returnedMailBody = z.object({
  codes: z
    .array(z.string().max(500), { error: 'Send the codes as a list' })
    .min(1, { error: 'Send at least one code' })
    .max(1000, { error: 'At most 1,000 codes at once: upload a file for more' }),
});

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
