import { getCampaign } from '@relance/db/queries/campaigns';
import { getPhase } from '@relance/db/queries/dispatch-phases';
import { reconcileUnknown } from '@relance/db/queries/dispatch-progress';
import { runSweep, runWave } from '@relance/dispatch/control';
import { applyDispatchEvent, endTest } from '@relance/dispatch/lifecycle';
import { requeueCampaign } from '@relance/dispatch/schedule';
import type { TestReading } from '@relance/dispatch/test-reading';
import { isTrackingCode } from '@relance/domain/tracking-code';
import { renderPersonalization } from '@relance/sandbox/sendgrid-events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type DispatchEnv,
  sandboxSendIds,
  settled,
  startDispatchEnv,
  statusCounts,
  waitFor,
} from '../../../tests/support/dispatch-env';
import {
  abEmailPlan,
  alwaysOpen,
  createPlannedCampaign,
  emailContent,
  smsContent,
} from '../../../tests/support/dispatch-fixtures';

const CONTACTS = 400;

/** An email-only campaign: A/B on the message, sample of 100, a gift with a coupon code. */
const emailOnly = (name: string) =>
  abEmailPlan({
    name,
    offer: { type: 'material', giftValueCents: 500, expectedTakeUp: 0.5, couponCode: 'Bienvenue10' },
    steps: [
      {
        channel: 'email',
        offsetDays: 0,
        content: emailContent('Bonjour'),
        variants: [{ differsOn: 'message', content: emailContent('Salut') }],
        sendWindow: alwaysOpen,
      },
    ],
    testPlan: { sample: { mode: 'absolute', size: 100 }, winnerMetric: 'response_rate', rollout: 'manual' },
  });

