import { z } from 'zod';
import { LOST_REASONS } from '../winback/vocabulary';
import { MAX_FOLLOW_UP_AMOUNT_CENTS } from './follow-up';

/** The version the caller loaded: a move or an edit made on an older one is refused (409), nothing changes. */
const version = z
  .number({ error: 'Send the version of the follow-up you loaded' })
  .int({ error: 'Send the version of the follow-up you loaded' })
  .min(1, { error: 'Send the version of the follow-up you loaded' });

const amountCents = z
  .number({ error: 'Give the amount in cents, e.g. 125000 for 1,250.00 €' })
  .int({ error: 'Whole cents, e.g. 125000 for 1,250.00 €' })
  .positive({ error: 'More than zero' })
  .max(MAX_FOLLOW_UP_AMOUNT_CENTS, { error: 'At most 100,000,000 € (is there a typo?)' });

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { error: `At most ${max.toLocaleString('en')} characters` })
    .nullish()
    .transform((v) => (v ? v : null));

/** A move on the board: the move, what it needs (an amount, a reason), and the version loaded. */
export const followUpMoveInput = z.discriminatedUnion(
  'kind',
  [
    z.object({ kind: z.literal('quote'), version, amountCents }),
    z.object({ kind: z.literal('sale'), version, amountCents }),
    z
      .object({
        kind: z.literal('lost'),
        version,
        reason: z.enum(LOST_REASONS, { error: `Choose a reason: ${LOST_REASONS.join(', ')}` }),
        competitor: optionalText(200),
      })
      .refine((v) => v.reason !== 'competitor' || v.competitor !== null, {
        error: 'Name the competitor (or "unknown")',
        path: ['competitor'],
      }),
    z.object({
      kind: z.literal('remind'),
      version,
      note: optionalText(2000),
      /** the reminder made (from the due list); left out, the earliest pending one */
      reminderId: z.number().int().positive().nullish(),
    }),
    z.object({ kind: z.literal('reopen'), version }),
  ],
  { error: 'Choose a move: quote, sale, lost, remind or reopen' },
);
export type FollowUpMoveInput = z.infer<typeof followUpMoveInput>;

/** The notes and the owner of a follow-up (the version loaded, as for a move). */
export const followUpEditInput = z.object({
  version,
  notes: optionalText(5000),
  ownerId: z.uuid({ error: 'Choose a user' }).nullable().optional(),
});
export type FollowUpEditInput = z.infer<typeof followUpEditInput>;

/** A reminder to schedule: when (not in the past, at most two years ahead) and a note. */
export const reminderInput = z.object({
  dueAt: z.coerce
    .date({ error: 'Give a date and time, e.g. 2026-03-31T09:00:00Z' })
    .refine((d) => d.getTime() >= Date.now() - 5 * 60_000, { error: 'Not in the past' })
    .refine((d) => d.getTime() <= Date.now() + 2 * 366 * 86_400_000, { error: 'At most two years ahead' }),
  note: optionalText(2000),
});
export type ReminderInput = z.infer<typeof reminderInput>;
