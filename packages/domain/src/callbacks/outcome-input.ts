import { z } from 'zod';
import { LOST_REASONS } from '../winback/vocabulary';

const note = z.string().trim().max(4000, { error: 'Keep the note under 4,000 characters' }).default('');
const when = (what: string) =>
  z.coerce.date({ error: `Give ${what} as a date and time` }).refine((d) => !Number.isNaN(d.getTime()), {
    error: `Give ${what} as a date and time`,
  });

/**
 * What an agent records at the end of a call. Each outcome carries what it needs: the time to call back, the
 * sale's amount (integer cents), the reason for a refusal, the lost reason and the competitor. `nextCallAt`
 * (optional on any outcome that keeps the task open) schedules the next callback.
 */
export const callOutcomeInput = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('no_answer'), note, nextCallAt: when('the next call').optional() }),
  z.object({ outcome: z.literal('voicemail'), note, nextCallAt: when('the next call').optional() }),
  z.object({ outcome: z.literal('wrong_number'), note }),
  z.object({
    outcome: z.literal('callback'),
    note,
    nextCallAt: when('the time to call back').refine((d) => d.getTime() > Date.now() - 60_000, {
      error: 'The time to call back must be in the future',
    }),
  }),
  z.object({
    outcome: z.literal('interested'),
    note,
    /** the quote's amount, when one was given on the phone */
    amountCents: z.number().int().min(0, { error: 'The amount cannot be negative' }).optional(),
  }),
  z.object({
    outcome: z.literal('sale'),
    note,
    amountCents: z
      .number({ error: 'Give the sale’s amount in cents' })
      .int({ error: 'The amount is in whole cents' })
      .positive({ error: 'A sale has an amount above zero' }),
  }),
  z.object({
    outcome: z.literal('not_interested'),
    note,
    reason: z.string().trim().min(1, { error: 'Say why they are not interested' }).max(500),
  }),
  z.object({
    outcome: z.literal('lost'),
    note,
    lostReason: z.enum(LOST_REASONS, { error: 'Choose a lost reason' }),
    competitor: z.string().trim().max(200).nullable().default(null),
  }),
  z.object({ outcome: z.literal('do_not_call'), note }),
]);
export type CallOutcomeInput = z.infer<typeof callOutcomeInput>;
