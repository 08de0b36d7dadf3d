import type { Redis } from 'ioredis';

/**
 * A pace per provider shared by every worker process, in Redis (GCRA: one key holding the theoretical arrival
 * time of the next free slot, in Redis's own clock so that machines with skewed clocks agree). `reserve(n)`
 * takes n slots and says how long to wait before using them; a reservation that would wait longer than
 * `maxWaitMs` takes nothing and says how long the wait would be (the caller defers its work instead of
 * holding a job that long).
 */
const RESERVE = `
local key = KEYS[1]
local interval = tonumber(ARGV[1])
local n = tonumber(ARGV[2])
local burst = tonumber(ARGV[3])
local max_wait = tonumber(ARGV[4])
local t = redis.call('TIME')
local now = t[1] * 1000 + t[2] / 1000
local tat = tonumber(redis.call('GET', key) or '0')
if tat < now then tat = now end
local wait = tat - burst - now
if wait < 0 then wait = 0 end
if wait > max_wait then return {0, tostring(wait)} end
local next_tat = tat + n * interval
redis.call('SET', key, tostring(next_tat), 'PX', math.ceil(next_tat - now + 60000))
return {1, tostring(wait)}
`;

/** Pushes the next free slot to at least now + ms (a provider answered 429 with Retry-After). */
const HOLD = `
local key = KEYS[1]
local t = redis.call('TIME')
local now = t[1] * 1000 + t[2] / 1000
local until_ = now + tonumber(ARGV[1])
local tat = tonumber(redis.call('GET', key) or '0')
if tat < until_ then redis.call('SET', key, tostring(until_), 'PX', math.ceil(until_ - now + 60000)) end
return 1
`;

export interface Reservation {
  ok: boolean;
  /** ms to wait before sending (ok), or the wait that was refused (not ok) */
  waitMs: number;
}

export interface RateLimiter {
  reserve(key: string, n: number, maxWaitMs: number): Promise<Reservation>;
  hold(key: string, ms: number): Promise<void>;
}

export interface Pace {
  /** messages per second; 0 or less: no limit */
  perSecond: number;
  /** how far ahead of the pace a burst may go, in messages (1: strictly spaced) */
  burst?: number;
}

export function createRateLimiter(
  redis: Redis,
  prefix: string,
  paces: Readonly<Record<string, Pace | undefined>>,
): RateLimiter {
  const keyOf = (key: string) => `${prefix}:ratelimit:${key}`;
  return {
    async reserve(key, n, maxWaitMs) {
      const pace = paces[key];
      if (!pace || pace.perSecond <= 0 || n <= 0) return { ok: true, waitMs: 0 };
      const interval = 1000 / pace.perSecond;
      const burst = Math.max(0, (pace.burst ?? 1) - 1) * interval;
      const [ok, wait] = (await redis.eval(
        RESERVE,
        1,
        keyOf(key),
        String(interval),
        String(n),
        String(burst),
        String(maxWaitMs),
      )) as [number, string];
      return { ok: ok === 1, waitMs: Math.ceil(Number(wait)) };
    },
    async hold(key, ms) {
      if (ms <= 0) return;
      await redis.eval(HOLD, 1, keyOf(key), String(Math.ceil(ms)));
    },
  };
}
