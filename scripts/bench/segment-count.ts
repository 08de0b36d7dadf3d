/**
 * Benchmark: counting three-rule segments at 1,000,000 contacts and 10,000,000 orders, with the same
 * `countSegment` the API calls (rules compiled to one SQL statement, evaluated by PostgreSQL). The contacts,
 * orders and interactions are seeded set-based as in the indicators-refresh benchmark, with postal codes, tags
 * and email/SMS consents added, then the indicators are refreshed. Value: the slowest segment's median, in ms.
 */
import { randomBytes } from 'node:crypto';
import { createDb } from '@relance/db/client';
import { dropDatabase, ensureDatabase, runMigrations } from '@relance/db/migrate';
import { refreshIndicators } from '@relance/db/queries/indicators';
import { countSegment, countSegmentWithReach } from '@relance/db/queries/segments';
import { DEFAULT_INDICATOR_SETTINGS } from '@relance/domain/indicators';
import { type SegmentDefinition, segmentDefinitionSchema } from '@relance/domain/segments/definition';
import { resolvePostgresServer } from '../lib/postgres-server';

const CONTACTS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const ORDERS = CONTACTS * 10;
const RUNS = 15;
const TARGET_MS = 300;
const log = (line: string) => console.error(`[segment-count] ${line}`);
const seconds = (since: number) => ((performance.now() - since) / 1000).toFixed(1);

async function seed(sql: ReturnType<typeof createDb>['sql']) {
  await sql`DROP INDEX contacts_search_idx`;
  // 95 départements, 2 % "vip", 7.5 % "salon-2025", 10 % companies
  await sql`
    INSERT INTO contacts (kind, last_name, email, mobile, address_line1, postal_code, city, tags)
    SELECT CASE WHEN i % 10 = 0 THEN 'company'::contact_kind ELSE 'person' END,
           'Client ' || i, 'client' || i || '@exemple.fr',
           CASE WHEN i % 3 = 0 THEN NULL ELSE '+336' || lpad((i::bigint * 7919 % 100000000)::text, 8, '0') END,
           (i % 200) || ' rue de la République',
           lpad((1 + abs(hashint4(i)) % 95)::text, 2, '0') || lpad(((i * 7) % 10)::text, 3, '0'),
           'Ville ' || (1 + abs(hashint4(i)) % 95),
           CASE WHEN abs(hashint4(i + 7)) % 50 = 0 THEN ARRAY['vip'] WHEN abs(hashint4(i + 7)) % 13 = 0 THEN ARRAY['salon-2025']
                ELSE ARRAY[]::text[] END
      FROM generate_series(1, ${CONTACTS}) i`;
  await sql`CREATE INDEX contacts_search_idx ON contacts USING gin (search_text gin_trgm_ops)`;
  // the orders and interactions of the indicators-refresh benchmark, except that a quarter of the customers
  // are lapsed (no order in the last 400 days), so that recency rules have someone to find
  await sql`
    INSERT INTO orders (contact_id, ordered_at, amount_cents, margin_cents, promo)
    SELECT cid,
           now() - (CASE WHEN abs(hashint4(cid::int)) % 4 = 0 THEN 400 + (i::bigint * 40503) % 695 ELSE (i::bigint * 40503) % 1095 END)
                   * interval '1 day',
           1000 + (i::bigint * 7919) % 50000,
           200 + (i::bigint * 104729) % 10000,
           i % 7 = 0
      FROM (SELECT i, 1 + ((i::bigint * 2654435761) % ${CONTACTS}) * (CASE WHEN i % 5 = 0 THEN 1 ELSE 4 END) % ${CONTACTS} AS cid
              FROM generate_series(1, ${ORDERS}) i) s`;
  await sql`
    INSERT INTO interactions (contact_id, kind, occurred_at)
    SELECT 1 + (i * 7) % ${CONTACTS}, (ARRAY['complaint', 'after_sales', 'call']::interaction_kind[])[1 + i % 3],
           now() - (i % 700) * interval '1 day'
      FROM generate_series(1, ${Math.round(CONTACTS * 0.3)}) i`;
  // email: 65 % opt-in, 8 % opt-out, the rest unknown; SMS: half of those with a mobile opted in (drawn by hash,
  // so that consents, tags and orders are independent of each other)
  await sql`
    INSERT INTO consents (contact_id, channel, status, legal_basis, source)
    SELECT id, 'email', CASE WHEN h < 65 THEN 'opt_in'::consent_status WHEN h < 73 THEN 'opt_out' ELSE 'unknown' END,
           CASE WHEN h < 65 THEN 'consent'::legal_basis END, 'bench'
      FROM (SELECT id, abs(hashint4(id::int + 1)) % 100 AS h FROM contacts) c`;
  await sql`
    INSERT INTO consents (contact_id, channel, status, legal_basis, source)
    SELECT id, 'sms', 'opt_in', 'consent', 'bench' FROM contacts
     WHERE mobile IS NOT NULL AND abs(hashint4(id::int + 2)) % 2 = 0`;
  await sql`
    INSERT INTO suppressions (channel, address, reason, source)
    SELECT 'email', email, 'bounced', 'bench' FROM contacts WHERE id % 97 = 0`;
  // NPAI returns for 1 contact in 200, keyed as suppressions store postal addresses (segment-reachability.ts)
  await sql`
    INSERT INTO suppressions (channel, address, reason, source)
    SELECT 'postal', btrim(regexp_replace(relance_search_text(address_line1), '[^a-z0-9]+', ' ', 'g')) || ', '
                     || btrim(postal_code) || ' ' || btrim(regexp_replace(relance_search_text(city), '[^a-z0-9]+', ' ', 'g')),
           'npai', 'bench'
      FROM contacts WHERE id % 200 = 0
    ON CONFLICT DO NOTHING`;
}

