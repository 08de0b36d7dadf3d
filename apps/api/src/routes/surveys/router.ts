import { resolveInvitation, submitAnswer } from '@relance/db/queries/survey-respond';
import { waveAnswerRows, waveReport } from '@relance/db/queries/survey-results';
import {
  closeWave,
  createSurvey,
  createWave,
  getSurvey,
  getWave,
  listOpenWaves,
  listSurveys,
  listWaves,
  updateSurvey,
} from '@relance/db/queries/surveys';
import { AppError } from '@relance/domain/errors';
import { allQuestions } from '@relance/domain/surveys/survey-definition';
import { surveyTemplate } from '@relance/domain/surveys/survey-templates';
import { enqueueSurveyMoments } from '@relance/jobs/surveys';
import { stringify } from 'csv-stringify/sync';
import { sql } from 'drizzle-orm';
import type { Request } from 'express';
import type { AppDeps } from '../../deps';
import { spreadsheetSafe } from '../../http/csv';
import { actorId } from '../../http/principal';
import type { ApiRegistry } from '../../http/registry';
import { createGuessLimiter } from '../../tracking/guess-limiter';
import {
  answerBody,
  createSurveyBody,
  createWaveBody,
  inviteBody,
  publicSurvey,
  submitAnswer as submitAnswerSchema,
  surveyParams,
  tokenParams,
  updateSurveyBody,
  waveParams,
} from './schemas';

const clientOf = (req: Request) => req.ip ?? 'unknown';

/**
 * Surveys (issue 8): questionnaires, their waves, results and exports for marketers and managers; the public
 * answer page's two calls (no session: the link's token is the key, unknown tokens count as guesses per
 * address); answers typed in by a telemarketer during a call.
 */
