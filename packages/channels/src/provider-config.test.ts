import { sandboxOptionsSchema } from '@relance/sandbox/options';
import { describe, expect, it } from 'vitest';
import { inSandboxMode, parseProviderConfig, SANDBOX_CREDENTIALS } from './provider-config';

describe('provider configuration', () => {
  it('points every channel at the sandbox, with its credentials, when only SANDBOX_URL is set', () => {
    const result = parseProviderConfig({
      SANDBOX_URL: 'http://127.0.0.1:3001',
      PUBLIC_URL: 'http://localhost:3000',
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const { config } = result;
    expect(inSandboxMode(config)).toBe(true);
    expect(config.email).toMatchObject({
      mode: 'sandbox',
      sendgrid: {
        baseUrl: 'http://127.0.0.1:3001',
        from: { email: 'campagnes@relance.example' },
        unsubscribeMailto: 'desinscription@relance.example',
      },
    });
    expect(config.sms).toMatchObject({
      mode: 'sandbox',
      twilio: { from: 'RELANCE', statusCallbackUrl: 'http://localhost:3000/webhooks/twilio/sms-status' },
    });
    expect(config.voice).toMatchObject({
      mode: 'sandbox',
      onHuman: 'callback',
      twilio: { amdCallbackUrl: 'http://localhost:3000/webhooks/twilio/voice-amd' },
    });
    expect(config.postal).toMatchObject({ mode: 'sandbox', mailhouse: { baseUrl: 'http://127.0.0.1:3001' } });
    expect(config.twilioAuthToken).toBe(SANDBOX_CREDENTIALS.twilioAuthToken);
  });

  it('uses the same Twilio credentials as the sandbox’s defaults, so its signatures verify', () => {
    const defaults = sandboxOptionsSchema.parse({});
    expect(defaults.twilioAuthToken).toBe(SANDBOX_CREDENTIALS.twilioAuthToken);
    expect(defaults.twilioAccountSid).toBe(SANDBOX_CREDENTIALS.twilioAccountSid);
  });

  it('goes live per provider with credentials, the others staying in the sandbox', () => {
    const result = parseProviderConfig({
      SANDBOX_URL: 'http://127.0.0.1:3001',
      PUBLIC_URL: 'https://relance.example.fr',
      SENDGRID_API_KEY: 'SG.real',
      EMAIL_FROM: 'bonjour@boulangerie.fr',
      EMAIL_FROM_NAME: 'Boulangerie Martin',
    });
    expect(result.ok && result.config.email).toMatchObject({
      mode: 'live',
      sendgrid: { apiKey: 'SG.real', from: { email: 'bonjour@boulangerie.fr', name: 'Boulangerie Martin' } },
    });
    expect(result.ok && 'baseUrl' in (result.config.email as { sendgrid: object }).sendgrid).toBe(false);
    expect(result.ok && result.config.sms.mode).toBe('sandbox');
  });

  it('takes a messaging service for SMS and the SMS number as the caller id when it is one', () => {
    const result = parseProviderConfig({
      PUBLIC_URL: 'https://relance.example.fr',
      TWILIO_ACCOUNT_SID: `AC${'1'.repeat(32)}`,
      TWILIO_AUTH_TOKEN: 'secret',
      TWILIO_SMS_FROM: '+33757000001',
      TWILIO_MESSAGING_SERVICE_SID: `MG${'2'.repeat(32)}`,
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.config.sms).toMatchObject({
      mode: 'live',
      twilio: { messagingServiceSid: `MG${'2'.repeat(32)}` },
    });
    expect(result.config.voice).toMatchObject({ mode: 'live', twilio: { from: '+33757000001' } });
    expect(result.config.email).toMatchObject({ mode: 'off' });
    expect(result.config.postal).toMatchObject({ mode: 'off' });
    expect(inSandboxMode(result.config)).toBe(false);
  });

  it('lists every problem with its variable', () => {
    const result = parseProviderConfig({
      TWILIO_AUTH_TOKEN: 'x',
      SENDGRID_API_KEY: 'SG.x',
      MAILHOUSE_API_KEY: 'k',
    });
    expect(result.ok ? [] : result.problems).toEqual([
      'EMAIL_FROM: is required with SENDGRID_API_KEY (the sender address)',
      'TWILIO_ACCOUNT_SID: is required with TWILIO_AUTH_TOKEN',
      'MAILHOUSE_URL: is required with MAILHOUSE_API_KEY',
    ]);
    const bad = parseProviderConfig({ TWILIO_ACCOUNT_SID: 'nope', TWILIO_SMS_FROM: 'A VERY LONG SENDER' });
    expect(bad.ok ? [] : bad.problems).toEqual([
      'TWILIO_ACCOUNT_SID: must be AC followed by 32 hex digits',
      'TWILIO_SMS_FROM: must be an E.164 number or an alphanumeric sender of at most 11 characters',
    ]);
    const noPublicUrl = parseProviderConfig({ SANDBOX_URL: 'http://127.0.0.1:3001' });
    expect(noPublicUrl.ok ? [] : noPublicUrl.problems).toEqual([
      'PUBLIC_URL: is required for Twilio (its status and detection callbacks)',
    ]);
  });
});
