import { type RunningSandbox, startSandbox } from '@relance/sandbox/server';
import { compileEmail } from '@relance/templates/email';
import { compileLetter } from '@relance/templates/letter';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { sendBatch } from './adapter';
import { createChannelAdapters } from './create-adapters';
import { emailBatchContent } from './email/batch-content';
import type { OutgoingMessage } from './message';
import { parseProviderConfig } from './provider-config';

let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 });
});
afterAll(async () => {
  await sandbox.close();
});

it('sends a mixed batch through every channel’s adapter in sandbox mode, one result per message in order', async () => {
  const parsed = parseProviderConfig({ SANDBOX_URL: sandbox.url, PUBLIC_URL: 'http://localhost:3000' });
  if (!parsed.ok) throw new Error(parsed.problems.join('\n'));
  const adapters = createChannelAdapters(parsed.config);
  const email = emailBatchContent(
    await compileEmail({
      subject: 'Bonjour {{firstName}}',
      mjml: '<mjml><mj-body><mj-section><mj-column><mj-text><a href="{{unsubscribeUrl}}">désinscription</a></mj-text></mj-column></mj-section></mj-body></mjml>',
    }),
  );
  const letter = compileLetter({
    sender: { name: 'Boulangerie Martin' },
    hook: 'Bonjour !',
    body: 'Une offre.',
  });
  const messages: OutgoingMessage[] = [
    { channel: 'phone', sendId: '1', contactId: 'c1', phone: '+33612345678', priority: 5 },
    {
      channel: 'email',
      sendId: '2',
      to: { email: 'claire@example.fr' },
      body: email.body,
      substitutions: email.substitutions({ firstName: 'Claire', unsubscribeUrl: 'https://r.example/u/X' }),
      category: 'campaign-1',
      unsubscribe: { url: 'https://r.example/u/X', token: 'X' },
    },
    { channel: 'sms', sendId: '3', to: '+33612345678', text: 'Offre. STOP au 36111' },
    { channel: 'voice', sendId: '4', to: '+33612345678', content: { kind: 'script', text: 'Bonjour.' } },
    {
      channel: 'postal',
      sendId: '5',
      letter,
      address: { name: 'M. Paul Durand', line1: '3 rue Neuve', postalCode: '69001', city: 'Lyon' },
      values: { trackingCode: 'K7QMZ4XPTR', trackingUrl: 'https://r.example/c/K7QMZ4XPTR' },
      reference: 'campaign-1-step-5',
    },
    { channel: 'sms', sendId: '6', to: '+15005550004', text: 'Offre. STOP au 36111' },
  ];
  const results = await sendBatch(adapters, messages);
  expect(results.map((r) => [r.sendId, r.kind])).toEqual([
    ['1', 'callback-task'],
    ['2', 'accepted'],
    ['3', 'accepted'],
    ['4', 'accepted'],
    ['5', 'accepted'],
    ['6', 'permanent'],
  ]);
  expect(results[0]).toEqual({
    kind: 'callback-task',
    sendId: '1',
    task: { reason: 'phone-step', contactId: 'c1', phone: '+33612345678', dueAt: null, priority: 5 },
  });
  expect(
    sandbox.store
      .list()
      .map((m) => m.provider)
      .sort(),
  ).toEqual(['mailhouse', 'sendgrid', 'twilio-call', 'twilio-sms']);

  // a channel without a provider refuses its messages instead of losing them
  const [refused] = await sendBatch({ phone: adapters.phone }, [messages[2]!]);
  expect(refused).toMatchObject({
    kind: 'permanent',
    reason: expect.stringContaining('no provider is configured for the sms channel'),
  });
});
