/**
 * The API in a process of its own, for the webhook-intake benchmark (the load generator and the worker are not
 * its CPU). CPU is counted from ready (its boot left out). Sends `{ kind: 'ready', url }` over IPC; on `{ kind: 'stop' }` closes and answers
 * `{ kind: 'stopped', cpuSeconds, rssMb }`.
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
  SENDGRID_WEBHOOK_PUBLIC_KEY: process.env.BENCH_SENDGRID_KEY,
});
const api = await startApi(env);
// the CPU of booting (tsx compiling the API) is not the webhooks': counted from here
const atReady = process.cpuUsage();
process.send?.({ kind: 'ready', url: api.url });
process.on('message', (message: { kind: string }) => {
  if (message.kind !== 'stop') return;
  void api.close().then(() => {
    const cpu = process.cpuUsage(atReady);
    process.send?.({
      kind: 'stopped',
      cpuSeconds: (cpu.user + cpu.system) / 1e6,
      rssMb: Math.round(process.memoryUsage().rss / 1024 / 1024),
    });
    setTimeout(() => process.exit(0), 50);
  });
});
