/**
 * A worker process for the fault tests (SIGKILL mid-batch): the real startWorkers with the dispatch engine, the
 * sandbox as provider, short locks so that a killed worker's job is taken over within seconds. Configured by
 * its environment; says `ready` over IPC.
 */
import { parseProviderConfig } from '@relance/channels/provider-config';
import { createDb } from '@relance/db/client';
import { createRedis } from '@relance/jobs/redis';
import { startWorkers } from '../../apps/worker/src/workers';

const env = process.env as Record<string, string>;
const providers = parseProviderConfig({
  SANDBOX_URL: env.SANDBOX_URL,
  PUBLIC_URL: 'http://127.0.0.1:9',
  PROVIDER_TIMEOUT_MS: '5000',
});
if (!providers.ok) throw new Error(providers.problems.join('; '));
const database = createDb(env.DATABASE_URL!, { max: 4, applicationName: 'relance-test-child-worker' });
const connection = createRedis(env.REDIS_URL!, 'worker');
const workers = await startWorkers({
  database,
  connection,
  prefix: env.QUEUE_PREFIX!,
  importConcurrency: 1,
  dispatch: {
    providers: providers.config,
    paces: { sms: { perSecond: Number(env.SMS_RATE ?? 40) } },
    sweep: false,
    lockDurationMs: 3_000,
    stalledIntervalMs: 1_000,
    retryDelay: () => 300,
  },
  log: () => {},
});
// graceful shutdown, as apps/worker/src/main.ts does it
process.on('SIGTERM', async () => {
  await workers.close();
  await connection.quit().catch(() => connection.disconnect());
  await database.close();
  process.exit(0);
});
process.send?.('ready');
