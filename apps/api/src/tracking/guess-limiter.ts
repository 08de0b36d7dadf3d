import type { Redis } from 'ioredis';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';

/**
 * Code guessing on the public tracking routes (/r/, /o/, /l/, /unsubscribe/): each unknown or malformed code
 * counts against the client's address in Redis (shared by every API process); past `limit` in `windowSeconds`,
 * the address gets 429 on every code, known ones too, until the window ends. Known codes never touch Redis: the
 * block is also remembered in this process, so the check on the fast path is a Map lookup. (Another API process
 * learns of a block at that address's next wrong code.)
 */
export function createGuessLimiter(redis: Redis, prefix: string, limit: number, windowSeconds = 600) {
  const counter = new RateLimiterRedis({
    storeClient: redis,
    keyPrefix: `${prefix}-tracking-guess`,
    points: limit,
    duration: windowSeconds,
  });
  const blocked = new Map<string, number>();
  /** the end of the latest block: past it, no address is blocked */
  let lastUntil = 0;

  const block = (ip: string, until: number) => {
    if (blocked.size > 10_000) {
      const now = Date.now();
      for (const [key, end] of blocked) if (end <= now) blocked.delete(key);
    }
    blocked.set(ip, until);
    if (until > lastUntil) lastUntil = until;
  };

  return {
    /** whether any address is blocked now: when none is, the fast path need not work out the client's address */
    anyBlocked(): boolean {
      if (blocked.size === 0) return false;
      if (Date.now() < lastUntil) return true;
      blocked.clear();
      return false;
    },
    /** seconds until the address may try again, or 0 when it is not blocked */
    retryAfter(ip: string): number {
      const until = blocked.get(ip);
      if (until === undefined) return 0;
      const ms = until - Date.now();
      if (ms <= 0) {
        blocked.delete(ip);
        return 0;
      }
      return Math.ceil(ms / 1000);
    },
    /** counts a wrong code; answers the seconds to wait when that was one too many, else 0 */
    async wrong(ip: string): Promise<number> {
      try {
        await counter.consume(ip, 1);
        return 0;
      } catch (res) {
        if (!(res instanceof RateLimiterRes)) throw res;
        const ms = Math.max(1000, res.msBeforeNext);
        block(ip, Date.now() + ms);
        return Math.ceil(ms / 1000);
      }
    },
  };
}
export type GuessLimiter = ReturnType<typeof createGuessLimiter>;
