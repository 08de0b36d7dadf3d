/**
 * Money in the planner: every amount is integer euro cents. Inputs are integer cents (unit prices too; the
 * email price is per thousand sends so that it stays an integer). Products with counts and rates are computed
 * exactly in floating point and each amount is rounded ONCE, when it is produced, half away from zero
 * (2.5 → 3, −2.5 → −3). Totals are sums of the already rounded lines, so what is shown adds up.
 */
export function roundCents(value: number): number {
  if (!Number.isFinite(value)) throw new RangeError(`Cannot round ${value} to cents`);
  // the tiny epsilon keeps 0.1 × 0.35 × 100 style products (34.99999…) on the intended side of .5
  const magnitude = Math.floor(Math.abs(value) + 0.5 + 1e-9);
  return value < 0 && magnitude !== 0 ? -magnitude : magnitude;
}
