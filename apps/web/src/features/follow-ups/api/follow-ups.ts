import {
  FOLLOW_UP_MOVE_KINDS,
  FOLLOW_UP_STAGES,
  type FollowUpMoveKind,
} from '@relance/domain/tracking/follow-up';
import type { FollowUpMoveInput } from '@relance/domain/tracking/follow-up-input';
import { CHANNELS } from '@relance/domain/vocabulary';
import { LOST_REASONS } from '@relance/domain/winback/vocabulary';
import { z } from 'zod';
import { api } from '../../../lib/api-client';

const person = z.object({ id: z.string(), name: z.string() }).nullable();
const contact = z.object({
  id: z.number(),
  firstName: z.string().nullable(),
  lastName: z.string().nullable(),
  companyName: z.string().nullable(),
});
export type CardContact = z.infer<typeof contact>;

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
export type FollowUpCard = z.infer<typeof cardSchema>;

const boardSchema = z.object({
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
export type Board = z.infer<typeof boardSchema>;

const reminderSchema = z.object({
  id: z.number(),
  dueAt: z.string(),
  note: z.string().nullable(),
  automatic: z.boolean(),
  doneAt: z.string().nullable(),
  cancelledAt: z.string().nullable(),
  overdueAt: z.string().nullable(),
});
export type Reminder = z.infer<typeof reminderSchema>;

const detailSchema = cardSchema.extend({
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
export type FollowUpDetail = z.infer<typeof detailSchema>;

const dueSchema = z.object({
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
export type DueReminder = z.infer<typeof dueSchema>['items'][number];

const campaignsSchema = z.object({
  items: z.array(z.object({ id: z.string(), name: z.string(), total: z.number(), open: z.number() })),
});

export type Scope = 'mine' | 'all';
export type MoveBody = FollowUpMoveInput;
export type { FollowUpMoveKind };

export const listCampaigns = (signal?: AbortSignal) =>
  api('/api/follow-ups/campaigns', campaignsSchema, { signal });

export const getBoard = (campaignId: string, signal?: AbortSignal) =>
  api(`/api/campaigns/${campaignId}/follow-ups`, boardSchema, { signal });

export const getFollowUp = (id: number, signal?: AbortSignal) =>
  api(`/api/follow-ups/${id}`, detailSchema, { signal });

export const moveFollowUp = (id: number, body: MoveBody) =>
  api(`/api/follow-ups/${id}/moves`, detailSchema, { method: 'POST', body });

export const editFollowUp = (id: number, body: { version: number; notes: string | null }) =>
  api(`/api/follow-ups/${id}`, detailSchema, { method: 'PATCH', body });

export const scheduleReminder = (id: number, body: { dueAt: string; note: string | null }) =>
  api(`/api/follow-ups/${id}/reminders`, reminderSchema, { method: 'POST', body });

export const listDue = (scope: Scope, cursor: string | null, signal?: AbortSignal) =>
  api('/api/follow-ups/due', dueSchema, { query: { scope, cursor }, signal });

export const getDueCount = (scope: Scope, signal?: AbortSignal) =>
  api('/api/follow-ups/due/count', z.object({ due: z.number(), overdue: z.number() }), {
    query: { scope },
    signal,
  });
