import {
  type FollowUpBoard as Board,
  type CardContact,
  type DueReminder,
  dueCountSchema,
  dueRemindersSchema,
  type FollowUpCard,
  type FollowUpDetail,
  followUpBoardSchema,
  followUpCampaignsSchema,
  followUpDetailSchema,
  followUpReminderSchema,
  type FollowUpReminder as Reminder,
} from '@relance/domain/api/follow-ups';
import type { FollowUpMoveKind } from '@relance/domain/tracking/follow-up';
import type { FollowUpMoveInput } from '@relance/domain/tracking/follow-up-input';
import { api } from '../../../lib/api-client';

export type { Board, CardContact, DueReminder, FollowUpCard, FollowUpDetail, Reminder };

export type Scope = 'mine' | 'all';
export type MoveBody = FollowUpMoveInput;
export type { FollowUpMoveKind };

export const listCampaigns = (signal?: AbortSignal) =>
  api('/api/follow-ups/campaigns', followUpCampaignsSchema, { signal });

export const getBoard = (campaignId: string, signal?: AbortSignal) =>
  api(`/api/campaigns/${campaignId}/follow-ups`, followUpBoardSchema, { signal });

export const getFollowUp = (id: number, signal?: AbortSignal) =>
  api(`/api/follow-ups/${id}`, followUpDetailSchema, { signal });

export const moveFollowUp = (id: number, body: MoveBody) =>
  api(`/api/follow-ups/${id}/moves`, followUpDetailSchema, { method: 'POST', body });

export const editFollowUp = (id: number, body: { version: number; notes: string | null }) =>
  api(`/api/follow-ups/${id}`, followUpDetailSchema, { method: 'PATCH', body });

export const scheduleReminder = (id: number, body: { dueAt: string; note: string | null }) =>
  api(`/api/follow-ups/${id}/reminders`, followUpReminderSchema, { method: 'POST', body });

export const listDue = (scope: Scope, cursor: string | null, signal?: AbortSignal) =>
  api('/api/follow-ups/due', dueRemindersSchema, { query: { scope, cursor }, signal });

export const getDueCount = (scope: Scope, signal?: AbortSignal) =>
  api('/api/follow-ups/due/count', dueCountSchema, {
    query: { scope },
    signal,
  });
