import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';

export interface ResolvedRedis {
  url: string;
  /** set when we started redis-server ourselves */
  stop?: () => Promise<void>;
}

/** No Redis could be found or started: the message lists the ways out. */
export class NoRedisError extends Error {
  override name = 'NoRedisError';
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

/** Sends one inline command and answers the raw reply (empty when the connection fails or closes). */
export function redisCommand(host: string, port: number, command: string, timeoutMs = 1000): Promise<string> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    let reply = '';
    const done = () => {
      socket.destroy();
      resolve(reply);
    };
    socket.setTimeout(timeoutMs, done);
    socket.on('error', done);
    socket.on('close', done);
    socket.on('connect', () => socket.write(`${command}\r\n`));
    socket.on('data', (data) => {
      reply += data.toString();
      // a complete reply to the commands used here ends with CRLF; SHUTDOWN answers by closing
      if (reply.endsWith('\r\n') && !reply.startsWith('*')) done();
      if (reply.startsWith('*') && reply.split('\r\n').length >= 6) done();
    });
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
  /** where to look for an already running Redis; 127.0.0.1:6379 unless told (tests inject an empty port) */
  probe?: { host: string; port: number };
  /** the environment redis-server is looked up and run in (its PATH); process.env unless told */
  env?: NodeJS.ProcessEnv;
}): Promise<ResolvedRedis> {
  if (options.url) return { url: options.url };
  const probe = options.probe ?? { host: '127.0.0.1', port: 6379 };
  if (await redisAnswers(probe.host, probe.port)) return { url: `redis://${probe.host}:${probe.port}` };
  const env = options.env ?? process.env;
  const which = spawnSync('redis-server', ['--version'], { stdio: 'ignore', env });
  if (which.error || which.status !== 0) {
    throw new NoRedisError(
      `No Redis answers on ${probe.host}:${probe.port} and redis-server is not on PATH. Either:\n` +
        '  - install Redis (apt-get install redis-server, brew install redis), or\n' +
        '  - set REDIS_URL to a Redis you run (with maxmemory-policy noeviction), or\n' +
        '  - run one with Docker: `docker compose up -d redis`, then REDIS_URL=redis://127.0.0.1:6379.',
    );
  }
  const dir = path.resolve(options.dataDir);
  await mkdir(dir, { recursive: true });
  // a redis-server of ours left running by a launcher that was killed hard: take it over
  if (await redisAnswers('127.0.0.1', options.port)) {
    const reply = await redisCommand('127.0.0.1', options.port, 'CONFIG GET dir');
    if (reply.includes(`\r\n${dir}\r\n`)) {
      return {
        url: `redis://127.0.0.1:${options.port}`,
        stop: async () => {
          await redisCommand('127.0.0.1', options.port, 'SHUTDOWN');
        },
      };
    }
    throw new Error(
      `Another Redis already answers on 127.0.0.1:${options.port}. Set EMBEDDED_REDIS_PORT to another port, or REDIS_URL to use that one.`,
    );
  }
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
    // a process group of its own: a Ctrl-C in the terminal must not stop Redis before the worker has finished
    { stdio: 'ignore', env, detached: true },
  );
  // last resort when the process exits without having called stop(): never leave a server behind
  const killNow = () => child.kill('SIGTERM');
  process.once('exit', killNow);
  for (let i = 0; i < 100; i++) {
    if (await redisAnswers('127.0.0.1', options.port, 200)) {
      return {
        url: `redis://127.0.0.1:${options.port}`,
        stop: () =>
          new Promise((resolve) => {
            process.removeListener('exit', killNow);
            if (child.exitCode !== null || child.signalCode !== null) return resolve();
            child.once('exit', () => resolve());
            child.kill('SIGTERM');
          }),
      };
    }
    if (child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  process.removeListener('exit', killNow);
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