const rule = (r: Record<string, unknown>) => ({ kind: 'rule', ...r });
const all = (...children: unknown[]): SegmentDefinition =>
  segmentDefinitionSchema.parse({ kind: 'group', combinator: 'and', children });

/** Three-rule segments a marketer builds, each from a different part of the catalogue. */
const SEGMENTS: { name: string; definition: SegmentDefinition }[] = [
  {
    name: 'gold/basic, no order for 180 days, email opt-in',
    definition: all(
      rule({ field: 'indicators.tier', operator: 'in', values: ['gold', 'basic'] }),
      rule({ field: 'orders.lastOrderAt', operator: 'more_than_days_ago', days: 180 }),
      rule({ field: 'consent.email', operator: 'in', values: ['opt_in'] }),
    ),
  },
  {
    name: 'postal code 75, tag vip, 2+ orders',
    definition: all(
      rule({ field: 'contact.postalCode', operator: 'starts_with', value: '75' }),
      rule({ field: 'contact.tags', operator: 'has_any', values: ['vip'] }),
      rule({ field: 'orders.count', operator: 'gte', value: 2 }),
    ),
  },
  {
    name: 'gold, a complaint in the last 90 days, SMS opt-in',
    definition: all(
      rule({ field: 'indicators.tier', operator: 'in', values: ['gold'] }),
      rule({ field: 'interactions.complaintsInWindow', windowDays: 90, operator: 'gte', value: 1 }),
      rule({ field: 'consent.sms', operator: 'in', values: ['opt_in'] }),
    ),
  },
  {
    name: '(single order or recency score 1) and not in the low tier',
    definition: segmentDefinitionSchema.parse({
      kind: 'group',
      combinator: 'and',
      children: [
        {
          kind: 'group',
          combinator: 'or',
          children: [
            rule({ field: 'orders.singleOrder', operator: 'is_true' }),
            rule({ field: 'indicators.recencyScore', operator: 'eq', value: 1 }),
          ],
        },
        rule({ field: 'indicators.tier', operator: 'not_in', values: ['low'] }),
      ],
    }),
  },
  // the amount spent over a window of the rule's choosing: each customer's running monthly totals plus at most
  // half a month of raw orders (segment-fields.ts), not every order of the window
  {
    name: '500 EUR+ over 365 days, no complaint in 90 days, email opt-in',
    definition: all(
      rule({ field: 'orders.amountInWindow', windowDays: 365, operator: 'gte', value: 50_000 }),
      rule({ field: 'interactions.complaintsInWindow', windowDays: 90, operator: 'eq', value: 0 }),
      rule({ field: 'consent.email', operator: 'in', values: ['opt_in'] }),
    ),
  },
  {
    name: '2+ orders over the last 45 days, gold or basic, SMS opt-in',
    definition: all(
      rule({ field: 'orders.countInWindow', windowDays: 45, operator: 'gte', value: 2 }),
      rule({ field: 'indicators.tier', operator: 'in', values: ['gold', 'basic'] }),
      rule({ field: 'consent.sms', operator: 'in', values: ['opt_in'] }),
    ),
  },
];

