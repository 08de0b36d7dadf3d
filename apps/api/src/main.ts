import { createDb } from '@relance/db/client';
import { runMigrations } from '@relance/db/migrate';
import { ensureFirstAdmin } from '@relance/db/queries/users';
import { assertNoEviction, createRedis } from '@relance/jobs/redis';
import { loadEnv } from './env';
import { startApi } from './server';

const env = loadEnv();

await runMigrations(env.DATABASE_URL);
const probe = createRedis(env.REDIS_URL, 'producer');
try {
  await assertNoEviction(probe);
} catch (err) {
  console.error(`[api] ${err instanceof Error ? err.message : err}`);
  process.exit(1);
} finally {
  probe.disconnect();
}

// Outside demo mode, the first administrator comes from ADMIN_EMAIL / ADMIN_PASSWORD.
if (env.ADMIN_EMAIL && env.ADMIN_PASSWORD) {
  const database = createDb(env.DATABASE_URL, { max: 1 });
  if (await ensureFirstAdmin(database.db, { email: env.ADMIN_EMAIL, password: env.ADMIN_PASSWORD })) {
    console.log(`[api] created the first administrator ${env.ADMIN_EMAIL}`);
  }
  await database.close();
}

const api = await startApi(env);
console.log(`[api] listening on ${env.HOST}:${env.PORT}`);

let stopping = false;
const stop = async (signal: string) => {
  if (stopping) return;
  stopping = true;
  console.log(`[api] ${signal}: closing`);
  await api.close();
  process.exit(0);
};
process.on('SIGTERM', () => void stop('SIGTERM'));
process.on('SIGINT', () => void stop('SIGINT'));
