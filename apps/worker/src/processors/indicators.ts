import type { Database } from '@relance/db/client';
import { getIndicatorSettings, refreshIndicators } from '@relance/db/queries/indicators';
import { indicatorsJobSchema } from '@relance/jobs/queues';
import { type Job, UnrecoverableError } from 'bullmq';

/** Thin: check the payload, recompute every contact's indicators with the workspace's settings. */
export function indicatorsProcessor(database: Database) {
  return async (job: Job): Promise<{ contacts: number }> => {
    const payload = indicatorsJobSchema.safeParse(job.data);
    if (!payload.success)
      throw new UnrecoverableError(`Invalid indicators job payload: ${payload.error.message}`);
    const settings = await getIndicatorSettings(database.db);
    return { contacts: await refreshIndicators(database.sql, settings) };
  };
}
