import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { type RunningPostgres, startEmbeddedPostgres } from './embedded-postgres';
import { freePort } from './local-redis';

/**
 * A PostgreSQL server for tests and benchmarks, which create and drop their own databases on it: the server of
 * `DATABASE_URL` when set (its `postgres` database is only used to create others), otherwise a throwaway
 * embedded PostgreSQL in a temporary directory.
 */
export async function resolvePostgresServer(
  databaseUrl: string | undefined,
  label: string,
): Promise<RunningPostgres> {
  if (databaseUrl) {
    const url = new URL(databaseUrl);
    url.pathname = '/postgres';
    return { adminUrl: url.toString(), stop: async () => {} };
  }
  return startEmbeddedPostgres({
    dataDir: path.join(os.tmpdir(), `relance-${label}-pg-${randomBytes(3).toString('hex')}`),
    port: await freePort(),
    persistent: false,
  });
}
