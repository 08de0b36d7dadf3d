import { randomBytes } from 'node:crypto';
import type { Scheduler } from '@relance/dispatch/schedule';
import { type DispatchRuntime, processSendBatch } from '@relance/dispatch/send-batch';
import type { Channel } from '@relance/domain/vocabulary';
import { enqueueSendBatches } from '@relance/jobs/enqueue';
import { sendBatchJobId, sendBatchJobSchema } from '@relance/jobs/queues';
import { type Job, UnrecoverableError } from 'bullmq';

/**
 * Thin: check the payload, send the batch (all logic in @relance/dispatch), then enqueue what it hands back:
 * retries after their backoff, and the rest of a batch whose window closed (at its next opening) or whose
 * provider's pace ran far ahead.
 */
export function sendBatchProcessor(runtime: DispatchRuntime, scheduler: Scheduler, channel: Channel) {
  return async (job: Job) => {
    const payload = sendBatchJobSchema.safeParse(job.data);
    if (!payload.success)
      throw new UnrecoverableError(`Invalid send batch payload: ${payload.error.message}`);
    const { campaignId, waveId, sendIds } = payload.data;
    const jobId = job.id ?? 'job';
    const token = `${jobId}~${randomBytes(6).toString('hex')}`;
    const report = await processSendBatch(runtime, { jobId, token, campaignId, waveId, sendIds });
    const later = report.retries.map((r) => ({
      job: { campaignId, waveId, sendIds: r.sendIds },
      jobId: sendBatchJobId(waveId, r.sendIds[0]!, `a${r.attempt}`),
      delayMs: r.delayMs,
    }));
    if (report.deferred) {
      const at = Math.ceil((Date.now() + report.deferred.delayMs) / 1000);
      later.push({
        job: { campaignId, waveId, sendIds: report.deferred.sendIds },
        jobId: sendBatchJobId(waveId, report.deferred.sendIds[0]!, `${report.deferred.reason[0]}${at}`),
        delayMs: report.deferred.delayMs,
      });
    }
    await enqueueSendBatches(scheduler.queues, channel, later);
    return {
      sent: report.sent,
      skipped: report.skipped,
      failed: report.failed,
      unknown: report.unknown,
      retried: report.retries.reduce((n, r) => n + r.sendIds.length, 0),
      deferred: report.deferred
        ? { n: report.deferred.sendIds.length, reason: report.deferred.reason }
        : null,
      stopped: report.stopped,
      recovered: report.recovered,
    };
  };
}
