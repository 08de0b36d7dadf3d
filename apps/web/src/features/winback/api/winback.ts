import { TIERS } from '@relance/domain/indicators';
import { CHURN_FEATURES } from '@relance/domain/winback/churn-model';
import { type WinbackSettings, winbackSettingsSchema } from '@relance/domain/winback/settings';
import {
  ALERT_KINDS,
  FORMER_REASONS,
  LOST_REASONS,
  OCCASIONAL_REASONS,
  WINBACK_EXCLUSIONS,
} from '@relance/domain/winback/vocabulary';
import { z } from 'zod';
import { api } from '../../../lib/api-client';

export const WINBACK_VIEWS = ['candidates', 'occasional', 'excluded', 'file'] as const;
export type WinbackView = (typeof WINBACK_VIEWS)[number];

const named = {
  firstName: z.string().nullable(),
  lastName: z.string().nullable(),
  companyName: z.string().nullable(),
  email: z.string().nullable(),
};
const owner = z.object({ id: z.string(), name: z.string() }).nullable();

export const formerCustomerSchema = z.object({
  contactId: z.number(),
  ...named,
  owner,
  formerSince: z.string(),
  formerReason: z.enum(FORMER_REASONS),
  reactivationScore: z.number().nullable(),
  occasionalReasons: z.array(z.enum(OCCASIONAL_REASONS)),
  revenueCents: z.number(),
  orderCount: z.number(),
  lastOrderAt: z.string().nullable(),
  tier: z.enum(TIERS).nullable(),
  lostReason: z
    .object({
      reason: z.enum(LOST_REASONS),
      competitor: z.string().nullable(),
      exclusion: z.enum(WINBACK_EXCLUSIONS).nullable(),
      lostAt: z.string(),
    })
    .nullable(),
});
export type FormerCustomer = z.infer<typeof formerCustomerSchema>;

const formerPageSchema = z.object({
  items: z.array(formerCustomerSchema),
  nextCursor: z.string().nullable(),
  counts: z.record(z.enum(WINBACK_VIEWS), z.number()),
  occasionalTreatment: z.enum(['exclude', 'apart']),
});

export const alertSchema = z.object({
  id: z.number(),
  kind: z.enum(ALERT_KINDS),
  evidence: z.record(z.string(), z.unknown()),
  raisedAt: z.string(),
  dismissedAt: z.string().nullable(),
  contact: z.object({ id: z.number(), ...named }),
  owner,
});
export type WinbackAlert = z.infer<typeof alertSchema>;
const alertPageSchema = z.object({ items: z.array(alertSchema), nextCursor: z.string().nullable() });

const modelSchema = z.object({
  status: z.enum(['none', 'trained', 'insufficient']),
  trainedAt: z.string().nullable(),
  horizonMonths: z.number().nullable(),
  reason: z.string().nullable(),
  auc: z.number().nullable(),
  features: z.array(z.object({ name: z.enum(CHURN_FEATURES), coefficient: z.number() })),
  trainCount: z.number().nullable(),
  trainLeft: z.number().nullable(),
  testCount: z.number().nullable(),
  testLeft: z.number().nullable(),
});
export type ChurnModelAnswer = z.infer<typeof modelSchema>;

const barometerSchema = z.object({
  reasons: z.array(z.enum(LOST_REASONS)),
  months: z.array(
    z.object({ month: z.string(), counts: z.record(z.string(), z.number()), total: z.number() }),
  ),
  competitors: z.array(z.object({ competitor: z.string(), count: z.number() })),
});
export type Barometer = z.infer<typeof barometerSchema>;

export function listFormer(view: WinbackView, cursor: string | null, signal?: AbortSignal) {
  return api('/api/winback/former', formerPageSchema, { query: { view, cursor, limit: 50 }, signal });
}

export function listAlerts(
  scope: 'mine' | 'all',
  dismissed: boolean,
  cursor: string | null,
  signal?: AbortSignal,
) {
  return api('/api/winback/alerts', alertPageSchema, { query: { scope, dismissed, cursor }, signal });
}

export function dismissAlert(id: number) {
  return api(`/api/winback/alerts/${id}/dismiss`, null, { method: 'POST' });
}

export function getModel(signal?: AbortSignal) {
  return api('/api/winback/model', modelSchema, { signal });
}

export function getBarometer(months: number, signal?: AbortSignal) {
  return api('/api/winback/barometer', barometerSchema, { query: { months }, signal });
}

export function getWinbackSettings(signal?: AbortSignal) {
  return api('/api/settings/winback', winbackSettingsSchema, { signal });
}

/** The saved segments an inactivity rule may be scoped to (names only). */
export function listSegmentNames(signal?: AbortSignal) {
  return api(
    '/api/segments',
    z.object({ items: z.array(z.object({ id: z.string(), name: z.string() }).loose()) }),
    { signal },
  );
}

export function saveWinbackSettings(body: WinbackSettings) {
  return api('/api/settings/winback', winbackSettingsSchema, { method: 'PUT', body });
}
