import sendgridClient from '@sendgrid/client';
import sendgridMail from '@sendgrid/mail';
import twilio from 'twilio';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type RunningSandbox, startSandbox } from './server';

let sandbox: RunningSandbox;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 });
});
afterAll(async () => {
  await sandbox.close();
});
beforeEach(async () => {
  const res = await fetch(`${sandbox.url}/sandbox/messages`, { method: 'DELETE' });
  expect(res.status).toBe(204);
});

async function listed(provider?: string) {
  const res = await fetch(`${sandbox.url}/sandbox/messages${provider ? `?provider=${provider}` : ''}`);
  expect(res.status).toBe(200);
  return (await res.json()) as {
    count: number;
    messages: { id: string; provider: string; to: string[]; payload: unknown }[];
  };
}

/** The real SendGrid SDK (its module-level client, this file's own), its base URL pointed at the sandbox. */
function sendgrid(apiKey: string) {
  sendgridClient.setApiKey(apiKey);
  sendgridClient.setDefaultRequest('baseUrl', sandbox.url);
  sendgridMail.setClient(sendgridClient);
  return sendgridMail;
}

/** The real Twilio SDK with an HTTP client that sends api.twilio.com's requests to the sandbox instead. */
function twilioClient(sid: string, token: string) {
  const inner = new twilio.RequestClient();
  return twilio(sid, token, {
    httpClient: {
      request: (opts: Parameters<typeof inner.request>[0]) => {
        const uri = new URL(opts.uri);
        return inner.request({ ...opts, uri: `${sandbox.url}${uri.pathname}${uri.search}` });
      },
    } as typeof inner,
  });
}

describe('SendGrid-shaped mail/send', () => {
  it('accepts a message from the real SDK with 202 and an X-Message-Id, and keeps it', async () => {
    const [response] = await sendgrid('SG.sandbox-key').send({
      to: 'Camille.Martin@example.fr',
      from: { email: 'bonjour@relance.example', name: 'Relance' },
      subject: 'Votre offre de retour',
      html: '<p>Bonjour Camille</p>',
      customArgs: { send_id: '42' },
    });
    expect(response.statusCode).toBe(202);
    const id = response.headers['x-message-id'];
    expect(id).toMatch(/^[0-9a-f]{22}$/);
    const { messages } = await listed('sendgrid');
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ id, provider: 'sendgrid', to: ['camille.martin@example.fr'] });
    expect(messages[0]?.payload).toMatchObject({
      subject: 'Votre offre de retour',
      custom_args: { send_id: '42' },
    });
  });

  it('refuses a request without a Bearer key (401) and a body without content (400), keeping nothing', async () => {
    const noKey = await fetch(`${sandbox.url}/v3/mail/send`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({}),
    });
    expect(noKey.status).toBe(401);

    const error = await sendgrid('SG.sandbox-key')
      .send({ to: 'a@example.fr', from: 'b@relance.example', subject: 'x', text: '' } as never)
      .then(() => null)
      .catch((err: { code: number; response: { body: { errors: { field: string }[] } } }) => err);
    expect(error?.code).toBe(400);
    expect(error?.response.body.errors.map((e) => e.field)).toContain('content.0.value');
    expect((await listed()).count).toBe(0);
  });

  it('refuses (400) substitutions, custom_args or headers whose values are not strings, as SendGrid does', async () => {
    const body = (personalization: Record<string, unknown>) => ({
      personalizations: [{ to: [{ email: 'a@example.fr' }], ...personalization }],
      from: { email: 'b@relance.example' },
      subject: 'x',
      content: [{ type: 'text/plain', value: 'x' }],
    });
    const post = (json: unknown) =>
      fetch(`${sandbox.url}/v3/mail/send`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer SG.sandbox-key' },
        body: JSON.stringify(json),
      });
    for (const [field, value] of [
      ['substitutions', { '-name-': 42 }],
      ['custom_args', { send_id: 42 }],
      ['headers', ['List-Unsubscribe']],
    ] as const) {
      const res = await post(body({ [field]: value }));
      expect(res.status).toBe(400);
      const answer = (await res.json()) as { errors: { field: string }[] };
      expect(answer.errors.map((e) => e.field)).toEqual([`personalizations.0.${field}`]);
    }
    expect((await post(body({ substitutions: { '-name-': 'Camille' } }))).status).toBe(202);
    expect((await listed()).count).toBe(1);
  });
});

