import { errorFunction } from 'simple-statistics';

/** Standard normal cumulative distribution, Φ(z), from simple-statistics' error function (error < 1e-7). */
export function normalCdf(z: number): number {
  return z >= 0 ? 0.5 * (1 + errorFunction(z / Math.SQRT2)) : 0.5 * (1 - errorFunction(-z / Math.SQRT2));
}

/**
 * The quantile Φ⁻¹(p), by bisection on `normalCdf`. simple-statistics' own `probit` is only good to about
 * 3e-3 (1.9572 instead of 1.95996 for 97.5 %), which would shift sample sizes; bisection gives the quantile
 * to the precision of the CDF (about 1e-6 around ±2).
 */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`A probability strictly between 0 and 1 is needed, got ${p}`);
  let low = -10;
  let high = 10;
  for (let i = 0; i < 80; i++) {
    const mid = (low + high) / 2;
    if (normalCdf(mid) < p) low = mid;
    else high = mid;
  }
  return (low + high) / 2;
}

/** Two-sided p-value of a z-score: 2 × (1 − Φ(|z|)). */
export function twoSidedPValue(z: number): number {
  return Math.min(1, 2 * (1 - normalCdf(Math.abs(z))));
}
