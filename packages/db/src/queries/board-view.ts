import type { SendPhase } from '@relance/domain/dispatch/sends';
import type { CampaignPlan } from '@relance/domain/planning/campaign-input';
import type { PlanningSettings } from '@relance/domain/planning/planning-settings';
import type { VariantLabel } from '@relance/domain/planning/test-plan';
import {
  addSums,
  type BoardFigures,
  type BoardSums,
  campaignTotals,
  type DirectCounts,
  directSums,
  groupLines,
  lineSums,
  type WaveLine,
  withRatios,
} from '@relance/domain/tracking/board';
import {
  directEconomics,
  planFixedCents,
  stepCurve,
  waveEconomics,
} from '@relance/domain/tracking/board-plan';
import {
  type BehindAlert,
  behindAlerts,
  type ReturnsChart,
  returnsChart,
  type WaveReturns,
} from '@relance/domain/tracking/board-returns';
import type { Channel } from '@relance/domain/vocabulary';
import { asc, inArray } from 'drizzle-orm';
import type { Db } from '../client';
import { campaignSteps, campaigns } from '../schema/campaigns';
import { type BoardWave, boardWaves, campaignsStartedBetween, directReturns } from './board';
import { getPlanningSettings } from './planning-settings';

export interface BoardLine {
  stepId: string;
  position: number;
  phase: SendPhase;
  variant: VariantLabel;
  channel: Channel;
  figures: BoardFigures;
}

export interface CampaignBoard {
  campaign: { id: string; name: string; status: string; kind: string };
  fixedCents: number;
  /** fixed costs, every wave and the direct returns */
  totals: BoardFigures;
  /**
   * what came back to the campaign but to none of its sends (a coupon without a recipient of the campaign): in
   * the totals, on no line (it has no step, channel or variant); null when there is none
   */
  direct: BoardFigures | null;
  /** one line per wave: step × phase (test, rollout) × variant group */
  lines: BoardLine[];
  bySteps: { stepId: string; position: number; channel: Channel; figures: BoardFigures }[];
  byChannel: { channel: Channel; figures: BoardFigures }[];
  byVariant: { variant: VariantLabel; figures: BoardFigures }[];
  byPhase: { phase: SendPhase; figures: BoardFigures }[];
  returns: { charts: ReturnsChart[]; alerts: BehindAlert[] };
}

interface Loaded {
  id: string;
  name: string;
  status: string;
  kind: string;
  plan: CampaignPlan;
  stepIds: string[];
}

/** Campaigns with their plans, in two statements. */
async function loadCampaigns(db: Db, ids: readonly string[]): Promise<Loaded[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .select()
    .from(campaigns)
    .where(inArray(campaigns.id, [...ids]));
  const steps = await db
    .select()
    .from(campaignSteps)
    .where(inArray(campaignSteps.campaignId, [...ids]))
    .orderBy(asc(campaignSteps.position));
  return rows.map((c) => {
    const own = steps.filter((s) => s.campaignId === c.id);
    return {
      id: c.id,
      name: c.name,
      status: c.status,
      kind: c.kind,
      plan: { ...c.plan, steps: own.map((s) => s.definition) },
      stepIds: own.map((s) => s.id),
    };
  });
}

/** A campaign's direct returns as board sums, or null when it has none. */
function directOf(c: Loaded, direct: ReadonlyMap<string, DirectCounts>): BoardSums | null {
  const counts = direct.get(c.id);
  return counts ? directSums(counts, directEconomics(c.plan)) : null;
}

/** The board's lines of one campaign: each wave's counts with its economics from the plan. */
function linesOf(c: Loaded, waves: readonly BoardWave[], settings: PlanningSettings): WaveLine[] {
  const lines: WaveLine[] = [];
  for (const w of waves) {
    const index = c.stepIds.indexOf(w.stepId);
    const step = c.plan.steps[index];
    if (!step) continue;
    lines.push({
      ...w.counts,
      stepId: w.stepId,
      position: index + 1,
      phase: w.phase,
      variant: w.variant,
      channel: w.channel,
      economics: waveEconomics(c.plan, settings, step, w.variant, w.channel),
    });
  }
  return lines.sort(
    (a, b) => a.position - b.position || a.phase.localeCompare(b.phase) || a.variant.localeCompare(b.variant),
  );
}

/**
 * A campaign's board: its totals (fixed costs included), a line per wave and the same summed per step, channel,
 * variant group and phase; the actual returns against the milestone plan per phase, and the steps behind it.
 * Reads counters only (board.ts): its time does not grow with the number of sends or events.
 */
