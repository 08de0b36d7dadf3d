import type { Database } from '@relance/db/client';
import { getIndicatorSettings, refreshIndicators } from '@relance/db/queries/indicators';
import { refreshWinback, type WinbackRefreshResult } from '@relance/db/queries/winback-refresh';
import { getWinbackSettings } from '@relance/db/queries/winback-settings';
import { enqueueCallbacksFeed, type Queues } from '@relance/jobs/enqueue';
import { indicatorsJobSchema } from '@relance/jobs/queues';
import { type Job, UnrecoverableError } from 'bullmq';

/**
 * Thin: check the payload, recompute every contact's indicators with the workspace's settings, then the win-back
 * state that builds on them (former-customer file, signals and alerts, scores, churn model) as of the same moment,
 * then asks for a feed of the callback queues.
 */
export function indicatorsProcessor(database: Database, queues?: Queues) {
  return async (job: Job): Promise<{ contacts: number; winback: WinbackRefreshResult }> => {
    const payload = indicatorsJobSchema.safeParse(job.data);
    if (!payload.success)
      throw new UnrecoverableError(`Invalid indicators job payload: ${payload.error.message}`);
    const settings = await getIndicatorSettings(database.db);
    const contacts = await refreshIndicators(database.sql, settings);
    const winback = await refreshWinback(database.sql, await getWinbackSettings(database.db), settings);
    // the callback queues take the new win-back candidates, signals and probabilities of leaving
    if (queues) await enqueueCallbacksFeed(queues, 'after-refresh');
    return { contacts, winback };
  };
}
