/**
 * The pace of messages from their receipt times (ms since the epoch, sorted), for the SMS pace test and benchmark.
 */

/** Least-squares slope of the message count over time, per second: one late first message does not decide it. */
export function slopePerSecond(times: readonly number[]): number {
  if (times.length < 2) return 0;
  const xs = times.map((t) => (t - times[0]!) / 1000);
  const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
  const my = (times.length - 1) / 2;
  let num = 0;
  let den = 0;
  xs.forEach((x, i) => {
    num += (x - mx) * (i - my);
    den += (x - mx) ** 2;
  });
  return den > 0 ? num / den : 0;
}

/** Messages in each whole second since the first receipt (index 0: the first second). */
export function perSecond(times: readonly number[]): number[] {
  const counts: number[] = [];
  for (const t of times) {
    const second = Math.floor((t - times[0]!) / 1000);
    counts[second] = (counts[second] ?? 0) + 1;
  }
  return Array.from(counts, (n) => n ?? 0);
}
