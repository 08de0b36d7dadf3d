import { z } from 'zod';
import { api } from '../../../lib/api-client';

const countsSchema = z.object({
  pending: z.number(),
  sending: z.number(),
  sent: z.number(),
  failed: z.number(),
  skipped: z.number(),
  unknown: z.number(),
  cancelled: z.number(),
  total: z.number(),
  skippedBy: z.object({
    no_consent: z.number(),
    suppressed: z.number(),
    no_address: z.number(),
    excluded: z.number(),
  }),
});
export type SendCounts = z.infer<typeof countsSchema>;

const variantResultSchema = z.object({
  variant: z.enum(['A', 'B', 'C']),
  members: z.number(),
  sends: z.number(),
  responses: z.number(),
  sales: z.number(),
  revenueCents: z.number(),
});

const readingSchema = z.object({
  metric: z.enum(['response_rate', 'conversion_rate', 'revenue_per_contact']),
  variants: z.array(variantResultSchema),
  leader: z.enum(['A', 'B', 'C']),
  winner: z.enum(['A', 'B', 'C']).nullable(),
  comparisons: z.array(
    z.object({
      against: z.string(),
      comparison: z.object({ pValue: z.number().nullable(), significant: z.boolean() }).loose(),
    }),
  ),
  recommended: z.enum(['A', 'B', 'C']),
  automatic: z.boolean(),
  readAt: z.string(),
});
export type TestReading = z.infer<typeof readingSchema>;

export const dispatchProgressSchema = z.object({
  campaignId: z.string(),
  status: z.string(),
  totals: countsSchema,
  phases: z.array(
    z.object({
      phase: z.enum(['test', 'rollout']),
      variant: z.string().nullable(),
      startedAt: z.string(),
      members: z.number().nullable(),
      materialisedAt: z.string().nullable(),
      endsAt: z.string().nullable(),
      reading: readingSchema.nullable(),
    }),
  ),
  steps: z.array(
    z.object({
      id: z.string(),
      position: z.number(),
      channel: z.string(),
      offsetDays: z.number(),
      counts: countsSchema,
      waves: z.array(
        z.object({
          id: z.string(),
          phase: z.enum(['test', 'rollout']),
          variant: z.enum(['A', 'B', 'C']),
          channel: z.string(),
          dueAt: z.string(),
          materialisedAt: z.string().nullable(),
          counts: countsSchema,
        }),
      ),
    }),
  ),
  postalBatches: z.array(
    z.object({
      id: z.string(),
      stepId: z.string(),
      reference: z.string(),
      letters: z.number(),
      bytes: z.number(),
      createdAt: z.string(),
    }),
  ),
});
export type DispatchProgress = z.infer<typeof dispatchProgressSchema>;

const id = (value: string) => encodeURIComponent(value);

export function getDispatchProgress(campaignId: string, signal?: AbortSignal) {
  return api(`/api/campaigns/${id(campaignId)}/dispatch`, dispatchProgressSchema, { signal });
}

export const unknownSendsSchema = z.object({
  items: z.array(
    z.object({
      id: z.number(),
      channel: z.string(),
      address: z.string().nullable(),
      error: z.string().nullable(),
    }),
  ),
  next: z.number().nullable(),
});

export function listUnknownSends(campaignId: string, signal?: AbortSignal) {
  return api(`/api/campaigns/${id(campaignId)}/sends/unknown`, unknownSendsSchema, { signal });
}

export function reconcileSends(campaignId: string, sendIds: number[], outcome: 'sent' | 'resend') {
  return api(
    `/api/campaigns/${id(campaignId)}/sends/reconcile`,
    z.object({ settled: z.number(), requeued: z.number() }),
    { method: 'POST', body: { sendIds, outcome } },
  );
}

export function requeueCampaign(campaignId: string) {
  return api(`/api/campaigns/${id(campaignId)}/dispatch/requeue`, z.object({ requeued: z.number() }), {
    method: 'POST',
  });
}

/** The postal batch's files, downloaded by the browser (a plain link: the session cookie goes with it). */
export const postalBatchUrl = (campaignId: string, batchId: string, file: 'letters.pdf' | 'manifest.csv') =>
  `/api/campaigns/${id(campaignId)}/postal-batches/${id(batchId)}/${file}`;
