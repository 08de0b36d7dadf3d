import { surveyTemplate } from '@relance/domain/surveys/survey-templates';
import { formatTrackingCode, generateTrackingCode } from '@relance/domain/tracking-code';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../tests/support/test-database';
import { type SentFixture, sentEmailCampaign } from '../../../../tests/support/tracking-fixtures';
import { createDemoUsers } from '../demo-users';
import { inviteForMoments } from './survey-moments';
import { resolveInvitation, submitAnswer } from './survey-respond';
import { waveReport } from './survey-results';
import { closeWave, createSurvey, createWave } from './surveys';

const full = (overall: number, recommend: number) => ({
  customer_kind: 'private',
  overall,
  price_importance: 4,
  price_level: 2,
  price_clarity: 2,
  delays_importance: 2,
  delivery_time: 4,
  promises_kept: 4,
  support_importance: 3,
  support_reach: 3,
  problem_solving: 3,
  frequency: 'monthly',
  buy_again: 3,
  recommend,
});

describe('surveys on a real database', () => {
  let t: TestDatabase;
  let f: SentFixture;
  let surveyId: string;
  beforeAll(async () => {
    t = await createTestDatabase();
    await createDemoUsers(t.db);
    f = await sentEmailCampaign(t.db, t.sql, 20);
    const survey = await createSurvey(t.db, {
      name: 'Satisfaction 2026',
      purpose: 'satisfaction',
      definition: surveyTemplate('satisfaction'),
      createdBy: null,
    });
    surveyId = survey.id;
  });
  afterAll(async () => {
    await t.drop();
  });

  it('takes one answer per send of the inviting step, counts it as a response, and stores nothing twice', async () => {
    const wave = await createWave(t.db, surveyId, {
      source: 'campaign',
      stepId: f.campaign.steps[0]!.id,
      name: 'Vague 1',
      closesAt: null,
      createdBy: null,
    });
    const send = f.sends[0]!;
    const code = generateTrackingCode();
    await t.db.execute(sql`UPDATE sends SET tracking_code = ${code} WHERE id = ${send.id}`);
    // the send's code, typed as printed (a dash, lower case), opens its invitation
    const typed = formatTrackingCode(code).toLowerCase();
    const invitation = await resolveInvitation(t.db, typed);
    expect(invitation).toMatchObject({
      waveId: wave.id,
      sendId: send.id,
      state: 'open',
      contactId: send.contactId,
    });
    const first = await submitAnswer(t.db, typed, full(3, 8), { via: 'web', locale: 'en', userId: null });
    expect(first).toMatchObject({ status: 'recorded' });
    expect(await submitAnswer(t.db, code, full(3, 8), { via: 'web', locale: 'en', userId: null })).toEqual({
      status: 'already_answered',
    });
    const events = await t.db.execute<{ kind: string; source: string }>(
      sql`SELECT kind, source FROM send_events WHERE send_id = ${send.id}`,
    );
    expect(events).toEqual([{ kind: 'responded', source: 'survey' }]);
    // the step invites to one wave at most
    await expect(
      createWave(t.db, surveyId, {
        source: 'campaign',
        stepId: f.campaign.steps[0]!.id,
        name: 'Bis',
        closesAt: null,
        createdBy: null,
      }),
    ).rejects.toMatchObject({ code: 'validation' });
  });

  it('invites on moments once per occasion, and answers once per invitation', async () => {
    const wave = await createWave(t.db, surveyId, {
      source: 'moment',
      trigger: { moment: 'after_first_order', months: 4, thenYearly: true, deliverBy: 'phone' },
      name: 'Quatre mois après',
      closesAt: null,
      createdBy: null,
    });
    const [a, b, c] = f.sends.slice(0, 3).map((s) => s.contactId);
    // a: first order 4 months ago today; b: 1 year and 4 months ago yesterday; c: 4 months ago 10 days ago (missed)
    await t.db.execute(sql`
      INSERT INTO orders (contact_id, external_id, ordered_at, amount_cents)
      VALUES (${a}, 'o-a', (date '2026-11-23' - interval '4 months') + time '10:00', 5000),
             (${b}, 'o-b', (date '2026-11-22' - interval '16 months') + time '10:00', 5000),
             (${c}, 'o-c', (date '2026-11-13' - interval '4 months') + time '10:00', 5000)`);
    const first = await inviteForMoments(t.db, '2026-11-23');
    const mine = first.find((r) => r.waveId === wave.id)!;
    expect(mine.invited.map((i) => i.contactId).sort()).toEqual([a, b].sort());
    const again = await inviteForMoments(t.db, '2026-11-23');
    expect(again.find((r) => r.waveId === wave.id)!.invited).toEqual([]);

    const token = mine.invited.find((i) => i.contactId === a)!.token;
    const answer = await submitAnswer(t.db, token, full(4, 9), { via: 'web', locale: 'fr', userId: null });
    expect(answer).toMatchObject({ status: 'recorded', low: false });
    const twice = await submitAnswer(t.db, token, full(1, 0), { via: 'web', locale: 'fr', userId: null });
    expect(twice).toEqual({ status: 'already_answered' });
    const [stored] = await t.db.execute<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM survey_answers WHERE wave_id = ${wave.id}`,
    );
    expect(stored!.n).toBe(1);

    // a bad answer says what to fix and stores nothing
    const tokenB = mine.invited.find((i) => i.contactId === b)!.token;
    await expect(
      submitAnswer(
        t.db,
        tokenB,
        { ...full(4, 11), comment: 'x'.repeat(2001) },
        { via: 'web', locale: null, userId: null },
      ),
    ).rejects.toMatchObject({ code: 'validation' });

    // a low answer from a contact with an account owner: an alert and a callback task
    await t.db.execute(sql`UPDATE contacts SET owner_id = (SELECT id FROM users LIMIT 1) WHERE id = ${b}`);
    const low = await submitAnswer(t.db, tokenB, full(1, 2), { via: 'web', locale: 'fr', userId: null });
    expect(low).toMatchObject({ status: 'recorded', low: true });

    const report = (await waveReport(t.db, wave.id))!;
    expect(report.results.invited).toBe(2);
    expect(report.results.respondents).toBe(2);
    expect(report.results.overall.mean).toBe(2.5);
    expect(report.lowAnswers).toBe(1);

    // a closed wave takes no more answers
    await closeWave(t.db, wave.id);
    const invitation = await resolveInvitation(t.db, tokenB);
    expect(invitation?.state).toBe('answered');
  });

  it('asks the customers who asked to cancel (the lost-customer barometer), once per request', async () => {
    const wave = await createWave(t.db, surveyId, {
      source: 'moment',
      trigger: { moment: 'cancellation', deliverBy: 'phone' },
      name: 'Résiliations',
      closesAt: null,
      createdBy: null,
    });
    const [x, y] = f.sends.slice(5, 7).map((s) => s.contactId);
    await t.db.execute(sql`
      INSERT INTO interactions (contact_id, kind, subject, body, occurred_at)
      VALUES (${x}, 'letter', 'Résiliation de mon contrat', NULL, timestamptz '2026-11-22 10:00+01'),
             (${y}, 'email', 'Question sur ma facture', 'Merci de me rappeler', timestamptz '2026-11-22 10:00+01'),
             (${y}, 'note', 'Ancienne demande d''annulation', NULL, timestamptz '2026-10-01 10:00+02')`);
    const runs = await inviteForMoments(t.db, '2026-11-23');
    expect(runs.find((r) => r.waveId === wave.id)!.invited.map((i) => i.contactId)).toEqual([x]);
    expect((await inviteForMoments(t.db, '2026-11-23')).find((r) => r.waveId === wave.id)!.invited).toEqual(
      [],
    );
  });

  it('refuses a tampered link', async () => {
    expect(await resolveInvitation(t.db, 'ffffffffffffffffffffffffffffffff')).toBeNull();
    expect(await resolveInvitation(t.db, '<script>')).toBeNull();
  });
});
