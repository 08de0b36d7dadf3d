import { runPhase, runSweep, runTestEnd, runWave } from '@relance/dispatch/control';
import type { Scheduler } from '@relance/dispatch/schedule';
import { AppError } from '@relance/domain/errors';
import { dispatchJobSchema } from '@relance/jobs/queues';
import { DelayedError, type Job, UnrecoverableError } from 'bullmq';

/** A later step due before its phase's members are written (a long materialisation) looks again this much later. */
const WAVE_WAIT_MS = 15_000;

/** Thin: check the payload, run the dispatch step it names (all logic in @relance/dispatch). */
export function dispatchProcessor(scheduler: Scheduler, options: { chunkSize?: number } = {}) {
  return async (job: Job, token?: string): Promise<unknown> => {
    const payload = dispatchJobSchema.safeParse(job.data);
    if (!payload.success)
      throw new UnrecoverableError(`Invalid dispatch job payload: ${payload.error.message}`);
    const data = payload.data;
    switch (data.kind) {
      case 'phase':
        return runPhase(scheduler, data.campaignId, data.phase, data.generation, options.chunkSize);
      case 'wave':
        try {
          return await runWave(scheduler, data.waveId, data.generation, options.chunkSize);
        } catch (err) {
          if (err instanceof AppError && err.code === 'conflict' && token) {
            await job.moveToDelayed(Date.now() + WAVE_WAIT_MS, token);
            throw new DelayedError();
          }
          throw err;
        }
      case 'test-end':
        return runTestEnd(scheduler, data.campaignId);
      case 'sweep':
        return runSweep(scheduler);
      default: {
        const never: never = data;
        throw new UnrecoverableError(`Unknown dispatch job ${JSON.stringify(never)}`);
      }
    }
  };
}
