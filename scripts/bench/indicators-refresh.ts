/**
 * Benchmark: recomputing every customer's indicators (RFM, revenue, margin, basket, frequency, trend,
 * complaints, tier) and then their win-back state (former-customer file, occasional buyers, signals and alerts,
 * reactivation scores, churn model training and scoring) for 1,000,000 contacts with 10,000,000 orders and
 * 300,000 interactions, with the same `refreshIndicators` and `refreshWinback` the worker runs after imports and
 * every night. Value: seconds for one refresh of both.
 */
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createDb } from '@relance/db/client';
import { dropDatabase, ensureDatabase, runMigrations } from '@relance/db/migrate';
import { refreshIndicators } from '@relance/db/queries/indicators';
import { refreshWinback } from '@relance/db/queries/winback-refresh';
import { DEFAULT_INDICATOR_SETTINGS } from '@relance/domain/indicators';
import { DEFAULT_WINBACK_SETTINGS } from '@relance/domain/winback/settings';
import { resolvePostgresServer } from '../lib/postgres-server';

const CONTACTS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const ORDERS = CONTACTS * 10;
const TARGET_S = 120;
const log = (line: string) => console.error(`[indicators-refresh] ${line}`);
const seconds = (since: number) => ((performance.now() - since) / 1000).toFixed(1);

/**
 * CPU seconds used so far by the PostgreSQL backends serving this benchmark (read from /proc: PostgreSQL runs on
 * this machine, embedded or local), so that a run on a busy machine still says how much work each part is.
 * Null when /proc is not readable.
 */
async function backendCpuSeconds(sql: ReturnType<typeof createDb>['sql']): Promise<number | null> {
  const rows = await sql<{ pid: number }[]>`
    SELECT pid FROM pg_stat_activity WHERE application_name = 'bench-indicators'`;
  let ticks = 0;
  try {
    for (const { pid } of rows) {
      const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(fields[11]) + Number(fields[12]); // utime + stime
    }
  } catch {
    return null;
  }
  return ticks / 100;
}

async function main() {
  const server = await resolvePostgresServer(process.env.DATABASE_URL, 'bench');
  const name = `relance_bench_indicators_${randomBytes(3).toString('hex')}`;
  const url = await ensureDatabase(server.adminUrl, name);
  const database = createDb(url, { max: 2, applicationName: 'bench-indicators' });
  try {
    await runMigrations(url);
    const t = performance.now();
    await database.sql`
      INSERT INTO contacts (last_name, email)
      SELECT 'Client ' || i, 'client' || i || '@exemple.fr' FROM generate_series(1, ${CONTACTS}) i`;
    // 10 orders per contact on average, spread unevenly over the contacts and over three years; the customers
    // whose id ends in 3 or 7 stopped ordering 400 days ago (their orders are moved back), so that the win-back
    // refresh has former customers to file and customers who left to learn the churn model from
    await database.sql`
      INSERT INTO orders (contact_id, ordered_at, amount_cents, margin_cents, promo, source)
      SELECT g.contact_id,
             now() - ((i::bigint * 40503) % 1095 + CASE WHEN g.contact_id % 10 IN (3, 7) THEN 400 ELSE 0 END)
                     * interval '1 day',
             1000 + (i::bigint * 7919) % 50000,
             200 + (i::bigint * 104729) % 10000,
             i % 7 = 0,
             CASE WHEN i % 11 = 0 THEN 'affiliate' ELSE 'web' END
        FROM (SELECT i, 1 + ((i::bigint * 2654435761) % ${CONTACTS}) * (CASE WHEN i % 5 = 0 THEN 1 ELSE 4 END)
                            % ${CONTACTS} AS contact_id
                FROM generate_series(1, ${ORDERS}) i) g`;
    await database.sql`
      INSERT INTO interactions (contact_id, kind, occurred_at)
      SELECT 1 + (i * 7) % ${CONTACTS}, (ARRAY['complaint', 'after_sales', 'call']::interaction_kind[])[1 + i % 3],
             now() - (i % 700) * interval '1 day'
        FROM generate_series(1, ${Math.round(CONTACTS * 0.3)}) i`;
    await database.sql`VACUUM ANALYZE`;
    log(
      `seeded ${CONTACTS.toLocaleString('en')} contacts and ${ORDERS.toLocaleString('en')} orders in ${seconds(t)} s`,
    );

    // what the worker's indicators job runs: the indicators, then the win-back state built on them
    const refresh = async (label: string) => {
      const cpu0 = await backendCpuSeconds(database.sql);
      const start = performance.now();
      const contacts = await refreshIndicators(database.sql, DEFAULT_INDICATOR_SETTINGS);
      const indicatorsS = (performance.now() - start) / 1000;
      const cpu1 = await backendCpuSeconds(database.sql);
      const steps: string[] = [];
      const winback = await refreshWinback(
        database.sql,
        DEFAULT_WINBACK_SETTINGS,
        DEFAULT_INDICATOR_SETTINGS,
        undefined,
        { onStep: (name, ms) => steps.push(`${name} ${(ms / 1000).toFixed(1)} s`) },
      );
      const cpu2 = await backendCpuSeconds(database.sql);
      log(`win-back steps: ${steps.join(', ')}`);
      if (cpu0 !== null && cpu1 !== null && cpu2 !== null)
        log(
          `PostgreSQL CPU: indicators ${(cpu1 - cpu0).toFixed(1)} s, win-back ${(cpu2 - cpu1).toFixed(1)} s; ` +
            `load average ${(await readFile('/proc/loadavg', 'utf8')).split(' ').slice(0, 3).join(' ')}`,
        );
      const totalS = (performance.now() - start) / 1000;
      log(
        `${label}: ${contacts.toLocaleString('en')} contacts, indicators ${indicatorsS.toFixed(1)} s, win-back ` +
          `${(totalS - indicatorsS).toFixed(1)} s (${winback.customers.toLocaleString('en')} customers, ` +
          `${winback.former.toLocaleString('en')} former, ${winback.alerts.toLocaleString('en')} alerts, model ` +
          `${winback.model}), total ${totalS.toFixed(1)} s`,
      );
      return totalS;
    };
    const firstS = await refresh('first refresh (inserts)');
    const secondS = await refresh('nightly refresh (updates)');
    const worst = Math.max(firstS, secondS);
    console.log(
      JSON.stringify({
        name: 'indicators-refresh',
        value: Number(worst.toFixed(1)),
        unit: `s (indicators + win-back, slower of first and repeated refresh, ${CONTACTS.toLocaleString('en')} contacts, ${ORDERS.toLocaleString('en')} orders)`,
        target: TARGET_S,
        ok: worst <= TARGET_S,
      }),
    );
  } finally {
    await database.close();
    if (process.env.BENCH_KEEP) log(`kept database ${name}`);
    else await dropDatabase(server.adminUrl, name);
    await server.stop();
  }
}

await main();
