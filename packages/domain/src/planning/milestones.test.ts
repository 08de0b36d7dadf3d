import { describe, expect, it } from 'vitest';
import { CHANNELS } from '../vocabulary';
import {
  dayReaching,
  defaultMilestoneCurve,
  expectedReturnsByMilestone,
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