describe('Twilio-shaped Messages and Calls', () => {
  const sid = `AC${'0'.repeat(31)}1`;

  it('creates an SMS through the real SDK and answers like Twilio with an SM sid', async () => {
    const message = await twilioClient(sid, 'token').messages.create({
      to: '+33612345678',
      from: 'RELANCE',
      body: 'Relance : -20 % ce week-end. STOP au 36111',
    });
    expect(message.sid).toMatch(/^SM[0-9a-f]{32}$/);
    expect(message.status).toBe('queued');
    expect(message.to).toBe('+33612345678');
    expect(message.accountSid).toBe(sid);
    const { messages } = await listed('twilio-sms');
    expect(messages).toEqual([expect.objectContaining({ id: message.sid, to: ['+33612345678'] })]);
    expect(messages[0]?.payload).toMatchObject({
      Body: 'Relance : -20 % ce week-end. STOP au 36111',
      From: 'RELANCE',
    });
  });

  it('places a call with TwiML and answers with a CA sid', async () => {
    const call = await twilioClient(sid, 'token').calls.create({
      to: '+33712345678',
      from: '+33180000000',
      twiml: '<Response><Play>https://relance.example/vms/1.mp3</Play></Response>',
    });
    expect(call.sid).toMatch(/^CA[0-9a-f]{32}$/);
    expect((await listed('twilio-call')).messages.map((m) => m.id)).toEqual([call.sid]);
  });

  it('answers Twilio errors: bad credentials 20003, a missing To 21604, a number that is not E.164 21211', async () => {
    const wrongAccount = await twilioClient(sid, 'token')
      .api.v2010.accounts(`AC${'9'.repeat(32)}`)
      .messages.create({ to: '+33612345678', from: 'X', body: 'hi' })
      .catch((err: { code: number; status: number }) => err);
    expect(wrongAccount).toMatchObject({ status: 401, code: 20003 });

    const form = (fields: Record<string, string>) =>
      fetch(`${sandbox.url}/2010-04-01/Accounts/${sid}/Messages.json`, {
        method: 'POST',
        headers: {
          authorization: `Basic ${Buffer.from(`${sid}:token`).toString('base64')}`,
          'content-type': 'application/x-www-form-urlencoded',
        },
        body: new URLSearchParams(fields),
      });
    expect(await (await form({ From: 'X', Body: 'hi' })).json()).toMatchObject({ code: 21604, status: 400 });
    expect(await (await form({ To: '0612345678', From: 'X', Body: 'hi' })).json()).toMatchObject({
      code: 21211,
    });
    expect((await listed()).count).toBe(0);
  });
});

describe('mail house batches', () => {
  const letter = (ref: string) => ({
    recipientRef: ref,
    address: { name: 'Mme Jeanne Dupont', line1: '12 rue de la Paix', postalCode: '75002', city: 'Paris' },
  });

  it('accepts a manifest and lists one entry with every recipient', async () => {
    const res = await fetch(`${sandbox.url}/mailhouse/batches`, {
      method: 'POST',
      headers: { authorization: 'Bearer mh-key', 'content-type': 'application/json' },
      body: JSON.stringify({ reference: 'campagne-42', letters: [letter('send-1'), letter('send-2')] }),
    });
    expect(res.status).toBe(201);
    const body = (await res.json()) as { id: string; accepted: number; status: string };
    expect(body).toMatchObject({ accepted: 2, status: 'accepted' });
    expect(body.id).toMatch(/^MB/);
    expect((await listed('mailhouse')).messages).toEqual([
      expect.objectContaining({ id: body.id, to: ['send-1', 'send-2'] }),
    ]);
  });

  it('refuses an empty manifest with the path of the problem', async () => {
    const res = await fetch(`${sandbox.url}/mailhouse/batches`, {
      method: 'POST',
      headers: { authorization: 'Bearer mh-key', 'content-type': 'application/json' },
      body: JSON.stringify({ reference: 'x', letters: [] }),
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { issues: { path: string }[] }).issues[0]?.path).toBe('letters');
  });
});

it('refuses to start on a taken port with a message naming SANDBOX_PORT', async () => {
  const port = Number(new URL(sandbox.url).port);
  await expect(startSandbox({ port })).rejects.toThrow(/SANDBOX_PORT/);
});
