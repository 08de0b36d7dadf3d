import {
  type DueCursor,
  dueReminderCount,
  dueReminders,
  scheduleReminder,
} from '@relance/db/queries/follow-up-reminders';
import { followUpBoard, followUpCampaigns, followUpDetail } from '@relance/db/queries/follow-ups-board';
import { editFollowUp, moveFollowUp } from '@relance/db/queries/follow-ups-move';
import {
  dueCountSchema,
  dueRemindersSchema,
  followUpBoardSchema,
  followUpCampaignsSchema,
  followUpDetailSchema,
  followUpReminderSchema,
} from '@relance/domain/api/follow-ups';
import { AppError } from '@relance/domain/errors';
import { can } from '@relance/domain/permissions';
import {
  followUpEditInput,
  followUpMoveInput,
  reminderInput,
} from '@relance/domain/tracking/follow-up-input';
import { z } from 'zod';
import type { AppDeps } from '../../deps';
import { actorId, type Principal, roleOf } from '../../http/principal';
import type { ApiRegistry } from '../../http/registry';
import { campaignParams, dueQuery, followUpParams, scopeQuery } from './schemas';

const dueCursor = z.object({ dueAt: z.iso.datetime(), id: z.number().int().positive() });
function decodeCursor(raw: string | undefined): DueCursor | null {
  if (!raw) return null;
  try {
    const parsed = dueCursor.safeParse(JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')));
    if (parsed.success) return parsed.data;
  } catch {
    // falls through to the error below
  }
  throw AppError.validation('The cursor is not one this API gave.', [
    { field: 'cursor', message: 'Start again from the first page' },
  ]);
}

/** Whose reminders a caller sees: their own follow-ups', or (admins and managers) everyone's. */
function reminderOwner(principal: Principal, scope: 'mine' | 'all'): string | null {
  if (scope === 'all') {
    if (!can(roleOf(principal), 'follow-ups:all'))
      throw new AppError(
        'forbidden',
        'Only admins and managers see everyone’s reminders: ask for scope=mine.',
      );
    return null;
  }
  const userId = actorId(principal);
  if (!userId)
    throw AppError.validation('An API key owns no follow-ups: ask for scope=all.', [
      { field: 'scope', message: 'Use all' },
    ]);
  return userId;
}

export function followUpRoutes(api: ApiRegistry, deps: AppDeps): void {
  const { db } = deps.database;

  const detailOr404 = async (id: number) => {
    const detail = await followUpDetail(db, id);
    if (!detail) throw AppError.notFound(`Follow-up ${id}`);
    return detail;
  };

  api.add(
    {
      method: 'get',
      path: '/api/follow-ups/campaigns',
      summary: 'The campaigns that have follow-ups, with how many are still open',
      tag: 'follow-ups',
      access: 'campaigns:read',
      response: followUpCampaignsSchema,
    },
    async () => ({ items: await followUpCampaigns(db) }),
  );

  api.add(
    {
      method: 'get',
      path: '/api/campaigns/:id/follow-ups',
      summary:
        'A campaign’s follow-up board: per stage (response, quote, sale, lost) how many, the amounts, and the cards',
      tag: 'follow-ups',
      access: 'campaigns:read',
      params: campaignParams,
      response: followUpBoardSchema,
    },
    async ({ params }) => {
      const board = await followUpBoard(db, params.id);
      if (!board) throw AppError.notFound(`Campaign ${params.id}`);
      return board;
    },
  );

  api.add(
    {
      method: 'get',
      path: '/api/follow-ups/due',
      summary: 'Reminders due by the end of today (Paris), overdue first: mine, or everyone’s (managers)',
      tag: 'follow-ups',
      access: 'campaigns:read',
      query: dueQuery,
      response: dueRemindersSchema,
    },
    async ({ query, principal }) => {
      const page = await dueReminders(db, {
        ownerId: reminderOwner(principal, query.scope),
        limit: query.limit,
        after: decodeCursor(query.cursor),
      });
      return {
        items: page.items,
        nextCursor: page.next ? Buffer.from(JSON.stringify(page.next)).toString('base64url') : null,
      };
    },
  );

  api.add(
    {
      method: 'get',
      path: '/api/follow-ups/due/count',
      summary: 'How many reminders are due today, and how many are overdue (the navigation’s badge)',
      tag: 'follow-ups',
      access: 'campaigns:read',
      query: scopeQuery,
      response: dueCountSchema,
    },
    ({ query, principal }) => dueReminderCount(db, reminderOwner(principal, query.scope)),
  );

  api.add(
    {
      method: 'get',
      path: '/api/follow-ups/:id',
      summary: 'One follow-up: contact, amounts, notes, reminders and history',
      tag: 'follow-ups',
      access: 'campaigns:read',
      params: followUpParams,
      response: followUpDetailSchema,
    },
    ({ params }) => detailOr404(params.id),
  );

  api.add(
    {
      method: 'post',
      path: '/api/follow-ups/:id/moves',
      summary:
        'Move a follow-up (quote with amount, sale with amount, lost with reason, reminder made, reopen) at the ' +
        'version loaded (409 when stale); records the matching event for the board',
      tag: 'follow-ups',
      access: 'follow-ups:work',
      params: followUpParams,
      body: followUpMoveInput,
      response: followUpDetailSchema,
    },
    async ({ params, body, principal }) => {
      await moveFollowUp(db, params.id, body, actorId(principal));
      return detailOr404(params.id);
    },
  );

  api.add(
    {
      method: 'patch',
      path: '/api/follow-ups/:id',
      summary: 'Change a follow-up’s notes or owner, at the version loaded (409 when stale)',
      tag: 'follow-ups',
      access: 'follow-ups:work',
      params: followUpParams,
      body: followUpEditInput,
      response: followUpDetailSchema,
    },
    async ({ params, body }) => {
      await editFollowUp(db, params.id, body);
      return detailOr404(params.id);
    },
  );

  api.add(
    {
      method: 'post',
      path: '/api/follow-ups/:id/reminders',
      summary: 'Schedule a reminder (date and time, note) on an open follow-up',
      tag: 'follow-ups',
      access: 'follow-ups:work',
      params: followUpParams,
      body: reminderInput,
      response: followUpReminderSchema,
      status: 201,
    },
    ({ params, body, principal }) => scheduleReminder(db, params.id, body, actorId(principal)),
  );
}