export async function campaignBoard(
  db: Db,
  campaignId: string,
  now = new Date(),
): Promise<CampaignBoard | null> {
  const [loaded, waves, direct, settings] = await Promise.all([
    loadCampaigns(db, [campaignId]),
    boardWaves(db, [campaignId]),
    directReturns(db, [campaignId]),
    getPlanningSettings(db),
  ]);
  const c = loaded[0];
  if (!c) return null;
  const lines = linesOf(c, waves, settings);
  const fixedCents = planFixedCents(c.plan);
  const returns: WaveReturns[] = [];
  for (const line of lines) {
    const w = waves.find(
      (x) => x.stepId === line.stepId && x.phase === line.phase && x.variant === line.variant,
    );
    if (!w?.dueAt || line.sent === 0) continue;
    returns.push({
      stepId: line.stepId,
      position: line.position,
      phase: line.phase,
      variant: line.variant,
      channel: line.channel,
      dueAt: w.dueAt,
      curve: stepCurve(c.plan.steps[line.position - 1]!, line.channel),
      plannedResponses: lineSums(line).plannedResponses,
      byDay: w.byDay,
    });
  }
  const phases = [...new Set(returns.map((r) => r.phase))];
  const own = directOf(c, direct);
  return {
    campaign: { id: c.id, name: c.name, status: c.status, kind: c.kind },
    fixedCents,
    totals: campaignTotals(lines, fixedCents, own),
    direct: own ? withRatios(own) : null,
    lines: lines.map((l) => ({
      stepId: l.stepId,
      position: l.position,
      phase: l.phase,
      variant: l.variant,
      channel: l.channel,
      figures: withRatios(lineSums(l)),
    })),
    bySteps: groupLines(lines, (l) => l.stepId).map((g) => {
      const first = lines.find((l) => l.stepId === g.key)!;
      return {
        stepId: g.key,
        position: first.position,
        channel: c.plan.steps[first.position - 1]!.channel,
        figures: g.figures,
      };
    }),
    byChannel: groupLines(lines, (l) => l.channel).map((g) => ({ channel: g.key, figures: g.figures })),
    byVariant: groupLines(lines, (l) => l.variant).map((g) => ({ variant: g.key, figures: g.figures })),
    byPhase: groupLines(lines, (l) => l.phase).map((g) => ({ phase: g.key, figures: g.figures })),
    returns: {
      charts: phases.map((p) => returnsChart(returns, p, now)).filter((x): x is ReturnsChart => x !== null),
      alerts: behindAlerts(returns, now),
    },
  };
}

export interface Portfolio {
  from: string;
  to: string;
  campaigns: {
    id: string;
    name: string;
    status: string;
    kind: string;
    startedAt: string;
    figures: BoardFigures;
  }[];
  /** every campaign's lines summed per channel (before fixed costs) */
  byChannel: { channel: Channel; figures: BoardFigures }[];
  /** all campaigns, fixed costs and direct returns included */
  totals: BoardFigures;
}

/** The campaigns whose test or rollout started in [from, to), each with its totals, and per channel. */
export async function portfolio(db: Db, from: Date, to: Date): Promise<Portfolio> {
  const started = await campaignsStartedBetween(db, from, to);
  const ids = started.map((s) => s.id);
  const [loaded, waves, direct, settings] = await Promise.all([
    loadCampaigns(db, ids),
    boardWaves(db, ids),
    directReturns(db, ids),
    getPlanningSettings(db),
  ]);
  const all: WaveLine[] = [];
  const directs: BoardSums[] = [];
  let fixed = 0;
  const rows = started.flatMap((s) => {
    const c = loaded.find((x) => x.id === s.id);
    if (!c) return [];
    const lines = linesOf(
      c,
      waves.filter((w) => w.campaignId === c.id),
      settings,
    );
    const fixedCents = planFixedCents(c.plan);
    const own = directOf(c, direct);
    all.push(...lines);
    if (own) directs.push(own);
    fixed += fixedCents;
    return [
      {
        id: c.id,
        name: c.name,
        status: c.status,
        kind: c.kind,
        startedAt: s.startedAt.toISOString(),
        figures: campaignTotals(lines, fixedCents, own),
      },
    ];
  });
  return {
    from: from.toISOString(),
    to: to.toISOString(),
    campaigns: rows,
    byChannel: groupLines(all, (l) => l.channel).map((g) => ({ channel: g.key, figures: g.figures })),
    totals: withRatios(addSums([...all.map(lineSums), ...directs]), fixed),
  };
}