async function timeIt(run: () => Promise<unknown>, runs = RUNS): Promise<{ median: number; max: number }> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await run();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(times.length / 2)]!, max: times.at(-1)! };
}

async function main() {
  const server = await resolvePostgresServer(process.env.DATABASE_URL, 'bench');
  // BENCH_REUSE=<database> times an already seeded database (kept by BENCH_KEEP=1) without seeding again
  const reuse = process.env.BENCH_REUSE;
  const name = reuse ?? `relance_bench_segments_${randomBytes(3).toString('hex')}`;
  const url = await ensureDatabase(server.adminUrl, name);
  const database = createDb(url, { max: 2 });
  try {
    await runMigrations(url);
    if (!reuse) {
      let t = performance.now();
      await seed(database.sql);
      const [months] = await database.sql<
        { n: number }[]
      >`SELECT count(*)::int AS n FROM contact_order_history`;
      log(
        `(the orders' statement trigger built ${months!.n.toLocaleString('en')} customers' order histories within the seeding)`,
      );
      log(
        `seeded ${CONTACTS.toLocaleString('en')} contacts, ${ORDERS.toLocaleString('en')} orders in ${seconds(t)} s`,
      );
      t = performance.now();
      await refreshIndicators(database.sql, DEFAULT_INDICATOR_SETTINGS);
      await database.sql`VACUUM ANALYZE`;
      log(`indicators refreshed, vacuumed and analysed in ${seconds(t)} s`);
    }
    const medians: number[] = [];
    for (const s of SEGMENTS) {
      const count = await countSegment(database.db, s.definition);
      const { median, max } = await timeIt(() => countSegment(database.db, s.definition));
      medians.push(median);
      log(
        `${s.name.padEnd(64)} ${count.toLocaleString('en').padStart(9)} contacts: median ${median.toFixed(1)} ms, max ${max.toFixed(1)} ms`,
      );
    }
    // not part of the target: the count with the reach per channel, as the builder shows it
    for (const s of SEGMENTS) {
      const { median } = await timeIt(() => countSegmentWithReach(database.db, s.definition));
      log(`  with reach per channel: ${s.name}: median ${median.toFixed(1)} ms`);
    }
    const worst = Math.max(...medians);
    console.log(
      JSON.stringify({
        name: 'segment-count',
        value: Number(worst.toFixed(1)),
        unit: `ms (slowest three-rule segment's median count, ${CONTACTS.toLocaleString('en')} contacts, ${ORDERS.toLocaleString('en')} orders)`,
        target: TARGET_MS,
        ok: worst <= TARGET_MS,
      }),
    );
  } finally {
    await database.close();
    if (process.env.BENCH_KEEP || reuse) log(`kept database ${name}`);
    else await dropDatabase(server.adminUrl, name);
    await server.stop();
  }
}

await main();
