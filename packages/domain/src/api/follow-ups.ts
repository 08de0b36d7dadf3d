/**
 * The follow-up board's answers, declared once: the API validates and documents them, the web app parses them.
 * Pure zod, no I/O.
 */

import { z } from 'zod';
import { FOLLOW_UP_MOVE_KINDS, FOLLOW_UP_STAGES } from '../tracking/follow-up';
import { CHANNELS } from '../vocabulary';
import { LOST_REASONS } from '../winback/vocabulary';

const person = z.object({ id: z.string(), name: z.string() }).nullable();
const cardContact = z.object({
  id: z.number(),
  firstName: z.string().nullable(),
  lastName: z.string().nullable(),
  companyName: z.string().nullable(),
});
export type CardContact = z.infer<typeof cardContact>;

export const followUpCardSchema = z.object({
  id: z.number(),
  version: z.number(),
  stage: z.enum(FOLLOW_UP_STAGES),
  channel: z.enum(CHANNELS),
  contact: cardContact,
  owner: person,
  quoteCents: z.number().nullable(),
  saleCents: z.number().nullable(),
  nextReminderAt: z.string().nullable(),
  reminders: z.number(),
  openedAt: z.string(),
  stageAt: z.string(),
});
export type FollowUpCard = z.infer<typeof followUpCardSchema>;

/** GET /api/campaigns/:id/follow-ups */
export const followUpBoardSchema = z.object({
  campaign: z.object({ id: z.string(), name: z.string() }),
  columns: z.array(
    z.object({
      stage: z.enum(FOLLOW_UP_STAGES),
      count: z.number(),
      quoteCents: z.number(),
      saleCents: z.number(),
      cards: z.array(followUpCardSchema),
    }),
  ),
});
export type FollowUpBoard = z.infer<typeof followUpBoardSchema>;

/** POST /api/follow-ups/:id/reminders, and each of a follow-up's reminders */
export const followUpReminderSchema = z.object({
  id: z.number(),
  dueAt: z.string(),
  note: z.string().nullable(),
  automatic: z.boolean(),
  doneAt: z.string().nullable(),
  cancelledAt: z.string().nullable(),
  overdueAt: z.string().nullable(),
});
export type FollowUpReminder = z.infer<typeof followUpReminderSchema>;

/** GET, PATCH /api/follow-ups/:id and POST /api/follow-ups/:id/moves */
export const followUpDetailSchema = followUpCardSchema.extend({
  campaign: z.object({ id: z.string(), name: z.string() }),
  stepId: z.string(),
  sendId: z.number(),
  trackingCode: z.string().nullable(),
  lostReason: z.enum(LOST_REASONS).nullable(),
  competitor: z.string().nullable(),
  notes: z.string().nullable(),
  reminderList: z.array(followUpReminderSchema),
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
export type FollowUpDetail = z.infer<typeof followUpDetailSchema>;

/** GET /api/follow-ups/due */
export const dueRemindersSchema = z.object({
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
      contact: cardContact,
    }),
  ),
  nextCursor: z.string().nullable(),
});
export type DueReminder = z.infer<typeof dueRemindersSchema>['items'][number];

/** GET /api/follow-ups/due/count */
export const dueCountSchema = z.object({ due: z.number(), overdue: z.number() });
export type DueCount = z.infer<typeof dueCountSchema>;

/** GET /api/follow-ups/campaigns */
export const followUpCampaignsSchema = z.object({
  items: z.array(z.object({ id: z.string(), name: z.string(), total: z.number(), open: z.number() })),
});
export type FollowUpCampaigns = z.infer<typeof followUpCampaignsSchema>;
