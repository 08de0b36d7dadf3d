import type { Db } from '@relance/db/client';
import { getCampaign } from '@relance/db/queries/campaigns';
import { listPhases, listWaves } from '@relance/db/queries/dispatch-phases';
import {
  dispatchCounts,
  emptyCounts,
  type StatusCounts,
  sumCounts,
} from '@relance/db/queries/dispatch-progress';
import { listPostalBatches } from '@relance/db/queries/postal-batches';
import type { TestReading } from './test-reading';

export interface WaveView {
  id: string;
  phase: 'test' | 'rollout';
  variant: 'A' | 'B' | 'C';
  channel: string;
  dueAt: string;
  /** its sends are written (later steps: when they come due) */
  materialisedAt: string | null;
  counts: StatusCounts;
}

export interface StepProgress {
  id: string;
  position: number;
  channel: string;
  offsetDays: number;
  counts: StatusCounts;
  waves: WaveView[];
}

export interface DispatchProgress {
  campaignId: string;
  status: string;
  totals: StatusCounts;
  phases: {
    phase: 'test' | 'rollout';
    variant: string | null;
    startedAt: string;
    members: number | null;
    materialisedAt: string | null;
    endsAt: string | null;
    reading: TestReading | null;
  }[];
  steps: StepProgress[];
  postalBatches: {
    id: string;
    stepId: string;
    reference: string;
    letters: number;
    bytes: number;
    createdAt: string;
  }[];
}

/**
 * A campaign's sending as it stands: per step and per wave (phase × variant group), how many sends are pending,
 * in flight, sent, failed, unknown, cancelled, and skipped with their reasons; the phases with the test's reading;
 * the postal batches to download. One grouped count over the campaign's sends.
 */
export async function dispatchProgress(db: Db, campaignId: string): Promise<DispatchProgress | null> {
  const stored = await getCampaign(db, campaignId);
  if (!stored) return null;
  const [counts, phases, waves, batches] = await Promise.all([
    dispatchCounts(
      db,
      stored.steps.map((s) => s.id),
    ),
    listPhases(db, campaignId),
    listWaves(db, campaignId),
    listPostalBatches(db, campaignId),
  ]);
  const countsOf = (stepId: string, phase: string, variant: string) =>
    counts.find((c) => c.stepId === stepId && c.phase === phase && c.variant === variant) ?? emptyCounts();
  const steps = stored.steps.map((step): StepProgress => {
    const stepWaves = waves
      .filter((w) => w.stepId === step.id)
      .map(
        (w): WaveView => ({
          id: w.id,
          phase: w.phase,
          variant: w.variant,
          channel: w.channel,
          dueAt: w.dueAt.toISOString(),
          materialisedAt: w.materialisedAt?.toISOString() ?? null,
          counts: countsOf(step.id, w.phase, w.variant),
        }),
      );
    return {
      id: step.id,
      position: step.position,
      channel: step.channel,
      offsetDays: step.offsetDays,
      counts: sumCounts(counts.filter((c) => c.stepId === step.id)),
      waves: stepWaves,
    };
  });
  return {
    campaignId,
    status: stored.campaign.status,
    totals: sumCounts(steps.map((s) => s.counts)),
    phases: phases.map((p) => ({
      phase: p.phase,
      variant: p.variant,
      startedAt: p.startedAt.toISOString(),
      members: p.members,
      materialisedAt: p.materialisedAt?.toISOString() ?? null,
      endsAt: p.endsAt?.toISOString() ?? null,
      reading: (p.reading as TestReading | null) ?? null,
    })),
    steps,
    postalBatches: batches.map((b) => ({ ...b, createdAt: b.createdAt.toISOString() })),
  };
}
