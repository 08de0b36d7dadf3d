import { getIndicatorSettings } from '@relance/db/queries/indicators';
import { dismissAlert, listAlerts } from '@relance/db/queries/winback-alerts';
import { lostCustomersBarometer } from '@relance/db/queries/winback-barometer';
import { latestChurnModel } from '@relance/db/queries/winback-churn';
import { getContactWinback, recordLostReason, saveHandScores } from '@relance/db/queries/winback-contact';
import {
  countFormerCustomers,
  listFormerCustomers,
  type ScoreCursor,
} from '@relance/db/queries/winback-lists';
import { checkSegmentScopes } from '@relance/db/queries/winback-segments';
import { getWinbackSettings, saveWinbackSettings } from '@relance/db/queries/winback-settings';
import {
  alertPage,
  barometerAnswer,
  contactWinbackAnswer,
  formerPage,
  lostReasonRecord,
  modelAnswer,
} from '@relance/domain/api/winback';
import { AppError } from '@relance/domain/errors';
import { can } from '@relance/domain/permissions';
import { handScoresInput, lostReasonInput } from '@relance/domain/winback/inputs';
import { winbackSettingsSchema } from '@relance/domain/winback/settings';
import { LOST_REASONS } from '@relance/domain/winback/vocabulary';
import { enqueueIndicatorsAfterSettings } from '@relance/jobs/enqueue';
import { z } from 'zod';
import type { AppDeps } from '../../deps';
import { actorId, type Principal, roleOf } from '../../http/principal';
import type { ApiRegistry } from '../../http/registry';
import { alertParams, alertsQuery, barometerQuery, formerQuery } from './schemas';

/** The workspace's time zone, in which the barometer's months are counted (DESIGN.md: Europe/Paris). */
const TIME_ZONE = 'Europe/Paris';
const contactParams = z.object({ id: z.coerce.number().int().positive({ error: 'Not a contact id' }) });

const badCursor = () =>
  AppError.validation('The cursor is not one this API gave.', [
    { field: 'cursor', message: 'Start again from the first page' },
  ]);
const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
function decode<T>(raw: string | undefined, check: (v: unknown) => v is T): T | null {
  if (!raw) return null;
  try {
    const value: unknown = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
    if (check(value)) return value;
  } catch {
    // falls through to the error below
  }
  throw badCursor();
}
const isScoreCursor = (v: unknown): v is ScoreCursor =>
  typeof v === 'object' &&
  v !== null &&
  Number.isSafeInteger((v as ScoreCursor).id) &&
  ((v as ScoreCursor).score === null || Number.isFinite((v as ScoreCursor).score));
const isId = (v: unknown): v is number => Number.isSafeInteger(v);

/** Whose alerts a caller sees: their own accounts', or (managers) everyone's. */
function alertOwner(principal: Principal, scope: 'mine' | 'all'): string | null {
  if (scope === 'all') {
    if (!can(roleOf(principal), 'alerts:all'))
      throw new AppError(
        'forbidden',
        'Only admins and managers see every account’s alerts: ask for scope=mine.',
      );
    return null;
  }
  const userId = actorId(principal);
  if (!userId)
    throw AppError.validation('An API key owns no accounts: ask for scope=all.', [
      { field: 'scope', message: 'Use all' },
    ]);
  return userId;
}

