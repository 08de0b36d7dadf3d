import { twilioSignature } from '@relance/sandbox/signing';
import { describe, expect, it } from 'vitest';
import { normaliseInboundSms, normaliseSmsStatus } from '../sms/twilio-sms-webhooks';
import { normaliseVoiceAmd, normaliseVoiceStatus } from '../voice/twilio-voice-webhooks';
import { twilioSignedUrl, verifyTwilioRequest } from './twilio-webhook';

const SM = `SM${'a1'.repeat(16)}`;
const CA = `CA${'b2'.repeat(16)}`;
const at = new Date('2025-06-01T10:00:00Z');
/** A status callback as Twilio posts it (https://www.twilio.com/docs/messaging/guides/track-outbound-message-status). */
const smsStatus = (status: string, extra: Record<string, string> = {}) => ({
  params: {
    AccountSid: `AC${'5a4db0c5'.repeat(4)}`,
    ApiVersion: '2010-04-01',
    From: 'RELANCE',
    To: '+33612345678',
    MessageSid: SM,
    SmsSid: SM,
    MessageStatus: status,
    SmsStatus: status,
    ...extra,
  },
  query: { sendId: '17' },
});

describe('SMS status callbacks', () => {
  it('delivered → delivered; sent and queued → nothing', () => {
    expect(normaliseSmsStatus(smsStatus('delivered'), at)).toEqual([
      {
        sendId: 17,
        kind: 'delivered',
        source: 'twilio',
        sourceId: `${SM}:delivered`,
        occurredAt: at,
        detail: null,
      },
    ]);
    expect(normaliseSmsStatus(smsStatus('sent'), at)).toEqual([]);
    expect(normaliseSmsStatus(smsStatus('queued'), at)).toEqual([]);
  });

  it('undelivered or failed → undelivered with the code; permanent codes suppress through their kind', () => {
    const [reach] = normaliseSmsStatus(smsStatus('undelivered', { ErrorCode: '30003' }), at);
    expect(reach).toMatchObject({
      kind: 'undelivered',
      detail: { status: 'undelivered', errorCode: '30003' },
    });
    expect(normaliseSmsStatus(smsStatus('failed', { ErrorCode: '21211' }), at)[0]?.kind).toBe('bounced');
    expect(normaliseSmsStatus(smsStatus('undelivered', { ErrorCode: '30006' }), at)[0]?.kind).toBe('bounced');
    expect(normaliseSmsStatus(smsStatus('failed', { ErrorCode: '21610' }), at)[0]?.kind).toBe('opted_out');
    expect(normaliseSmsStatus(smsStatus('failed', { ErrorCode: '21610' }), at)[0]?.sourceId).toBe(
      `${SM}:failed`,
    );
  });

  it('without a send id in its URL, records nothing; not a status callback, throws', () => {
    expect(normaliseSmsStatus({ ...smsStatus('delivered'), query: {} }, at)).toEqual([]);
    expect(() => normaliseSmsStatus({ params: { Body: 'hi' }, query: {} }, at)).toThrow();
  });
});

describe('incoming SMS', () => {
  const inbound = (body: string, extra: Record<string, string> = {}) => ({
    params: { MessageSid: SM, From: '+33612345678', To: '+33757000000', Body: body, NumMedia: '0', ...extra },
    query: {},
  });
  it('reads the keyword from the words, or from Twilio’s OptOutType', () => {
    expect(normaliseInboundSms(inbound('Arrêt SMS'))).toEqual({
      messageSid: SM,
      from: '+33612345678',
      body: 'Arrêt SMS',
      keyword: 'stop',
    });
    expect(normaliseInboundSms(inbound('start')).keyword).toBe('start');
    expect(normaliseInboundSms(inbound('Oui, rappelez-moi')).keyword).toBeNull();
    expect(normaliseInboundSms(inbound('NON MERCI', { OptOutType: 'STOP' })).keyword).toBe('stop');
  });
});

describe('voice callbacks', () => {
  const status = (s: string, extra: Record<string, string> = {}) => ({
    params: { CallSid: CA, CallStatus: s, To: '+33612345678', Direction: 'outbound-api', ...extra },
    query: { sendId: '9' },
  });
  it('a machine → delivered (voicemail), a person → answered, under one id with the detection callback', () => {
    const machine = normaliseVoiceStatus(status('completed', { AnsweredBy: 'machine_end_beep' }), at);
    expect(machine).toMatchObject([
      { kind: 'delivered', sourceId: `${CA}:answered_by`, detail: { voicemail: true } },
    ]);
    const human = normaliseVoiceStatus(status('completed', { AnsweredBy: 'human' }), at);
    expect(human).toMatchObject([{ kind: 'answered', sourceId: `${CA}:answered_by` }]);
    const amd = normaliseVoiceAmd(
      { params: { CallSid: CA, AnsweredBy: 'human' }, query: { sendId: '9' }, outcome: 'callback-task' },
      at,
    );
    expect(amd).toMatchObject([
      { kind: 'answered', sourceId: `${CA}:answered_by`, detail: { outcome: 'callback-task' } },
    ]);
  });

  it('no-answer, busy, failed, canceled → undelivered; progress and completed without detection → nothing', () => {
    for (const s of ['no-answer', 'busy', 'failed', 'canceled'])
      expect(normaliseVoiceStatus(status(s), at)).toMatchObject([
        { kind: 'undelivered', sourceId: `${CA}:${s}` },
      ]);
    for (const s of ['initiated', 'ringing', 'in-progress', 'completed'])
      expect(normaliseVoiceStatus(status(s), at)).toEqual([]);
  });
});

describe('verifyTwilioRequest', () => {
  const token = 'a-twilio-auth-token';
  const url = twilioSignedUrl('https://relance.example.fr/', '/webhooks/twilio/sms-status?sendId=17');
  const params = smsStatus('delivered').params;
  it('accepts what the token signed for that URL, and nothing else', () => {
    expect(url).toBe('https://relance.example.fr/webhooks/twilio/sms-status?sendId=17');
    const signature = twilioSignature(token, url, params);
    expect(verifyTwilioRequest(token, url, params, signature)).toBe(true);
    expect(verifyTwilioRequest('another-token', url, params, signature)).toBe(false);
    expect(verifyTwilioRequest(token, url.replace('17', '18'), params, signature)).toBe(false);
    expect(verifyTwilioRequest(token, url, { ...params, MessageStatus: 'failed' }, signature)).toBe(false);
    expect(verifyTwilioRequest(token, url, params, undefined)).toBe(false);
  });
});
