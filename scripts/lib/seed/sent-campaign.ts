import type { Database, Db } from '@relance/db/client';
import { applyCampaignEvent } from '@relance/db/queries/campaign-lifecycle';
import { audienceSize, createCampaign, getCampaign } from '@relance/db/queries/campaigns';
import { cancelPendingSends, claimSends, markSent } from '@relance/db/queries/dispatch-claims';
import { materialisePhase, materialiseWave } from '@relance/db/queries/dispatch-materialise';
import { insertPhase, listWaves, saveTestReading } from '@relance/db/queries/dispatch-phases';
import { applySendEvents, type SendEventInput } from '@relance/db/queries/send-events-apply';
import { readTest } from '@relance/dispatch/test-reading';
import { planPhase } from '@relance/domain/dispatch/phase-plan';
import type { SendPhase } from '@relance/domain/dispatch/sends';
import { type CampaignPlan, campaignInputSchema } from '@relance/domain/planning/campaign-input';
import { starterTemplate } from '@relance/templates/starter-templates/list';
import { compileStepContent } from '@relance/templates/step-content';
import { createDemoFaker } from './random';
import { seedDemoFollowUpReminders } from './sent-campaign-follow-ups';
import { drawReturns } from './sent-campaign-returns';

/** The demo's sent campaign (README "Quick start"): its name, and the tag of the former customers it went to. */
export const SENT_CAMPAIGN_NAME = 'Reconquête — courrier puis email';
const TAG = 'reconquete-courrier';
const AUDIENCE = 420;
const DAY = 86_400_000;

const letter = (hook: string) => ({
  sender: { name: 'Maison Relance', addressLines: ['12 rue de la République', '69002 Lyon'] },
  place: 'Lyon',
  subject: 'Vous nous manquez',
  hook,
  body: 'Nous avons changé depuis votre dernière visite, et nous aimerions vous le montrer. Présentez ce courrier ou votre code en boutique, ou rendez-vous sur notre site : {{offer}}.',
});

function plan(): CampaignPlan {
  const winBack = starterTemplate('win-back')!;
  return campaignInputSchema.parse({
    name: SENT_CAMPAIGN_NAME,
    kind: 'win_back',
    objective: 'sale',
    audience: { type: 'tag', tag: TAG },
    averageOrderValueCents: 12_000,
    marginRate: 0.3,
    fixed: { creativeCents: 60_000, setupCents: 15_000 },
    offer: {
      type: 'financial',
      description: '10 % sur votre prochaine commande',
      discount: { kind: 'percent', rate: 0.1 },
      expectedTakeUp: 0.8,
    },
    testPlan: {
      sample: { mode: 'percent', share: 0.25 },
      winnerMetric: 'response_rate',
      rollout: 'manual',
      durationDays: 7,
    },
    steps: [
      {
        channel: 'postal',
        offsetDays: 0,
        responseRate: 0.06,
        conversionRate: 0.5,
        content: letter(
          '{{civility}} {{lastName}}, votre dernière commande date du {{lastOrderDate}} : et si nous reprenions contact ?',
        ),
        variants: [
          {
            differsOn: 'message',
            content: letter(
              '{{civility}} {{lastName}}, vous nous avez manqué : votre remise de bienvenue vous attend jusqu’au {{offerEndDate}}.',
            ),
          },
        ],
      },
      {
        channel: 'email',
        offsetDays: 7,
        target: { type: 'non_responders' },
        responseRate: 0.02,
        conversionRate: 0.4,
        content: { subject: winBack.subject, preheader: winBack.preheader, mjml: winBack.mjml },
      },
    ],
  });
}

/**
 * Sends a wave's pending rows as the worker does (claim: consent, suppression and address checked again on the
 * channel; then sent with the provider's id), then dates all of the wave's rows to its D+0: the demo runs the
 * engine today for a campaign that went out weeks ago.
 */
