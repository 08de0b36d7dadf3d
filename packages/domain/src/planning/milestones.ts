import { z } from 'zod';
import type { Channel } from '../vocabulary';
import { assertNever } from '../vocabulary';

/**
 * The schedule of milestones (DOMAIN.md §1.4): the expected share of a step's total returns received by D+1,
 * D+3, D+7, D+14 and D+30 after the send. It is the plan the board holds actuals against: returns below the
 * curve tell when to add a reminder (relance).
 */
export const MILESTONE_DAYS = [1, 3, 7, 14, 30] as const;
export type MilestoneDay = (typeof MILESTONE_DAYS)[number];

/** Cumulative shares (0..1) at D+1, D+3, D+7, D+14, D+30, in that order. */
export type MilestoneCurve = readonly [number, number, number, number, number];

/**
 * Default curves per channel. Assumptions (French direct-marketing rules of thumb, to be replaced by the
 * figures of past campaigns): a phone call's outcome is known during the call; SMS answers come within hours;
 * email within two or three days (most opens on the day); a voice message is listened to within a few days;
 * postal mail is delivered in 2-4 days (marketing mail is slower than a stamped letter), then answers spread
 * over two or three weeks (the "half-life" of a mailing is about a week after delivery).
 */
export function defaultMilestoneCurve(channel: Channel): MilestoneCurve {
  switch (channel) {
    case 'phone':
      return [1, 1, 1, 1, 1];
    case 'sms':
      return [0.7, 0.9, 0.97, 0.99, 1];
    case 'email':
      return [0.5, 0.8, 0.93, 0.98, 1];
    case 'voice':
      return [0.4, 0.7, 0.88, 0.96, 1];
    case 'postal':
      return [0.02, 0.2, 0.55, 0.85, 1];
    default:
      return assertNever(channel, 'channel');
  }
}

const share = z
  .number({ error: 'Enter a share between 0 and 100 %' })
  .min(0, { error: 'A share cannot be negative' })
  .max(1, { error: 'A share cannot exceed 100 %' });

/** A curve: five shares, each ≤ 100 % and never below the one before (returns only accumulate). */
export const milestoneCurveSchema = z
  .tuple([share, share, share, share, share], {
    error: 'Give the expected share at D+1, D+3, D+7, D+14, D+30',
  })
  .superRefine((curve, ctx) => {
    for (let i = 1; i < curve.length; i++) {
      if (curve[i]! < curve[i - 1]!) {
        ctx.addIssue({
          code: 'custom',
          path: [i],
          message: `D+${MILESTONE_DAYS[i]} (${pct(curve[i]!)}) cannot be below D+${MILESTONE_DAYS[i - 1]} (${pct(curve[i - 1]!)}): returns only accumulate`,
        });
      }
    }
  });

const pct = (x: number) => `${Math.round(x * 1000) / 10} %`;

/**
 * The expected cumulative share of returns at any day after the send: 0 at D+0, linear between milestones,
 * flat after D+30 (whatever comes later is not planned for).
 */
export function expectedShareAt(curve: MilestoneCurve, day: number): number {
  if (!(day > 0)) return 0;
  let prevDay = 0;
  let prevShare = 0;
  for (let i = 0; i < MILESTONE_DAYS.length; i++) {
    const d = MILESTONE_DAYS[i]!;
    const s = curve[i]!;
    if (day <= d) return prevShare + ((s - prevShare) * (day - prevDay)) / (d - prevDay);
    prevDay = d;
    prevShare = s;
  }
  return prevShare;
}

/**
 * The first day (possibly fractional) at which the curve reaches `target` (0..1), or null if it never does
 * within D+30. The inverse of `expectedShareAt`.
 */
export function dayReaching(curve: MilestoneCurve, target: number): number | null {
  if (target <= 0) return 0;
  let prevDay = 0;
  let prevShare = 0;
  for (let i = 0; i < MILESTONE_DAYS.length; i++) {
    const d = MILESTONE_DAYS[i]!;
    const s = curve[i]!;
    if (s >= target) return prevDay + ((target - prevShare) * (d - prevDay)) / (s - prevShare);
    prevDay = d;
    prevShare = s;
  }
  return null;
}

/** Expected cumulative returns (counts, rounded to whole returns) at each milestone for a step's total. */
export function expectedReturnsByMilestone(
  curve: MilestoneCurve,
  totalExpectedReturns: number,
): { day: MilestoneDay; share: number; returns: number }[] {
  return MILESTONE_DAYS.map((day, i) => ({
    day,
    share: curve[i]!,
    returns: Math.round(curve[i]! * totalExpectedReturns),
  }));
}

/** A step as the returns timeline needs it: when it sends, on which channel, its curve and its expected returns. */
export interface TimelineStep {
  channel: Channel;
  offsetDays: number;
  curve: MilestoneCurve;
  expectedResponses: number;
}

export interface TimelinePoint {
  /** days since the campaign's D+0 */
  day: number;
  /** cumulative expected returns of the channel's steps by that day */
  byChannel: Partial<Record<Channel, number>>;
  total: number;
}

/**
 * The campaign's milestone plan: the cumulative expected returns, day by day from D+0 to 30 days after the last
 * send, each step's returns spread along its own curve from its own day (a call at D+10 brings nothing before
 * D+10). Not rounded: the chart and the board round what they show.
 */
export function expectedReturnsTimeline(steps: readonly TimelineStep[]): TimelinePoint[] {
  const lastDay = Math.max(0, ...steps.map((s) => s.offsetDays)) + MILESTONE_DAYS.at(-1)!;
  const points: TimelinePoint[] = [];
  for (let day = 0; day <= lastDay; day++) {
    const byChannel: Partial<Record<Channel, number>> = {};
    let total = 0;
    for (const step of steps) {
      const returns = step.expectedResponses * expectedShareAt(step.curve, day - step.offsetDays);
      byChannel[step.channel] = (byChannel[step.channel] ?? 0) + returns;
      total += returns;
    }
    points.push({ day, byChannel, total });
  }
  return points;
}
