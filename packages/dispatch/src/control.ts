import { getCampaign } from '@relance/db/queries/campaigns';
import { cancelPendingSends, SENDING_STATUSES } from '@relance/db/queries/dispatch-claims';
import { materialisePhase, materialiseWave } from '@relance/db/queries/dispatch-materialise';
import { getWave, listWaves } from '@relance/db/queries/dispatch-phases';
import { sweepStaleClaims } from '@relance/db/queries/dispatch-progress';
import type { SendPhase } from '@relance/domain/dispatch/sends';
import { endTest } from './lifecycle';
import { enqueueWaveSends, type Scheduler, scheduleCampaign } from './schedule';

/**
 * Writes a launched phase's members (the first step's sends), enqueueing each committed range of contacts at
 * once so that sending starts while the rest is written; then schedules the later steps and the test's end.
 * Runs whatever the campaign's status but cancelled or completed (a paused campaign's sends wait in the queue:
 * their claims fail until it resumes).
 */
export async function runPhase(
  s: Scheduler,
  campaignId: string,
  phase: SendPhase,
  generation: string,
  chunkSize?: number,
) {
  const stored = await getCampaign(s.db, campaignId);
  if (!stored || stored.campaign.status === 'cancelled' || stored.campaign.status === 'completed')
    return null;
  const firstStep = stored.steps[0]!.id;
  const waves = (await listWaves(s.db, campaignId)).filter(
    (w) => w.stepId === firstStep && w.phase === phase,
  );
  const result = await materialisePhase(s.db, campaignId, phase, {
    ...(chunkSize ? { chunkSize } : {}),
    onChunk: async (range) => {
      for (const wave of waves) await enqueueWaveSends(s, wave, generation, range);
    },
  });
  await cancelIfEnded(s, campaignId);
  await scheduleCampaign(s, stored.campaign, generation);
  return result;
}

/**
 * A campaign cancelled or completed while its sends were being written: the cancel cancelled the rows that
 * existed then; the ones written since are cancelled now (the last range is committed before this check).
 */
async function cancelIfEnded(s: Scheduler, campaignId: string) {
  const now = await getCampaign(s.db, campaignId);
  const status = now?.campaign.status;
  if (status === 'cancelled' || status === 'completed') await cancelPendingSends(s.db, campaignId);
}

/**
 * A later step's wave when it comes due: its target resolved and written, range by range, each range enqueued.
 * Left for later when the campaign is paused (resume schedules it again), dropped when it has ended.
 */
export async function runWave(s: Scheduler, waveId: string, generation: string, chunkSize?: number) {
  const wave = await getWave(s.db, waveId);
  if (!wave) return null;
  const stored = await getCampaign(s.db, wave.campaignId);
  if (!stored || !(SENDING_STATUSES as readonly string[]).includes(stored.campaign.status)) return null;
  const result = await materialiseWave(s.db, waveId, {
    ...(chunkSize ? { chunkSize } : {}),
    onChunk: async (range) => {
      await enqueueWaveSends(s, wave, generation, range);
    },
  });
  await cancelIfEnded(s, wave.campaignId);
  return result;
}

export async function runTestEnd(s: Scheduler, campaignId: string) {
  return endTest(s, campaignId);
}

/** Claims stuck in `sending` for longer than any live claim lasts (10 minutes): recovered, and enqueued again. */
export const STALE_CLAIM_MS = 10 * 60_000;

export async function runSweep(s: Scheduler, now = new Date()) {
  const swept = await sweepStaleClaims(s.db, STALE_CLAIM_MS);
  const generation = `s${Math.floor(now.getTime() / 60_000)}`;
  for (const { waveId } of swept.released) {
    const wave = await getWave(s.db, waveId);
    if (wave) await enqueueWaveSends(s, wave, generation);
  }
  return swept;
}