export function surveyRoutes(api: ApiRegistry, deps: AppDeps): void {
  const { db } = deps.database;
  const guesses = createGuessLimiter(deps.redis, deps.env.QUEUE_PREFIX, 30);

  async function invitationOrNotFound(req: Request, token: string) {
    const wait = guesses.retryAfter(clientOf(req));
    if (wait > 0)
      throw new AppError('rate_limited', `Too many links that match nothing: try again in ${wait} s.`);
    const invitation = await resolveInvitation(db, token);
    if (!invitation) {
      await guesses.wrong(clientOf(req));
      throw new AppError('not_found', 'This survey link is not valid: check that it was copied whole.');
    }
    return invitation;
  }

  api.add(
    {
      method: 'get',
      path: '/api/surveys',
      summary: 'Surveys with their waves and answers',
      tag: 'surveys',
      access: 'surveys:read',
    },
    () => listSurveys(db).then((items) => ({ items })),
  );

  api.add(
    {
      method: 'post',
      path: '/api/surveys',
      summary: 'Create a survey from the trade template of its purpose, or from a questionnaire of your own',
      tag: 'surveys',
      access: 'surveys:write',
      body: createSurveyBody,
      status: 201,
    },
    ({ body, principal }) =>
      createSurvey(db, {
        name: body.name,
        purpose: body.purpose,
        definition: body.definition ?? surveyTemplate(body.purpose),
        createdBy: actorId(principal),
      }),
  );

  api.add(
    {
      method: 'get',
      path: '/api/surveys/:id',
      summary: 'A survey, its questionnaire and its waves',
      tag: 'surveys',
      access: 'surveys:read',
      params: surveyParams,
    },
    async ({ params }) => {
      const survey = await getSurvey(db, params.id);
      if (!survey) throw AppError.notFound('This survey');
      return { ...survey, waves: await listWaves(db, params.id) };
    },
  );

  api.add(
    {
      method: 'put',
      path: '/api/surveys/:id',
      summary: 'Save the questionnaire (waves already open keep theirs)',
      tag: 'surveys',
      access: 'surveys:write',
      params: surveyParams,
      body: updateSurveyBody,
    },
    ({ params, body }) => updateSurvey(db, params.id, body),
  );

  api.add(
    {
      method: 'post',
      path: '/api/surveys/:id/waves',
      summary:
        'Open a wave: through a campaign step, at a moment in the customer’s life, or by hand and phone',
      tag: 'surveys',
      access: 'surveys:write',
      params: surveyParams,
      body: createWaveBody,
      status: 201,
    },
    ({ params, body, principal }) => createWave(db, params.id, { ...body, createdBy: actorId(principal) }),
  );

  api.add(
    {
      method: 'post',
      path: '/api/survey-waves/:id/close',
      summary: 'Close a wave: its answer page then takes no more answers',
      tag: 'surveys',
      access: 'surveys:write',
      params: waveParams,
    },
    ({ params }) => closeWave(db, params.id),
  );

  api.add(
    {
      method: 'get',
      path: '/api/survey-waves/:id/results',
      summary:
        'A wave’s results: response rate, overall score, components, importance against satisfaction, NPS, open answers, and the change since the previous wave',
      tag: 'surveys',
      access: 'surveys:read',
      params: waveParams,
    },
    async ({ params }) => {
      const report = await waveReport(db, params.id);
      if (!report) throw AppError.notFound('This survey wave');
      return report;
    },
  );

  api.add(
    {
      method: 'get',
      path: '/api/survey-waves/:id/answers.csv',
      summary:
        'Every answer of a wave, one row per respondent and one column per question (CSV, ; separated)',
      tag: 'surveys',
      access: 'surveys:read',
      params: waveParams,
      response: { contentType: 'text/csv', description: 'the answers' },
    },
    async ({ params, res }) => {
      const wave = await getWave(db, params.id);
      if (!wave) throw AppError.notFound('This survey wave');
      const keys = allQuestions(wave.definition).map((q) => q.key);
      const rows = await waveAnswerRows(db, params.id);
      const cell = (v: unknown) =>
        v === undefined || v === null ? '' : spreadsheetSafe(Array.isArray(v) ? v.join('|') : String(v));
      const body = rows.map((r) => [
        new Date(r.submitted_at).toISOString(),
        r.via,
        r.contact_id,
        cell(r.first_name),
        cell(r.last_name),
        cell(r.email),
        r.screened_out ? 'yes' : 'no',
        r.low ? 'yes' : 'no',
        ...keys.map((k) => cell(r.answers[k])),
      ]);
      const header = [
        'submitted_at',
        'via',
        'contact_id',
        'first_name',
        'last_name',
        'email',
        'screened_out',
        'low',
        ...keys,
      ];
      res.setHeader('Content-Type', 'text/csv; charset=utf-8');
      res.setHeader('Content-Disposition', `attachment; filename="survey-wave-${params.id}.csv"`);
      res.end(stringify([header, ...body], { delimiter: ';', bom: true }));
    },
  );

  api.add(
    {
      method: 'get',
      path: '/api/survey-waves/open',
      summary: 'The waves taking answers now, to fill one in during a call',
      tag: 'surveys',
      access: 'calls:work',
    },
    () => listOpenWaves(db).then((items) => ({ items })),
  );

  api.add(
    {
      method: 'post',
      path: '/api/survey-waves/:id/invitations',
      summary:
        'Invite one contact to a wave by hand (a call, a visit): answers its token, the same one if invited already',
      tag: 'surveys',
      access: 'calls:work',
      params: waveParams,
      body: inviteBody,
    },
    async ({ params, body }) => {
      const wave = await getWave(db, params.id);
      if (!wave) throw AppError.notFound('This survey wave');
      const [row] = await db.execute<{ token: string }>(sql`
        WITH ins AS (
          INSERT INTO survey_invitations (wave_id, contact_id, token, channel, occasion)
          SELECT ${params.id}::uuid, c.id, replace(gen_random_uuid()::text, '-', ''), 'phone', 'manual'
            FROM contacts c WHERE c.id = ${body.contactId}
          ON CONFLICT (wave_id, contact_id, occasion) DO NOTHING RETURNING token)
        SELECT token FROM ins
        UNION ALL SELECT token FROM survey_invitations
         WHERE wave_id = ${params.id}::uuid AND contact_id = ${body.contactId} AND occasion = 'manual'
        LIMIT 1`);
      if (!row) throw AppError.notFound('This contact');
      return { token: row.token };
    },
  );

  api.add(
    {
      method: 'post',
      path: '/api/survey-invitations/:token/answers',
      summary:
        'Record the answers a contact gives on the phone (the telemarketer fills the questionnaire in)',
      tag: 'surveys',
      access: 'calls:work',
      params: tokenParams,
      body: answerBody,
      response: submitAnswerSchema,
    },
    ({ params, body, principal }) =>
      submitAnswer(db, params.token, body.answers, {
        via: 'phone',
        locale: body.locale ?? null,
        userId: actorId(principal),
      }),
  );

  api.add(
    {
      method: 'post',
      path: '/api/survey-moments/run',
      summary: 'Find today’s survey moments now (the worker also does it every morning)',
      tag: 'surveys',
      access: 'surveys:write',
      status: 202,
    },
    async () => {
      await enqueueSurveyMoments(deps.redis, deps.env.QUEUE_PREFIX, 'manual');
      return { queued: true };
    },
  );

  // ── the public answer page ────────────────────────────────────────────────
  api.add(
    {
      method: 'get',
      path: '/api/public/surveys/:token',
      summary: 'The questionnaire behind an answer link (public: the token is the key)',
      tag: 'surveys',
      access: 'public',
      params: tokenParams,
      response: publicSurvey,
    },
    async ({ params, req }) => {
      const invitation = await invitationOrNotFound(req, params.token);
      return {
        state: invitation.state,
        waveName: invitation.waveName,
        firstName: invitation.firstName,
        definition: invitation.definition,
      };
    },
  );

  api.add(
    {
      method: 'post',
      path: '/api/public/surveys/:token/answers',
      summary: 'Answer a survey (public; one answer per link: a second one stores nothing)',
      tag: 'surveys',
      access: 'public',
      params: tokenParams,
      body: answerBody,
      response: submitAnswerSchema,
    },
    async ({ params, body, req }) => {
      await invitationOrNotFound(req, params.token);
      return submitAnswer(db, params.token, body.answers, {
        via: 'web',
        locale: body.locale ?? null,
        userId: null,
      });
    },
  );
}
