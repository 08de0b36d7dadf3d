import { describe, expect, it } from 'vitest';
import { roundCents } from './money';

describe('roundCents', () => {
  it('rounds half away from zero', () => {
    expect(roundCents(2.5)).toBe(3);
    expect(roundCents(-2.5)).toBe(-3);
    expect(roundCents(2.4999)).toBe(2);
    expect(roundCents(-0.4)).toBe(0);
    expect(roundCents(0)).toBe(0);
  });
  it('is not fooled by binary fractions', () => {
    // 1000 × 0.035 = 35.00000000000001 in binary floating point; 0.1 × 3 × 5 = 1.5000000000000002
    expect(roundCents(1000 * 0.035)).toBe(35);
    // 10.5 cents written as 0.105 € × 100 = 10.499999999999998 → still 11
    expect(roundCents(0.105 * 100)).toBe(11);
  });
  it('refuses non-finite values', () => {
    expect(() => roundCents(Number.NaN)).toThrow(RangeError);
  });
});
