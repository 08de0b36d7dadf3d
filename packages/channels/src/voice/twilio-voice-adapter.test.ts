import { type RunningSandbox, startSandbox } from '@relance/sandbox/server';
import { startWebhookReceiver } from '@relance/sandbox/test-receiver';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTwilioVoiceAdapter, type OutgoingVoice } from './twilio-voice-adapter';

let sandbox: RunningSandbox;
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
const accountSid = `AC${'3c'.repeat(16)}`;
const instant = { min: 0, max: 0 };

beforeAll(async () => {
  receiver = await startWebhookReceiver();
  sandbox = await startSandbox({ port: 0, seed: 3 });
});
afterAll(async () => {
  await sandbox.close();
  await receiver.close();
});
beforeEach(async () => {
  await fetch(`${sandbox.url}/sandbox/reset`, { method: 'POST' });
  receiver.received.length = 0;
});

const adapter = (timeoutMs = 5_000) =>
  createTwilioVoiceAdapter({
    accountSid,
    authToken: sandbox.keys.twilioAuthToken,
    baseUrl: sandbox.url,
    timeoutMs,
    from: '+33180000000',
    statusCallbackUrl: `${receiver.url}/webhooks/twilio/voice/status`,
    amdCallbackUrl: `${receiver.url}/webhooks/twilio/voice/amd`,
  });

const voice = (sendId: string, to: string): OutgoingVoice => ({
  channel: 'voice',
  sendId,
  to,
  content: { kind: 'script', text: 'Bonjour, ici la Boulangerie Martin.' },
});

const amdResults = () =>
  receiver.received
    .filter((w) => w.path.startsWith('/webhooks/twilio/voice/amd'))
    .map(
      (w): Record<string, string | undefined> => ({
        ...Object.fromEntries(new URLSearchParams(w.rawBody)),
        sendId: new URL(w.url).searchParams.get('sendId') ?? undefined,
      }),
    );
const twimlOf = (payload: unknown) => (payload as { Twiml?: string } | undefined)?.Twiml ?? '';

describe('Twilio voice adapter against the sandbox', () => {
  it('places a silent call with asynchronous detection; on a voicemail, the message is played after the beep', async () => {
    sandbox.configure({
      behaviour: { voice: { noAnswer: 0, machine: 1, human: 0, delayMs: instant, callDurationMs: 0 } },
    });
    const a = adapter();
    const [result] = await a.sendBatch([voice('v1', '+33612345678')]);
    expect(result).toMatchObject({
      kind: 'accepted',
      sendId: 'v1',
      providerId: expect.stringMatching(/^CA[0-9a-f]{32}$/),
    });
    const [placed] = sandbox.store.list('twilio-call');
    expect(placed?.payload).toMatchObject({
      To: '+33612345678',
      From: '+33180000000',
      MachineDetection: 'DetectMessageEnd',
      AsyncAmd: 'true',
      AsyncAmdStatusCallback: `${receiver.url}/webhooks/twilio/voice/amd?sendId=v1`,
      StatusCallback: `${receiver.url}/webhooks/twilio/voice/status?sendId=v1`,
      Twiml: '<?xml version="1.0" encoding="UTF-8"?><Response><Pause length="60"/></Response>',
    });
    await sandbox.webhooks.idle();
    const [amd] = amdResults();
    expect(amd).toMatchObject({ sendId: 'v1', AnsweredBy: 'machine_end_beep' });

    // what the API's AMD webhook will do with it
    const outcome = await a.answerCall(amd!.CallSid!, amd!.AnsweredBy!, voice('v1', '').content, {
      onHuman: 'callback',
    });
    expect(outcome).toBe('voicemail-left');
    const [update] = sandbox.store.list('twilio-call-update');
    expect(twimlOf(update?.payload)).toContain(
      '<Say language="fr-FR">Bonjour, ici la Boulangerie Martin.</Say><Hangup/>',
    );
  });

  it('hangs up on a person and says to create a callback task, when so configured', async () => {
    sandbox.configure({
      behaviour: { voice: { noAnswer: 0, machine: 0, human: 1, delayMs: instant, callDurationMs: 0 } },
    });
    const a = adapter();
    await a.sendBatch([voice('v2', '+33612345678')]);
    await sandbox.webhooks.idle();
    const [amd] = amdResults();
    expect(amd?.AnsweredBy).toBe('human');
    const outcome = await a.answerCall(amd!.CallSid!, amd!.AnsweredBy!, voice('v2', '').content, {
      onHuman: 'callback',
    });
    expect(outcome).toBe('callback-task');
    expect(twimlOf(sandbox.store.list('twilio-call-update')[0]?.payload)).toContain('<Hangup/>');
  });

  it('refuses an invalid number for good with a suppression; 429 is retryable; a timeout after acceptance unknown', async () => {
    const [invalid] = await adapter().sendBatch([voice('v3', '0612345678')]);
    expect(invalid).toMatchObject({
      kind: 'permanent',
      suppress: { channel: 'voice', address: '0612345678', reason: 'bounced' },
    });
    sandbox.faults.add({ provider: 'twilio-call', kind: 'rate-limit', count: 1, retryAfterSeconds: 1 });
    const [limited] = await adapter().sendBatch([voice('v4', '+33612345678')]);
    expect(limited).toMatchObject({ kind: 'retryable', retryAfterMs: 1000 });
    sandbox.faults.add({ provider: 'twilio-call', kind: 'timeout-after-accept', count: 1, delayMs: 5_000 });
    const [timedOut] = await adapter(300).sendBatch([voice('v5', '+33612345678')]);
    expect(timedOut).toMatchObject({ kind: 'unknown', sendId: 'v5' });
    expect(sandbox.store.list('twilio-call').map((c) => c.to)).toEqual([['+33612345678']]);
  });
});
