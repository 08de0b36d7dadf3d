import { describe, expect, it } from 'vitest';
import { normalCdf, normalQuantile, twoSidedPValue } from './normal';

describe('normal distribution', () => {
  it('matches the textbook values', () => {
    // tables: Φ(1.96) = 0.9750, Φ(0) = 0.5, Φ(−1) = 0.1587
    expect(normalCdf(1.96)).toBeCloseTo(0.975, 4);
    expect(normalCdf(0)).toBeCloseTo(0.5, 7);
    expect(normalCdf(-1)).toBeCloseTo(0.158655, 5);
    // z for 97.5 % = 1.959964, for 80 % = 0.841621, for 90 % = 1.281552
    expect(normalQuantile(0.975)).toBeCloseTo(1.959964, 5);
    expect(normalQuantile(0.8)).toBeCloseTo(0.841621, 5);
    expect(normalQuantile(0.9)).toBeCloseTo(1.281552, 5);
    expect(normalQuantile(0.025)).toBeCloseTo(-1.959964, 5);
    // two-sided p for z = 1.96 is 0.05; for z = 2.5, 0.0124
    expect(twoSidedPValue(1.96)).toBeCloseTo(0.05, 4);
    expect(twoSidedPValue(-2.5)).toBeCloseTo(0.012419, 5);
  });
  it('refuses probabilities outside ]0, 1[', () => {
    expect(() => normalQuantile(1)).toThrow(RangeError);
  });
});
