import { deliveryState } from '@relance/domain/tracking/send-events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../../tests/support/app-server';
import { waitFor } from '../../../../tests/support/dispatch-env';
import { type SentFixture, sentEmailCampaign } from '../../../../tests/support/tracking-fixtures';
import {
  freePort,
  sentSmsSends,
  TEST_TWILIO,
  webhookPoster,
} from '../../../../tests/support/webhook-signing';

const SM = (n: number) => `SM${n.toString(16).padStart(32, '0')}`;

describe('provider webhooks: verification, intake and idempotence (real API, worker, database)', () => {
  let app: TestApp;
  let f: SentFixture;
  let post: ReturnType<typeof webhookPoster>;
  let sms: Awaited<ReturnType<typeof sentSmsSends>>;

  beforeAll(async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    post = webhookPoster(url);
    app = await startTestApp({
      env: {
        PORT: String(port),
        PUBLIC_URL: url,
        SENDGRID_WEBHOOK_PUBLIC_KEY: post.signer.publicKey,
        TWILIO_ACCOUNT_SID: TEST_TWILIO.accountSid,
        TWILIO_AUTH_TOKEN: TEST_TWILIO.authToken,
      },
    });
    f = await sentEmailCampaign(app.database.db, app.database.sql, 30);
    sms = await sentSmsSends(
      app.database.sql,
      f.campaign,
      f.sends.map((s) => s.contactId),
    );
  }, 60_000);
  afterAll(async () => {
    await app?.close();
  });

  const sql = () => app.database.sql;
  const batches = async () => (await sql()`SELECT count(*)::int AS n FROM inbound_batches`)[0]!.n as number;
  const settled = () =>
    waitFor(
      async () =>
        (await sql()`SELECT count(*)::int AS n FROM inbound_batches WHERE processed_at IS NULL`)[0]!.n,
      (n) => n === 0,
    );
  const kinds = async (sendId: number) =>
    (
      await sql()<
        { kind: string }[]
      >`SELECT kind::text AS kind FROM send_outcomes WHERE send_id = ${sendId} ORDER BY 1`
    ).map((r) => r.kind);
  const event = (sendId: number, event: string, id: string, extra: Record<string, unknown> = {}) => ({
    email: 'x@exemple.fr',
    timestamp: Math.floor(Date.now() / 1000),
    event,
    sg_event_id: id,
    sg_message_id: 'msg.filter0001',
    send_id: String(sendId),
    ...extra,
  });

  it('refuses forged, unsigned, expired and re-serialised SendGrid posts with 403, keeping nothing', async () => {
    const s = f.sends[0]!;
    const events = [event(s.id, 'delivered', 'forged-1')];
    const body = JSON.stringify(events);
    const before = await batches();
    const signed = post.signer.headers(body);

    const unsigned = await post.sendgrid(body, {});
    expect(unsigned.status).toBe(403);
    expect(((await unsigned.json()) as { detail: string }).detail).toMatch(/not signed/);
    const old = post.signer.headers(body, new Date(Date.now() - 15 * 60_000));
    expect((await post.sendgrid(body, old)).status).toBe(403);
    // the same content, formatted otherwise
    expect((await post.sendgrid(JSON.stringify(events, null, 1), signed)).status).toBe(403);
    // another body under a real signature, and a signature by another key
    expect((await post.sendgrid(JSON.stringify([event(s.id, 'bounce', 'forged-1')]), signed)).status).toBe(
      403,
    );
    const { SendgridWebhookSigner } = await import('@relance/sandbox/signing');
    expect((await post.sendgrid(body, new SendgridWebhookSigner().headers(body))).status).toBe(403);

    expect(await batches()).toBe(before);
    expect(await kinds(s.id)).toEqual([]);
  });

  it('refuses Twilio posts signed with another token, for another URL or with altered parameters', async () => {
    const send = sms[0]!;
    const params = { MessageSid: SM(1), MessageStatus: 'delivered', To: send.address };
    const path = `/webhooks/twilio/sms-status?sendId=${send.id}`;
    const before = await batches();
    expect((await post.twilio(path, params, 'not-the-token')).status).toBe(403);
    const wrongUrl = await fetch(`${app.url}/webhooks/twilio/sms-status?sendId=${send.id + 1}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-twilio-signature': (await import('@relance/sandbox/signing')).twilioSignature(
          TEST_TWILIO.authToken,
          `${app.url}${path}`,
          params,
        ),
      },
      body: new URLSearchParams(params).toString(),
    });
    expect(wrongUrl.status).toBe(403);
    const unsigned = await fetch(`${app.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(params).toString(),
    });
    expect(unsigned.status).toBe(403);
    expect(await batches()).toBe(before);
  });

  it('answers 204 at once and records a batch delivered 50 times once', async () => {
    const [a, b] = [f.sends[1]!, f.sends[2]!];
    const body = JSON.stringify([
      event(a.id, 'processed', 'dup-0'),
      event(a.id, 'delivered', 'dup-1'),
      event(a.id, 'open', 'dup-2'),
      event(b.id, 'delivered', 'dup-3'),
      event(b.id, 'click', 'dup-4', { url: 'https://shop.example/offre' }),
    ]);
    const answers = await Promise.all(Array.from({ length: 50 }, () => post.sendgrid(body)));
    expect(answers.map((r) => r.status)).toEqual(Array(50).fill(204));
    await settled();
    const [counts] = await sql()`
      SELECT count(*)::int AS n, sum(recorded)::int AS recorded FROM inbound_batches WHERE payload::jsonb @> '[{"sg_event_id":"dup-1"}]'`;
    expect(counts).toEqual({ n: 50, recorded: 4 });
    const events =
      await sql()`SELECT count(*)::int AS n FROM send_events WHERE source = 'sendgrid' AND source_id LIKE 'dup-%'`;
    expect(events[0]!.n).toBe(4);
    const [opened] = await sql()`
      SELECT sum(contacts)::int AS contacts, sum(events)::int AS events FROM send_rollups
       WHERE campaign_id = ${f.campaign.campaign.id} AND kind = 'opened'`;
    expect(opened).toEqual({ contacts: 1, events: 1 });
    expect(await kinds(b.id)).toEqual(['clicked', 'delivered']);
    const [click] = await sql()`SELECT detail FROM send_events WHERE source_id = 'dup-4'`;
    expect(click!.detail).toEqual({ url: 'https://shop.example/offre' });
  });

  it('ends in the right state whatever order events come in; a hard bounce suppresses, a block does not', async () => {
    const [c, d, e] = [f.sends[3]!, f.sends[4]!, f.sends[5]!];
    const t0 = Math.floor(Date.now() / 1000) - 100;
    // the click comes first, its delivery last; d bounces after a delivery; e is blocked (soft)
    for (const batch of [
      [event(c.id, 'click', 'ooo-1', { timestamp: t0 + 30, url: 'https://a.example' })],
      [event(d.id, 'bounce', 'ooo-2', { timestamp: t0 + 20, type: 'bounce', status: '5.1.1' })],
      [
        event(c.id, 'open', 'ooo-3', { timestamp: t0 + 20 }),
        event(e.id, 'bounce', 'ooo-5', { type: 'blocked' }),
      ],
      [
        event(c.id, 'delivered', 'ooo-4', { timestamp: t0 + 10 }),
        event(d.id, 'delivered', 'ooo-6', { timestamp: t0 }),
      ],
    ])
      expect((await post.sendgrid(JSON.stringify(batch))).status).toBe(204);
    await settled();
    expect(deliveryState((await kinds(c.id)) as never)).toBe('clicked');
    expect(deliveryState((await kinds(d.id)) as never)).toBe('failed');
    expect(await kinds(e.id)).toEqual(['undelivered']);
    const suppressed =
      await sql()`SELECT address, reason FROM suppressions WHERE source = 'tracking' ORDER BY address`;
    expect(suppressed).toEqual([{ address: d.address, reason: 'bounced' }]);
  });

  it('keeps a signed batch that is no SendGrid payload with its error, and goes on', async () => {
    const body = JSON.stringify({ not: 'an array' });
    expect((await post.sendgrid(body)).status).toBe(204);
    const garbage = 'this is not json';
    expect((await post.sendgrid(garbage)).status).toBe(204);
    await settled();
    const rows = await sql()`SELECT error FROM inbound_batches WHERE error IS NOT NULL ORDER BY id`;
    expect(rows.map((r) => r.error)).toEqual([
      expect.stringMatching(/JSON array/),
      expect.stringMatching(/not JSON/),
    ]);
    // the worker still works
    const s = f.sends[6]!;
    expect((await post.sendgrid(JSON.stringify([event(s.id, 'delivered', 'after-bad')]))).status).toBe(204);
    await settled();
    expect(await kinds(s.id)).toEqual(['delivered']);
  });

  it('SMS statuses: delivered, undelivered with its code; a permanent code suppresses the number', async () => {
    const [a, b, c] = [sms[0]!, sms[1]!, sms[2]!];
    const status = (sendId: number, sid: string, s: string, extra: Record<string, string> = {}) =>
      post.twilio(`/webhooks/twilio/sms-status?sendId=${sendId}`, {
        MessageSid: sid,
        MessageStatus: s,
        SmsStatus: s,
        To: '+33600000000',
        ...extra,
      });
    for (const r of await Promise.all([
      status(a.id, SM(10), 'sent'),
      status(a.id, SM(10), 'delivered'),
      status(a.id, SM(10), 'delivered'),
      status(b.id, SM(11), 'undelivered', { ErrorCode: '30003' }),
      status(c.id, SM(12), 'failed', { ErrorCode: '21211' }),
    ]))
      expect(r.status).toBe(204);
    await settled();
    expect(await kinds(a.id)).toEqual(['delivered']);
    expect(await kinds(b.id)).toEqual(['undelivered']);
    expect(await kinds(c.id)).toEqual(['bounced']);
    const [detail] = await sql()`SELECT detail FROM send_events WHERE send_id = ${b.id}`;
    expect(detail!.detail).toEqual({ status: 'undelivered', errorCode: '30003' });
    const suppressed = await sql()`SELECT channel, reason FROM suppressions WHERE address = ${c.address}`;
    expect(suppressed).toEqual([{ channel: 'sms', reason: 'bounced' }]);
    expect(await sql()`SELECT 1 FROM suppressions WHERE address = ${b.address}`).toHaveLength(0);
  });

  it('incoming SMS: a reply is a response, STOP opts out, START opts back in; answered with empty TwiML', async () => {
    const [a, b] = [sms[3]!, sms[4]!];
    const inbound = (from: string, body: string, sid: string) =>
      post.twilio('/webhooks/twilio/sms-inbound', {
        MessageSid: sid,
        From: from,
        To: '+33757000000',
        Body: body,
      });
    const reply = await inbound(a.address, 'Oui, rappelez-moi', SM(20));
    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-type')).toMatch(/xml/);
    expect(await reply.text()).toBe('<?xml version="1.0" encoding="UTF-8"?><Response/>');
    await inbound(b.address, ' Arrêt SMS ', SM(21));
    await settled();
    expect(await kinds(a.id)).toEqual(['responded']);
    const [text] = await sql()`SELECT detail FROM send_events WHERE source_id = ${SM(20)}`;
    expect(text!.detail).toEqual({ text: 'Oui, rappelez-moi' });
    expect(await kinds(b.id)).toEqual(['opted_out']);
    const consent = async (contactId: number) =>
      (await sql()`SELECT status FROM consents WHERE contact_id = ${contactId} AND channel = 'sms'`)[0]
        ?.status;
    expect(await consent(b.contactId)).toBe('opt_out');
    expect(
      await sql()`SELECT reason FROM suppressions WHERE channel = 'sms' AND address = ${b.address}`,
    ).toEqual([{ reason: 'stop' }]);
    // START, then STOP again on the same send: the number follows the last word
    await inbound(b.address, 'START', SM(22));
    await settled();
    expect(await consent(b.contactId)).toBe('opt_in');
    expect(
      await sql()`SELECT 1 FROM suppressions WHERE channel = 'sms' AND address = ${b.address}`,
    ).toHaveLength(0);
    await inbound(b.address, 'stop', SM(23));
    await settled();
    expect(await consent(b.contactId)).toBe('opt_out');
    expect(
      await sql()`SELECT 1 FROM suppressions WHERE channel = 'sms' AND address = ${b.address}`,
    ).toHaveLength(1);
  });

  it('a STOP from a number no SMS went to suppresses it and opts out the contacts with that mobile', async () => {
    const [contact] = await sql()<{ id: string; mobile: string }[]>`
      INSERT INTO contacts (external_id, kind, first_name, mobile) VALUES ('no-sms', 'person', 'Léa', '+33698765432')
      RETURNING id, mobile`;
    const stranger = '+33699999999';
    await post.twilio('/webhooks/twilio/sms-inbound', {
      MessageSid: SM(30),
      From: contact!.mobile,
      Body: 'STOP',
    });
    await post.twilio('/webhooks/twilio/sms-inbound', {
      MessageSid: SM(31),
      From: stranger,
      Body: 'UNSUBSCRIBE',
    });
    await settled();
    const [consent] =
      await sql()`SELECT status, source FROM consents WHERE contact_id = ${contact!.id} AND channel = 'sms'`;
    expect(consent).toEqual({ status: 'opt_out', source: `stop:sms:${SM(30)}` });
    const suppressed = await sql()`
      SELECT address FROM suppressions WHERE channel = 'sms' AND reason = 'stop' AND address IN (${contact!.mobile}, ${stranger})
       ORDER BY address`;
    expect(suppressed.map((r) => r.address).sort()).toEqual([contact!.mobile, stranger].sort());
  });

  it('the sweep re-enqueues a batch whose job Redis lost', async () => {
    const s = f.sends[7]!;
    const [row] = await sql()`
      INSERT INTO inbound_batches (source, payload, received_at)
      VALUES ('sendgrid', ${JSON.stringify([event(s.id, 'delivered', 'lost-1')])}::jsonb, now() - interval '2 minutes')
      RETURNING id`;
    const { createQueues } = await import('@relance/jobs/enqueue');
    const { createRedis } = await import('@relance/jobs/redis');
    const { testRedisUrl } = await import('../../../../tests/support/test-database');
    const redis = createRedis(testRedisUrl(), 'producer');
    const queues = createQueues(redis, app.prefix);
    await queues.intake.add('sweep', { kind: 'sweep' }, { jobId: 'sweep-now' });
    await settled();
    await queues.close();
    await redis.quit();
    expect(await kinds(s.id)).toEqual(['delivered']);
    const [batch] = await sql()`SELECT recorded FROM inbound_batches WHERE id = ${row!.id}`;
    expect(batch!.recorded).toBe(1);
  });
});
