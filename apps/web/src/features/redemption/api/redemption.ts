import { SEND_EVENT_KINDS } from '@relance/domain/dispatch/sends';
import {
  ATTRIBUTION_RULES,
  CONVERSION_KINDS,
  type ConversionKind,
} from '@relance/domain/tracking/attribution';
import { CHANNELS } from '@relance/domain/vocabulary';
import { z } from 'zod';
import { api } from '../../../lib/api-client';
import { type UploadProgress, uploadForm } from '../../../lib/upload';

const campaign = z.object({ id: z.string(), name: z.string() });

export const codeDescriptionSchema = z.discriminatedUnion('outcome', [
  z.object({
    outcome: z.literal('tracking'),
    code: z.string(),
    campaign,
    step: z.object({
      id: z.string(),
      position: z.number(),
      channel: z.enum(CHANNELS),
      offsetDays: z.number(),
    }),
    channel: z.enum(CHANNELS),
    variant: z.enum(['A', 'B', 'C']),
    contact: z.object({ id: z.number(), name: z.string() }),
    sentAt: z.string().nullable(),
    recorded: z.array(
      z.object({
        kind: z.enum(SEND_EVENT_KINDS),
        amountCents: z.number().nullable(),
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
    recorded: z.object({ count: z.number(), amountCents: z.number() }),
  }),
  z.object({ outcome: z.literal('typo'), code: z.string() }),
  z.object({ outcome: z.literal('unknown'), code: z.string() }),
]);
export type CodeDescription = z.infer<typeof codeDescriptionSchema>;

export const recordedSchema = z.object({
  conversionId: z.number(),
  duplicate: z.boolean(),
  rule: z.enum(ATTRIBUTION_RULES),
  sendId: z.number().nullable(),
  contactId: z.number().nullable(),
  campaignId: z.string().nullable(),
  kind: z.enum(CONVERSION_KINDS),
  amountCents: z.number().nullable(),
  occurredAt: z.string(),
});
export type Recorded = z.infer<typeof recordedSchema>;

export function lookupCode(code: string) {
  return api('/api/redemptions/lookup', codeDescriptionSchema, { method: 'POST', body: { code } });
}

export interface RedemptionBody {
  code: string;
  kind: ConversionKind;
  amountCents?: number | null;
  idempotencyKey: string;
  email?: string;
  phone?: string;
}

export function recordRedemption(body: RedemptionBody) {
  return api('/api/redemptions', recordedSchema, { method: 'POST', body });
}

const summarySchema = z.object({
  unattributed: z.object({ count: z.number(), salesCents: z.number(), campaignLevel: z.number() }),
  total: z.object({ count: z.number(), salesCents: z.number() }),
});
export type ConversionSummary = z.infer<typeof summarySchema>;

export function conversionSummary(signal?: AbortSignal) {
  return api('/api/conversions/summary', summarySchema, { signal });
}

export const RETURNED_STATUSES = ['recorded', 'already_recorded', 'typo', 'unknown', 'not_postal'] as const;
export type ReturnedStatus = (typeof RETURNED_STATUSES)[number];

const returnedSchema = z.object({
  counts: z.record(z.enum(RETURNED_STATUSES), z.number()),
  lines: z.array(
    z.object({
      line: z.number(),
      input: z.string(),
      code: z.string().nullable(),
      status: z.enum(RETURNED_STATUSES),
      sendId: z.number().nullable(),
    }),
  ),
});
export type ReturnedAnswer = z.infer<typeof returnedSchema>;
export type ReturnedLine = ReturnedAnswer['lines'][number];

export function recordReturnedCodes(codes: string[]) {
  return api('/api/returned-mail', returnedSchema, { method: 'POST', body: { codes } });
}

export function uploadReturnedMail(file: File, onProgress: (p: UploadProgress) => void) {
  const form = new FormData();
  form.append('file', file);
  return uploadForm('/api/returned-mail/upload', form, returnedSchema, onProgress);
}
