import type { SegmentDefinition } from '@relance/domain/segments/definition';
import { z } from 'zod';
import { api } from '../../../lib/api-client';

export const fieldSchema = z.object({
  key: z.string(),
  labelKey: z.string(),
  category: z.string(),
  type: z.enum(['number', 'money', 'text', 'enum', 'date', 'boolean', 'tags', 'campaign']),
  operators: z.array(z.string()),
  options: z.array(z.string()).optional(),
  optionLabelPrefix: z.string().optional(),
  unit: z.string().optional(),
  defaultWindowDays: z.number().optional(),
  unavailable: z.string().optional(),
});
export type SegmentFieldInfo = z.infer<typeof fieldSchema>;

const fieldsSchema = z.object({
  items: z.array(fieldSchema),
  limits: z.object({ maxListValues: z.number(), maxDepth: z.number(), maxRules: z.number() }),
});
export type FieldCatalogue = z.infer<typeof fieldsSchema>;

export const countSchema = z.object({
  count: z.number(),
  reachable: z
    .object({
      email: z.number(),
      sms: z.number(),
      voice: z.number(),
      postal: z.number(),
      phone: z.number(),
    })
    .nullable(),
});
export type SegmentCount = z.infer<typeof countSchema>;

const previewRowSchema = z.object({
  id: z.number(),
  kind: z.string(),
  firstName: z.string().nullable(),
  lastName: z.string().nullable(),
  companyName: z.string().nullable(),
  email: z.string().nullable(),
  mobile: z.string().nullable(),
  postalCode: z.string().nullable(),
  city: z.string().nullable(),
  tags: z.array(z.string()),
  tier: z.string().nullable(),
  lastOrderAt: z.string().nullable(),
  revenueCents: z.number().nullable(),
});
export type PreviewRow = z.infer<typeof previewRowSchema>;

const segmentSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  definition: z.unknown(),
  ownerId: z.string().nullable(),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type SavedSegment = z.infer<typeof segmentSchema>;

const campaignsSchema = z.object({ items: z.array(z.object({ id: z.string(), name: z.string() }).loose()) });

export interface SegmentInput {
  name: string;
  description: string | null;
  definition: SegmentDefinition;
}

export const listFields = (signal?: AbortSignal) => api('/api/segments/fields', fieldsSchema, { signal });

/** `reach: false`: the count alone, a fraction of the time of the reach per channel. */
export const countSegment = (definition: SegmentDefinition, reach: boolean, signal?: AbortSignal) =>
  api('/api/segments/count', countSchema, { method: 'POST', body: { definition, reach }, signal });

export const previewSegment = (definition: SegmentDefinition, signal?: AbortSignal) =>
  api('/api/segments/preview', z.object({ items: z.array(previewRowSchema) }), {
    method: 'POST',
    body: { definition },
    signal,
  });

export const listSegments = (signal?: AbortSignal) =>
  api('/api/segments', z.object({ items: z.array(segmentSchema) }), { signal });

export const getSegment = (id: string, signal?: AbortSignal) =>
  api(`/api/segments/${encodeURIComponent(id)}`, segmentSchema, { signal });

export const countSavedSegment = (id: string, signal?: AbortSignal) =>
  api(`/api/segments/${encodeURIComponent(id)}/count`, countSchema, { signal });

export const createSegment = (input: SegmentInput) =>
  api('/api/segments', segmentSchema, { method: 'POST', body: input });

export const replaceSegment = (id: string, version: number, input: SegmentInput) =>
  api(`/api/segments/${encodeURIComponent(id)}`, segmentSchema, {
    method: 'PUT',
    body: { ...input, version },
  });

export const deleteSegment = (id: string) =>
  api(`/api/segments/${encodeURIComponent(id)}`, null, { method: 'DELETE' });

/** Campaigns for campaign-history rules (only their ids and names). */
export const listCampaignNames = (signal?: AbortSignal) => api('/api/campaigns', campaignsSchema, { signal });
