import type { SendPhase } from '../dispatch/sends';
import {
  expectedReturnsTimeline,
  expectedShareAt,
  MILESTONE_DAYS,
  type MilestoneCurve,
  type MilestoneDay,
} from '../planning/milestones';
import type { VariantLabel } from '../planning/test-plan';
import type { Channel } from '../vocabulary';

/**
 * Actual returns against the milestone plan (planning/milestones.ts). A return is a responder (a response, a quote
 * or a sale, each send once), dated by its first response in whole days since its wave was due (day 0: the first
 * 24 hours). "By D+n" counts the returns of days 0 to n−1, as the plan's share at D+n is the share received
 * within n days of the send.
 */
const DAY_MS = 86_400_000;

export interface WaveReturns {
  stepId: string;
  position: number;
  phase: SendPhase;
  variant: VariantLabel;
  channel: Channel;
  dueAt: Date;
  curve: MilestoneCurve;
  /** the plan's returns at the volume actually sent: sends × expected response rate */
  plannedResponses: number;
  byDay: readonly { day: number; responders: number }[];
}

const returnsBefore = (w: WaveReturns, day: number) =>
  w.byDay.reduce((n, d) => (d.day < day ? n + d.responders : n), 0);

export interface ReturnsPoint {
  /** days since the phase's D+0 (its first wave) */
  day: number;
  /** cumulative returns the plan expects by that day (not rounded) */
  expected: number;
  /** cumulative actual returns by that day; null after today */
  actual: number | null;
}

export interface ReturnsChart {
  phase: SendPhase;
  /** the phase's D+0: its first wave's due time */
  startsAt: Date;
  /** whole days since D+0 */
  today: number;
  points: ReturnsPoint[];
}

/**
 * The phase's cumulative returns day by day, actual against expected: each wave's returns spread along its own
 * curve from its own day (planning/milestones.ts `expectedReturnsTimeline`), up to 30 days after the last wave.
 */
export function returnsChart(
  waves: readonly WaveReturns[],
  phase: SendPhase,
  now: Date,
): ReturnsChart | null {
  const list = waves.filter((w) => w.phase === phase);
  if (list.length === 0) return null;
  const start = Math.min(...list.map((w) => w.dueAt.getTime()));
  const offsetOf = (w: WaveReturns) => Math.round((w.dueAt.getTime() - start) / DAY_MS);
  const timeline = expectedReturnsTimeline(
    list.map((w) => ({
      channel: w.channel,
      offsetDays: offsetOf(w),
      curve: w.curve,
      expectedResponses: w.plannedResponses,
    })),
  );
  const today = Math.max(0, Math.floor((now.getTime() - start) / DAY_MS));
  const points = timeline.map((p) => ({
    day: p.day,
    expected: p.total,
    actual: p.day <= today ? list.reduce((n, w) => n + returnsBefore(w, p.day - offsetOf(w)), 0) : null,
  }));
  return { phase, startsAt: new Date(start), today, points };
}

export interface BehindAlert {
  stepId: string;
  position: number;
  phase: SendPhase;
  channel: Channel;
  /** the first milestone at which the step's returns fell short of the plan */
  fromMilestone: MilestoneDay;
  /** returns so far, and what the plan expects by now */
  actual: number;
  expected: number;
  /** expected − actual (returns), and that as a share of expected */
  shortfall: number;
  shortfallRate: number;
  /** add a step to non-responders: on this channel, at D+n of the phase */
  suggestion: { channel: Channel; offsetDays: number; target: 'non_responders' };
}

export interface BehindOptions {
  /** how far below the plan counts as behind: 0.2 = 20 % fewer returns than expected */
  tolerance?: number;
  /** no alert before the plan expects at least this many returns (too few to tell) */
  minExpected?: number;
}

/** The channel suggested for a reminder: a quick and cheap one, other than the step's own when that is an SMS. */
export const reminderChannel = (channel: Channel): Channel => (channel === 'sms' ? 'email' : 'sms');

/**
 * The steps (per phase, variants together) whose returns are behind the plan now and were already behind at a
 * milestone passed: how far, from which milestone, and a reminder step to suggest tomorrow (D+n of the phase,
 * to non-responders).
 */
export function behindAlerts(
  waves: readonly WaveReturns[],
  now: Date,
  options: BehindOptions = {},
): BehindAlert[] {
  const tolerance = options.tolerance ?? 0.2;
  const minExpected = options.minExpected ?? 5;
  const groups = new Map<string, WaveReturns[]>();
  for (const w of waves) {
    const key = `${w.phase}/${w.stepId}`;
    groups.set(key, [...(groups.get(key) ?? []), w]);
  }
  const phaseStart = new Map<SendPhase, number>();
  for (const w of waves) {
    phaseStart.set(w.phase, Math.min(phaseStart.get(w.phase) ?? Infinity, w.dueAt.getTime()));
  }
  const elapsed = (w: WaveReturns) => (now.getTime() - w.dueAt.getTime()) / DAY_MS;
  const behind = (actual: number, expected: number) =>
    expected >= minExpected && actual < (1 - tolerance) * expected;

  const alerts: BehindAlert[] = [];
  for (const list of groups.values()) {
    const first = list[0]!;
    const expected = list.reduce((n, w) => n + w.plannedResponses * expectedShareAt(w.curve, elapsed(w)), 0);
    const actual = list.reduce((n, w) => n + returnsBefore(w, Infinity), 0);
    if (!behind(actual, expected)) continue;
    const from = MILESTONE_DAYS.find((m, i) => {
      const passed = list.filter((w) => elapsed(w) >= m);
      if (passed.length === 0) return false;
      const exp = passed.reduce((n, w) => n + w.plannedResponses * w.curve[i]!, 0);
      const act = passed.reduce((n, w) => n + returnsBefore(w, m), 0);
      return behind(act, exp);
    });
    if (from === undefined) continue;
    const start = phaseStart.get(first.phase)!;
    alerts.push({
      stepId: first.stepId,
      position: first.position,
      phase: first.phase,
      channel: first.channel,
      fromMilestone: from,
      actual,
      expected,
      shortfall: expected - actual,
      shortfallRate: (expected - actual) / expected,
      suggestion: {
        channel: reminderChannel(first.channel),
        offsetDays: Math.floor((now.getTime() - start) / DAY_MS) + 1,
        target: 'non_responders',
      },
    });
  }
  return alerts.sort((a, b) => a.position - b.position || a.phase.localeCompare(b.phase));
}