describe('the dispatch engine, end to end (PostgreSQL, Redis, the provider sandbox)', () => {
  let env: DispatchEnv;
  beforeAll(async () => {
    env = await startDispatchEnv({ contacts: CONTACTS });
  });
  afterAll(async () => {
    await env?.close();
  });

  const launch = async (campaignId: string, event: 'launch_test' | 'rollout', variant?: 'A' | 'B') => {
    const stored = (await getCampaign(env.t.db, campaignId))!;
    return applyDispatchEvent(env.scheduler, {
      campaignId,
      event,
      version: stored.campaign.version,
      actorId: null,
      ...(variant ? { variant } : {}),
    });
  };
  const counts = (id: string) => statusCounts(env.t, id);

  it('tests on a sample, then rolls the chosen variant out to the rest; MJML compiled once per variant', async () => {
    const compiledBefore = env.content.compilations;
    const sentBefore = sandboxSendIds(env.sandbox).length;
    const c = await createPlannedCampaign(env.t.db, emailOnly('A/B then rollout'));
    await launch(c.campaign.id, 'launch_test');
    const test = await waitFor(() => counts(c.campaign.id), settled);
    // every contact of the sample accounted for: sent or skipped (no consent, suppressed, no address)
    expect(test.total).toBe(100);
    expect(test.sent + test.skipped + test.failed + test.unknown).toBe(100);
    expect(test.sent).toBeGreaterThan(60);

    const rows = await env.t.sql<
      {
        id: string;
        status: string;
        provider_id: string | null;
        variant: string;
        tracking_code: string | null;
      }[]
    >`
      SELECT id::text, status, provider_id, variant, tracking_code FROM sends WHERE campaign_id = ${c.campaign.id}`;
    const sent = rows.filter((r) => r.status === 'sent');
    // the sandbox received exactly the sent ones, each once, and each has the provider's message id
    const received = sandboxSendIds(env.sandbox).slice(sentBefore);
    expect([...received].sort()).toEqual(sent.map((r) => r.id).sort());
    for (const r of sent) {
      expect(r.provider_id).toMatch(/^\w{10,}$/);
      expect(isTrackingCode(r.tracking_code!)).toBe(true);
    }
    // each variant's subject went to its group
    const subjects = new Map<string, string>();
    for (const m of env.sandbox.store.list('sendgrid').slice(-10)) {
      const p = m.payload as { subject: string; personalizations: { custom_args: { send_id: string } }[] };
      for (const x of p.personalizations) subjects.set(x.custom_args.send_id, p.subject);
    }
    for (const r of sent) {
      const subject = subjects.get(r.id);
      if (subject) expect(subject.startsWith(r.variant === 'A' ? 'Bonjour' : 'Salut')).toBe(true);
    }
    expect(env.content.compilations - compiledBefore).toBe(2);
    // each recipient's own values went with it: their first name, their tracking code as printed (K7QMZ-4XPTR),
    // their unsubscribe link and open pixel (written in the batch's body around the code's two substitutions)
    const mail = env.sandbox.store.list('sendgrid').at(-1)!.payload as {
      personalizations: { custom_args: { send_id: string }; substitutions: Record<string, string> }[];
    };
    const personalization = mail.personalizations[0]!;
    const row = rows.find((r) => r.id === personalization.custom_args.send_id)!;
    const [contact] = await env.t.sql<{ first_name: string }[]>`
      SELECT c.first_name FROM contacts c JOIN sends s ON s.contact_id = c.id WHERE s.id = ${row.id}`;
    const code = row.tracking_code!;
    const html = renderPersonalization(mail as never, 0, 'text/html');
    const text = renderPersonalization(mail as never, 0, 'text/plain');
    for (const part of [html, text]) {
      expect(part).toContain(contact!.first_name);
      expect(part).toContain(`code ${code.slice(0, 5)}-${code.slice(5)}`);
      expect(part).toContain(`/unsubscribe/${code}`);
      // the campaign's coupon code, the same for all (in the batch's body, not per recipient)
      expect(part).toContain('offre BIENVENUE10');
      expect(part).not.toMatch(/-r[0-9a-f]{4}-/); // no tag left unsubstituted
    }
    expect(html).toContain(`/o/${code}.gif`);
    // only what differs per recipient travels per recipient: the first name's tags and the code's two parts
    expect(Object.values(personalization.substitutions)).toEqual(
      expect.arrayContaining([contact!.first_name, code.slice(0, 5), code.slice(5)]),
    );
    expect(JSON.stringify(personalization.substitutions)).not.toContain('unsubscribe');
    expect(JSON.stringify(personalization.substitutions)).not.toContain('BIENVENUE10');

    // the test read by hand, then variant B rolled out to everyone else
    const v = (await getCampaign(env.t.db, c.campaign.id))!.campaign.version;
    await applyDispatchEvent(env.scheduler, {
      campaignId: c.campaign.id,
      event: 'test_done',
      version: v,
      actorId: null,
    });
    const reading = (await getPhase(env.t.db, c.campaign.id, 'test'))!.reading as TestReading;
    expect(reading.variants.map((x) => x.variant)).toEqual(['A', 'B']);
    expect(reading.variants.reduce((n, x) => n + x.members, 0)).toBe(100);
    await launch(c.campaign.id, 'rollout', 'B');
    const all = await waitFor(() => counts(c.campaign.id), settled);
    expect(all.total).toBe(CONTACTS);
    expect(all.sent + all.skipped + all.failed + all.unknown).toBe(CONTACTS);
    const [overlap] = await env.t.sql<{ n: number; b: number }[]>`
      SELECT count(*) FILTER (WHERE phase = 'rollout' AND contact_id IN (SELECT contact_id FROM sends t WHERE t.campaign_id = ${c.campaign.id} AND t.phase = 'test'))::int AS n,
             count(*) FILTER (WHERE phase = 'rollout' AND variant = 'B')::int AS b
        FROM sends WHERE campaign_id = ${c.campaign.id}`;
    expect(overlap).toEqual({ n: 0, b: CONTACTS - 100 });
    // B was compiled for the test: the rollout's 300 B emails reuse it
    expect(env.content.compilations - compiledBefore).toBe(2);
    const allReceived = sandboxSendIds(env.sandbox).slice(sentBefore);
    expect(new Set(allReceived).size).toBe(allReceived.length);
    expect(allReceived.length).toBe(all.sent);
  });

  it('a contact who opts out mid-campaign is skipped at send time, never sent', async () => {
    const c = await createPlannedCampaign(env.t.db, emailOnly('Opt-out mid-campaign'));
    await launch(c.campaign.id, 'launch_test');
    // paused at once: the members are written, the batches wait
    let v = (await getCampaign(env.t.db, c.campaign.id))!.campaign.version;
    await applyDispatchEvent(env.scheduler, {
      campaignId: c.campaign.id,
      event: 'pause',
      version: v,
      actorId: null,
    });
    await waitFor(
      () => counts(c.campaign.id),
      (x) => x.phasesOpen === 0,
    );
    const pending = await env.t.sql<{ id: string; contact_id: string; email: string }[]>`
      SELECT s.id::text, s.contact_id::text, c.email FROM sends s JOIN contacts c ON c.id = s.contact_id
       WHERE s.campaign_id = ${c.campaign.id} AND s.status = 'pending' ORDER BY s.id LIMIT 6`;
    expect(pending.length).toBe(6);
    const optOut = pending.slice(0, 3);
    const unsubscribed = pending.slice(3);
    for (const p of optOut)
      await env.t
        .sql`UPDATE consents SET status = 'opt_out' WHERE contact_id = ${p.contact_id} AND channel = 'email'`;
    for (const p of unsubscribed)
      await env.t
        .sql`INSERT INTO suppressions (channel, address, reason, source) VALUES ('email', ${p.email}, 'unsubscribed', 'test')`;
    v = (await getCampaign(env.t.db, c.campaign.id))!.campaign.version;
    await applyDispatchEvent(env.scheduler, {
      campaignId: c.campaign.id,
      event: 'resume',
      version: v,
      actorId: null,
    });
    const done = await waitFor(() => counts(c.campaign.id), settled);
    expect(done.sent + done.skipped + done.failed + done.unknown).toBe(100);
    const after = await env.t.sql<{ id: string; status: string; skip_reason: string }[]>`
      SELECT id::text, status, skip_reason FROM sends WHERE id IN ${env.t.sql(pending.map((p) => p.id))} ORDER BY id`;
    expect(after.map((r) => `${r.status}:${r.skip_reason}`)).toEqual([
      'skipped:no_consent',
      'skipped:no_consent',
      'skipped:no_consent',
      'skipped:suppressed',
      'skipped:suppressed',
      'skipped:suppressed',
    ]);
    const received = new Set(sandboxSendIds(env.sandbox));
    for (const p of pending) expect(received.has(p.id)).toBe(false);
  });

  it('a storm of 429 and 5xx: retried with backoff until sent, nobody twice', async () => {
    const before = sandboxSendIds(env.sandbox).length;
    env.sandbox.faults.add({ provider: 'sendgrid', kind: 'rate-limit', count: 3, retryAfterSeconds: 0 });
    env.sandbox.faults.add({ provider: 'sendgrid', kind: 'server-error', count: 2, status: 503 });
    const c = await createPlannedCampaign(env.t.db, emailOnly('Storm'));
    await launch(c.campaign.id, 'launch_test');
    const done = await waitFor(() => counts(c.campaign.id), settled, 30_000);
    env.sandbox.faults.clear();
    expect(done.sent + done.skipped + done.failed + done.unknown).toBe(100);
    expect(done.failed).toBe(0);
    expect(done.unknown).toBe(0);
    const [retried] = await env.t.sql<{ n: number }[]>`
      SELECT count(*)::int AS n FROM sends WHERE campaign_id = ${c.campaign.id} AND attempts > 1`;
    expect(retried!.n).toBeGreaterThan(0);
    const received = sandboxSendIds(env.sandbox).slice(before);
    expect(new Set(received).size).toBe(received.length);
    expect(received.length).toBe(done.sent);
  });

  it('a timeout after the provider accepted: unknown, never resent; reconciled by hand', async () => {
    const before = sandboxSendIds(env.sandbox).length;
    // the adapter gives up after 5 s; the sandbox accepts the request and answers after 8 s
    env.sandbox.faults.add({ provider: 'sendgrid', kind: 'timeout-after-accept', count: 1, delayMs: 8_000 });
    const c = await createPlannedCampaign(env.t.db, emailOnly('Timeout after acceptance'));
    await launch(c.campaign.id, 'launch_test');
    const done = await waitFor(() => counts(c.campaign.id), settled, 30_000);
    env.sandbox.faults.clear();
    expect(done.unknown).toBeGreaterThan(0);
    expect(done.sent + done.skipped + done.failed + done.unknown).toBe(100);
    const unknown = await env.t.sql<{ id: string }[]>`
      SELECT id::text FROM sends WHERE campaign_id = ${c.campaign.id} AND status = 'unknown'`;
    // the sandbox did get them, once: they were not sent again
    const received = sandboxSendIds(env.sandbox).slice(before);
    for (const u of unknown) expect(received.filter((id) => id === u.id).length).toBe(1);
    expect(new Set(received).size).toBe(received.length);
    // the provider's logs show they left: settled as sent; nothing else changes
    const settledIds = await reconcileUnknown(
      env.t.db,
      c.steps.map((s) => s.id),
      unknown.map((u) => Number(u.id)),
      'sent',
    );
    expect(settledIds.length).toBe(unknown.length);
    const after = await counts(c.campaign.id);
    expect(after.unknown).toBe(0);
    expect(after.sent).toBe(done.sent + done.unknown);
  });

  it('at the end of the test, the winner on the plan’s metric is rolled out by itself (automatic plan)', async () => {
    const c = await createPlannedCampaign(
      env.t.db,
      abEmailPlan({
        ...emailOnly('Automatic rollout'),
        testPlan: {
          sample: { mode: 'absolute', size: 200 },
          winnerMetric: 'response_rate',
          rollout: 'automatic',
          durationDays: 7,
        },
      }),
    );
    await launch(c.campaign.id, 'launch_test');
    await waitFor(() => counts(c.campaign.id), settled);
    // the test's end waits in the queue for D+7
    const delayed = await env.queues.dispatch.getDelayed();
    const end = delayed.find((j) => j.id?.startsWith(`test-end-${c.campaign.id}-`));
    expect(end?.opts.delay).toBeGreaterThan(6.9 * 24 * 3600_000);
    // answers: B's letter works far better (60 % against 5 %)
    await env.t.sql`
      INSERT INTO send_events (send_id, kind, source, source_id)
      SELECT id, 'responded', 'test', 'auto-' || id FROM sends
       WHERE campaign_id = ${c.campaign.id} AND status = 'sent'
         AND ((variant = 'B' AND id % 5 < 3) OR (variant = 'A' AND id % 20 = 0))`;
    // the end of the test comes (the delayed job, run now)
    const reading = await endTest(env.scheduler, c.campaign.id);
    expect(reading?.winner).toBe('B');
    expect(reading?.comparisons[0]?.comparison.significant).toBe(true);
    const after = (await getCampaign(env.t.db, c.campaign.id))!;
    expect(after.campaign.status).toBe('running');
    const all = await waitFor(() => counts(c.campaign.id), settled);
    expect(all.total).toBe(CONTACTS);
    const [rollout] = await env.t.sql<{ n: number; b: number }[]>`
      SELECT count(*)::int AS n, count(*) FILTER (WHERE variant = 'B')::int AS b
        FROM sends WHERE campaign_id = ${c.campaign.id} AND phase = 'rollout'`;
    expect(rollout).toEqual({ n: CONTACTS - 200, b: CONTACTS - 200 });
    const stored = (await getPhase(env.t.db, c.campaign.id, 'test'))!.reading as TestReading;
    expect(stored.recommended).toBe('B');
  });

  it('a later step waits for its day, then goes to the non-responders of the phase', async () => {
    const c = await createPlannedCampaign(
      env.t.db,
      abEmailPlan({
        name: 'Reminder to non-responders',
        testPlan: null,
        steps: [
          { channel: 'email', offsetDays: 0, content: emailContent('Bonjour'), sendWindow: alwaysOpen },
          {
            channel: 'sms',
            offsetDays: 3,
            target: { type: 'non_responders' },
            content: smsContent(),
            sendWindow: alwaysOpen,
          },
        ],
      }),
    );
    await launch(c.campaign.id, 'rollout');
    await waitFor(() => counts(c.campaign.id), settled);
    const [sms] = await env.t.sql<{ id: string }[]>`
      SELECT w.id FROM send_waves w JOIN campaign_steps s ON s.id = w.step_id
       WHERE w.campaign_id = ${c.campaign.id} AND s.position = 2`;
    const job = (await env.queues.dispatch.getDelayed()).find((j) => j.id?.startsWith(`wave-${sms!.id}-`));
    expect(job?.opts.delay).toBeGreaterThan(2.9 * 24 * 3600_000);
    // a quarter of those emailed answered
    await env.t.sql`
      INSERT INTO send_events (send_id, kind, source, source_id)
      SELECT id, 'responded', 'test', 'later-' || id FROM sends
       WHERE campaign_id = ${c.campaign.id} AND status = 'sent' AND id % 4 = 0`;
    const [answered] = await env.t.sql<{ responders: number }[]>`
      SELECT count(DISTINCT s.contact_id)::int AS responders FROM send_events e JOIN sends s ON s.id = e.send_id
       WHERE s.campaign_id = ${c.campaign.id}`;
    const responders = answered!.responders;
    // D+3 comes (the delayed job, run now)
    const written = await runWave(env.scheduler, sms!.id, 'test');
    expect(written?.targeted).toBe(CONTACTS - responders);
    const now = await counts(c.campaign.id);
    expect(now.total).toBe(CONTACTS + CONTACTS - responders);
    // written when due, each batch still waits for the wave's time (its send window's opening at D+3)
    const batches = (await env.queues.sends.sms.getDelayed()).filter((j) => j.data.waveId === sms!.id);
    expect(batches.reduce((n, j) => n + j.data.sendIds.length, 0)).toBe(now.pending);
    for (const b of batches) expect(b.opts.delay).toBeGreaterThan(2.9 * 24 * 3600_000);
    // one of the SMS's recipients answers the email before the SMS goes: skipped then (excluded), not sent
    const [late] = await env.t.sql<{ id: string; contact_id: string }[]>`
      SELECT s.id::text, s.contact_id::text FROM sends s
       WHERE s.wave_id = ${sms!.id} AND s.status = 'pending'
         AND EXISTS (SELECT 1 FROM sends e WHERE e.contact_id = s.contact_id AND e.campaign_id = s.campaign_id AND e.status = 'sent')
       LIMIT 1`;
    await env.t.sql`
      INSERT INTO send_events (send_id, kind, source, source_id)
      SELECT id, 'responded', 'test', 'late-' || id FROM sends
       WHERE campaign_id = ${c.campaign.id} AND contact_id = ${late!.contact_id} AND status = 'sent'`;
    for (const b of batches) await b.promote();
    const sent = await waitFor(() => counts(c.campaign.id), settled);
    expect(sent.sent + sent.skipped + sent.failed + sent.unknown).toBe(now.total);
    const [excluded] = await env.t.sql<{ status: string; skip_reason: string }[]>`
      SELECT status, skip_reason FROM sends WHERE id = ${late!.id}`;
    expect(excluded).toEqual({ status: 'skipped', skip_reason: 'excluded' });
    const [overlap] = await env.t.sql<{ n: number }[]>`
      SELECT count(*)::int AS n FROM sends s JOIN send_events e ON e.send_id IN
        (SELECT id FROM sends r WHERE r.contact_id = s.contact_id AND r.campaign_id = s.campaign_id)
       WHERE s.wave_id = ${sms!.id} AND s.status = 'sent'`;
    expect(overlap!.n).toBe(0);
  });

  it('Redis lost its jobs mid-campaign: queueing the campaign again finishes it, nobody twice', async () => {
    const c = await createPlannedCampaign(env.t.db, emailOnly('Redis lost its jobs'));
    const before = sandboxSendIds(env.sandbox).length;
    await env.stopWorkers();
    try {
      await launch(c.campaign.id, 'launch_test');
      // Redis comes back without its data: the phase's job is gone (PostgreSQL still knows the phase)
      for (const job of await env.queues.dispatch.getJobs(['waiting', 'delayed', 'prioritized']))
        await job.remove();
    } finally {
      await env.startWorkers();
    }
    await new Promise((r) => setTimeout(r, 500));
    expect((await counts(c.campaign.id)).phasesOpen).toBe(1);
    const stored = (await getCampaign(env.t.db, c.campaign.id))!;
    await requeueCampaign(env.scheduler, stored.campaign, 'lost');
    // queued twice by mistake: still sent once
    await requeueCampaign(env.scheduler, stored.campaign, 'lost2');
    const done = await waitFor(() => counts(c.campaign.id), settled);
    expect(done.total).toBe(100);
    expect(done.sent + done.skipped + done.failed + done.unknown).toBe(100);
    const received = sandboxSendIds(env.sandbox).slice(before);
    expect(new Set(received).size).toBe(received.length);
    expect(received.length).toBe(done.sent);
  });

  it('claims left in sending by a worker that died with no job left: the sweep releases or makes them unknown', async () => {
    const c = await createPlannedCampaign(env.t.db, emailOnly('Sweep'));
    await launch(c.campaign.id, 'launch_test');
    await waitFor(() => counts(c.campaign.id), settled);
    // two sends as a dead worker left them 20 minutes ago: one handed to the provider, one not
    const rows = await env.t.sql<{ id: string }[]>`
      SELECT id::text FROM sends WHERE campaign_id = ${c.campaign.id} AND status = 'sent' ORDER BY id LIMIT 2`;
    await env.t.sql`
      UPDATE sends SET status = 'sending', claim_token = 'dead~1', claimed_at = now() - interval '20 minutes',
             handed_at = CASE WHEN id = ${rows[0]!.id} THEN now() - interval '20 minutes' END
       WHERE id IN ${env.t.sql(rows.map((r) => r.id))}`;
    const swept = await runSweep(env.scheduler);
    expect(swept.unknown).toBe(1);
    expect(swept.released.map((r) => r.campaignId)).toEqual([c.campaign.id]);
    const [handed] = await env.t.sql<
      { status: string }[]
    >`SELECT status FROM sends WHERE id = ${rows[0]!.id}`;
    expect(handed!.status).toBe('unknown');
    // the one never handed goes out again (it is queued again by the sweep)
    await waitFor(
      async () =>
        (await env.t.sql<{ status: string }[]>`SELECT status FROM sends WHERE id = ${rows[1]!.id}`)[0]!
          .status,
      (status) => status === 'sent',
    );
  });

  it('a permanent refusal fails the send, puts the address on the suppression list, and is not retried', async () => {
    // Twilio's magic numbers: +15005550001 is invalid, +15005550004 has sent STOP
    await env.t.sql`
      WITH c AS (
        INSERT INTO contacts (last_name, mobile, tags)
        VALUES ('Invalide', '+15005550001', '{magic}'), ('Stop', '+15005550004', '{magic}'), ('Bon', '+33699999999', '{magic}')
        RETURNING id)
      INSERT INTO consents (contact_id, channel, status, legal_basis, source)
      SELECT id, 'sms', 'opt_in', 'consent', 'test' FROM c`;
    const c = await createPlannedCampaign(
      env.t.db,
      abEmailPlan({
        name: 'Permanent refusals',
        testPlan: null,
        audience: { type: 'tag', tag: 'magic' },
        steps: [{ channel: 'sms', offsetDays: 0, content: smsContent(), sendWindow: alwaysOpen }],
      }),
    );
    await launch(c.campaign.id, 'rollout');
    const done = await waitFor(() => counts(c.campaign.id), settled);
    expect(done).toMatchObject({ total: 3, sent: 1, failed: 2 });
    const failed = await env.t.sql<{ address: string; attempts: number; error: string }[]>`
      SELECT address, attempts, error FROM sends WHERE campaign_id = ${c.campaign.id} AND status = 'failed' ORDER BY address`;
    expect(failed.map((f) => [f.address, f.attempts])).toEqual([
      ['+15005550001', 1],
      ['+15005550004', 1],
    ]);
    const suppressed = await env.t.sql<{ address: string; reason: string }[]>`
      SELECT address, reason FROM suppressions WHERE channel = 'sms' AND address LIKE '+1500555%' ORDER BY address`;
    expect(suppressed).toEqual([
      { address: '+15005550001', reason: 'bounced' },
      { address: '+15005550004', reason: 'stop' },
    ]);
  });
});
