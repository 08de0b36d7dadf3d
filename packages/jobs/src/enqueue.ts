import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import {
  DEFAULT_JOB_OPTIONS,
  type ImportJob,
  INDICATORS_NIGHTLY,
  type IndicatorsJob,
  importJobId,
  indicatorsJobId,
  QUEUES,
} from './queues';

export interface Queues {
  imports: Queue<ImportJob>;
  indicators: Queue<IndicatorsJob>;
  close: () => Promise<void>;
}

function queue<T>(name: string, connection: Redis, prefix: string): Queue<T> {
  const q = new Queue<T>(name, { connection, prefix, defaultJobOptions: DEFAULT_JOB_OPTIONS });
  q.on('error', (err) => console.error(`[queue ${name}] ${err.message}`));
  return q;
}

export function createQueues(connection: Redis, prefix: string): Queues {
  const imports = queue<ImportJob>(QUEUES.imports, connection, prefix);
  const indicators = queue<IndicatorsJob>(QUEUES.indicators, connection, prefix);
  return {
    imports,
    indicators,
    close: async () => {
      await Promise.all([imports.close(), indicators.close()]);
    },
  };
}

export async function enqueueImport(queues: Queues, job: ImportJob): Promise<void> {
  await queues.imports.add('import', job, { jobId: importJobId(job.importId) });
}

export async function enqueueIndicatorsAfterImport(queues: Queues, importId: string): Promise<void> {
  await queues.indicators.add(
    'refresh',
    { reason: 'import', importId },
    { jobId: indicatorsJobId(importId) },
  );
}

/** After the settings changed; several saves in the same minute make one refresh. */
export async function enqueueIndicatorsAfterSettings(queues: Queues, now = new Date()): Promise<void> {
  const minute = now.toISOString().slice(0, 16).replace(/\D/g, '');
  await queues.indicators.add('refresh', { reason: 'settings' }, { jobId: `indicators-settings-${minute}` });
}

/** The nightly refresh, declared idempotently: every worker may call this at start. */
export async function scheduleNightlyIndicators(queues: Queues): Promise<void> {
  await queues.indicators.upsertJobScheduler(
    INDICATORS_NIGHTLY.id,
    { pattern: INDICATORS_NIGHTLY.pattern, tz: INDICATORS_NIGHTLY.tz },
    { name: 'refresh', data: { reason: 'nightly' } },
  );
}
