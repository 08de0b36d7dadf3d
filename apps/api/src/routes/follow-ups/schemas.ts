import { FOLLOW_UP_MOVE_KINDS, FOLLOW_UP_STAGES } from '@relance/domain/tracking/follow-up';
import { CHANNELS } from '@relance/domain/vocabulary';
import { LOST_REASONS } from '@relance/domain/winback/vocabulary';
import { z } from 'zod';

export const followUpParams = z.object({
  id: z.coerce.number().int().positive({ error: 'Not a follow-up id' }),
});
export const campaignParams = z.object({ id: z.uuid({ error: 'Not a campaign id' }) });
export const dueQuery = z.object({
  scope: z.enum(['mine', 'all'], { error: 'mine or all' }).default('mine'),
  limit: z.coerce
    .number()
    .int()
    .min(1, { error: 'At least 1' })
    .max(200, { error: 'At most 200' })
    .default(50),
  cursor: z.string().max(300).optional(),
});
export const scopeQuery = z.object({
  scope: z.enum(['mine', 'all'], { error: 'mine or all' }).default('mine'),
});

const person = z.object({ id: z.string(), name: z.string() }).nullable();
const contact = z.object({
  id: z.number(),
  firstName: z.string().nullable(),
  lastName: z.string().nullable(),
  companyName: z.string().nullable(),
});

export const cardSchema = z.object({
  id: z.number(),
  version: z.number(),
  stage: z.enum(FOLLOW_UP_STAGES),
  channel: z.enum(CHANNELS),
  contact,
  owner: person,
  quoteCents: z.number().nullable(),
  saleCents: z.number().nullable(),
  nextReminderAt: z.string().nullable(),
  reminders: z.number(),
  openedAt: z.string(),
  stageAt: z.string(),
});

export const boardSchema = z.object({
  campaign: z.object({ id: z.string(), name: z.string() }),
  columns: z.array(
    z.object({
      stage: z.enum(FOLLOW_UP_STAGES),
      count: z.number(),
      quoteCents: z.number(),
      saleCents: z.number(),
      cards: z.array(cardSchema),
    }),
  ),
});

export const reminderSchema = z.object({
  id: z.number(),
  dueAt: z.string(),
  note: z.string().nullable(),
  automatic: z.boolean(),
  doneAt: z.string().nullable(),
  cancelledAt: z.string().nullable(),
  overdueAt: z.string().nullable(),
});

export const detailSchema = cardSchema.extend({
  campaign: z.object({ id: z.string(), name: z.string() }),
  stepId: z.string(),
  sendId: z.number(),
  trackingCode: z.string().nullable(),
  lostReason: z.enum(LOST_REASONS).nullable(),
  competitor: z.string().nullable(),
  notes: z.string().nullable(),
  reminderList: z.array(reminderSchema),
  moves: z.array(
    z.object({
      id: z.number(),
      kind: z.enum(FOLLOW_UP_MOVE_KINDS),
      fromStage: z.enum(FOLLOW_UP_STAGES),
      toStage: z.enum(FOLLOW_UP_STAGES),
      amountCents: z.number().nullable(),
      lostReason: z.enum(LOST_REASONS).nullable(),
      competitor: z.string().nullable(),
      note: z.string().nullable(),
      user: person,
      at: z.string(),
    }),
  ),
});

export const dueSchema = z.object({
  items: z.array(
    z.object({
      id: z.number(),
      dueAt: z.string(),
      note: z.string().nullable(),
      automatic: z.boolean(),
      overdue: z.boolean(),
      overdueSince: z.string().nullable(),
      followUp: z.object({
        id: z.number(),
        version: z.number(),
        stage: z.enum(FOLLOW_UP_STAGES),
        quoteCents: z.number().nullable(),
        campaignId: z.string(),
        campaignName: z.string(),
        owner: person,
      }),
      contact,
    }),
  ),
  nextCursor: z.string().nullable(),
});

export const campaignsSchema = z.object({
  items: z.array(z.object({ id: z.string(), name: z.string(), total: z.number(), open: z.number() })),
});
