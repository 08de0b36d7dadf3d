import { describe, expect, it } from 'vitest';
import { CHANNELS } from '../vocabulary';
import {
  dayReaching,
  defaultMilestoneCurve,
  expectedReturnsByMilestone,
  expectedReturnsTimeline,
  expectedShareAt,
  type MilestoneCurve,
  milestoneCurveSchema,
} from './milestones';

const postal: MilestoneCurve = [0.02, 0.2, 0.55, 0.85, 1];

describe('milestones', () => {
  it('has a valid default curve per channel: email faster than postal, phone immediate', () => {
    for (const channel of CHANNELS) {
      expect(milestoneCurveSchema.safeParse(defaultMilestoneCurve(channel)).success).toBe(true);
    }
    expect(defaultMilestoneCurve('email')[0]).toBeGreaterThan(defaultMilestoneCurve('postal')[0]);
    expect(defaultMilestoneCurve('phone')[0]).toBe(1);
  });

  it('interpolates linearly between milestones', () => {
    expect(expectedShareAt(postal, 0)).toBe(0);
    // D+0.5: half-way from (0, 0) to (1, 0.02) → 0.01
    expect(expectedShareAt(postal, 0.5)).toBeCloseTo(0.01, 10);
    expect(expectedShareAt(postal, 3)).toBeCloseTo(0.2, 10);
    // D+5: from (3, 0.20) to (7, 0.55): 0.20 + 0.35 × (5 − 3) / 4 = 0.375
    expect(expectedShareAt(postal, 5)).toBeCloseTo(0.375, 10);
    // D+10: from (7, 0.55) to (14, 0.85): 0.55 + 0.30 × 3 / 7 = 0.678571…
    expect(expectedShareAt(postal, 10)).toBeCloseTo(0.678571, 6);
    expect(expectedShareAt(postal, 45)).toBe(1);
  });

  it('finds the day a share is reached', () => {
    // 0.70 lies between (7, 0.55) and (14, 0.85): 7 + (0.70 − 0.55) × 7 / 0.30 = 7 + 3.5 = 10.5
    expect(dayReaching(postal, 0.7)).toBeCloseTo(10.5, 10);
    expect(dayReaching([0.1, 0.2, 0.3, 0.4, 0.5], 0.8)).toBeNull();
    expect(dayReaching(postal, 0)).toBe(0);
  });

  it('spreads a step total over the milestones', () => {
    // 400 expected responses by post: 8, 80, 220, 340, 400
    expect(expectedReturnsByMilestone(postal, 400).map((m) => m.returns)).toEqual([8, 80, 220, 340, 400]);
  });

  it('refuses decreasing curves and shares above 100 %', () => {
    const decreasing = milestoneCurveSchema.safeParse([0.1, 0.5, 0.4, 0.9, 1]);
    expect(decreasing.error?.issues).toMatchObject([
      { path: [2], message: 'D+7 (40 %) cannot be below D+3 (50 %): returns only accumulate' },
    ]);
    const over = milestoneCurveSchema.safeParse([0.1, 0.5, 0.6, 0.9, 1.2]);
    expect(over.error?.issues).toMatchObject([{ path: [4], message: 'A share cannot exceed 100 %' }]);
    expect(milestoneCurveSchema.safeParse([0.1, 0.5]).success).toBe(false);
  });
});

describe('expectedReturnsTimeline', () => {
  // A letter at D+0 expecting 100 returns on the postal curve, an email at D+7 expecting 20 on the email curve.
  const timeline = expectedReturnsTimeline([
    { channel: 'postal', offsetDays: 0, curve: defaultMilestoneCurve('postal'), expectedResponses: 100 },
    { channel: 'email', offsetDays: 7, curve: defaultMilestoneCurve('email'), expectedResponses: 20 },
  ]);

  it('runs from D+0 to 30 days after the last send', () => {
    expect(timeline[0]!.day).toBe(0);
    expect(timeline.at(-1)!.day).toBe(37);
    expect(timeline[0]!.total).toBe(0);
  });

  it('spreads each step along its own curve from its own day', () => {
    // D+7: the letter's curve at its D+7 is 55 % → 55; the email is sent that day, nothing back yet
    expect(timeline[7]!.byChannel.postal).toBeCloseTo(55, 9);
    expect(timeline[7]!.byChannel.email).toBe(0);
    // D+8: letter at its D+8, between D+7 (55 %) and D+14 (85 %): 55 + 30 × 1/7 = 59.2857…;
    // email at its D+1: 50 % of 20 = 10
    expect(timeline[8]!.byChannel.postal).toBeCloseTo(59.2857, 3);
    expect(timeline[8]!.byChannel.email).toBeCloseTo(10, 9);
    // D+37: the letter is whole since D+30 (100), the email at its D+30 (20)
    expect(timeline[37]!.total).toBeCloseTo(120, 9);
  });

  it('adds up the steps of one channel', () => {
    const two = expectedReturnsTimeline([
      { channel: 'sms', offsetDays: 0, curve: defaultMilestoneCurve('sms'), expectedResponses: 10 },
      { channel: 'sms', offsetDays: 3, curve: defaultMilestoneCurve('sms'), expectedResponses: 10 },
    ]);
    // D+3: the first SMS at its D+3 (90 %) = 9, the second just sent = 0
    expect(two[3]!.byChannel.sms).toBeCloseTo(9, 9);
    expect(two.at(-1)!.byChannel.sms).toBeCloseTo(20, 9);
  });
});
