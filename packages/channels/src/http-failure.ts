import type { BatchFailure } from './result';

/**
 * Network failures, where no HTTP answer came back. What matters is whether the request may have reached the
 * provider: refused or unresolvable connections never did (retryable); a timeout or a connection cut after the
 * request left may have been accepted (unknown: never resend blindly).
 */
const NEVER_SENT = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ERR_INVALID_URL',
]);
const TIMEOUT = new Set([
  'ECONNABORTED',
  'ETIMEDOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'ABORT_ERR',
  'TimeoutError',
]);

/** The error code of an axios or fetch failure (fetch wraps it in `cause`). */
export function networkErrorCode(err: unknown): string | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  const e = err as { code?: unknown; name?: unknown; cause?: unknown };
  if (typeof e.code === 'string') return e.code;
  if (e.name === 'TimeoutError' || e.name === 'AbortError') return 'TimeoutError';
  return e.cause ? networkErrorCode(e.cause) : undefined;
}

export function networkFailure(provider: string, err: unknown): BatchFailure {
  const code = networkErrorCode(err) ?? 'unknown error';
  const message = err instanceof Error ? err.message : String(err);
  if (NEVER_SENT.has(code))
    return { kind: 'retryable', reason: `${provider} could not be reached (${code}): not sent` };
  if (TIMEOUT.has(code))
    return {
      kind: 'unknown',
      reason: `${provider} did not answer in time (${code}): it may have accepted the request`,
    };
  return {
    kind: 'unknown',
    reason: `${provider} request failed (${code}: ${message}): it may have accepted it`,
  };
}

/**
 * How long a provider asked us to wait: Retry-After in seconds or as an HTTP date, else SendGrid's
 * X-RateLimit-Reset (a Unix time in seconds).
 */
export function retryAfterMs(
  headers: Record<string, unknown> | undefined,
  now = Date.now(),
): number | undefined {
  if (!headers) return undefined;
  const get = (name: string) => {
    const v = headers[name] ?? headers[name.toLowerCase()];
    return Array.isArray(v) ? String(v[0]) : v === undefined || v === null ? undefined : String(v);
  };
  const retryAfter = get('retry-after');
  if (retryAfter !== undefined) {
    if (/^\d+(\.\d+)?$/.test(retryAfter.trim())) return Math.round(Number(retryAfter) * 1000);
    const at = Date.parse(retryAfter);
    if (!Number.isNaN(at)) return Math.max(0, at - now);
  }
  const reset = get('x-ratelimit-reset');
  if (reset !== undefined && /^\d+$/.test(reset.trim())) return Math.max(0, Number(reset) * 1000 - now);
  return undefined;
}
