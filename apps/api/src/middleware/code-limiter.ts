import { AppError } from '@relance/domain/errors';
import type { Redis } from 'ioredis';
import { RateLimiterRedis } from 'rate-limiter-flexible';
import type { Principal } from '../http/principal';

/**
 * Code guessing at the redemption screen and the conversion API: per user or per API key, `perWindow` codes that
 * match nothing in 15 minutes, counted in Redis so that every API process shares the count. Only wrong codes
 * count (a code found, a typing mistake caught by the check character, a sale reported by email do not); once the
 * limit is reached every code is refused until the window ends, found or not, so the answers tell nothing more.
 */
export function createCodeLimiter(redis: Redis, prefix: string, perWindow: number) {
  const limiter = new RateLimiterRedis({
    storeClient: redis,
    keyPrefix: `${prefix}-code-guess`,
    points: perWindow,
    duration: 15 * 60,
  });
  const keyOf = (principal: Principal) =>
    principal.kind === 'user' ? `user:${principal.user.id}` : `key:${principal.apiKey.id}`;
  return {
    async check(principal: Principal): Promise<void> {
      const state = await limiter.get(keyOf(principal));
      if (state && state.remainingPoints <= 0) {
        const minutes = Math.max(1, Math.ceil(state.msBeforeNext / 60_000));
        throw new AppError(
          'rate_limited',
          `Too many codes that match nothing. Try again in ${minutes} minute(s), or check the codes with their owner.`,
        );
      }
    },
    async wrong(principal: Principal, count = 1): Promise<void> {
      if (count > 0) await limiter.penalty(keyOf(principal), count);
    },
  };
}
export type CodeLimiter = ReturnType<typeof createCodeLimiter>;
