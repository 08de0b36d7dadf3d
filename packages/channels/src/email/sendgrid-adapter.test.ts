import { renderPersonalization } from '@relance/sandbox/sendgrid-events';
import { type RunningSandbox, startSandbox } from '@relance/sandbox/server';
import { compileEmail, renderEmail } from '@relance/templates/email';
import type { MergeValues } from '@relance/templates/merge-fields';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { emailBatchContent } from './batch-content';
import type { OutgoingEmail } from './email-message';
import { createSendgridAdapter, type EmailAdapter } from './sendgrid-adapter';

let sandbox: RunningSandbox;
let adapter: EmailAdapter;

const adapterFor = (timeoutMs = 5_000) =>
  createSendgridAdapter({
    apiKey: 'SG.sandbox-key',
    baseUrl: sandbox.url,
    from: { email: 'bonjour@boulangerie.example', name: 'Boulangerie Martin' },
    unsubscribeMailto: 'desinscription@boulangerie.example',
    timeoutMs,
  });

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 });
  adapter = adapterFor();
});
afterAll(async () => {
  await sandbox.close();
});
beforeEach(async () => {
  await fetch(`${sandbox.url}/sandbox/reset`, { method: 'POST' });
});

const compiled = await compileEmail({
  subject: '{{firstName|Bonjour}}, votre offre {{offer}}',
  mjml: `<mjml><mj-body><mj-section><mj-column>
    <mj-text>Bonjour {{firstName|cher client}}, profitez de {{offer}} avec le code {{trackingCode}}.</mj-text>
    <mj-button href="{{trackingUrl}}">J’en profite</mj-button>
    <mj-text><a href="{{unsubscribeUrl}}">Se désinscrire</a></mj-text>
  </mj-column></mj-section></mj-body></mjml>`,
});
const content = emailBatchContent(compiled);

function recipient(i: number, email = `client${i}@example.fr`, firstName: string | null = `Prénom<${i}>`) {
  const values: MergeValues = {
    firstName,
    offer: '-20 % & livraison offerte',
    trackingCode: `CODE${i}`,
    trackingUrl: `https://r.example/c/CODE${i}`,
    unsubscribeUrl: `https://r.example/u/CODE${i}`,
  };
  const message: OutgoingEmail = {
    channel: 'email',
    sendId: String(1000 + i),
    to: { email },
    body: content.body,
    substitutions: content.substitutions(values),
    category: 'campaign-42',
    unsubscribe: { url: `https://r.example/u/CODE${i}`, token: `CODE${i}` },
  };
  return { values, message };
}

interface SentBody {
  personalizations: {
    to: { email: string }[];
    custom_args: Record<string, string>;
    headers: Record<string, string>;
    substitutions: Record<string, string>;
  }[];
  headers: Record<string, string>;
  categories: string[];
  content: { type: string; value: string }[];
  subject: string;
}
const sent = () => sandbox.store.list('sendgrid').map((m) => m.payload as SentBody);

