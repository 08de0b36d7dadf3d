/** The CPU of the PostgreSQL backends serving a benchmark's pool, read from /proc (the server is on this machine). */
import { readFile } from 'node:fs/promises';
import type { Sql } from '@relance/db/client';

/** CPU seconds used so far by each backend of the pool named `application` (null: /proc unreadable). */
export async function backendCpu(sql: Sql, application: string): Promise<Map<number, number> | null> {
  const rows = await sql<{ pid: number }[]>`
    SELECT pid FROM pg_stat_activity WHERE application_name = ${application}`;
  const out = new Map<number, number>();
  try {
    for (const { pid } of rows) {
      const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      out.set(pid, (Number(fields[11]) + Number(fields[12])) / 100); // utime + stime
    }
  } catch {
    return null;
  }
  return out;
}

/** The CPU seconds the backends used between two readings, as text ("unknown" without /proc). */
export function cpuSince(before: Map<number, number> | null, after: Map<number, number> | null): string {
  if (!before || !after) return 'unknown';
  let total = 0;
  for (const [pid, s] of after) total += s - (before.get(pid) ?? 0);
  return `${total.toFixed(1)} s`;
}
