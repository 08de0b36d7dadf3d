import type { SegmentRule } from '@relance/domain/segments/definition';
import { type SQL, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../tests/support/test-database';
import type { Db } from '../client';
import { type JoinedRows, leftJoinRows, segmentField } from './segment-fields';
import { compileSegment } from './segment-sql';
import { countSegment } from './segments';

/**
 * "Orders (or amount) over the last N days" is answered from each customer's packed order history: its order
 * dates and running amount, searched with `width_bucket` (segment-fields.ts). These tests put orders exactly on
 * the window's edges (± 1 ms, ± 1 µs, the same instant twice) and on month boundaries, and check every window
 * against the raw orders, in the same transaction (so the same `now()`), for the count and the amount of every
 * contact.
 */

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

/** The catalogue's SQL for the two window fields of one window, with their joins. */
function windowValues(windowDays: number): { joins: SQL; n: SQL; amount: SQL } {
  const joins: SQL[] = [];
  const aliases = new Map<string, SQL>();
  const join = (key: string, make: (alias: SQL) => SQL) => {
    const known = aliases.get(key);
    if (known) return known;
    const alias = sql.identifier(`j${aliases.size + 1}`) as unknown as SQL;
    aliases.set(key, alias);
    joins.push(make(alias));
    return alias;
  };
  const joinRows = (key: string, rows: (alias: SQL) => JoinedRows) =>
    join(key, (alias) => leftJoinRows(rows(alias)));
  const value = (field: string) =>
    segmentField(field)!.value({
      rule: { kind: 'rule', field, operator: 'gte', value: 0, windowDays } as SegmentRule,
      join,
      joinRows,
    });
  const n = value('orders.countInWindow');
  const amount = value('orders.amountInWindow');
  return { joins: sql.join(joins, sql` `), n, amount };
}

/** The contacts whose count or amount over the window differ from the raw orders' (none when exact). */
async function mismatches(tx: Tx, windowDays: number) {
  const { joins, n, amount } = windowValues(windowDays);
  return tx.execute<{
    id: string;
    n: string | null;
    amount: string | null;
    raw_n: string;
    raw_amount: string;
  }>(sql`
    WITH fast AS (SELECT contacts.id, ${n} AS n, ${amount} AS amount FROM contacts ${joins}),
         raw AS (SELECT contact_id AS id, count(*) AS n, sum(amount_cents) AS amount FROM orders
                  WHERE ordered_at >= now() - make_interval(days => ${windowDays}::int) GROUP BY contact_id)
    SELECT ${windowDays}::int AS window_days, f.id, f.n, f.amount, coalesce(r.n, 0) AS raw_n,
           coalesce(r.amount, 0) AS raw_amount
      FROM fast f LEFT JOIN raw r ON r.id = f.id
     WHERE coalesce(f.n, 0) <> coalesce(r.n, 0) OR coalesce(f.amount, 0) <> coalesce(r.amount, 0)`);
}

/** The histories rebuilt from scratch differ from the kept ones (what the triggers must keep equal). */
async function staleHistories(tx: Tx | Db) {
  return tx.execute(sql`
    WITH kept AS (SELECT contact_id, ordered_at, amount_upto, amount_total FROM contact_order_history),
         raw AS (SELECT contact_id, array_agg(ordered_at ORDER BY ordered_at, id) AS ordered_at,
                        array_agg(upto ORDER BY ordered_at, id) AS amount_upto, sum(amount_cents) AS amount_total
                   FROM (SELECT contact_id, id, ordered_at, amount_cents,
                                sum(amount_cents) OVER (PARTITION BY contact_id ORDER BY ordered_at, id) AS upto
                           FROM orders) o
                  GROUP BY contact_id)
    SELECT * FROM kept FULL JOIN raw USING (contact_id)
     WHERE (kept.ordered_at, kept.amount_upto, kept.amount_total)
           IS DISTINCT FROM (raw.ordered_at, raw.amount_upto, raw.amount_total)`);
}

/** Windows whose start falls early and late in a month, on month lengths 28-31, up to ten years. */
const EDGE_WINDOWS = [
  1, 2, 10, 15, 16, 30, 31, 45, 90, 91, 95, 100, 104, 108, 112, 116, 120, 124, 180, 365, 366, 400, 730, 1100,
];

describe('orders over a window of the rule’s choosing', () => {
  let t: TestDatabase;

  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(() => t.drop());

  it('equals the raw orders for every window, with orders on the window’s edges and the month boundaries', async () => {
    const wrong = await t.db.transaction(async (tx) => {
      const ids = await tx.execute<{ id: string }>(sql`
          INSERT INTO contacts (last_name) SELECT 'Client ' || i FROM generate_series(1, 6) i RETURNING id`);
      const contactIds = ids.map((r) => Number(r.id));
      // for each edge window: orders at its start s (in), 1 ms before (out) and after, at the start of the
      // month of s (b0), 1 ms before it, at the start of the next month (b1) and 1 ms before it; spread over
      // the contacts with different amounts, so that a wrong side of any edge changes someone's figures
      await tx.execute(sql`
          WITH edges AS (
            SELECT w, s, date_trunc('month', s AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' AS b0,
                   (date_trunc('month', s AT TIME ZONE 'UTC') + interval '1 month') AT TIME ZONE 'UTC' AS b1
              FROM unnest(${sql.param(EDGE_WINDOWS)}::int[]) AS w,
                   LATERAL (SELECT now() - make_interval(days => w) AS s) x
          ), moments AS (
            SELECT w, at, row_number() OVER () AS k FROM edges,
                   LATERAL unnest(ARRAY[s, s, s - interval '1 millisecond', s + interval '1 millisecond',
                                        s - interval '1 microsecond', s + interval '1 microsecond', b0,
                                        b0 - interval '1 millisecond', b1, b1 - interval '1 millisecond']) AS at
          )
          INSERT INTO orders (contact_id, ordered_at, amount_cents)
          SELECT (${sql.param(contactIds)}::bigint[])[1 + (k * 7 + w) % 5], at, 100 + k * 37 % 1000 FROM moments`);
      // and orders spread over three years, two in the future, none for the sixth contact
      await tx.execute(sql`
          INSERT INTO orders (contact_id, ordered_at, amount_cents)
          SELECT (${sql.param(contactIds)}::bigint[])[1 + (i + 10) % 5], now() - (i * 5.3) * interval '1 day', 1000 + i
            FROM generate_series(-2, 220) i`);
      const found = [];
      for (let windowDays = 1; windowDays <= 400; windowDays++)
        found.push(...(await mismatches(tx, windowDays)));
      for (const windowDays of [...EDGE_WINDOWS, 1095, 1096, 1200, 3650])
        found.push(...(await mismatches(tx, windowDays)));
      // a rule on the exact raw figure of a contact finds that contact (the compiled rule, end to end)
      const [raw] = await tx.execute<{ contact_id: string; amount: string; n: string }>(sql`
          SELECT contact_id, sum(amount_cents) AS amount, count(*) AS n FROM orders
           WHERE ordered_at >= now() - interval '116 days' GROUP BY contact_id ORDER BY contact_id LIMIT 1`);
      const exact = compileSegment({
        kind: 'group',
        combinator: 'and',
        children: [
          {
            kind: 'rule',
            field: 'orders.amountInWindow',
            windowDays: 116,
            operator: 'eq',
            value: Number(raw!.amount),
          },
          {
            kind: 'rule',
            field: 'orders.countInWindow',
            windowDays: 116,
            operator: 'eq',
            value: Number(raw!.n),
          },
        ],
      });
      const members = await tx.execute<{ id: string }>(
        sql`SELECT contacts.id FROM contacts ${exact.joins} WHERE ${exact.where}`,
      );
      expect(members.map((m) => Number(m.id))).toContain(Number(raw!.contact_id));
      return found;
    });
    expect(wrong).toEqual([]);
  });

  it('keeps the histories exact whatever writes the orders: updates, moves, deletes, truncation', async () => {
    const [a, b, c] = (
      await t.db.execute<{ id: string }>(sql`
        INSERT INTO contacts (last_name) VALUES ('Moves A'), ('Moves B'), ('Moves C') RETURNING id`)
    ).map((r) => Number(r.id));
    await t.db.execute(sql`
      INSERT INTO orders (contact_id, ordered_at, amount_cents)
      SELECT (ARRAY[${a}, ${b}, ${c}]::bigint[])[1 + i % 3], now() - i * interval '9 days', 500 + i
        FROM generate_series(0, 120) i`);
    expect(await staleHistories(t.db)).toEqual([]);
    // a new amount, a date moved across months, orders moved to another contact
    await t.db.execute(sql`UPDATE orders SET amount_cents = amount_cents * 2 WHERE contact_id = ${a}`);
    await t.db.execute(
      sql`UPDATE orders SET ordered_at = ordered_at - interval '40 days' WHERE contact_id = ${b} AND amount_cents % 2 = 0`,
    );
    await t.db.execute(
      sql`UPDATE orders SET contact_id = ${a} WHERE contact_id = ${c} AND amount_cents < 560`,
    );
    expect(await staleHistories(t.db)).toEqual([]);
    // every order of a contact gone: no row left; a contact deleted: its orders and row with it
    await t.db.execute(sql`DELETE FROM orders WHERE contact_id = ${c}`);
    await t.db.execute(sql`DELETE FROM contacts WHERE id = ${b}`);
    expect(await staleHistories(t.db)).toEqual([]);
    const left = await t.db.execute<{ contact_id: string }>(
      sql`SELECT contact_id FROM contact_order_history WHERE contact_id IN (${a}, ${b}, ${c})`,
    );
    expect(left.map((r) => Number(r.contact_id))).toEqual([a]);
    await t.db.transaction(async (tx) => {
      for (const windowDays of [7, 30, 200, 500]) expect(await mismatches(tx, windowDays)).toEqual([]);
    });
    await t.db.execute(sql`TRUNCATE orders`);
    expect(await t.db.execute(sql`SELECT 1 FROM contact_order_history`)).toHaveLength(0);
  });

  it('stays exact when two transactions add orders for the same customer at once', async () => {
    const [row] = await t.sql<
      { id: string }[]
    >`INSERT INTO contacts (last_name) VALUES ('Twice') RETURNING id`;
    const id = Number(row!.id);
    let releaseFirst!: () => void;
    let firstWrote!: () => void;
    const wrote = new Promise<void>((r) => {
      firstWrote = r;
    });
    const first = t.sql.begin(async (tx) => {
      await tx`INSERT INTO orders (contact_id, ordered_at, amount_cents) VALUES (${id}, now(), 1000)`;
      firstWrote();
      await new Promise<void>((r) => {
        releaseFirst = r;
      });
    });
    await wrote;
    // the second starts while the first has written and not committed
    const second = t.sql.begin(
      (tx) => tx`INSERT INTO orders (contact_id, ordered_at, amount_cents) VALUES (${id}, now(), 2500)`,
    );
    await new Promise((r) => setTimeout(r, 300));
    releaseFirst();
    await Promise.all([first, second]);
    const [totals] = await t.sql<{ n: number; amount: string }[]>`
      SELECT cardinality(ordered_at) AS n, amount_upto[cardinality(amount_upto)] AS amount
        FROM contact_order_history WHERE contact_id = ${id}`;
    expect({ n: totals!.n, amount: Number(totals!.amount) }).toEqual({ n: 2, amount: 3500 });
    expect(
      await countSegment(t.db, {
        kind: 'group',
        combinator: 'and',
        children: [
          { kind: 'rule', field: 'orders.amountInWindow', windowDays: 1, operator: 'eq', value: 3500 },
        ],
      }),
    ).toBeGreaterThanOrEqual(1);
  });
});
