/**
 * The API in a process of its own, for the tracked-link benchmark: the load generator's CPU is not the API's.
 * Prints nothing; sends `{ kind: 'ready', url }` over IPC, and on `{ kind: 'stop' }` closes (writing the clicks
 * still buffered) and answers `{ kind: 'stopped', cpuSeconds, rssMb }`.
 */
import { apiEnvSchema } from '../../apps/api/src/env-schema';
import { startApi } from '../../apps/api/src/server';

const env = apiEnvSchema.parse({
  NODE_ENV: 'production',
  DATABASE_URL: process.env.BENCH_DATABASE_URL,
  REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
  PORT: '0',
  HOST: '127.0.0.1',
  QUEUE_PREFIX: process.env.BENCH_PREFIX,
  WEB_DIST: '/nonexistent',
  // BENCH_LINK_WARM=false: no codes loaded ahead, every first click of a code is a query (the miss path)
  TRACKING_LINK_WARM: process.env.BENCH_LINK_WARM ?? 'true',
});
const api = await startApi(env);
process.send?.({ kind: 'ready', url: api.url });
process.on('message', (message: { kind: string }) => {
  if (message.kind === 'cpu') {
    const cpu = process.cpuUsage();
    process.send?.({ kind: 'cpu', micros: cpu.user + cpu.system });
    return;
  }
  if (message.kind !== 'stop') return;
  void api.close().then(() => {
    const cpu = process.cpuUsage();
    process.send?.({
      kind: 'stopped',
      cpuSeconds: (cpu.user + cpu.system) / 1e6,
      rssMb: Math.round(process.memoryUsage().rss / 1024 / 1024),
    });
    setTimeout(() => process.exit(0), 50);
  });
});
