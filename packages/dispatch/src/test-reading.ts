import type { Db } from '@relance/db/client';
import { getCampaign } from '@relance/db/queries/campaigns';
import { testResults, type VariantResultRow } from '@relance/db/queries/dispatch-progress';
import { type Comparison, pickWinner, type WinnerMetric } from '@relance/domain/planning/significance';
import type { VariantLabel } from '@relance/domain/planning/test-plan';

/** The test's variants compared on the plan's metric, and what to roll out. */
export interface TestReading {
  metric: WinnerMetric;
  variants: VariantResultRow[];
  /** the best value of the metric (A when nothing was measured) */
  leader: VariantLabel;
  /** the leader, when it beats every other variant at 95 % confidence; null: not significant */
  winner: VariantLabel | null;
  comparisons: { against: string; comparison: Comparison }[];
  /** what the campaign page proposes to roll out: the winner, else the leader (the marketer decides) */
  recommended: VariantLabel;
  /** the plan rolls the winner out by itself when there is one */
  automatic: boolean;
  readAt: string;
}

/**
 * Reads the test as it stands: each group's members reached, responses, sales and revenue, compared with the
 * two-proportion test of significance.ts (pickWinner). A pilot test without challengers has nothing to compare:
 * A leads and is recommended, never declared a winner.
 */
export async function readTest(db: Db, campaignId: string, at = new Date()): Promise<TestReading | null> {
  const stored = await getCampaign(db, campaignId);
  const test = stored?.plan.testPlan;
  if (!stored || !test) return null;
  const variants = await testResults(
    db,
    stored.steps.map((s) => s.id),
  );
  const metric = test.winnerMetric;
  const automatic = test.rollout === 'automatic';
  if (variants.length < 2) {
    return {
      metric,
      variants,
      leader: 'A',
      winner: null,
      comparisons: [],
      recommended: 'A',
      automatic,
      readAt: at.toISOString(),
    };
  }
  const reading = pickWinner(
    variants.map((v) => ({
      name: v.variant,
      sends: v.sends,
      responses: v.responses,
      sales: v.sales,
      revenueCents: v.revenueCents,
    })),
    metric,
  );
  const leader = reading.leader as VariantLabel;
  const winner = (reading.winner ?? null) as VariantLabel | null;
  return {
    metric,
    variants,
    leader,
    winner,
    comparisons: reading.comparisons,
    recommended: winner ?? leader,
    automatic,
    readAt: at.toISOString(),
  };
}
