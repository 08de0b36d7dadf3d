import { CHURN_FEATURES } from '@relance/domain/winback/churn-model';
import type { HandScoresInput } from '@relance/domain/winback/inputs';
import {
  FORMER_EXITS,
  FORMER_REASONS,
  LOST_REASONS,
  type LostReason,
  OCCASIONAL_REASONS,
  SIGNAL_KINDS,
  WINBACK_EXCLUSIONS,
  type WinbackExclusion,
} from '@relance/domain/winback/vocabulary';
import { z } from 'zod';
import { api } from '../../../lib/api-client';

/** A contact's win-back as GET /api/contacts/:id/winback answers it (docs/api.md). */
export const lostReasonSchema = z.object({
  id: z.number(),
  reason: z.enum(LOST_REASONS),
  competitor: z.string().nullable(),
  exclusion: z.enum(WINBACK_EXCLUSIONS).nullable(),
  note: z.string().nullable(),
  lostAt: z.string(),
  recordedAt: z.string(),
  user: z.object({ id: z.string(), name: z.string() }).nullable(),
});

export const contactWinbackSchema = z.object({
  computedAt: z.string().nullable(),
  formerSince: z.string().nullable(),
  formerReason: z.enum(FORMER_REASONS).nullable(),
  occasionalReasons: z.array(z.enum(OCCASIONAL_REASONS)),
  signals: z.array(z.object({ kind: z.enum(SIGNAL_KINDS), evidence: z.record(z.string(), z.unknown()) })),
  reactivation: z
    .object({
      total: z.number().nullable(),
      criteria: z.array(
        z.object({
          key: z.string(),
          label: z.string(),
          weight: z.number(),
          score: z.number().nullable(),
          source: z.enum(['data', 'manual', 'hand']),
        }),
      ),
    })
    .nullable(),
  churn: z
    .object({
      probability: z.number(),
      auc: z.number(),
      horizonMonths: z.number(),
      factors: z.array(
        z.object({ feature: z.enum(CHURN_FEATURES), value: z.number(), contribution: z.number() }),
      ),
    })
    .nullable(),
  stays: z.array(
    z.object({
      reason: z.enum(FORMER_REASONS),
      enteredAt: z.string(),
      leftAt: z.string().nullable(),
      exit: z.enum(FORMER_EXITS).nullable(),
    }),
  ),
  lostReasons: z.array(lostReasonSchema),
  handScores: z.record(z.string(), z.number()),
});
export type ContactWinback = z.infer<typeof contactWinbackSchema>;

export interface NewLostReason {
  reason: LostReason;
  competitor?: string;
  exclusion?: WinbackExclusion | null;
  note?: string;
  lostAt?: string;
}

export function getContactWinback(id: string, signal?: AbortSignal) {
  return api(`/api/contacts/${id}/winback`, contactWinbackSchema, { signal });
}

export function recordLostReason(id: string, body: NewLostReason) {
  return api(`/api/contacts/${id}/lost-reasons`, lostReasonSchema, { method: 'POST', body });
}

export function saveHandScores(id: string, body: HandScoresInput) {
  return api(`/api/contacts/${id}/reactivation-scores`, contactWinbackSchema, { method: 'PUT', body });
}
