import type { PhasePlan } from '@relance/domain/dispatch/phase-plan';
import type { SendPhase } from '@relance/domain/dispatch/sends';
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { campaignSteps } from '../schema/campaigns';
import { campaignPhases, sendWaves } from '../schema/dispatch';

export type PhaseRow = typeof campaignPhases.$inferSelect;
export type WaveRow = typeof sendWaves.$inferSelect;

/**
 * Writes a launched phase and its waves (one per step and group), in the caller's transaction (the one that
 * moves the campaign's status). Idempotent: a phase already written is left as it is.
 */
export async function insertPhase(
  tx: Db,
  campaignId: string,
  plan: PhasePlan,
  launchedBy: string | null,
): Promise<boolean> {
  const steps = await tx
    .select({ id: campaignSteps.id })
    .from(campaignSteps)
    .where(eq(campaignSteps.campaignId, campaignId))
    .orderBy(asc(campaignSteps.position));
  const inserted = await tx
    .insert(campaignPhases)
    .values({
      campaignId,
      phase: plan.phase,
      variant: plan.phase === 'rollout' ? (plan.groups[0] ?? 'A') : null,
      startedAt: plan.startedAt,
      requestedSize: plan.sampleSize,
      endsAt: plan.endsAt,
      launchedBy,
    })
    .onConflictDoNothing()
    .returning({ phase: campaignPhases.phase });
  if (inserted.length === 0) return false;
  await tx
    .insert(sendWaves)
    .values(
      plan.waves.map((w) => ({
        campaignId,
        stepId: steps[w.stepIndex]!.id,
        phase: plan.phase,
        variant: w.variant,
        channel: w.channel,
        dueAt: w.dueAt,
      })),
    )
    .onConflictDoNothing();
  return true;
}

export async function getPhase(db: Db, campaignId: string, phase: SendPhase): Promise<PhaseRow | null> {
  const [row] = await db
    .select()
    .from(campaignPhases)
    .where(and(eq(campaignPhases.campaignId, campaignId), eq(campaignPhases.phase, phase)));
  return row ?? null;
}

export async function listPhases(db: Db, campaignId: string): Promise<PhaseRow[]> {
  return db
    .select()
    .from(campaignPhases)
    .where(eq(campaignPhases.campaignId, campaignId))
    .orderBy(asc(campaignPhases.createdAt));
}

/** A campaign's waves with their step's position, in order of position, phase and group. */
export async function listWaves(db: Db, campaignId: string): Promise<(WaveRow & { position: number })[]> {
  return db
    .select({
      id: sendWaves.id,
      campaignId: sendWaves.campaignId,
      stepId: sendWaves.stepId,
      phase: sendWaves.phase,
      variant: sendWaves.variant,
      channel: sendWaves.channel,
      dueAt: sendWaves.dueAt,
      materialisedAt: sendWaves.materialisedAt,
      enqueuedAt: sendWaves.enqueuedAt,
      createdAt: sendWaves.createdAt,
      position: campaignSteps.position,
    })
    .from(sendWaves)
    .innerJoin(campaignSteps, eq(campaignSteps.id, sendWaves.stepId))
    .where(eq(sendWaves.campaignId, campaignId))
    .orderBy(asc(campaignSteps.position), asc(sendWaves.phase), asc(sendWaves.variant));
}

export async function getWave(db: Db, waveId: string): Promise<(WaveRow & { position: number }) | null> {
  const [row] = await db
    .select({
      id: sendWaves.id,
      campaignId: sendWaves.campaignId,
      stepId: sendWaves.stepId,
      phase: sendWaves.phase,
      variant: sendWaves.variant,
      channel: sendWaves.channel,
      dueAt: sendWaves.dueAt,
      materialisedAt: sendWaves.materialisedAt,
      enqueuedAt: sendWaves.enqueuedAt,
      createdAt: sendWaves.createdAt,
      position: campaignSteps.position,
    })
    .from(sendWaves)
    .innerJoin(campaignSteps, eq(campaignSteps.id, sendWaves.stepId))
    .where(eq(sendWaves.id, waveId));
  return row ?? null;
}

export async function markWaveEnqueued(db: Db, waveId: string): Promise<void> {
  await db.update(sendWaves).set({ enqueuedAt: sql`now()` }).where(eq(sendWaves.id, waveId));
}

/** Keeps the test's reading (the variants compared when it ended). */
export async function saveTestReading(db: Db, campaignId: string, reading: unknown): Promise<void> {
  await db
    .update(campaignPhases)
    .set({ reading, readAt: sql`now()` })
    .where(and(eq(campaignPhases.campaignId, campaignId), eq(campaignPhases.phase, 'test')));
}
