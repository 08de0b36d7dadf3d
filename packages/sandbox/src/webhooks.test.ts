import sendgridClient from '@sendgrid/client';
import { EventWebhook, EventWebhookHeader } from '@sendgrid/eventwebhook';
import sendgridMail from '@sendgrid/mail';
import twilio from 'twilio';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type RunningSandbox, startSandbox } from './server';
import { type ReceivedWebhook, startWebhookReceiver } from './test-receiver';

let sandbox: RunningSandbox;
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
const sid = `AC${'ab'.repeat(16)}`;
const instant = { min: 0, max: 0 };

beforeAll(async () => {
  receiver = await startWebhookReceiver();
  sandbox = await startSandbox({
    port: 0,
    seed: 7,
    twilioAuthToken: 'the-sandbox-auth-token',
    sendgridEventWebhookUrl: `${receiver.url}/webhooks/sendgrid`,
    twilioInboundSmsUrl: `${receiver.url}/webhooks/twilio/inbound`,
  });
});
afterAll(async () => {
  await sandbox.close();
  await receiver.close();
});
afterEach(async () => {
  await fetch(`${sandbox.url}/sandbox/reset`, { method: 'POST' });
  receiver.received.length = 0;
});

function twilioClient() {
  const inner = new twilio.RequestClient();
  return twilio(sid, 'token', {
    httpClient: {
      request: (opts: Parameters<typeof inner.request>[0]) => {
        const uri = new URL(opts.uri);
        return inner.request({ ...opts, uri: `${sandbox.url}${uri.pathname}${uri.search}` });
      },
    } as typeof inner,
  });
}

const form = (w: ReceivedWebhook) => Object.fromEntries(new URLSearchParams(w.rawBody));

/** What the API will do: twilio.validateRequest with the sandbox's auth token, on the URL it was posted to. */
function validTwilio(w: ReceivedWebhook, token = sandbox.keys.twilioAuthToken) {
  return twilio.validateRequest(token, String(w.headers['x-twilio-signature']), w.url, form(w));
}

describe('SendGrid Event Webhook', () => {
  it('posts processed, delivered, open and click (or bounce) per recipient, signed with its ECDSA key', async () => {
    sandbox.configure({ behaviour: { email: { bounce: 0, open: 0, click: 0, delayMs: instant } } });
    sendgridClient.setApiKey('SG.sandbox');
    sendgridClient.setDefaultRequest('baseUrl', sandbox.url);
    sendgridMail.setClient(sendgridClient);
    const [response] = await sendgridMail.send({
      from: 'bonjour@relance.example',
      subject: 'Votre offre',
      content: [{ type: 'text/html', value: '<a href="https://shop.example/offre?c=-code-">offre</a>' }],
      categories: ['campaign-12'],
      personalizations: [
        { to: 'jeanne+click@example.fr', customArgs: { send_id: '101' }, substitutions: { '-code-': 'AAA' } },
        { to: 'paul+bounce@example.fr', customArgs: { send_id: '102' }, substitutions: { '-code-': 'BBB' } },
        { to: 'marie@example.fr', customArgs: { send_id: '103' }, substitutions: { '-code-': 'CCC' } },
      ],
      substitutionWrappers: ['', ''],
    } as never);
    const messageId = String(response.headers['x-message-id']);
    await sandbox.webhooks.idle();

    const posts = receiver.received.filter((w) => w.path === '/webhooks/sendgrid');
    expect(posts.length).toBeGreaterThan(0);
    const ew = new EventWebhook();
    const key = ew.convertPublicKeyToECDSA(sandbox.keys.sendgridEventWebhookPublicKey);
    for (const post of posts) {
      const signature = String(post.headers[EventWebhookHeader.SIGNATURE().toLowerCase()]);
      const timestamp = String(post.headers[EventWebhookHeader.TIMESTAMP().toLowerCase()]);
      expect(ew.verifySignature(key, post.rawBody, signature, timestamp)).toBe(true);
      // a byte changed, and the signature no longer holds
      expect(ew.verifySignature(key, post.rawBody.replace('101', '109'), signature, timestamp)).toBe(false);
    }
    const events = posts.flatMap((p) => JSON.parse(p.rawBody) as Record<string, unknown>[]);
    const bySend = (id: string) => events.filter((e) => e.send_id === id).map((e) => e.event);
    expect(bySend('101').sort()).toEqual(['click', 'delivered', 'open', 'processed']);
    expect(bySend('102').sort()).toEqual(['bounce', 'processed']);
    expect(bySend('103').sort()).toEqual(['delivered', 'processed']);
    const click = events.find((e) => e.event === 'click');
    expect(click).toMatchObject({
      email: 'jeanne+click@example.fr',
      category: 'campaign-12',
      url: 'https://shop.example/offre?c=AAA',
    });
    expect(String(click?.sg_message_id)).toMatch(new RegExp(`^${messageId}\\.`));
    expect(new Set(events.map((e) => e.sg_event_id)).size).toBe(events.length);
  });

  it('posts nothing when no Event Webhook URL is set', async () => {
    sandbox.configure({ sendgridEventWebhookUrl: null });
    try {
      const res = await fetch(`${sandbox.url}/v3/mail/send`, {
        method: 'POST',
        headers: { authorization: 'Bearer SG.x', 'content-type': 'application/json' },
        body: JSON.stringify({
          from: { email: 'a@relance.example' },
          subject: 's',
          content: [{ type: 'text/plain', value: 'x' }],
          personalizations: [{ to: [{ email: 'b@example.fr' }] }],
        }),
      });
      expect(res.status).toBe(202);
      expect(sandbox.webhooks.pending()).toBe(0);
    } finally {
      sandbox.configure({ sendgridEventWebhookUrl: `${receiver.url}/webhooks/sendgrid` });
    }
  });
});

