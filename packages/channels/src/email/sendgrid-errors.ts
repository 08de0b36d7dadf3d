import { networkFailure, retryAfterMs } from '../http-failure';
import type { BatchFailure } from '../result';

/** SendGrid's error answer: `{ errors: [{ message, field, help }] }` with the HTTP status in `code`. */
interface SendgridResponseError {
  code: number;
  response?: {
    headers?: Record<string, unknown>;
    body?: { errors?: { message?: string; field?: string | null }[] };
  };
}

export function isSendgridResponseError(err: unknown): err is SendgridResponseError {
  return (
    typeof err === 'object' &&
    err !== null &&
    typeof (err as { code?: unknown }).code === 'number' &&
    'response' in err
  );
}

export type SendgridFailure =
  | BatchFailure
  /** a 400 naming some personalizations' addresses: those are refused, the others were not sent and can go again */
  | { kind: 'bad-recipients'; indexes: Map<number, string> };

function messages(err: SendgridResponseError): string {
  const list = err.response?.body?.errors ?? [];
  return list.map((e) => (e.field ? `${e.field}: ${e.message}` : e.message)).join('; ') || 'no detail';
}

/**
 * What a failed mail/send means for its recipients: 429 and 5xx are retryable (Retry-After honoured), 401/403
 * retryable too (a key to fix, nothing wrong with the message), a 400 naming recipients' addresses refuses those
 * recipients only, any other 4xx refuses the request, and no answer at all is a network failure.
 */
export function classifySendgridError(err: unknown): SendgridFailure {
  if (!isSendgridResponseError(err)) {
    if (err instanceof Error && !('code' in err) && !('isAxiosError' in err))
      return { kind: 'permanent', reason: `the message could not be built: ${err.message}` };
    return networkFailure('SendGrid', err);
  }
  const status = err.code;
  const wait = retryAfterMs(err.response?.headers);
  const detail = `SendGrid answered ${status}: ${messages(err)}`;
  if (status === 429 || status >= 500) return { kind: 'retryable', reason: detail, retryAfterMs: wait };
  if (status === 401 || status === 403)
    return { kind: 'retryable', reason: `${detail} (check SENDGRID_API_KEY)`, retryAfterMs: wait ?? 60_000 };
  if (status === 400) {
    const indexes = new Map<number, string>();
    for (const e of err.response?.body?.errors ?? []) {
      const m = /^personalizations\.(\d+)\.(?:to|cc|bcc)\b/.exec(e.field ?? '');
      if (m) indexes.set(Number(m[1]), e.message ?? 'invalid address');
    }
    if (indexes.size > 0) return { kind: 'bad-recipients', indexes };
  }
  return { kind: 'permanent', reason: detail };
}
