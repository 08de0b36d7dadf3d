import type { Channel, SuppressionReason } from '@relance/domain/vocabulary';
import { networkFailure } from '../http-failure';
import type { BatchFailure } from '../result';
import { TwilioBusyError } from './twilio-client';

/**
 * Twilio error codes that refuse a recipient for good; with a suppression reason when the address itself is
 * the problem (https://www.twilio.com/docs/api/errors).
 */
const PERMANENT: Record<number, { what: string; suppress?: SuppressionReason }> = {
  21211: { what: 'invalid phone number', suppress: 'bounced' },
  21614: { what: 'not a mobile number', suppress: 'bounced' },
  21217: { what: 'phone number does not appear to be valid', suppress: 'bounced' },
  13223: { what: 'invalid phone number format', suppress: 'bounced' },
  13224: { what: 'invalid phone number', suppress: 'bounced' },
  21610: { what: 'the recipient has unsubscribed (STOP)', suppress: 'stop' },
  21612: { what: 'the number cannot be reached from this sender' },
  21408: { what: 'sending to this region is not enabled on the account' },
  21215: { what: 'calling this region is not enabled on the account' },
};

/** Twilio codes for a queue or rate limit: try again later. */
const RETRYABLE = new Set([20429, 21611, 14107, 20500, 20503]);

export type TwilioFailure = BatchFailure & {
  suppress?: { channel: Channel; address: string; reason: SuppressionReason };
};

/** What a failed Messages or Calls create means for that one recipient. */
export function classifyTwilioError(err: unknown, channel: 'sms' | 'voice', to: string): TwilioFailure {
  if (err instanceof TwilioBusyError) {
    return {
      kind: 'retryable',
      reason: `Twilio answered ${err.status}${err.code ? ` (${err.code})` : ''}: ${err.message}`,
      retryAfterMs: err.retryAfterMs,
    };
  }
  const e = err as { status?: unknown; code?: unknown; message?: unknown };
  if (typeof e?.status === 'number') {
    const code = typeof e.code === 'number' ? e.code : undefined;
    const detail = `Twilio answered ${e.status}${code ? ` (${code})` : ''}: ${String(e.message ?? '')}`;
    const permanent = code === undefined ? undefined : PERMANENT[code];
    if (permanent) {
      return {
        kind: 'permanent',
        reason: `${detail} — ${permanent.what}`,
        ...(permanent.suppress ? { suppress: { channel, address: to, reason: permanent.suppress } } : {}),
      };
    }
    if ((code !== undefined && RETRYABLE.has(code)) || e.status === 429 || e.status >= 500)
      return { kind: 'retryable', reason: detail };
    if (e.status === 401 || e.status === 403)
      return {
        kind: 'retryable',
        reason: `${detail} (check TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN)`,
        retryAfterMs: 60_000,
      };
    return { kind: 'permanent', reason: detail };
  }
  if (err instanceof Error && !('code' in err) && !('isAxiosError' in err) && !('cause' in err))
    return { kind: 'permanent', reason: `the request could not be built: ${err.message}` };
  return networkFailure('Twilio', err);
}
