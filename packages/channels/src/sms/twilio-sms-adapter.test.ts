import { type RunningSandbox, startSandbox } from '@relance/sandbox/server';
import { startWebhookReceiver } from '@relance/sandbox/test-receiver';
import twilio from 'twilio';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTwilioSmsAdapter, type OutgoingSms } from './twilio-sms-adapter';

let sandbox: RunningSandbox;
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
const accountSid = `AC${'1f'.repeat(16)}`;

beforeAll(async () => {
  receiver = await startWebhookReceiver();
  sandbox = await startSandbox({
    port: 0,
    seed: 1,
    behaviour: { sms: { undelivered: 0, reply: 0, stop: 0, delayMs: { min: 0, max: 0 } } },
  });
});
afterAll(async () => {
  await sandbox.close();
  await receiver.close();
});
beforeEach(async () => {
  await fetch(`${sandbox.url}/sandbox/reset`, { method: 'POST' });
  receiver.received.length = 0;
});

const adapter = (options: { timeoutMs?: number; messagingServiceSid?: string } = {}) =>
  createTwilioSmsAdapter({
    accountSid,
    authToken: sandbox.keys.twilioAuthToken,
    baseUrl: sandbox.url,
    timeoutMs: options.timeoutMs ?? 5_000,
    from: options.messagingServiceSid ? undefined : 'BOULANGERIE',
    messagingServiceSid: options.messagingServiceSid,
    statusCallbackUrl: `${receiver.url}/webhooks/twilio/sms-status`,
  });

const sms = (sendId: string, to: string): OutgoingSms => ({
  channel: 'sms',
  sendId,
  to,
  text: 'Boulangerie Martin : -20 % ce week-end avec le code K7QMZ-4XPTR. STOP au 36111',
});

describe('Twilio SMS adapter against the sandbox', () => {
  it('sends each message with its status callback, and Twilio’s signed statuses come back for that send', async () => {
    const results = await adapter().sendBatch([sms('s1', '+33612345678'), sms('s2', '+33698765432')]);
    expect(results).toEqual([
      { kind: 'accepted', sendId: 's1', providerId: expect.stringMatching(/^SM[0-9a-f]{32}$/) },
      { kind: 'accepted', sendId: 's2', providerId: expect.stringMatching(/^SM[0-9a-f]{32}$/) },
    ]);
    const received = sandbox.store.list('twilio-sms');
    expect(received.map((m) => (m.payload as Record<string, string>).From)).toEqual([
      'BOULANGERIE',
      'BOULANGERIE',
    ]);
    await sandbox.webhooks.idle();
    const delivered = receiver.received.filter((w) => w.rawBody.includes('MessageStatus=delivered'));
    expect(delivered.map((w) => new URL(w.url).searchParams.get('sendId')).sort()).toEqual(['s1', 's2']);
    for (const w of delivered) {
      const params = Object.fromEntries(new URLSearchParams(w.rawBody));
      expect(
        twilio.validateRequest(
          sandbox.keys.twilioAuthToken,
          String(w.headers['x-twilio-signature']),
          w.url,
          params,
        ),
      ).toBe(true);
    }
  });

  it('sends from a messaging service when one is configured', async () => {
    const service = `MG${'2a'.repeat(16)}`;
    const [result] = await adapter({ messagingServiceSid: service }).sendBatch([sms('s1', '+33612345678')]);
    expect(result?.kind).toBe('accepted');
    expect(sandbox.store.list('twilio-sms')[0]?.payload).toMatchObject({ MessagingServiceSid: service });
  });

  it('refuses invalid and unsubscribed numbers for good, with their suppression', async () => {
    const results = await adapter().sendBatch([
      sms('bad', '+15005550001'),
      sms('stopped', '+15005550004'),
      sms('region', '+15005550003'),
      sms('ok', '+33612345678'),
    ]);
    expect(results[0]).toMatchObject({
      kind: 'permanent',
      reason: expect.stringContaining('21211'),
      suppress: { channel: 'sms', address: '+15005550001', reason: 'bounced' },
    });
    expect(results[1]).toMatchObject({
      kind: 'permanent',
      suppress: { channel: 'sms', address: '+15005550004', reason: 'stop' },
    });
    // refused because of the account's settings, not the number: no suppression
    expect(results[2]).toMatchObject({ kind: 'permanent', reason: expect.stringContaining('21408') });
    expect(results[2]).not.toHaveProperty('suppress');
    expect(results[3]?.kind).toBe('accepted');
  });

  it('says retryable on 429 (with its Retry-After) and 5xx', async () => {
    sandbox.faults.add({ provider: 'twilio-sms', kind: 'rate-limit', count: 1, retryAfterSeconds: 2 });
    sandbox.faults.add({ provider: 'twilio-sms', kind: 'server-error', status: 500, count: 1 });
    const a = adapter();
    const [limited] = await a.sendBatch([sms('s1', '+33612345678')]);
    expect(limited).toMatchObject({
      kind: 'retryable',
      sendId: 's1',
      retryAfterMs: 2000,
      reason: expect.stringContaining('20429'),
    });
    const [down] = await a.sendBatch([sms('s1', '+33612345678')]);
    expect(down).toMatchObject({ kind: 'retryable', reason: expect.stringContaining('500') });
    expect(sandbox.store.list('twilio-sms')).toHaveLength(0);
  });

  it('says unknown when Twilio took the message but the answer timed out', async () => {
    sandbox.faults.add({ provider: 'twilio-sms', kind: 'timeout-after-accept', count: 1, delayMs: 5_000 });
    const [result] = await adapter({ timeoutMs: 300 }).sendBatch([sms('s1', '+33612345678')]);
    expect(result).toMatchObject({ kind: 'unknown', sendId: 's1' });
    expect(sandbox.store.list('twilio-sms')).toHaveLength(1);
  });
});
