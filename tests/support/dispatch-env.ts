import { parseProviderConfig } from '@relance/channels/provider-config';
import { ContentCache } from '@relance/dispatch/content-cache';
import type { Scheduler } from '@relance/dispatch/schedule';
import { createQueues, type Queues } from '@relance/jobs/enqueue';
import { createRedis } from '@relance/jobs/redis';
import { type RunningSandbox, type StartSandboxOptions, startSandbox } from '@relance/sandbox/server';
import type { DispatchWorkerOptions } from '../../apps/worker/src/dispatch-workers';
import { type RunningWorkers, startWorkers } from '../../apps/worker/src/workers';
import { seedDispatchContacts } from './dispatch-fixtures';
import { createTestDatabase, type TestDatabase, testKeyPrefix, testRedisUrl } from './test-database';

/** Recipients who never answer, bounce or reply: what was sent is all that happens. */
export const QUIET_BEHAVIOUR = {
  email: { bounce: 0, open: 0, click: 0 },
  sms: { undelivered: 0, reply: 0, stop: 0 },
  voice: { noAnswer: 0, machine: 1, human: 0 },
} as const;

export interface DispatchEnv {
  t: TestDatabase;
  sandbox: RunningSandbox;
  queues: Queues;
  scheduler: Scheduler;
  content: ContentCache;
  prefix: string;
  dispatchOptions: DispatchWorkerOptions;
  /** stops the in-process workers (another process may take over) */
  stopWorkers: () => Promise<void>;
  startWorkers: () => Promise<void>;
  close: () => Promise<void>;
}

/**
 * A fresh database with `contacts` fixture contacts (dispatch-fixtures.ts), the provider sandbox, and the real
 * workers (dispatch included) on a Redis key prefix of their own, the providers being the sandbox's.
 */
export async function startDispatchEnv(
  options: {
    contacts?: number;
    dispatch?: Partial<DispatchWorkerOptions>;
    sandbox?: Omit<StartSandboxOptions, 'port'>;
    workers?: boolean;
  } = {},
): Promise<DispatchEnv> {
  const t = await createTestDatabase();
  if (options.contacts) await seedDispatchContacts(t.sql, options.contacts);
  const sandbox = await startSandbox({ port: 0, seed: 7, behaviour: QUIET_BEHAVIOUR, ...options.sandbox });
  const prefix = testKeyPrefix();
  const producer = createRedis(testRedisUrl(), 'producer');
  const queues = createQueues(producer, prefix);
  const content = new ContentCache();
  const providers = parseProviderConfig({
    SANDBOX_URL: sandbox.url,
    // nobody listens there: the sandbox's status callbacks are refused at once
    PUBLIC_URL: 'http://127.0.0.1:9',
    PROVIDER_TIMEOUT_MS: '5000',
  });
  if (!providers.ok) throw new Error(providers.problems.join('; '));
  const dispatchOptions: DispatchWorkerOptions = {
    providers: providers.config,
    content,
    retryDelay: () => 300,
    sweep: false,
    ...options.dispatch,
  };
  let connection: ReturnType<typeof createRedis> | null = null;
  let workers: RunningWorkers | null = null;
  const start = async () => {
    connection = createRedis(testRedisUrl(), 'worker');
    workers = await startWorkers({
      database: t,
      connection,
      prefix,
      importConcurrency: 1,
      dispatch: dispatchOptions,
      log: () => {},
    });
  };
  const stop = async () => {
    await workers?.close();
    await connection?.quit().catch(() => connection?.disconnect());
    workers = null;
    connection = null;
  };
  if (options.workers !== false) await start();
  return {
    t,
    sandbox,
    queues,
    scheduler: { db: t.db, queues },
    content,
    prefix,
    dispatchOptions,
    startWorkers: start,
    stopWorkers: stop,
    close: async () => {
      await stop();
      await queues.close();
      await producer.quit().catch(() => producer.disconnect());
      await sandbox.close();
      await t.drop();
    },
  };
}

/** Waits until `check` answers true, polling; fails after `timeoutMs` with what it last saw. */
export async function waitFor<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs = 20_000,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  let value = await read();
  while (!done(value)) {
    if (Date.now() > until) throw new Error(`Timed out waiting; last value: ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 100));
    value = await read();
  }
  return value;
}

/** A campaign's sends counted by status (and the phases' members written). */
export async function statusCounts(t: TestDatabase, campaignId: string) {
  const rows = await t.sql<{ status: string; n: number }[]>`
    SELECT status, count(*)::int AS n FROM sends WHERE campaign_id = ${campaignId} GROUP BY status`;
  const counts = {
    pending: 0,
    sending: 0,
    sent: 0,
    failed: 0,
    skipped: 0,
    unknown: 0,
    cancelled: 0,
  };
  for (const r of rows) counts[r.status as keyof typeof counts] = Number(r.n);
  const [phases] = await t.sql<{ open: number }[]>`
    SELECT count(*)::int AS open FROM campaign_phases WHERE campaign_id = ${campaignId} AND materialised_at IS NULL`;
  return { ...counts, total: Object.values(counts).reduce((a, b) => a + b, 0), phasesOpen: phases!.open };
}

/** Until nothing of the campaign is waiting or in flight. */
export const settled = (c: Awaited<ReturnType<typeof statusCounts>>) =>
  c.phasesOpen === 0 && c.total > 0 && c.pending === 0 && c.sending === 0;

/** The send ids the sandbox received for a provider, from what the adapters put in each request. */
export function sandboxSendIds(sandbox: RunningSandbox): string[] {
  const ids: string[] = [];
  for (const m of sandbox.store.list()) {
    const payload = m.payload as Record<string, unknown> | null;
    if (!payload) continue;
    if (m.provider === 'sendgrid') {
      for (const p of (payload.personalizations as { custom_args?: { send_id?: string } }[]) ?? [])
        if (p.custom_args?.send_id) ids.push(p.custom_args.send_id);
    } else if (m.provider === 'twilio-sms' || m.provider === 'twilio-call') {
      const callback = String(payload.StatusCallback ?? '');
      const sendId = callback ? new URL(callback).searchParams.get('sendId') : null;
      if (sendId) ids.push(sendId);
    }
  }
  return ids;
}