describe('Twilio webhooks', () => {
  it('posts SMS status callbacks and a STOP reply, signed with X-Twilio-Signature; the number is then opted out', async () => {
    sandbox.configure({ behaviour: { sms: { undelivered: 0, stop: 1, delayMs: instant } } });
    const client = twilioClient();
    const message = await client.messages.create({
      to: '+33612345678',
      from: '+33700000001',
      body: 'Offre -20 %. STOP au 36111',
      statusCallback: `${receiver.url}/webhooks/twilio/sms-status?sendId=7`,
    });
    await sandbox.webhooks.idle();
    const statuses = receiver.received.filter((w) => w.path.startsWith('/webhooks/twilio/sms-status'));
    // like Twilio's, the sandbox's callbacks may arrive in any order
    expect(statuses.map((w) => form(w).MessageStatus).sort()).toEqual(['delivered', 'sent']);
    for (const w of statuses) {
      expect(form(w)).toMatchObject({ MessageSid: message.sid, To: '+33612345678', AccountSid: sid });
      expect(validTwilio(w)).toBe(true);
      expect(validTwilio(w, 'another-token')).toBe(false);
    }
    const [stop] = receiver.received.filter((w) => w.path === '/webhooks/twilio/inbound');
    expect(stop && form(stop)).toMatchObject({ Body: 'STOP', From: '+33612345678', OptOutType: 'STOP' });
    expect(stop && validTwilio(stop)).toBe(true);

    const refused = await client.messages
      .create({ to: '+33612345678', from: '+33700000001', body: 'encore' })
      .catch((err: { code: number }) => err);
    expect(refused).toMatchObject({ code: 21610, status: 400 });
  });

  it('posts call progress and the asynchronous answering machine result, and takes the TwiML update', async () => {
    sandbox.configure({
      behaviour: { voice: { noAnswer: 0, machine: 1, human: 0, delayMs: instant, callDurationMs: 0 } },
    });
    const client = twilioClient();
    const call = await client.calls.create({
      to: '+33612345678',
      from: '+33700000001',
      twiml: '<Response><Pause length="60"/></Response>',
      machineDetection: 'DetectMessageEnd',
      asyncAmd: 'true',
      asyncAmdStatusCallback: `${receiver.url}/webhooks/twilio/amd?sendId=8`,
      statusCallback: `${receiver.url}/webhooks/twilio/call-status?sendId=8`,
      statusCallbackEvent: ['initiated', 'ringing', 'answered', 'completed'],
    });
    await sandbox.webhooks.idle();
    const progress = receiver.received.filter((w) => w.path.startsWith('/webhooks/twilio/call-status'));
    const bySequence = progress.map(form).sort((a, b) => Number(a.SequenceNumber) - Number(b.SequenceNumber));
    expect(bySequence.map((p) => p.CallStatus)).toEqual(['initiated', 'ringing', 'in-progress', 'completed']);
    const [amd] = receiver.received.filter((w) => w.path.startsWith('/webhooks/twilio/amd'));
    expect(amd && form(amd)).toMatchObject({ CallSid: call.sid, AnsweredBy: 'machine_end_beep' });
    for (const w of [...progress, amd!]) expect(validTwilio(w)).toBe(true);

    const updated = await client.calls(call.sid).update({ twiml: '<Response><Hangup/></Response>' });
    expect(updated.sid).toBe(call.sid);
    const res = await fetch(`${sandbox.url}/sandbox/messages?provider=twilio-call-update`);
    const { messages } = (await res.json()) as { messages: { id: string; payload: { Twiml: string } }[] };
    expect(messages).toEqual([
      expect.objectContaining({
        id: call.sid,
        payload: expect.objectContaining({ Twiml: '<Response><Hangup/></Response>' }),
      }),
    ]);
    const unknown = await client
      .calls(`CA${'0'.repeat(32)}`)
      .update({ twiml: '<Response/>' })
      .catch((err: { status: number }) => err);
    expect(unknown).toMatchObject({ status: 404, code: 20404 });
  });

  it('answers Twilio’s magic numbers with their errors', async () => {
    const client = twilioClient();
    const tries = await Promise.all(
      ['+15005550001', '+15005550004', '+15005550009'].map((to) =>
        client.messages
          .create({ to, from: '+33700000001', body: 'x' })
          .catch((err: { code: number }) => err.code),
      ),
    );
    expect(tries).toEqual([21211, 21610, 21614]);
  });
});

it('exposes its keys and validates a configuration change', async () => {
  const keys = await (await fetch(`${sandbox.url}/sandbox/keys`)).json();
  expect(keys).toEqual(sandbox.keys);
  const bad = await fetch(`${sandbox.url}/sandbox/config`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ behaviour: { voice: { machine: 0.9, human: 0.9 } } }),
  });
  expect(bad.status).toBe(400);
});
