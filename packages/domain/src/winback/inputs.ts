import { z } from 'zod';
import { LOST_REASONS, WINBACK_EXCLUSIONS } from './vocabulary';

/**
 * Why a customer left, captured on the contact (DOMAIN.md §6.4-6.5): the reason, the competitor they left for,
 * whether to leave them out of win-back, a note, and when they left (today when not said; never in the future).
 */
export const lostReasonInput = z
  .object({
    reason: z.enum(LOST_REASONS, { error: `Choose a reason: ${LOST_REASONS.join(', ')}` }),
    competitor: z
      .string()
      .trim()
      .max(200, { error: 'At most 200 characters' })
      .nullish()
      .transform((v) => (v ? v : null)),
    exclusion: z
      .enum(WINBACK_EXCLUSIONS, { error: `Leave empty or choose: ${WINBACK_EXCLUSIONS.join(', ')}` })
      .nullish()
      .transform((v) => v ?? null),
    note: z
      .string()
      .trim()
      .max(2000, { error: 'At most 2,000 characters' })
      .nullish()
      .transform((v) => (v ? v : null)),
    lostAt: z.coerce
      .date({ error: 'Give a date, e.g. 2026-03-31' })
      .refine((d) => d.getTime() <= Date.now() + 86_400_000, { error: 'Not in the future' })
      .optional(),
  })
  .refine((v) => v.reason !== 'competitor' || v.competitor !== null, {
    error: 'Name the competitor (or "unknown")',
    path: ['competitor'],
  });
export type LostReasonInput = z.infer<typeof lostReasonInput>;

/** Hand scores (0-10, one decimal at most) by criterion key; null removes the hand score (back to the data's). */
export const handScoresInput = z.object({
  scores: z.record(
    z.string().max(40),
    z
      .number({ error: 'A score from 0 to 10' })
      .min(0, { error: 'At least 0' })
      .max(10, { error: 'At most 10' })
      .refine((n) => Math.round(n * 10) === n * 10, { error: 'One decimal at most' })
      .nullable(),
  ),
});
export type HandScoresInput = z.infer<typeof handScoresInput>;
