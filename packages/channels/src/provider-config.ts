import { z } from 'zod';
import type { SendgridConfig } from './email/sendgrid-adapter';
import type { MailhouseApiConfig } from './postal/mailhouse-api';
import type { TwilioSmsConfig } from './sms/twilio-sms-adapter';
import type { TwilioConfig } from './twilio/twilio-client';
import type { TwilioVoiceConfig } from './voice/twilio-voice-adapter';
import type { OnHumanAnswer } from './voice/voice-twiml';
import { webhookUrl } from './webhook-paths';

/**
 * The sandbox's own credentials (packages/sandbox options.ts defaults; a test checks they agree): with them the
 * API verifies the sandbox's Twilio signatures exactly as it verifies Twilio's.
 */
export const SANDBOX_CREDENTIALS = {
  sendgridApiKey: 'SG.sandbox',
  twilioAccountSid: `AC${'5a4db0c5'.repeat(4)}`,
  twilioAuthToken: 'sandbox-twilio-auth-token',
  mailhouseApiKey: 'sandbox-mailhouse-key',
  emailFrom: 'campagnes@relance.example',
  smsFrom: 'RELANCE',
  voiceFrom: '+33180000000',
} as const;

const E164 = /^\+[1-9]\d{6,14}$/;
const optional = z.string().trim().min(1).optional();

/** The provider variables (README, "Providers and sandbox"). Empty strings count as unset. */
export const providerEnvSchema = z.object({
  PUBLIC_URL: z.url({ error: 'must be a URL, e.g. https://relance.example.fr' }).optional(),
  SANDBOX_URL: z.url({ error: 'must be a URL, e.g. http://127.0.0.1:3001' }).optional(),
  PROVIDER_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(30_000),
  SENDGRID_API_KEY: optional,
  EMAIL_FROM: z.email({ error: 'must be an email address' }).optional(),
  EMAIL_FROM_NAME: optional,
  EMAIL_REPLY_TO: z.email({ error: 'must be an email address' }).optional(),
  EMAIL_UNSUBSCRIBE_MAILTO: z.email({ error: 'must be an email address' }).optional(),
  TWILIO_ACCOUNT_SID: z
    .string()
    .regex(/^AC[0-9a-fA-F]{32}$/, { error: 'must be AC followed by 32 hex digits' })
    .optional(),
  TWILIO_AUTH_TOKEN: optional,
  TWILIO_SMS_FROM: z
    .string()
    .regex(/^(\+[1-9]\d{6,14}|[A-Za-z0-9 ]{1,11})$/, {
      error: 'must be an E.164 number or an alphanumeric sender of at most 11 characters',
    })
    .optional(),
  TWILIO_MESSAGING_SERVICE_SID: z
    .string()
    .regex(/^MG[0-9a-fA-F]{32}$/, { error: 'must be MG followed by 32 hex digits' })
    .optional(),
  TWILIO_VOICE_FROM: z
    .string()
    .regex(E164, { error: 'must be an E.164 number, e.g. +33180000000' })
    .optional(),
  VOICE_ON_HUMAN: z.enum(['play', 'callback']).default('callback'),
  VOICE_TTS_VOICE: z.string().default('Polly.Lea'),
  MAILHOUSE_URL: z.url().optional(),
  MAILHOUSE_API_KEY: optional,
});

export type ProviderMode = 'live' | 'sandbox';
type Configured<T> = ({ mode: ProviderMode } & T) | { mode: 'off'; why: string };

export interface ProviderConfig {
  sandboxUrl: string | null;
  publicUrl: string | null;
  email: Configured<{ sendgrid: SendgridConfig }>;
  sms: Configured<{ twilio: TwilioSmsConfig }>;
  voice: Configured<{ twilio: TwilioVoiceConfig; onHuman: OnHumanAnswer; ttsVoice: string }>;
  postal: Configured<{ mailhouse: MailhouseApiConfig }>;
  /** to verify webhooks: the Twilio auth token in use (the sandbox's in sandbox mode) */
  twilioAuthToken: string | null;
}

