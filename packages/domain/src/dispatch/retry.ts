/**
 * Retries of sends the provider did not take (429, 5xx, unreachable): each send gets at most
 * `MAX_SEND_ATTEMPTS` provider calls, spaced by an exponential backoff with jitter (so that a thousand sends
 * refused together do not come back together), never sooner than the provider asked (Retry-After).
 */
export const MAX_SEND_ATTEMPTS = 5;
const BASE_DELAY_MS = 10_000;
const MAX_DELAY_MS = 10 * 60_000;

/** The wait before the next attempt of a send that has had `attempts` provider calls. */
export function retryDelayMs(
  attempts: number,
  retryAfterMs?: number,
  random: () => number = Math.random,
): number {
  const backoff = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** Math.max(0, attempts - 1));
  const jittered = backoff * (0.8 + 0.4 * random());
  return Math.round(Math.max(jittered, retryAfterMs ?? 0));
}

/** Whether a send that has had `attempts` provider calls may have another. */
export function mayRetry(attempts: number): boolean {
  return attempts < MAX_SEND_ATTEMPTS;
}
