import { LOST_REASONS, type LostReason } from '@relance/domain/winback/vocabulary';
import type { Sql } from '../client';

export interface BarometerMonth {
  /** YYYY-MM in the workspace's time zone */
  month: string;
  counts: Record<LostReason, number>;
  total: number;
}

export interface Barometer {
  months: BarometerMonth[];
  competitors: { competitor: string; count: number }[];
}

/**
 * The lost-customers barometer (DOMAIN.md §6.4): how many customers left each month, by reason, over the
 * `months` months up to and including the current one. Each contact counts once, with its latest captured reason,
 * in the month it left (`lost_at`, in `timeZone`). Also the competitors they left for over the period, most first.
 */
export async function lostCustomersBarometer(
  sql: Sql,
  options: { months: number; timeZone: string; now?: Date },
): Promise<Barometer> {
  const now = (options.now ?? new Date()).toISOString();
  const rows = await sql<{ month: string; reason: LostReason | null; n: number }[]>`
    WITH bounds AS (
      SELECT date_trunc('month', ${now}::timestamptz AT TIME ZONE ${options.timeZone}) AS last_month
    ), months AS (
      SELECT generate_series(b.last_month - make_interval(months => ${options.months - 1}), b.last_month,
                             interval '1 month') AS month
        FROM bounds b
    ), latest AS (
      SELECT DISTINCT ON (contact_id) contact_id, reason, competitor,
             date_trunc('month', lost_at AT TIME ZONE ${options.timeZone}) AS month
        FROM lost_reasons ORDER BY contact_id, id DESC
    )
    SELECT to_char(m.month, 'YYYY-MM') AS month, l.reason, count(l.contact_id)::int AS n
      FROM months m LEFT JOIN latest l ON l.month = m.month
     GROUP BY m.month, l.reason
     ORDER BY m.month`;
  const months = new Map<string, BarometerMonth>();
  for (const row of rows) {
    const month =
      months.get(row.month) ??
      ({
        month: row.month,
        counts: Object.fromEntries(LOST_REASONS.map((r) => [r, 0])) as Record<LostReason, number>,
        total: 0,
      } satisfies BarometerMonth);
    months.set(row.month, month);
    if (row.reason) {
      month.counts[row.reason] = row.n;
      month.total += row.n;
    }
  }
  const first = [...months.keys()][0];
  const competitors = first
    ? await sql<{ competitor: string; count: number }[]>`
        SELECT competitor, count(*)::int AS count
          FROM (SELECT DISTINCT ON (contact_id) competitor, lost_at FROM lost_reasons ORDER BY contact_id, id DESC) l
         WHERE competitor IS NOT NULL
           AND (lost_at AT TIME ZONE ${options.timeZone}) >= ${`${first}-01`}::timestamp
         GROUP BY competitor ORDER BY count DESC, competitor LIMIT 10`
    : [];
  return { months: [...months.values()], competitors };
}
