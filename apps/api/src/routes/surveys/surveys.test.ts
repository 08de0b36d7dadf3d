import { formatTrackingCode, generateTrackingCode } from '@relance/domain/tracking-code';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../../../tests/support/app-server';
import { apiClient, ROLE_LOGINS, type Session } from '../../../../../tests/support/http-client';
import { type SentFixture, sentEmailCampaign } from '../../../../../tests/support/tracking-fixtures';

/** A complete answer to the satisfaction template. */
const full = (overall: number, recommend: number, comment?: string) => ({
  customer_kind: 'private',
  overall,
  price_importance: 4,
  price_level: 2,
  price_clarity: 'dont_know',
  delays_importance: 2,
  delivery_time: 4,
  promises_kept: 4,
  support_importance: 3,
  support_reach: 3,
  problem_solving: 3,
  frequency: 'monthly',
  buy_again: 3,
  recommend,
  ...(comment === undefined ? {} : { comment }),
});

interface Survey {
  id: string;
  version: number;
  definition: { title: { fr: string }; overall: { key: string }; open: { key: string; maxLength: number }[] };
}

describe('survey routes', () => {
  let app: TestApp;
  let http: ReturnType<typeof apiClient>;
  let marketer: Session;
  let agent: Session;
  let f: SentFixture;
  let survey: Survey;

  beforeAll(async () => {
    app = await startTestApp({ worker: false });
    http = apiClient(app.url);
    marketer = await http.login(ROLE_LOGINS.marketer);
    agent = await http.login(ROLE_LOGINS.telemarketer);
    f = await sentEmailCampaign(app.database.db, app.database.sql, 6);
  });
  afterAll(async () => {
    await app?.close();
  });

  const wave = async (body: Record<string, unknown>) => {
    const res = await http.request<{ id: string }>('POST', `/api/surveys/${survey.id}/waves`, {
      session: marketer,
      body,
    });
    expect(res.status, res.text).toBe(201);
    return res.body.id;
  };
  const invite = async (waveId: string, contactId: number) => {
    const res = await http.request<{ token: string }>('POST', `/api/survey-waves/${waveId}/invitations`, {
      session: agent,
      body: { contactId },
    });
    expect(res.status, res.text).toBe(200);
    return res.body.token;
  };

  it('creates a survey from the template of its purpose; telemarketers cannot read surveys', async () => {
    const res = await http.request<Survey>('POST', '/api/surveys', {
      session: marketer,
      body: { name: 'Satisfaction 2026', purpose: 'satisfaction' },
    });
    expect(res.status, res.text).toBe(201);
    survey = res.body;
    expect(survey.version).toBe(1);
    expect(survey.definition.overall.key).toBe('overall');
    expect(survey.definition.title.fr).toBe('Votre avis compte');
    const list = await http.request<{ items: { id: string; waves: number; answers: number }[] }>(
      'GET',
      '/api/surveys',
      { session: marketer },
    );
    expect(list.body.items).toEqual([expect.objectContaining({ id: survey.id, waves: 0, answers: 0 })]);
    expect((await http.request('GET', '/api/surveys', { session: agent })).status).toBe(403);
  });

  it('refuses a bad questionnaire at its field, and a stale save with 409', async () => {
    const bad = structuredClone(survey.definition);
    bad.title.fr = '';
    const refused = await http.request<{ errors: { field: string; message: string }[] }>(
      'PUT',
      `/api/surveys/${survey.id}`,
      { session: marketer, body: { name: 'Satisfaction 2026', definition: bad, version: 1 } },
    );
    expect(refused.status).toBe(422);
    expect(refused.body.errors).toContainEqual({
      field: 'definition.title.fr',
      message: 'Write the question',
    });

    const edited = structuredClone(survey.definition);
    edited.title.fr = 'Votre avis nous intéresse';
    const saved = await http.request<Survey>('PUT', `/api/surveys/${survey.id}`, {
      session: marketer,
      body: { name: 'Satisfaction 2026', definition: edited, version: 1 },
    });
    expect(saved.status, saved.text).toBe(200);
    expect(saved.body.version).toBe(2);
    expect(saved.body.definition.title.fr).toBe('Votre avis nous intéresse');
    // a second editor still on version 1
    const stale = await http.request<{ code: string; detail: string }>('PUT', `/api/surveys/${survey.id}`, {
      session: marketer,
      body: { name: 'Autre nom', definition: survey.definition, version: 1 },
    });
    expect(stale.status).toBe(409);
    expect(stale.body.detail).toContain('reload it');
    const now = await http.request<Survey & { name: string }>('GET', `/api/surveys/${survey.id}`, {
      session: marketer,
    });
    expect(now.body).toMatchObject({ name: 'Satisfaction 2026', version: 2 });
    survey = now.body;
  });

  it('takes one public answer per link: the second says already answered, nothing is stored twice', async () => {
    const waveId = await wave({ source: 'manual', name: 'Par téléphone' });
    const token = await invite(waveId, f.sends[0]!.contactId);
    // the same contact invited again: the same invitation
    expect(await invite(waveId, f.sends[0]!.contactId)).toBe(token);

    const page = await http.request<{ state: string; definition: { title: { fr: string } } }>(
      'GET',
      `/api/public/surveys/${token}`,
    );
    expect(page.status).toBe(200);
    expect(page.body.state).toBe('open');
    expect(page.body.definition.title.fr).toBe('Votre avis nous intéresse');

    const first = await http.request('POST', `/api/public/surveys/${token}/answers`, {
      body: { answers: full(4, 9, 'Très bien'), locale: 'fr' },
    });
    expect(first.status, first.text).toBe(200);
    expect(first.body).toMatchObject({ status: 'recorded', low: false });
    const second = await http.request('POST', `/api/public/surveys/${token}/answers`, {
      body: { answers: full(1, 0), locale: 'fr' },
    });
    expect(second.body).toEqual({ status: 'already_answered' });
    expect((await http.request<{ state: string }>('GET', `/api/public/surveys/${token}`)).body.state).toBe(
      'answered',
    );
    const [stored] = await app.database.sql<{ n: number }[]>`
      SELECT count(*)::int AS n FROM survey_answers WHERE wave_id = ${waveId}`;
    expect(stored!.n).toBe(1);

    // the results and the CSV export
    const results = await http.request<{
      results: { respondents: number; overall: { mean: number }; open: { key: string; answers: string[] }[] };
    }>('GET', `/api/survey-waves/${waveId}/results`, { session: marketer });
    expect(results.body.results.respondents).toBe(1);
    expect(results.body.results.overall.mean).toBe(4);
    expect(results.body.results.open).toEqual([{ key: 'comment', answers: ['Très bien'] }]);
    const csv = await http.request('GET', `/api/survey-waves/${waveId}/answers.csv`, { session: marketer });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const lines = csv.text
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toBe(
      'submitted_at;via;contact_id;first_name;last_name;email;screened_out;low;customer_kind;overall;price_importance;price_level;price_clarity;delays_importance;delivery_time;promises_kept;support_importance;support_reach;problem_solving;frequency;buy_again;recommend;comment',
    );
    expect(lines[1]).toContain(`;web;${f.sends[0]!.contactId};`);
    expect(lines[1]).toMatch(/;no;no;private;4;4;2;dont_know;2;4;4;3;3;3;monthly;3;9;Très bien$/);
  });

  it('answers by phone through the open waves a telemarketer sees', async () => {
    const open = await http.request<{ items: { id: string; surveyName: string }[] }>(
      'GET',
      '/api/survey-waves/open',
      { session: agent },
    );
    expect(open.status).toBe(200);
    const waveId = open.body.items[0]!.id;
    expect(open.body.items[0]!.surveyName).toBe('Satisfaction 2026');
    const token = await invite(waveId, f.sends[1]!.contactId);
    const res = await http.request('POST', `/api/survey-invitations/${token}/answers`, {
      session: agent,
      body: { answers: full(3, 7), locale: 'fr' },
    });
    expect(res.status, res.text).toBe(200);
    const [row] = await app.database.sql<{ via: string; user_id: string | null }[]>`
      SELECT via, user_id FROM survey_answers WHERE contact_id = ${f.sends[1]!.contactId}`;
    expect(row!.via).toBe('phone');
    expect(row!.user_id).not.toBeNull();
  });

  it('refuses answers over the length limit at their field, and stores nothing', async () => {
    const waveId = await wave({ source: 'manual', name: 'Longueur' });
    const token = await invite(waveId, f.sends[2]!.contactId);
    const max = survey.definition.open.find((q) => q.key === 'comment')!.maxLength;
    const res = await http.request<{ errors: { field: string; message: string }[] }>(
      'POST',
      `/api/public/surveys/${token}/answers`,
      { body: { answers: full(3, 8, 'x'.repeat(max + 1)) } },
    );
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([
      { field: 'comment', message: `At most ${max} characters (this answer has ${max + 1})` },
    ]);
    // an answer outside the question's scale, too
    const scale = await http.request<{ errors: { field: string }[] }>(
      'POST',
      `/api/public/surveys/${token}/answers`,
      {
        body: { answers: full(3, 11) },
      },
    );
    expect(scale.status).toBe(422);
    expect(scale.body.errors.map((e) => e.field)).toEqual(['recommend']);
    const [stored] = await app.database.sql<{ n: number }[]>`
      SELECT count(*)::int AS n FROM survey_answers WHERE wave_id = ${waveId}`;
    expect(stored!.n).toBe(0);
  });

  it('answers 409 on a closed wave, and its page says closed', async () => {
    const waveId = await wave({ source: 'manual', name: 'Close' });
    const token = await invite(waveId, f.sends[3]!.contactId);
    const closed = await http.request('POST', `/api/survey-waves/${waveId}/close`, { session: marketer });
    expect(closed.status, closed.text).toBe(200);
    expect((await http.request<{ state: string }>('GET', `/api/public/surveys/${token}`)).body.state).toBe(
      'closed',
    );
    const res = await http.request<{ code: string; detail: string }>(
      'POST',
      `/api/public/surveys/${token}/answers`,
      {
        body: { answers: full(4, 10) },
      },
    );
    expect(res.status).toBe(409);
    expect(res.body.detail).toContain('closed');
  });

  it('answers 404 to a tampered link, by token or by tracking code, and opens a send’s own link', async () => {
    const waveId = await wave({ source: 'manual', name: 'Liens' });
    const token = await invite(waveId, f.sends[4]!.contactId);
    const tampered = `${token.slice(0, -1)}${token.endsWith('0') ? '1' : '0'}`;
    const res = await http.request<{ code: string }>('GET', `/api/public/surveys/${tampered}`);
    expect(res.status).toBe(404);
    expect(
      (
        await http.request('POST', `/api/public/surveys/${tampered}/answers`, {
          body: { answers: full(4, 9) },
        })
      ).status,
    ).toBe(404);

    // a campaign wave: each send's tracking code is its answer link ({{surveyUrl}} = /s/<code>)
    await wave({ source: 'campaign', name: 'E-mail', stepId: f.campaign.steps[0]!.id });
    const code = generateTrackingCode();
    await app.database.sql`UPDATE sends SET tracking_code = ${code} WHERE id = ${f.sends[5]!.id}`;
    const link = formatTrackingCode(code);
    expect((await http.request<{ state: string }>('GET', `/api/public/surveys/${link}`)).body.state).toBe(
      'open',
    );
    // one character changed: the check character catches it
    const wrong = `${link.slice(0, -1)}${link.endsWith('A') ? 'B' : 'A'}`;
    expect((await http.request('GET', `/api/public/surveys/${wrong}`)).status).toBe(404);
    // nothing stored for the bad links
    const [stored] = await app.database.sql<{ n: number }[]>`
      SELECT count(*)::int AS n FROM survey_answers WHERE wave_id = ${waveId}`;
    expect(stored!.n).toBe(0);
  });
});
