import { describe, expect, it } from 'vitest';
import { auc, fitLogistic, sigmoid, solve } from './logistic';

describe('logistic regression', () => {
  it('solves a small linear system', () => {
    // 2x + y = 5, x + 3y = 10 → x = 1, y = 3
    const [x, y] = solve(
      [
        [2, 1],
        [1, 3],
      ],
      [5, 10],
    );
    expect(x).toBeCloseTo(1, 12);
    expect(y).toBeCloseTo(3, 12);
  });

  it('finds the log-odds of each group for a yes/no feature (exact maximum likelihood)', () => {
    // x = 0: 1 left out of 4 → odds 1/3 → intercept ln(1/3) = −1.0986
    // x = 1: 3 left out of 4 → odds 3 → intercept + coefficient = ln 3 → coefficient = 2 ln 3 = 2.1972
    const x = [[0], [0], [0], [0], [1], [1], [1], [1]];
    const y = [1, 0, 0, 0, 1, 1, 1, 0] as const;
    const fit = fitLogistic(x, [...y]);
    expect(fit.converged).toBe(true);
    expect(fit.intercept).toBeCloseTo(Math.log(1 / 3), 6);
    expect(fit.coefficients[0]).toBeCloseTo(2 * Math.log(3), 6);
    expect(sigmoid(fit.intercept + fit.coefficients[0]!)).toBeCloseTo(0.75, 6);
  });

  it('stays finite on perfectly separated data thanks to the ridge', () => {
    const fit = fitLogistic([[-2], [-1], [1], [2]], [0, 0, 1, 1], { l2: 1 });
    expect(fit.converged).toBe(true);
    expect(Number.isFinite(fit.coefficients[0])).toBe(true);
    expect(fit.coefficients[0]).toBeGreaterThan(0);
  });

  it('measures the AUC as the share of (left, stayed) pairs ranked right, ties half', () => {
    // left: 0.9, 0.4; stayed: 0.5, 0.1, 0.4. Pairs: 0.9 beats all 3; 0.4 loses to 0.5, beats 0.1, ties 0.4
    // → (3 + 1 + 0.5) / (2 × 3) = 0.75
    expect(auc([0.9, 0.4, 0.5, 0.1, 0.4], [1, 1, 0, 0, 0])).toBe(0.75);
    expect(auc([0.1, 0.2], [0, 1])).toBe(1);
    expect(auc([0.3, 0.3], [0, 1])).toBe(0.5);
    expect(auc([0.3, 0.4], [1, 1])).toBeNull();
  });
});
