import { AppError } from '@relance/domain/errors';
import type { Redis } from 'ioredis';
import { RateLimiterRedis, type RateLimiterRes } from 'rate-limiter-flexible';

/**
 * Login attempts, counted in Redis so that every API process shares the count: per email and address,
 * `perAccount` failures in 15 minutes, and per address 5 times that (password spraying).
 */
export function createLoginLimiter(redis: Redis, prefix: string, perAccount: number) {
  const byAccount = new RateLimiterRedis({
    storeClient: redis,
    keyPrefix: `${prefix}-login-account`,
    points: perAccount,
    duration: 15 * 60,
  });
  const byAddress = new RateLimiterRedis({
    storeClient: redis,
    keyPrefix: `${prefix}-login-ip`,
    points: perAccount * 5,
    duration: 15 * 60,
  });
  const refuse = (res: RateLimiterRes): never => {
    const minutes = Math.max(1, Math.ceil(res.msBeforeNext / 60_000));
    throw new AppError('rate_limited', `Too many failed logins. Try again in ${minutes} minute(s).`);
  };
  return {
    async check(email: string, ip: string): Promise<void> {
      const [account, address] = await Promise.all([byAccount.get(`${email}|${ip}`), byAddress.get(ip)]);
      for (const state of [account, address]) {
        if (state && state.remainingPoints <= 0) refuse(state);
      }
    },
    async failed(email: string, ip: string): Promise<void> {
      await Promise.all([byAccount.penalty(`${email}|${ip}`, 1), byAddress.penalty(ip, 1)]);
    },
    async succeeded(email: string, ip: string): Promise<void> {
      await byAccount.delete(`${email}|${ip}`);
    },
  };
}
export type LoginLimiter = ReturnType<typeof createLoginLimiter>;