async function sendWave(
  database: Database,
  wave: { id: string; campaignId: string; channel: 'postal' | 'email'; dueAt: Date },
) {
  const pending = await database.sql<{ id: number }[]>`
    SELECT id::float8 AS id FROM sends WHERE wave_id = ${wave.id} AND status = 'pending' ORDER BY id`;
  const token = `demo-${wave.id}`;
  const { claimed } = await claimSends(
    database.db,
    pending.map((p) => p.id),
    {
      campaignId: wave.campaignId,
      channel: wave.channel,
      token,
      handed: true,
      excludeResponders: wave.channel === 'email',
      fields: null,
    },
  );
  const batch = `${wave.channel === 'postal' ? 'print' : 'sg'}-${wave.id.slice(0, 8)}`;
  await markSent(
    database.db,
    token,
    claimed.map((c) => ({ id: c.id, providerId: wave.channel === 'postal' ? batch : `${batch}-${c.id}` })),
  );
  await database.sql`
    UPDATE sends SET created_at = ${wave.dueAt.toISOString()}::timestamptz - interval '2 hours',
           claimed_at = CASE WHEN claimed_at IS NOT NULL THEN ${wave.dueAt.toISOString()}::timestamptz END,
           handed_at = CASE WHEN handed_at IS NOT NULL THEN ${wave.dueAt.toISOString()}::timestamptz END,
           finished_at = ${wave.dueAt.toISOString()}::timestamptz + (id % 50) * interval '1 second'
     WHERE wave_id = ${wave.id}`;
  await database.sql`
    UPDATE send_waves SET materialised_at = ${wave.dueAt.toISOString()}::timestamptz - interval '2 hours', enqueued_at = ${wave.dueAt.toISOString()}::timestamptz
     WHERE id = ${wave.id}`;
}

/** The sends of these waves that went out, for drawing their returns. */
async function sentOf(database: Database, waveIds: string[]) {
  const rows = await database.sql<
    { id: number; contact_id: number; channel: 'postal' | 'email'; variant: 'A' | 'B'; due_at: Date }[]
  >`
    SELECT s.id::float8 AS id, s.contact_id::float8 AS contact_id, s.channel, s.variant, w.due_at
      FROM sends s JOIN send_waves w ON w.id = s.wave_id
     WHERE s.wave_id = ANY(${waveIds}::uuid[]) AND s.status = 'sent' ORDER BY s.contact_id`;
  return rows.map((r) => ({ ...r, contactId: r.contact_id, dueAt: new Date(r.due_at) }));
}

/** Records, through applySendEvents, the events that happened before `until`, and drops them from the list. */
async function recordUntil(db: Db, pending: SendEventInput[], until: Date): Promise<SendEventInput[]> {
  const now = pending.filter((e) => e.occurredAt! < until);
  for (let i = 0; i < now.length; i += 2_000) await applySendEvents(db, now.slice(i, i + 2_000));
  return pending.filter((e) => e.occurredAt! >= until);
}

async function phaseDates(database: Database, campaignId: string, phase: SendPhase, startedAt: Date) {
  await database.sql`
    UPDATE campaign_phases SET materialised_at = ${startedAt.toISOString()}::timestamptz, created_at = ${startedAt.toISOString()}::timestamptz,
           read_at = CASE WHEN read_at IS NOT NULL THEN ends_at END
     WHERE campaign_id = ${campaignId} AND phase = ${phase}`;
}

/**
 * The demo's completed win-back campaign, so that the campaign board, the portfolio, the follow-up board and the
 * due list have something to show at first start: a letter to 420 former customers (tagged `reconquete-courrier`)
 * with an A/B test on its hook (a quarter of them, four weeks ago), the rollout of B to the rest three weeks ago,
 * each followed at D+7 by an email to those who had not answered. Run through the dispatch engine's own functions
 * (lifecycle events, phases, materialisation, claims), the returns recorded through applySendEvents in the order
 * they happened (so the D+7 email's non-responders are the right ones), then completed. Skipped when it exists.
 * Answers the number of events recorded.
 */