export function winbackRoutes(api: ApiRegistry, deps: AppDeps): void {
  const { db, sql } = deps.database;

  api.add(
    {
      method: 'get',
      path: '/api/settings/winback',
      summary:
        'Win-back settings: inactivity rules, warning signals, occasional buyers, scoring grid, churn horizon',
      tag: 'winback',
      access: 'contacts:read',
      response: winbackSettingsSchema,
    },
    () => getWinbackSettings(db),
  );

  api.add(
    {
      method: 'put',
      path: '/api/settings/winback',
      summary: 'Change the win-back settings; every customer is recomputed at once',
      tag: 'winback',
      access: 'settings:manage',
      body: winbackSettingsSchema,
      response: winbackSettingsSchema,
    },
    async ({ body }) => {
      await checkSegmentScopes(sql, body);
      const saved = await saveWinbackSettings(db, body);
      await enqueueIndicatorsAfterSettings(deps.queues);
      return saved;
    },
  );

  api.add(
    {
      method: 'get',
      path: '/api/winback/former',
      summary:
        'The former-customer file: win-back candidates ranked by reactivation score, occasional buyers apart, ' +
        'the excluded, or the whole file (keyset pages), with how many each list holds',
      tag: 'winback',
      access: 'contacts:read',
      query: formerQuery,
      response: formerPage,
    },
    async ({ query }) => {
      const settings = await getWinbackSettings(db);
      const occasionalApart = settings.occasional.treatment === 'apart';
      const page = await listFormerCustomers(sql, {
        view: query.view,
        occasionalApart,
        limit: query.limit,
        after: decode(query.cursor, isScoreCursor),
      });
      return {
        items: page.items,
        nextCursor: page.next ? encode(page.next) : null,
        counts: await countFormerCustomers(sql, occasionalApart),
        occasionalTreatment: settings.occasional.treatment,
      };
    },
  );

  api.add(
    {
      method: 'get',
      path: '/api/winback/alerts',
      summary: 'The alert feed: warning signals that appeared and customers who became former, newest first',
      tag: 'winback',
      access: 'contacts:read',
      query: alertsQuery,
      response: alertPage,
    },
    async ({ query, principal }) => {
      const page = await listAlerts(sql, {
        ownerId: alertOwner(principal, query.scope),
        includeDismissed: query.dismissed,
        limit: query.limit,
        beforeId: decode(query.cursor, isId),
      });
      return { items: page.items, nextCursor: page.next ? encode(page.next) : null };
    },
  );

  api.add(
    {
      method: 'post',
      path: '/api/winback/alerts/:id/dismiss',
      summary: 'Dismiss an alert once dealt with (one on your own accounts, or any for managers)',
      tag: 'winback',
      access: 'contacts:read',
      params: alertParams,
    },
    async ({ params, principal }) => {
      const ownerId = can(roleOf(principal), 'alerts:all') ? null : alertOwner(principal, 'mine');
      const done = await dismissAlert(sql, { id: params.id, userId: actorId(principal), ownerId });
      if (!done) throw AppError.notFound('This open alert on your accounts');
    },
  );

  api.add(
    {
      method: 'get',
      path: '/api/winback/model',
      summary:
        'The probability-of-leaving model: AUC on held-out customers, coefficients, what it learnt from',
      tag: 'winback',
      access: 'contacts:read',
      response: modelAnswer,
    },
    async () => {
      const stored = await latestChurnModel(db);
      const none = {
        status: 'none' as const,
        trainedAt: null,
        asOf: null,
        horizonMonths: null,
        reason: null,
        auc: null,
        intercept: null,
        features: [],
        trainCount: null,
        trainLeft: null,
        testCount: null,
        testLeft: null,
      };
      if (!stored) return none;
      const common = { trainedAt: stored.trainedAt, asOf: stored.asOf, horizonMonths: stored.horizonMonths };
      if (stored.status === 'insufficient')
        return {
          ...none,
          ...common,
          status: stored.status,
          reason: stored.reason,
          trainCount: stored.trainCount,
          trainLeft: stored.trainLeft,
        };
      const { model } = stored;
      return {
        ...common,
        status: stored.status,
        reason: null,
        auc: model.auc,
        intercept: model.intercept,
        features: model.features,
        trainCount: model.trainCount,
        trainLeft: model.trainLeft,
        testCount: model.testCount,
        testLeft: model.testLeft,
      };
    },
  );

  api.add(
    {
      method: 'get',
      path: '/api/winback/barometer',
      summary:
        'The lost-customers barometer: customers lost per month by reason, and the competitors they left for',
      tag: 'winback',
      access: 'contacts:read',
      query: barometerQuery,
      response: barometerAnswer,
    },
    async ({ query }) => ({
      reasons: [...LOST_REASONS],
      ...(await lostCustomersBarometer(sql, { months: query.months, timeZone: TIME_ZONE })),
    }),
  );

  api.add(
    {
      method: 'get',
      path: '/api/contacts/:id/winback',
      summary:
        "A contact's win-back: former-customer stays, warning signals with evidence, probability of leaving and " +
        'its main factors, reactivation score per criterion, occasional-buyer reasons, lost reasons',
      tag: 'winback',
      access: 'contacts:read',
      params: contactParams,
      response: contactWinbackAnswer,
    },
    async ({ params }) => {
      const [contact] = await sql`SELECT 1 FROM contacts WHERE id = ${params.id}`;
      if (!contact) throw AppError.notFound('This contact');
      const [settings, indicators] = await Promise.all([getWinbackSettings(db), getIndicatorSettings(db)]);
      return getContactWinback(db, sql, params.id, settings, indicators.complaintWindowDays);
    },
  );

  api.add(
    {
      method: 'post',
      path: '/api/contacts/:id/lost-reasons',
      summary: 'Capture why a customer left, for which competitor, and whether to leave them out of win-back',
      tag: 'winback',
      access: 'interactions:write',
      params: contactParams,
      body: lostReasonInput,
      response: lostReasonRecord,
      status: 201,
    },
    ({ params, body, principal }) => recordLostReason(sql, params.id, body, actorId(principal)),
  );

  api.add(
    {
      method: 'put',
      path: '/api/contacts/:id/reactivation-scores',
      summary: 'Score reactivation criteria by hand (0-10; null goes back to the data’s score)',
      tag: 'winback',
      access: 'contacts:write',
      params: contactParams,
      body: handScoresInput,
      response: contactWinbackAnswer,
    },
    async ({ params, body, principal }) => {
      const [settings, indicators] = await Promise.all([getWinbackSettings(db), getIndicatorSettings(db)]);
      return saveHandScores(
        db,
        sql,
        params.id,
        body,
        settings,
        indicators.complaintWindowDays,
        actorId(principal),
      );
    },
  );
}
