/** Splits rows into batches: one multi-row INSERT per batch keeps each statement under PostgreSQL's
 * 65,535 parameters and the whole seed to a few dozen round trips. */
export function batches<T>(rows: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}