/** The configuration, or the list of what to fix (each with its variable's name). */
export function parseProviderConfig(
  source: Record<string, string | undefined>,
): { ok: true; config: ProviderConfig } | { ok: false; problems: string[] } {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = providerEnvSchema.safeParse(cleaned);
  if (!parsed.success)
    return { ok: false, problems: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`) };
  const env = parsed.data;
  const problems: string[] = [];
  const sandbox = env.SANDBOX_URL ?? null;
  const timeoutMs = env.PROVIDER_TIMEOUT_MS;
  const publicUrl = env.PUBLIC_URL ?? null;

  // email
  let email: ProviderConfig['email'];
  if (env.SENDGRID_API_KEY || !sandbox) {
    if (!env.SENDGRID_API_KEY) email = { mode: 'off', why: 'no SENDGRID_API_KEY (and no SANDBOX_URL)' };
    else if (!env.EMAIL_FROM) {
      problems.push('EMAIL_FROM: is required with SENDGRID_API_KEY (the sender address)');
      email = { mode: 'off', why: 'no EMAIL_FROM' };
    } else
      email = { mode: 'live', sendgrid: sendgridConfig(env.SENDGRID_API_KEY, env.EMAIL_FROM, undefined) };
  } else {
    email = {
      mode: 'sandbox',
      sendgrid: sendgridConfig(
        SANDBOX_CREDENTIALS.sendgridApiKey,
        env.EMAIL_FROM ?? SANDBOX_CREDENTIALS.emailFrom,
        sandbox,
      ),
    };
  }
  function sendgridConfig(apiKey: string, from: string, baseUrl: string | undefined): SendgridConfig {
    return {
      apiKey,
      ...(baseUrl ? { baseUrl } : {}),
      from: { email: from, ...(env.EMAIL_FROM_NAME ? { name: env.EMAIL_FROM_NAME } : {}) },
      ...(env.EMAIL_REPLY_TO ? { replyTo: { email: env.EMAIL_REPLY_TO } } : {}),
      unsubscribeMailto: env.EMAIL_UNSUBSCRIBE_MAILTO ?? `desinscription@${from.split('@')[1]}`,
      timeoutMs,
    };
  }

  // Twilio: SMS and voice share the account
  let twilio: (TwilioConfig & { mode: ProviderMode }) | null = null;
  if (env.TWILIO_ACCOUNT_SID || env.TWILIO_AUTH_TOKEN) {
    if (!env.TWILIO_ACCOUNT_SID) problems.push('TWILIO_ACCOUNT_SID: is required with TWILIO_AUTH_TOKEN');
    if (!env.TWILIO_AUTH_TOKEN) problems.push('TWILIO_AUTH_TOKEN: is required with TWILIO_ACCOUNT_SID');
    if (env.TWILIO_ACCOUNT_SID && env.TWILIO_AUTH_TOKEN)
      twilio = {
        mode: 'live',
        accountSid: env.TWILIO_ACCOUNT_SID,
        authToken: env.TWILIO_AUTH_TOKEN,
        timeoutMs,
      };
  } else if (sandbox) {
    twilio = {
      mode: 'sandbox',
      accountSid: SANDBOX_CREDENTIALS.twilioAccountSid,
      authToken: SANDBOX_CREDENTIALS.twilioAuthToken,
      baseUrl: sandbox,
      timeoutMs,
    };
  }
  if (twilio && !publicUrl)
    problems.push('PUBLIC_URL: is required for Twilio (its status and detection callbacks)');
  const base = publicUrl ?? 'http://localhost';

  let sms: ProviderConfig['sms'] = { mode: 'off', why: 'no TWILIO_ACCOUNT_SID (and no SANDBOX_URL)' };
  let voice: ProviderConfig['voice'] = { mode: 'off', why: 'no TWILIO_ACCOUNT_SID (and no SANDBOX_URL)' };
  if (twilio) {
    const live = twilio.mode === 'live';
    const smsFrom = env.TWILIO_SMS_FROM ?? (live ? undefined : SANDBOX_CREDENTIALS.smsFrom);
    if (smsFrom || env.TWILIO_MESSAGING_SERVICE_SID) {
      sms = {
        mode: twilio.mode,
        twilio: {
          ...twilio,
          ...(env.TWILIO_MESSAGING_SERVICE_SID
            ? { messagingServiceSid: env.TWILIO_MESSAGING_SERVICE_SID }
            : { from: smsFrom }),
          statusCallbackUrl: webhookUrl(base, 'twilioSmsStatus'),
        },
      };
    } else sms = { mode: 'off', why: 'no TWILIO_SMS_FROM or TWILIO_MESSAGING_SERVICE_SID' };
    const voiceFrom =
      env.TWILIO_VOICE_FROM ??
      (env.TWILIO_SMS_FROM && E164.test(env.TWILIO_SMS_FROM) ? env.TWILIO_SMS_FROM : undefined) ??
      (live ? undefined : SANDBOX_CREDENTIALS.voiceFrom);
    if (voiceFrom) {
      voice = {
        mode: twilio.mode,
        onHuman: env.VOICE_ON_HUMAN,
        ttsVoice: env.VOICE_TTS_VOICE,
        twilio: {
          ...twilio,
          from: voiceFrom,
          statusCallbackUrl: webhookUrl(base, 'twilioVoiceStatus'),
          amdCallbackUrl: webhookUrl(base, 'twilioVoiceAmd'),
        },
      };
    } else voice = { mode: 'off', why: 'no TWILIO_VOICE_FROM (a number of the account)' };
  }

  let postal: ProviderConfig['postal'];
  if (env.MAILHOUSE_URL || env.MAILHOUSE_API_KEY) {
    if (!env.MAILHOUSE_URL) problems.push('MAILHOUSE_URL: is required with MAILHOUSE_API_KEY');
    if (!env.MAILHOUSE_API_KEY) problems.push('MAILHOUSE_API_KEY: is required with MAILHOUSE_URL');
    postal =
      env.MAILHOUSE_URL && env.MAILHOUSE_API_KEY
        ? {
            mode: 'live',
            mailhouse: { baseUrl: env.MAILHOUSE_URL, apiKey: env.MAILHOUSE_API_KEY, timeoutMs },
          }
        : { mode: 'off', why: 'incomplete mail house settings' };
  } else if (sandbox) {
    postal = {
      mode: 'sandbox',
      mailhouse: { baseUrl: sandbox, apiKey: SANDBOX_CREDENTIALS.mailhouseApiKey, timeoutMs },
    };
  } else postal = { mode: 'off', why: 'no MAILHOUSE_URL (and no SANDBOX_URL)' };

  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    config: {
      sandboxUrl: sandbox,
      publicUrl,
      email,
      sms,
      voice,
      postal,
      twilioAuthToken: twilio?.authToken ?? null,
    },
  };
}

/** True when any channel goes to the local sandbox: the UI says the workspace is in sandbox mode. */
export function inSandboxMode(config: ProviderConfig): boolean {
  return [config.email, config.sms, config.voice, config.postal].some((c) => c.mode === 'sandbox');
}
