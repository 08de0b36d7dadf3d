import type { Db } from '@relance/db/client';
import type { ContactRange } from '@relance/db/queries/dispatch-materialise';
import { listPhases, listWaves, markWaveEnqueued, type WaveRow } from '@relance/db/queries/dispatch-phases';
import { enqueueDispatch, enqueueSendBatches, type Queues } from '@relance/jobs/enqueue';
import {
  phaseJobId,
  SEND_BATCH_SIZE,
  type SendBatchJob,
  sendBatchJobId,
  testEndJobId,
  waveJobId,
} from '@relance/jobs/queues';
import { sql } from 'drizzle-orm';

export interface Scheduler {
  db: Db;
  queues: Queues;
  now?: () => Date;
}

const ENQUEUE_CHUNK = 500;

/**
 * Enqueues a wave's pending sends (those of a range of contacts, or all) as batch jobs (1,000 send ids for
 * email, fewer for one-call-per-message channels), delayed until the wave is due. The ids are read in contact order through UNIQUE (step, contact); a batch's
 * job id is its wave, its first send and the generation, so the same sends enqueued twice in a generation run
 * once (and a duplicate would find them claimed anyway).
 */
export async function enqueueWaveSends(
  s: Scheduler,
  wave: Pick<WaveRow, 'id' | 'campaignId' | 'stepId' | 'channel' | 'dueAt'>,
  generation: string,
  range?: ContactRange,
): Promise<number> {
  const inRange = range ? sql`AND contact_id > ${range.after} AND contact_id <= ${range.upTo}` : sql``;
  const rows = await s.db.execute<{ id: number }>(sql`
    SELECT id FROM sends
     WHERE step_id = ${wave.stepId}::uuid ${inRange} AND wave_id = ${wave.id}::uuid AND status = 'pending'
     ORDER BY contact_id`);
  const ids = rows.map((r) => Number(r.id));
  const delayMs = Math.max(0, wave.dueAt.getTime() - (s.now?.() ?? new Date()).getTime());
  const jobs: { job: SendBatchJob; jobId: string; delayMs: number }[] = [];
  const size = SEND_BATCH_SIZE[wave.channel];
  for (let i = 0; i < ids.length; i += size) {
    const sendIds = ids.slice(i, i + size);
    jobs.push({
      job: { campaignId: wave.campaignId, waveId: wave.id, sendIds },
      jobId: sendBatchJobId(wave.id, sendIds[0]!, generation),
      delayMs,
    });
  }
  for (let i = 0; i < jobs.length; i += ENQUEUE_CHUNK) {
    await enqueueSendBatches(s.queues, wave.channel, jobs.slice(i, i + ENQUEUE_CHUNK));
  }
  if (ids.length > 0) await markWaveEnqueued(s.db, wave.id);
  return ids.length;
}

/**
 * Schedules what a campaign's launched phases still need: each phase whose members are not written yet, each
 * later step's wave not yet written (a delayed job at its due time), and the test's reading at its end. Called
 * after a launch, a resume and by the sweep; deterministic job ids make a second call add nothing.
 */
export async function scheduleCampaign(
  s: Scheduler,
  campaign: { id: string; status: string },
  generation: string,
): Promise<void> {
  const now = (s.now?.() ?? new Date()).getTime();
  const phases = await listPhases(s.db, campaign.id);
  for (const phase of phases) {
    if (!phase.materialisedAt) {
      await enqueueDispatch(
        s.queues,
        { kind: 'phase', campaignId: campaign.id, phase: phase.phase, generation },
        phaseJobId(campaign.id, phase.phase, generation),
      );
    }
  }
  const launched = new Set(phases.map((p) => p.phase));
  for (const wave of await listWaves(s.db, campaign.id)) {
    if (wave.materialisedAt || wave.position === 1 || !launched.has(wave.phase)) continue;
    await enqueueDispatch(
      s.queues,
      { kind: 'wave', waveId: wave.id, generation },
      waveJobId(wave.id, generation),
      wave.dueAt.getTime() - now,
    );
  }
  const test = phases.find((p) => p.phase === 'test');
  if (campaign.status === 'testing' && test?.endsAt && !test.readAt) {
    await enqueueDispatch(
      s.queues,
      { kind: 'test-end', campaignId: campaign.id, generation },
      testEndJobId(campaign.id, generation),
      test.endsAt.getTime() - now,
    );
  }
}

/** Enqueues again every pending send of the campaign's written waves (after a resume, or by hand). */
export async function requeuePending(s: Scheduler, campaignId: string, generation: string): Promise<number> {
  let n = 0;
  for (const wave of await listWaves(s.db, campaignId)) {
    if (wave.materialisedAt) n += await enqueueWaveSends(s, wave, generation);
  }
  return n;
}

/**
 * Everything a campaign still needs, queued again: its phases not yet written, its later steps, the test's end,
 * and every pending send (after Redis lost its jobs, or by hand). Each send is still claimed once.
 */
export async function requeueCampaign(
  s: Scheduler,
  campaign: { id: string; status: string },
  generation: string,
): Promise<number> {
  await scheduleCampaign(s, campaign, generation);
  return requeuePending(s, campaign.id, generation);
}
