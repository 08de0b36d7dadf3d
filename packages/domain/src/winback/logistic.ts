/**
 * Logistic regression fitted by Newton's method (iteratively reweighted least squares), with an optional L2
 * penalty on the coefficients (never on the intercept) so that perfectly separated data still gives finite
 * coefficients. A handful of features and up to a few hundred thousand rows: each iteration is one pass over
 * the rows and one small linear solve.
 */

export interface LogisticFit {
  intercept: number;
  coefficients: number[];
  iterations: number;
  converged: boolean;
}

export const sigmoid = (z: number): number =>
  z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));

/** Solves A x = b (A square, symmetric positive definite here) by Gaussian elimination with partial pivoting. */
export function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]!]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(m[r]![col]!) > Math.abs(m[pivot]![col]!)) pivot = r;
    if (Math.abs(m[pivot]![col]!) < 1e-12) throw new RangeError('The system is singular');
    [m[col], m[pivot]] = [m[pivot]!, m[col]!];
    for (let r = col + 1; r < n; r++) {
      const f = m[r]![col]! / m[col]![col]!;
      for (let c = col; c <= n; c++) m[r]![c]! -= f * m[col]![c]!;
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let s = m[r]![n]!;
    for (let c = r + 1; c < n; c++) s -= m[r]![c]! * x[c]!;
    x[r] = s / m[r]![r]!;
  }
  return x;
}

/**
 * Fits P(y = 1 | x) = sigmoid(intercept + Σ coefficients·x). Rows of `x` all have the same length.
 * Maximises the log-likelihood minus `l2`/2 × Σ coefficients², stopping when no parameter moves by more
 * than `tolerance`.
 */
export function fitLogistic(
  x: readonly (readonly number[])[],
  y: readonly (0 | 1)[],
  options: { l2?: number; maxIterations?: number; tolerance?: number } = {},
): LogisticFit {
  const { l2 = 0, maxIterations = 50, tolerance = 1e-8 } = options;
  if (x.length === 0 || x.length !== y.length)
    throw new RangeError('Give as many labels as rows, at least one');
  const d = x[0]!.length + 1; // the intercept first
  let beta = new Array<number>(d).fill(0);
  for (let iteration = 1; iteration <= maxIterations; iteration++) {
    const gradient = new Array<number>(d).fill(0);
    const hessian = Array.from({ length: d }, () => new Array<number>(d).fill(0));
    const row = new Array<number>(d);
    row[0] = 1;
    for (let i = 0; i < x.length; i++) {
      const xi = x[i]!;
      let z = beta[0]!;
      for (let j = 1; j < d; j++) {
        row[j] = xi[j - 1]!;
        z += beta[j]! * row[j]!;
      }
      const p = sigmoid(z);
      const w = p * (1 - p);
      const r = y[i]! - p;
      for (let j = 0; j < d; j++) {
        gradient[j]! += row[j]! * r;
        const wj = w * row[j]!;
        for (let k = 0; k <= j; k++) hessian[j]![k]! += wj * row[k]!;
      }
    }
    for (let j = 0; j < d; j++) for (let k = j + 1; k < d; k++) hessian[j]![k] = hessian[k]![j]!;
    for (let j = 1; j < d; j++) {
      gradient[j]! -= l2 * beta[j]!;
      hessian[j]![j]! += l2;
    }
    const step = solve(hessian, gradient);
    beta = beta.map((b, j) => b + step[j]!);
    if (step.every((s) => Math.abs(s) <= tolerance))
      return { intercept: beta[0]!, coefficients: beta.slice(1), iterations: iteration, converged: true };
  }
  return { intercept: beta[0]!, coefficients: beta.slice(1), iterations: maxIterations, converged: false };
}

/**
 * Area under the ROC curve: the probability that a random positive scores above a random negative, ties
 * counting half (the Mann-Whitney statistic). Null without at least one positive and one negative.
 */
export function auc(scores: readonly number[], labels: readonly (0 | 1)[]): number | null {
  const order = scores.map((s, i) => ({ s, y: labels[i]! })).sort((a, b) => a.s - b.s);
  let positives = 0;
  let rankSum = 0;
  // average ranks (1-based) over runs of equal scores
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j < order.length && order[j]!.s === order[i]!.s) j++;
    const rank = (i + 1 + j) / 2;
    for (let k = i; k < j; k++)
      if (order[k]!.y === 1) {
        positives++;
        rankSum += rank;
      }
    i = j;
  }
  const negatives = order.length - positives;
  if (positives === 0 || negatives === 0) return null;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}
