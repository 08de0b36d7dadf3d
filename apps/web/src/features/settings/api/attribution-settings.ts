import { type AttributionSettings, attributionSettingsSchema } from '@relance/domain/tracking/attribution';
import { z } from 'zod';
import { api } from '../../../lib/api-client';

export function getAttributionSettings(signal?: AbortSignal) {
  return api('/api/settings/attribution', attributionSettingsSchema, { signal });
}

export function saveAttributionSettings(body: AttributionSettings) {
  return api('/api/settings/attribution', attributionSettingsSchema, { method: 'PUT', body });
}

const summarySchema = z.object({
  unattributed: z.object({ count: z.number(), salesCents: z.number(), campaignLevel: z.number() }),
  total: z.object({ count: z.number(), salesCents: z.number() }),
});

export function getConversionCounts(signal?: AbortSignal) {
  return api('/api/conversions/summary', summarySchema, { signal });
}
