import path from 'node:path';
import { ensureDatabase } from '@relance/db/migrate';
import { startEmbeddedPostgres } from './embedded-postgres';

export interface ResolvedDatabase {
  url: string;
  /** set when we started the embedded PostgreSQL */
  stop?: () => Promise<void>;
}

/**
 * DATABASE_URL when set; else a real PostgreSQL from `embedded-postgres`, its data kept under
 * `<dataDir>/postgres` across restarts, with a database `relance`.
 */
export async function resolveDatabase(options: {
  url?: string;
  dataDir: string;
  port: number;
  log: (line: string) => void;
}): Promise<ResolvedDatabase> {
  if (options.url) return { url: options.url };
  const pg = await startEmbeddedPostgres({
    dataDir: path.join(options.dataDir, 'postgres'),
    port: options.port,
    persistent: true,
    log: options.log,
  });
  try {
    const url = await ensureDatabase(pg.adminUrl, 'relance');
    return { url, stop: pg.stop };
  } catch (err) {
    await pg.stop();
    throw err;
  }
}
