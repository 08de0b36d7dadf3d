import { getCampaign } from '@relance/db/queries/campaigns';
import { resolveInvitation } from '@relance/db/queries/survey-respond';
import { createSurvey, createWave } from '@relance/db/queries/surveys';
import { runSurveyMoments } from '@relance/dispatch/survey-moments';
import { surveyTemplate } from '@relance/domain/surveys/survey-templates';
import { renderPersonalization } from '@relance/sandbox/sendgrid-events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type DispatchEnv,
  settled,
  startDispatchEnv,
  statusCounts,
  waitFor,
} from '../../../tests/support/dispatch-env';
import { alwaysOpen, createPlannedCampaign } from '../../../tests/support/dispatch-fixtures';

const NOW = new Date('2026-11-23T08:30:00Z');

const invitationEmail = {
  subject: 'Votre avis, {{firstName}} ?',
  mjml: '<mjml><mj-body><mj-section><mj-column><mj-text>Bonjour {{firstName|}}, répondez ici : <a href="{{surveyUrl}}">questionnaire</a></mj-text><mj-text><a href="{{unsubscribeUrl}}">Se désinscrire</a></mj-text></mj-column></mj-section></mj-body></mjml>',
};

describe('survey moments, delivered through the dispatch engine (PostgreSQL, Redis, the sandbox)', () => {
  let env: DispatchEnv;
  let surveyId: string;
  beforeAll(async () => {
    env = await startDispatchEnv({ contacts: 40 });
    surveyId = (
      await createSurvey(env.t.db, {
        name: 'Quatre mois',
        purpose: 'satisfaction',
        definition: surveyTemplate('satisfaction'),
        createdBy: null,
      })
    ).id;
    // contacts d1..d10 ordered for the first time four months ago today: the moment falls today
    await env.t.sql`
      INSERT INTO orders (contact_id, external_id, ordered_at, amount_cents)
      SELECT c.id, 'first-' || c.id, timestamptz '2026-07-23 10:00+02', 4200
        FROM contacts c WHERE c.external_id IN ('d2','d3','d4','d5','d6','d7','d8','d9','d10','d12')`;
  });
  afterAll(async () => {
    await env?.close();
  });

  it('emails the day’s invitations through a copy of the invitation campaign, whose links open the invitations', async () => {
    const template = await createPlannedCampaign(env.t.db, {
      name: 'Invitation enquête',
      kind: 'retention',
      objective: 'information',
      averageOrderValueCents: 5_000,
      marginRate: 0.3,
      steps: [{ channel: 'email', offsetDays: 0, content: invitationEmail, sendWindow: alwaysOpen }],
    });
    const wave = await createWave(env.t.db, surveyId, {
      source: 'moment',
      trigger: { moment: 'after_first_order', months: 4, thenYearly: true, deliverBy: 'email' },
      templateCampaignId: template.campaign.id,
      name: 'Quatre mois après la première commande',
      closesAt: null,
      createdBy: null,
    });
    const [run] = (await runSurveyMoments(env.scheduler, NOW)).filter((r) => r.waveId === wave.id);
    expect(run!.invited).toBe(10);
    expect(run!.delivery.by).toBe('campaign');
    const campaignId = (run!.delivery as { campaignId: string }).campaignId;
    const copy = (await getCampaign(env.t.db, campaignId))!;
    expect(copy.plan.audience).toEqual({ type: 'survey_wave', waveId: wave.id, invitedOn: '2026-11-23' });
    expect(copy.campaign.status).toBe('running');

    // a second run the same day invites nobody more and makes no second campaign
    const [again] = (await runSurveyMoments(env.scheduler, NOW)).filter((r) => r.waveId === wave.id);
    expect(again).toMatchObject({ invited: 0, delivery: { by: 'campaign', campaignId } });

    // the ten invited are the audience: sent, or skipped for consent/suppression/address like any campaign
    const counts = await waitFor(() => statusCounts(env.t, campaignId), settled);
    expect(counts.total).toBe(10);
    expect(counts.sent).toBeGreaterThan(0);

    // each email's link is the contact's own invitation
    // (this environment's only emails are that campaign's)
    const [mail] = env.sandbox.store.list('sendgrid');
    const html = renderPersonalization(mail!.payload as never, 0);
    const code = /\/s\/([A-Z0-9]+)/.exec(html)?.[1];
    expect(code).toBeTruthy();
    const invitation = await resolveInvitation(env.t.db, code!);
    expect(invitation).toMatchObject({ waveId: wave.id, state: 'open' });
    expect(invitation!.sendId).not.toBeNull();
  });

  it('turns a phone moment’s invitations into callback tasks, once', async () => {
    const wave = await createWave(env.t.db, surveyId, {
      source: 'moment',
      trigger: { moment: 'after_first_order', months: 4, thenYearly: false, deliverBy: 'phone' },
      name: 'Appel quatre mois',
      closesAt: null,
      createdBy: null,
    });
    const [run] = (await runSurveyMoments(env.scheduler, NOW)).filter((r) => r.waveId === wave.id);
    expect(run).toMatchObject({ invited: 10, delivery: { by: 'phone', tasks: 10 } });
    const [again] = (await runSurveyMoments(env.scheduler, NOW)).filter((r) => r.waveId === wave.id);
    expect(again).toMatchObject({ invited: 0, delivery: { by: 'phone', tasks: 0 } });
    const [tasks] = await env.t.sql<{ n: number }[]>`
      SELECT count(*)::int AS n FROM callback_tasks WHERE source = 'survey' AND detail->>'waveId' = ${wave.id}`;
    expect(tasks!.n).toBe(10);
  });
});
