import { createRedis } from '@relance/jobs/redis';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testKeyPrefix, testRedisUrl } from '../../../tests/support/test-database';
import { createRateLimiter } from './rate-limiter';

/**
 * The pace shared by every worker process, checked on its slots (in Redis's clock), not on wall-clock arrivals:
 * whatever the machine's load, slots taken by two processes at once are spaced by the pace between them.
 */
describe('the provider pace (real Redis)', () => {
  let a: Redis;
  let b: Redis;
  const redisMs = async () => {
    const [s, us] = await a.time();
    return Number(s) * 1000 + Number(us) / 1000;
  };
  beforeAll(() => {
    a = createRedis(testRedisUrl(), 'producer');
    b = createRedis(testRedisUrl(), 'producer');
  });
  afterAll(async () => {
    await Promise.all([a.quit(), b.quit()]);
  });

  it('two processes reserving at once share one pace: n slots take n intervals between them', async () => {
    const prefix = testKeyPrefix();
    // 1 a second: the two processes' 20 reservations span 20 s of slots if shared, 10 s if each had its own
    const paces = { twilio: { perSecond: 1 } };
    const first = createRateLimiter(a, prefix, paces);
    const second = createRateLimiter(b, prefix, paces);
    const start = await redisMs();
    const waits = await Promise.all(
      Array.from({ length: 20 }, (_, i) => (i % 2 ? first : second).reserve('twilio', 1, 60_000)),
    );
    const end = await redisMs();
    expect(waits.every((w) => w.ok)).toBe(true);
    // each slot is at least one interval after the one before it, whichever process took it
    const nextFree = Number(await a.get(`${prefix}:ratelimit:twilio`));
    expect(nextFree).toBeGreaterThanOrEqual(start + 20 * 1000 - 1);
    const longest = Math.max(...waits.map((w) => w.waitMs));
    expect(longest).toBeGreaterThanOrEqual(19 * 1000 - (end - start) - 1);
    expect(longest).toBeLessThanOrEqual(19 * 1000 + 1);
  });

  it('a reservation that would wait longer than allowed takes nothing', async () => {
    const prefix = testKeyPrefix();
    const limiter = createRateLimiter(a, prefix, { twilio: { perSecond: 1 } });
    await limiter.reserve('twilio', 5, 60_000);
    const before = await a.get(`${prefix}:ratelimit:twilio`);
    const refused = await limiter.reserve('twilio', 1, 2_000);
    expect(refused.ok).toBe(false);
    expect(refused.waitMs).toBeGreaterThan(2_000);
    expect(await a.get(`${prefix}:ratelimit:twilio`)).toBe(before);
  });
});
