/**
 * Benchmark: recomputing every customer's indicators (RFM, revenue, margin, basket, frequency, trend,
 * complaints, tier) for 1,000,000 contacts with 10,000,000 orders and 300,000 interactions, with the same
 * `refreshIndicators` the worker runs after imports and every night. Value: seconds for one refresh.
 */
import { randomBytes } from 'node:crypto';
import { createDb } from '@relance/db/client';
import { dropDatabase, ensureDatabase, runMigrations } from '@relance/db/migrate';
import { refreshIndicators } from '@relance/db/queries/indicators';
import { DEFAULT_INDICATOR_SETTINGS } from '@relance/domain/indicators';
import { resolvePostgresServer } from '../lib/postgres-server';

const CONTACTS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const ORDERS = CONTACTS * 10;
const TARGET_S = 120;
const log = (line: string) => console.error(`[indicators-refresh] ${line}`);
const seconds = (since: number) => ((performance.now() - since) / 1000).toFixed(1);

async function main() {
  const server = await resolvePostgresServer(process.env.DATABASE_URL, 'bench');
  const name = `relance_bench_indicators_${randomBytes(3).toString('hex')}`;
  const url = await ensureDatabase(server.adminUrl, name);
  const database = createDb(url, { max: 2 });
  try {
    await runMigrations(url);
    let t = performance.now();
    await database.sql`
      INSERT INTO contacts (last_name, email)
      SELECT 'Client ' || i, 'client' || i || '@exemple.fr' FROM generate_series(1, ${CONTACTS}) i`;
    // 10 orders per contact on average, spread unevenly over the contacts and over three years
    await database.sql`
      INSERT INTO orders (contact_id, ordered_at, amount_cents, margin_cents, promo)
      SELECT 1 + ((i::bigint * 2654435761) % ${CONTACTS}) * (CASE WHEN i % 5 = 0 THEN 1 ELSE 4 END) % ${CONTACTS},
             now() - ((i::bigint * 40503) % 1095) * interval '1 day',
             1000 + (i::bigint * 7919) % 50000,
             200 + (i::bigint * 104729) % 10000,
             i % 7 = 0
        FROM generate_series(1, ${ORDERS}) i`;
    await database.sql`
      INSERT INTO interactions (contact_id, kind, occurred_at)
      SELECT 1 + (i * 7) % ${CONTACTS}, (ARRAY['complaint', 'after_sales', 'call']::interaction_kind[])[1 + i % 3],
             now() - (i % 700) * interval '1 day'
        FROM generate_series(1, ${Math.round(CONTACTS * 0.3)}) i`;
    await database.sql`VACUUM ANALYZE`;
    log(
      `seeded ${CONTACTS.toLocaleString('en')} contacts and ${ORDERS.toLocaleString('en')} orders in ${seconds(t)} s`,
    );

    t = performance.now();
    const first = await refreshIndicators(database.sql, DEFAULT_INDICATOR_SETTINGS);
    const firstS = (performance.now() - t) / 1000;
    log(`first refresh (inserts): ${first.toLocaleString('en')} contacts in ${firstS.toFixed(1)} s`);
    t = performance.now();
    await refreshIndicators(database.sql, DEFAULT_INDICATOR_SETTINGS);
    const secondS = (performance.now() - t) / 1000;
    log(`nightly refresh (updates): ${secondS.toFixed(1)} s`);
    const worst = Math.max(firstS, secondS);
    console.log(
      JSON.stringify({
        name: 'indicators-refresh',
        value: Number(worst.toFixed(1)),
        unit: `s (slower of first and repeated refresh, ${CONTACTS.toLocaleString('en')} contacts, ${ORDERS.toLocaleString('en')} orders)`,
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
