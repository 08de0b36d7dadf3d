import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';

export interface ResolvedRedis {
  url: string;
  /** set when we started redis-server ourselves */
  stop?: () => Promise<void>;
}

/** Answers whether something speaks Redis at host:port (PING -> +PONG) within the timeout. */
export function redisAnswers(host: string, port: number, timeoutMs = 500): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.on('error', () => done(false));
    socket.on('connect', () => socket.write('PING\r\n'));
    socket.on('data', (data) => done(data.toString().startsWith('+PONG')));
  });
}

/**
 * REDIS_URL when set; else a Redis already answering on 127.0.0.1:6379; else a `redis-server` from PATH
 * started with its data under `dataDir`. Throws with the ways out when none is possible.
 */
export async function resolveRedis(options: {
  url?: string;
  dataDir: string;
  port: number;
}): Promise<ResolvedRedis> {
  if (options.url) return { url: options.url };
  if (await redisAnswers('127.0.0.1', 6379)) return { url: 'redis://127.0.0.1:6379' };
  const which = spawnSync('redis-server', ['--version'], { stdio: 'ignore' });
  if (which.error || which.status !== 0) {
    throw new Error(
      'No Redis answers on 127.0.0.1:6379 and redis-server is not on PATH. Either install Redis ' +
        '(apt-get install redis-server, brew install redis), set REDIS_URL to a Redis you run, or run `docker compose up -d redis`.',
    );
  }
  const dir = path.resolve(options.dataDir);
  await mkdir(dir, { recursive: true });
  const child: ChildProcess = spawn(
    'redis-server',
    [
      '--bind',
      '127.0.0.1',
      '--port',
      String(options.port),
      '--dir',
      dir,
      '--appendonly',
      'yes',
      '--save',
      '',
      '--maxmemory-policy',
      'noeviction',
    ],
    { stdio: 'ignore' },
  );
  for (let i = 0; i < 100; i++) {
    if (await redisAnswers('127.0.0.1', options.port, 200)) {
      return {
        url: `redis://127.0.0.1:${options.port}`,
        stop: () =>
          new Promise((resolve) => {
            if (child.exitCode !== null) return resolve();
            child.once('exit', () => resolve());
            child.kill('SIGTERM');
          }),
      };
    }
    if (child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  child.kill('SIGKILL');
  throw new Error(
    `redis-server did not start on 127.0.0.1:${options.port}. Is the port taken? Set REDIS_URL instead.`,
  );
}

/** A TCP port that was free a moment ago. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}