export async function seedDemoSentCampaign(database: Database, marketerId: string | null): Promise<number> {
  const { db } = database;
  const [existing] = await database.sql`SELECT 1 FROM campaigns WHERE name = ${SENT_CAMPAIGN_NAME}`;
  if (existing) return 0;
  const now = new Date();
  const today = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  // the former customers most worth winning back, with a postal address (those who refused mail last)
  await database.sql`
    UPDATE contacts c SET tags = array_append(c.tags, ${TAG})
      FROM (SELECT w.contact_id FROM contact_winback w JOIN contacts k ON k.id = w.contact_id
              LEFT JOIN consents pc ON pc.contact_id = k.id AND pc.channel = 'postal'
             WHERE w.former_since IS NOT NULL AND k.address_line1 IS NOT NULL AND k.external_id LIKE 'DEMO-%'
             ORDER BY coalesce(pc.status = 'opt_out', false), w.reactivation_score DESC NULLS LAST, w.contact_id
             LIMIT ${AUDIENCE}) t
     WHERE c.id = t.contact_id`;

  const input = plan();
  for (const [i, step] of input.steps.entries()) {
    await compileStepContent(step.channel, step.content, `steps.${i}.content`);
    for (const v of step.variants ?? [])
      if (v.content) await compileStepContent(step.channel, v.content, `steps.${i}.variants`);
  }
  const stored = await createCampaign(db, { plan: input, ownerId: marketerId });
  const id = stored.campaign.id;
  const testAt = new Date(today.getTime() - 29 * DAY + 8 * 3_600_000);
  await database.sql`UPDATE campaigns SET created_at = ${new Date(testAt.getTime() - 5 * DAY).toISOString()}::timestamptz WHERE id = ${id}`;

  // the test: a quarter of the list, A and B
  const testPlan = planPhase(stored.plan, {
    phase: 'test',
    launchedAt: testAt,
    audienceSize: await audienceSize(db, stored.plan.audience),
  });
  await applyCampaignEvent(db, id, 'launch_test', null, async (tx) => {
    await insertPhase(tx, id, testPlan, marketerId);
  });
  await materialisePhase(db, id, 'test');
  await phaseDates(database, id, 'test', testPlan.startedAt);
  const waves = () => listWaves(db, id);
  const faker = createDemoFaker(20_240_602);
  const letters = (await waves()).filter((w) => w.phase === 'test' && w.position === 1);
  for (const w of letters)
    await sendWave(database, { id: w.id, campaignId: id, channel: 'postal', dueAt: w.dueAt });
  let pending = drawReturns(
    faker,
    await sentOf(
      database,
      letters.map((w) => w.id),
    ),
    now,
  );
  const emailStep = async (phase: SendPhase) => {
    for (const w of (await waves()).filter((x) => x.phase === phase && x.position === 2)) {
      pending = await recordUntil(db, pending, w.dueAt);
      await materialiseWave(db, w.id);
      await sendWave(database, { id: w.id, campaignId: id, channel: 'email', dueAt: w.dueAt });
      pending = [...pending, ...drawReturns(faker, await sentOf(database, [w.id]), now)];
    }
  };
  await emailStep('test');

  // read at its end; the marketer rolls out B, the rewritten hook, the day after
  const testEnd = testPlan.endsAt!;
  pending = await recordUntil(db, pending, testEnd);
  const reading = await readTest(db, id, testEnd);
  await applyCampaignEvent(db, id, 'test_done', null, async (tx) => {
    if (reading) await saveTestReading(tx, id, reading);
  });
  const rolloutPlan = planPhase((await getCampaign(db, id))!.plan, {
    phase: 'rollout',
    launchedAt: new Date(testEnd.getTime() + DAY),
    audienceSize: 0,
    variant: 'B',
  });
  await applyCampaignEvent(db, id, 'rollout', null, async (tx) => {
    await insertPhase(tx, id, rolloutPlan, marketerId);
  });
  pending = await recordUntil(db, pending, rolloutPlan.startedAt);
  await materialisePhase(db, id, 'rollout');
  await phaseDates(database, id, 'rollout', rolloutPlan.startedAt);
  const rolloutLetters = (await waves()).filter((w) => w.phase === 'rollout' && w.position === 1);
  for (const w of rolloutLetters)
    await sendWave(database, { id: w.id, campaignId: id, channel: 'postal', dueAt: w.dueAt });
  pending = [
    ...pending,
    ...drawReturns(
      faker,
      await sentOf(
        database,
        rolloutLetters.map((w) => w.id),
      ),
      now,
    ),
  ];
  await emailStep('rollout');
  pending.sort((a, b) => a.occurredAt!.getTime() - b.occurredAt!.getTime());
  await recordUntil(db, pending, now);

  // every wave is out and the returns have mostly come in: the marketer closes it
  await applyCampaignEvent(db, id, 'complete', null);
  await cancelPendingSends(db, id);
  await database.sql`UPDATE campaigns SET updated_at = ${new Date(today.getTime() - DAY).toISOString()}::timestamptz WHERE id = ${id}`;
  await seedDemoFollowUpReminders(database, id, marketerId);
  const [total] = await database.sql<{ n: number }[]>`
    SELECT count(*)::int AS n FROM send_events e JOIN sends s ON s.id = e.send_id WHERE s.campaign_id = ${id}`;
  return total?.n ?? 0;
}