describe('SendGrid adapter against the sandbox', () => {
  it('sends a variant to its recipients in one request, each getting what render() would give them', async () => {
    const batch = [recipient(1), recipient(2, 'Jeanne.Dupont@Example.fr', null), recipient(3)];
    const results = await adapter.sendBatch(batch.map((b) => b.message));
    expect(results.map((r) => r.kind)).toEqual(['accepted', 'accepted', 'accepted']);
    const providerId = results[0]?.kind === 'accepted' ? results[0].providerId : '';
    expect(providerId).toMatch(/^[0-9a-f]{22}$/);

    const [body, ...others] = sent();
    expect(others).toHaveLength(0);
    expect(body?.categories).toEqual(['campaign-42']);
    expect(body?.headers).toEqual({ 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' });
    expect(body?.content.map((c) => c.type)).toEqual(['text/plain', 'text/html']);
    expect(body?.content[1]?.value).not.toContain('<mj-');
    batch.forEach(({ values, message }, i) => {
      const p = body!.personalizations[i]!;
      // the send id, and nothing personal, in custom_args
      expect(p.custom_args).toEqual({ send_id: message.sendId });
      expect(p.headers['List-Unsubscribe']).toBe(
        `<mailto:desinscription@boulangerie.example?subject=unsubscribe%20CODE${i + 1}>, <https://r.example/u/CODE${i + 1}>`,
      );
      const expected = renderEmail(compiled, values);
      expect(renderPersonalization(body as never, i, 'text/html')).toBe(expected.html);
      expect(renderPersonalization(body as never, i, 'text/plain')).toBe(expected.text);
      let subject = body!.subject;
      for (const [k, v] of Object.entries(p.substitutions)) subject = subject.split(k).join(v);
      expect(subject).toBe(expected.subject);
    });
    expect(renderPersonalization(body as never, 0)).toContain('Prénom&lt;1&gt;');
    expect(renderPersonalization(body as never, 1)).toContain('Bonjour cher client');
  });

  it('sends exactly the body of SendGrid v3 mail/send: its field names, the send id alone in custom_args', async () => {
    const withReply = createSendgridAdapter({
      apiKey: 'SG.sandbox-key',
      baseUrl: sandbox.url,
      from: { email: 'bonjour@boulangerie.example', name: 'Boulangerie Martin' },
      replyTo: { email: 'service@boulangerie.example' },
      unsubscribeMailto: 'desinscription@boulangerie.example',
      timeoutMs: 5_000,
    });
    const named = recipient(1).message;
    named.to = { email: 'jeanne@example.fr', name: 'Jeanne Dupont' };
    const plain = recipient(2).message;
    const results = await withReply.sendBatch([named, plain]);
    expect(results.map((r) => r.kind)).toEqual(['accepted', 'accepted']);
    const [body, ...others] = sandbox.store.list('sendgrid').map((m) => m.payload);
    expect(others).toHaveLength(0);
    const unsubscribe = (code: string) =>
      `<mailto:desinscription@boulangerie.example?subject=unsubscribe%20${code}>, <https://r.example/u/${code}>`;
    // toStrictEqual: no other field, none undefined, no camelCase left (customArgs, replyTo)
    expect(body).toStrictEqual({
      from: { email: 'bonjour@boulangerie.example', name: 'Boulangerie Martin' },
      reply_to: { email: 'service@boulangerie.example' },
      subject: content.body.subject,
      content: [
        { type: 'text/plain', value: content.body.text },
        { type: 'text/html', value: content.body.html },
      ],
      categories: ['campaign-42'],
      headers: { 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
      personalizations: [
        {
          to: [{ email: 'jeanne@example.fr', name: 'Jeanne Dupont' }],
          custom_args: { send_id: '1001' },
          headers: { 'List-Unsubscribe': unsubscribe('CODE1') },
          substitutions: named.substitutions,
        },
        {
          to: [{ email: 'client2@example.fr' }],
          custom_args: { send_id: '1002' },
          headers: { 'List-Unsubscribe': unsubscribe('CODE2') },
          substitutions: plain.substitutions,
        },
      ],
    });
    expect(Object.keys(named.substitutions ?? {}).length).toBeGreaterThan(0);
  });

  it('splits at 1,000 personalizations a request', async () => {
    const messages = Array.from({ length: 1001 }, (_, i) => recipient(i).message);
    const results = await adapter.sendBatch(messages);
    expect(results.every((r) => r.kind === 'accepted')).toBe(true);
    expect(sent().map((b) => b.personalizations.length)).toEqual([1000, 1]);
  });

  it('refuses a bad address for good (with a suppression) and sends the rest of the batch', async () => {
    const batch = [recipient(1), recipient(2, 'pas-une-adresse'), recipient(3)].map((b) => b.message);
    const results = await adapter.sendBatch(batch);
    expect(results[0]).toMatchObject({ kind: 'accepted', sendId: '1001' });
    expect(results[1]).toMatchObject({
      kind: 'permanent',
      sendId: '1002',
      reason: expect.stringContaining('Does not contain a valid address'),
      suppress: { channel: 'email', address: 'pas-une-adresse', reason: 'bounced' },
    });
    expect(results[2]).toMatchObject({ kind: 'accepted', sendId: '1003' });
    expect(sent().map((b) => b.personalizations.map((p) => p.custom_args.send_id))).toEqual([
      ['1001', '1003'],
    ]);
  });

  it('says retryable on 429 (honouring Retry-After) and 5xx, with nothing sent', async () => {
    sandbox.faults.add({ provider: 'sendgrid', kind: 'rate-limit', count: 1, retryAfterSeconds: 7 });
    const limited = await adapter.sendBatch([recipient(1).message]);
    expect(limited[0]).toMatchObject({ kind: 'retryable', sendId: '1001', retryAfterMs: 7000 });
    sandbox.faults.add({ provider: 'sendgrid', kind: 'server-error', status: 503, count: 1 });
    const down = await adapter.sendBatch([recipient(1).message]);
    expect(down[0]).toMatchObject({ kind: 'retryable', reason: expect.stringContaining('503') });
    expect(sent()).toHaveLength(0);
  });

  it('says unknown when SendGrid accepted but the answer did not come in time', async () => {
    sandbox.faults.add({ provider: 'sendgrid', kind: 'timeout-after-accept', count: 1, delayMs: 5_000 });
    const results = await adapterFor(300).sendBatch([recipient(1).message, recipient(2).message]);
    expect(results.map((r) => r.kind)).toEqual(['unknown', 'unknown']);
    // and it had been accepted: a resend would have sent it twice
    expect(sent()).toHaveLength(1);
  });

  it('says retryable when SendGrid cannot be reached at all', async () => {
    const closed = createSendgridAdapter({
      apiKey: 'SG.x',
      baseUrl: 'http://127.0.0.1:9',
      from: { email: 'a@relance.example' },
      unsubscribeMailto: 'u@relance.example',
      timeoutMs: 2_000,
    });
    const [result] = await closed.sendBatch([recipient(1).message]);
    expect(result).toMatchObject({ kind: 'retryable', reason: expect.stringContaining('ECONNREFUSED') });
  });
});
