import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort, NoRedisError, redisAnswers, resolveRedis } from './local-redis';
import { checkRedis, resolveLauncherRedis } from './resolve-redis';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'relance-redis-test-'));
const started: (() => void)[] = [];
afterAll(() => {
  for (const stop of started) stop();
});

/** Waits for a redis-server started by a test to answer (a loaded machine can take seconds). */
async function answering(port: number) {
  for (let i = 0; i < 200 && !(await redisAnswers('127.0.0.1', port)); i++)
    await new Promise((r) => setTimeout(r, 50));
  if (!(await redisAnswers('127.0.0.1', port))) throw new Error(`redis-server on ${port} never answered`);
}

describe('resolveLauncherRedis', () => {
  it('stops with the ways out when no Redis answers and redis-server is not on PATH', async () => {
    const empty = await freePort();
    const attempt = resolveLauncherRedis({
      dataDir: tmp,
      port: await freePort(),
      probe: { host: '127.0.0.1', port: empty },
      env: { PATH: path.join(tmp, 'no-such-bin') },
    });
    await expect(attempt).rejects.toBeInstanceOf(NoRedisError);
    const message = await attempt.catch((err: Error) => err.message);
    expect(message).toContain(`No Redis answers on 127.0.0.1:${empty}`);
    expect(message).toContain('install Redis');
    expect(message).toContain('REDIS_URL');
    expect(message).toContain('docker compose up');
  });

  it('starts redis-server from PATH with its data under <dataDir>/redis, noeviction, and stops it', async () => {
    const port = await freePort();
    const redis = await resolveLauncherRedis({
      dataDir: tmp,
      port,
      probe: { host: '127.0.0.1', port: await freePort() },
    });
    started.push(() => void redis.stop?.());
    expect(redis.url).toBe(`redis://127.0.0.1:${port}`);
    expect(redis.stop).toBeTypeOf('function');
    const client = new Redis(redis.url);
    expect(await client.config('GET', 'maxmemory-policy')).toEqual(['maxmemory-policy', 'noeviction']);
    expect(await client.config('GET', 'appendonly')).toEqual(['appendonly', 'yes']);
    await client.set('relance-test-key', '1');
    client.disconnect();
    expect(existsSync(path.join(tmp, 'redis'))).toBe(true);
    expect(readdirSync(path.join(tmp, 'redis')).some((f) => f.startsWith('appendonly'))).toBe(true);
    await redis.stop?.();
    expect(await redisAnswers('127.0.0.1', port)).toBe(false);
  });

  it('uses a Redis answering at the probe address', async () => {
    const port = await freePort();
    const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', ''], {
      stdio: 'ignore',
    });
    started.push(() => child.kill());
    await answering(port);
    const redis = await resolveLauncherRedis({ dataDir: tmp, port: 1, probe: { host: '127.0.0.1', port } });
    expect(redis).toEqual({ url: `redis://127.0.0.1:${port}` });
  });

  it('refuses a Redis that may evict keys, saying why', async () => {
    const port = await freePort();
    const child = spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--maxmemory-policy', 'allkeys-lru'],
      { stdio: 'ignore' },
    );
    started.push(() => child.kill());
    await answering(port);
    await expect(
      resolveLauncherRedis({ url: `redis://127.0.0.1:${port}`, dataDir: tmp, port: 1 }),
    ).rejects.toThrow(/maxmemory-policy is "allkeys-lru": queued jobs could be evicted/);
  });

  it('takes over a redis-server of its own left running on its port, and refuses a foreign one', async () => {
    const port = await freePort();
    const dir = path.join(tmp, 'left');
    mkdirSync(dir, { recursive: true });
    const child = spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', ''],
      {
        stdio: 'ignore',
      },
    );
    started.push(() => child.kill());
    await answering(port);
    const empty = { host: '127.0.0.1', port: await freePort() };
    await expect(resolveRedis({ dataDir: path.join(tmp, 'other'), port, probe: empty })).rejects.toThrow(
      /Another Redis already answers.*EMBEDDED_REDIS_PORT/,
    );
    const adopted = await resolveRedis({ dataDir: dir, port, probe: empty });
    expect(adopted.url).toBe(`redis://127.0.0.1:${port}`);
    await adopted.stop?.();
    for (let i = 0; i < 200 && (await redisAnswers('127.0.0.1', port)); i++)
      await new Promise((r) => setTimeout(r, 50));
    expect(await redisAnswers('127.0.0.1', port)).toBe(false);
  });

  it('says so when REDIS_URL points where nothing answers', async () => {
    await expect(checkRedis(`redis://127.0.0.1:${await freePort()}`)).rejects.toThrow(
      /does not answer.*REDIS_URL/,
    );
  });
});
