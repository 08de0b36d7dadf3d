import { parseProviderConfig } from '@relance/channels/provider-config';
import { createDb } from '@relance/db/client';
import { assertNoEviction, createRedis } from '@relance/jobs/redis';
import { dispatchOptionsFromEnv } from './dispatch-config';
import { loadEnv } from './env';
import { startWorkers } from './workers';

const env = loadEnv();
const providers = parseProviderConfig(process.env);
if (!providers.ok) {
  console.error(
    `[worker] invalid provider settings:\n${providers.problems.map((p) => `  - ${p}`).join('\n')}`,
  );
  process.exit(1);
}
const connection = createRedis(env.REDIS_URL, 'worker');
try {
  await assertNoEviction(connection);
} catch (err) {
  console.error(`[worker] ${err instanceof Error ? err.message : err}`);
  process.exit(1);
}
const database = createDb(env.DATABASE_URL, { applicationName: 'relance-worker' });
const workers = await startWorkers({
  database,
  connection,
  prefix: env.QUEUE_PREFIX,
  importConcurrency: env.IMPORT_CONCURRENCY,
  dispatch: dispatchOptionsFromEnv(env, providers.config),
});
console.log('[worker] ready');

let stopping = false;
const stop = async (signal: string) => {
  if (stopping) return;
  stopping = true;
  console.log(`[worker] ${signal}: finishing active jobs, then stopping`);
  await workers.close();
  await connection.quit().catch(() => connection.disconnect());
  await database.close();
  process.exit(0);
};
process.on('SIGTERM', () => void stop('SIGTERM'));
process.on('SIGINT', () => void stop('SIGINT'));
