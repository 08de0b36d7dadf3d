import { describe, expect, it } from 'vitest';
import { AppError } from '../errors';
import { minimumSampleSize, resolveTestSample, testDurationDays } from './sample-size';

describe('minimum sample size', () => {
  it('matches the worked example: 2 % baseline, +25 % lift, 95 % / 80 %', () => {
    // p1 = 0.02, p2 = 0.025, p̄ = 0.0225, z(0.975) = 1.959964, z(0.80) = 0.841621
    // √(2 × 0.0225 × 0.9775) = √0.0439875 = 0.209732
    // √(0.02 × 0.98 + 0.025 × 0.975) = √0.043975 = 0.209702
    // (1.959964 × 0.209732 + 0.841621 × 0.209702)² = 0.587557² = 0.345223
    // n = 0.345223 / 0.005² = 13808.9 → 13809 per variant, 27618 for A/B
    expect(minimumSampleSize({ baselineRate: 0.02, relativeLift: 0.25 })).toEqual({
      perVariant: 13809,
      total: 27618,
      targetRate: 0.025,
      shareOfAudience: null,
    });
  });

  it('matches the textbook 10 % → 12 % case, and more power needs more contacts', () => {
    // (1.959964 × 0.442493 + 0.841621 × 0.442267)² / 0.02² = 1.536339 / 0.0004 = 3840.8 → 3841
    expect(minimumSampleSize({ baselineRate: 0.1, relativeLift: 0.2 }).perVariant).toBe(3841);
    // power 90 %: z = 1.281552 → 2.056522 / 0.0004 = 5141.3 → 5142
    expect(minimumSampleSize({ baselineRate: 0.1, relativeLift: 0.2, power: 0.9 }).perVariant).toBe(5142);
    // A/B/C: 3 × 3841
    expect(minimumSampleSize({ baselineRate: 0.1, relativeLift: 0.2, variants: 3 }).total).toBe(11523);
  });

  it('refuses a test larger than the audience, and absurd inputs', () => {
    const tooBig = () => minimumSampleSize({ baselineRate: 0.02, relativeLift: 0.25, audienceSize: 20000 });
    expect(tooBig).toThrow(AppError);
    try {
      tooBig();
    } catch (error) {
      expect((error as AppError).fieldErrors[0]).toEqual({
        field: 'relativeLift',
        message:
          'Detecting +25 % needs 13809 contacts per variant (27618 in all) but the audience has 20000: test a larger lift or a larger audience',
      });
    }
    expect(
      minimumSampleSize({ baselineRate: 0.02, relativeLift: 0.25, audienceSize: 100000 }).shareOfAudience,
    ).toBeCloseTo(0.27618, 10);
    try {
      minimumSampleSize({ baselineRate: 0, relativeLift: -1 });
      expect.unreachable();
    } catch (error) {
      expect((error as AppError).fieldErrors).toEqual([
        { field: 'baselineRate', message: 'The baseline rate must be above 0 %' },
        { field: 'relativeLift', message: 'The lift to detect must be above 0 %' },
      ]);
    }
  });
});

describe('test sample', () => {
  it('resolves absolute and percent samples', () => {
    expect(resolveTestSample({ mode: 'absolute', size: 5000 }, 50000)).toBe(5000);
    // 10 % of 48 345 = 4834.5 → 4835
    expect(resolveTestSample({ mode: 'percent', share: 0.1 }, 48345)).toBe(4835);
  });
  it('refuses a sample larger than the audience', () => {
    expect(() => resolveTestSample({ mode: 'absolute', size: 5001 }, 5000)).toThrow(
      'The test sample is larger than the audience.',
    );
  });
});

describe('test duration', () => {
  it('runs until the curve expects 80 % of the returns', () => {
    // email curve reaches 0.80 exactly at D+3
    expect(testDurationDays([0.5, 0.8, 0.93, 0.98, 1])).toBe(3);
    // postal: between (7, 0.55) and (14, 0.85): 7 + 0.25 × 7 / 0.30 = 12.83 → 13 days
    expect(testDurationDays([0.02, 0.2, 0.55, 0.85, 1])).toBe(13);
    expect(testDurationDays([0.1, 0.2, 0.3, 0.4, 0.5])).toBeNull();
  });
});
