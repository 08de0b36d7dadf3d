import { parseProviderConfig } from '@relance/channels/provider-config';
import { webhookUrl } from '@relance/channels/webhook-paths';
import { getCampaign } from '@relance/db/queries/campaigns';
import { SETTLED_BY_EVENT } from '@relance/db/queries/send-events-apply';
import { applyDispatchEvent } from '@relance/dispatch/lifecycle';
import { createQueues } from '@relance/jobs/enqueue';
import { createRedis } from '@relance/jobs/redis';
import { type RunningSandbox, startSandbox } from '@relance/sandbox/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './support/app-server';
import { settled, statusCounts, waitFor } from './support/dispatch-env';
import {
  abEmailPlan,
  alwaysOpen,
  createPlannedCampaign,
  emailContent,
  seedDispatchContacts,
  smsContent,
} from './support/dispatch-fixtures';
import { testRedisUrl } from './support/test-database';
import { freePort } from './support/webhook-signing';

const fast = { min: 0, max: 20 };

/**
 * A campaign sent through the provider sandbox, whose webhooks come back signed to the real API (SendGrid events,
 * Twilio statuses, replies and STOPs, the voice detection), are verified by the production code and end, through the
 * worker's intake, as events, rollups, suppressions and consent changes.
 */
describe('webhooks end to end: sandbox → API → intake → events and rollups', () => {
  let app: TestApp;
  let sandbox: RunningSandbox;
  let redis: ReturnType<typeof createRedis>;
  let queues: ReturnType<typeof createQueues>;

  beforeAll(async () => {
    const port = await freePort();
    const publicUrl = `http://127.0.0.1:${port}`;
    sandbox = await startSandbox({
      port: 0,
      seed: 11,
      sendgridEventWebhookUrl: webhookUrl(publicUrl, 'sendgridEvents'),
      twilioInboundSmsUrl: webhookUrl(publicUrl, 'twilioSmsInbound'),
      behaviour: {
        email: { bounce: 0.2, open: 0.5, click: 0.2, delayMs: fast },
        sms: { undelivered: 0, reply: 0, stop: 1, delayMs: fast },
        voice: { noAnswer: 0, machine: 0.5, human: 0.5, delayMs: fast, callDurationMs: 10 },
      },
    });
    const env = {
      PORT: String(port),
      PUBLIC_URL: publicUrl,
      SANDBOX_URL: sandbox.url,
      SENDGRID_WEBHOOK_PUBLIC_KEY: sandbox.keys.sendgridEventWebhookPublicKey,
      PROVIDER_TIMEOUT_MS: '5000',
    };
    const providers = parseProviderConfig(env);
    if (!providers.ok) throw new Error(providers.problems.join('; '));
    app = await startTestApp({
      env,
      dispatch: { providers: providers.config, retryDelay: () => 300, sweep: false },
    });
    await seedDispatchContacts(app.database.sql, 60);
    redis = createRedis(testRedisUrl(), 'producer');
    queues = createQueues(redis, app.prefix);
  }, 90_000);
  afterAll(async () => {
    await queues?.close();
    await redis?.quit();
    await app?.close();
    await sandbox?.close();
  });

  const sql = () => app.database.sql;
  const launch = async (campaignId: string) => {
    const stored = (await getCampaign(app.database.db, campaignId))!;
    await applyDispatchEvent(
      { db: app.database.db, queues },
      { campaignId, event: 'launch_test', version: stored.campaign.version, actorId: null },
    );
    return waitFor(() => statusCounts(app.database, campaignId), settled, 60_000);
  };
  /** until the sandbox has posted everything and the intake has processed every batch */
  const drained = async () => {
    await sandbox.webhooks.idle();
    await waitFor(
      async () =>
        (await sql()`SELECT count(*)::int AS n FROM inbound_batches WHERE processed_at IS NULL`)[0]!.n,
      (n) => n === 0,
    );
  };
  const outcomes = async (campaignId: string) => {
    const rows = await sql()<{ kind: string; n: number }[]>`
      SELECT o.kind::text AS kind, count(*)::int AS n FROM send_outcomes o JOIN sends s ON s.id = o.send_id
       WHERE s.campaign_id = ${campaignId} GROUP BY 1`;
    return Object.fromEntries(rows.map((r) => [r.kind, r.n]));
  };
  const rollups = async (campaignId: string) => {
    const rows = await sql()<{ kind: string; contacts: number }[]>`
      SELECT kind::text AS kind, sum(contacts)::int AS contacts FROM send_rollups WHERE campaign_id = ${campaignId}
       GROUP BY 1`;
    return Object.fromEntries(rows.map((r) => [r.kind, r.contacts]));
  };

  /** a one-step email campaign tested on a sample of `size` */
  const emailCampaign = (name: string, size: number) =>
    createPlannedCampaign(
      app.database.db,
      abEmailPlan({
        name,
        steps: [
          { channel: 'email', offsetDays: 0, content: emailContent('Bonjour'), sendWindow: alwaysOpen },
        ],
        testPlan: { sample: { mode: 'absolute', size }, winnerMetric: 'response_rate', rollout: 'manual' },
      } as never),
    );

  it('an email campaign: delivered, opened, clicked and bounced come back signed; bounces are suppressed', async () => {
    const c = await emailCampaign('Webhooks email', 40);
    const counts = await launch(c.campaign.id);
    expect(counts.sent).toBeGreaterThan(20);
    await drained();
    const posts = sandbox.webhooks.deliveries().filter((d) => d.kind === 'sendgrid-events');
    expect(posts.length).toBeGreaterThan(0);
    expect(posts.every((d) => d.status === 204)).toBe(true);

    const o = await outcomes(c.campaign.id);
    expect(o.delivered).toBeGreaterThan(0);
    expect(o.opened).toBeGreaterThan(0);
    expect(o.bounced).toBeGreaterThan(0);
    expect((o.delivered ?? 0) + (o.bounced ?? 0)).toBe(counts.sent);
    // the board's rollups say the same
    expect(await rollups(c.campaign.id)).toMatchObject({
      delivered: o.delivered,
      opened: o.opened,
      bounced: o.bounced,
    });
    const [suppressed] = await sql()`
      SELECT count(*)::int AS n FROM suppressions p JOIN sends s ON s.address = p.address AND p.channel = 'email'
       WHERE s.campaign_id = ${c.campaign.id} AND p.reason = 'bounced'`;
    expect(suppressed!.n).toBe(o.bounced);
  });

  it('a send in doubt (the provider took it but its answer timed out) settles as sent once its events come back', async () => {
    const c = await emailCampaign('Webhooks in doubt', 20);
    // the sandbox takes the request and posts its events as usual, but answers after 8 s: the adapter gives up at 5 s
    sandbox.faults.add({ provider: 'sendgrid', kind: 'timeout-after-accept', count: 1, delayMs: 8_000 });
    const counts = await launch(c.campaign.id);
    sandbox.faults.clear();
    await drained();
    const rows = await sql()<{ status: string; error: string | null; n: number }[]>`
      SELECT status::text, error, count(*)::int AS n FROM sends
       WHERE campaign_id = ${c.campaign.id} AND status IN ('sent', 'unknown') GROUP BY 1, 2`;
    // every send the provider took was given up in doubt, and settled by its events: none is left unknown
    expect(rows).toEqual([{ status: 'sent', error: SETTLED_BY_EVENT, n: counts.sent + counts.unknown }]);
    expect(counts.sent + counts.unknown).toBeGreaterThan(10);
  });

  it('an SMS campaign: delivered statuses, and every STOP opts its contact out and suppresses the number', async () => {
    const c = await createPlannedCampaign(
      app.database.db,
      abEmailPlan({
        name: 'Webhooks SMS',
        steps: [{ channel: 'sms', offsetDays: 0, content: smsContent(), sendWindow: alwaysOpen }],
        // about half the fixture's contacts can get an SMS (mobile and opt-in): a sample of 30 always sends more than 3
        testPlan: {
          sample: { mode: 'absolute', size: 30 },
          winnerMetric: 'response_rate',
          rollout: 'manual',
        },
      } as never),
    );
    const counts = await launch(c.campaign.id);
    expect(counts.sent).toBeGreaterThan(3);
    await drained();
    const o = await outcomes(c.campaign.id);
    expect(o).toMatchObject({ delivered: counts.sent, opted_out: counts.sent });
    const [optedOut] = await sql()`
      SELECT count(*)::int AS n FROM sends s JOIN consents k ON k.contact_id = s.contact_id AND k.channel = 'sms'
       WHERE s.campaign_id = ${c.campaign.id} AND s.status = 'sent' AND k.status = 'opt_out'`;
    expect(optedOut!.n).toBe(counts.sent);
    const [stops] = await sql()`
      SELECT count(*)::int AS n FROM suppressions p JOIN sends s ON s.address = p.address AND p.channel = 'sms'
       WHERE s.campaign_id = ${c.campaign.id} AND p.reason = 'stop'`;
    expect(stops!.n).toBe(counts.sent);
  });

  it('a voice campaign: the detection answers the live call with the rendered message; voicemail → delivered, person → answered', async () => {
    const c = await createPlannedCampaign(
      app.database.db,
      abEmailPlan({
        name: 'Webhooks voice',
        steps: [
          {
            channel: 'voice',
            offsetDays: 0,
            content: { script: 'Bonjour {{firstName}}, votre code est {{trackingCode}}.', maxSeconds: 45 },
            sendWindow: alwaysOpen,
          },
        ],
        // about half the fixture's contacts can get a voice call: a sample of 24 always places more than 2
        testPlan: {
          sample: { mode: 'absolute', size: 24 },
          winnerMetric: 'response_rate',
          rollout: 'manual',
        },
      } as never),
    );
    // the voice adapter's status callbacks go to PUBLIC_URL too: the same verification
    const counts = await launch(c.campaign.id);
    expect(counts.sent).toBeGreaterThan(2);
    await drained();
    const o = await outcomes(c.campaign.id);
    expect((o.delivered ?? 0) + (o.answered ?? 0)).toBe(counts.sent);
    // each call was redirected once: the message for a machine (its script with the contact's first name), a
    // hang-up for a person (VOICE_ON_HUMAN=callback by default)
    const updates = sandbox.store.list('twilio-call-update');
    expect(updates.length).toBe(counts.sent);
    const played = updates.filter((u) => String((u.payload as { Twiml?: string }).Twiml).includes('<Say'));
    expect(played.length).toBe(o.delivered ?? 0);
    expect(played.length).toBeGreaterThan(0);
    expect((played[0]!.payload as { Twiml: string }).Twiml).toMatch(
      /Bonjour Prénom\d+, votre code est \w{5}-\w{5}/,
    );
    const answered = await sql()`
      SELECT e.detail FROM send_events e JOIN sends s ON s.id = e.send_id
       WHERE s.campaign_id = ${c.campaign.id} AND e.kind = 'answered'`;
    for (const a of answered)
      expect(a.detail).toMatchObject({ answeredBy: 'human', outcome: 'callback-task' });
  });
});
