import { DEFAULT_INDICATOR_SETTINGS } from '@relance/domain/indicators';
import { churnProbability } from '@relance/domain/winback/churn-model';
import { DEFAULT_WINBACK_SETTINGS, type WinbackSettings } from '@relance/domain/winback/settings';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../tests/support/test-database';
import { refreshIndicators } from './indicators';
import { latestChurnModel } from './winback-churn';
import { refreshWinback } from './winback-refresh';

const AS_OF = new Date('2026-06-30T00:00:00Z');
const settings = DEFAULT_WINBACK_SETTINGS; // 12 months without an order, or spend down by more than half over 12

interface Row {
  contact_id: string;
  former_since: Date | null;
  former_reason: string | null;
  occasional_reasons: string[];
  signals: Record<string, Record<string, unknown>>;
  reactivation_score: number | null;
  churn_probability: number | null;
}

describe('win-back refresh (worked example on hand-built customers)', () => {
  let t: TestDatabase;
  const id: Record<string, number> = {};
  const state = async (who: string): Promise<Row | undefined> => {
    const [row] = await t.sql<Row[]>`SELECT * FROM contact_winback WHERE contact_id = ${id[who]!}`;
    // the drizzle client leaves timestamps as PostgreSQL's text
    return row && { ...row, former_since: row.former_since && new Date(row.former_since) };
  };
  const refresh = async (asOf: Date, s: WinbackSettings = settings) => {
    await refreshIndicators(t.sql, DEFAULT_INDICATOR_SETTINGS, asOf);
    return refreshWinback(t.sql, s, DEFAULT_INDICATOR_SETTINGS, asOf);
  };

  beforeAll(async () => {
    t = await createTestDatabase();
    for (const name of ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H']) {
      const [row] = await t.sql<{ id: number }[]>`
        INSERT INTO contacts (last_name) VALUES (${name}) RETURNING id`;
      id[name] = Number(row!.id);
    }
    const orders: [string, string, number, { promo?: boolean; voucher?: boolean; source?: string }?][] = [
      // A, loyal: 100 € every two months from January 2024 to May 2026
      ...['2024', '2025', '2026'].flatMap((y) =>
        ['01', '03', '05', '07', '09', '11']
          .filter((m) => y !== '2026' || m <= '05')
          .map((m): [string, string, number] => ['A', `${y}-${m}-15`, 10_000]),
      ),
      // B, lapsed: last order 20 May 2025
      ['B', '2024-03-01', 20_000],
      ['B', '2025-05-20', 10_000],
      // C, spend down: 600 € in the year to 30 June 2025, 100 € since
      ['C', '2024-09-01', 30_000],
      ['C', '2025-03-01', 30_000],
      ['C', '2025-08-01', 10_000],
      // D, trend down: 400 € in the 180 days before 1 January 2026, 100 € since
      ['D', '2025-09-10', 40_000],
      ['D', '2026-03-10', 10_000],
      // E, yearly customer since 10 April 2024 who did not renew around 10 April 2026
      ['E', '2024-04-10', 10_000],
      ['E', '2025-04-05', 10_000],
      ['E', '2025-12-01', 10_000],
      ['E', '2026-02-15', 10_000],
      // F, one order on promotion from an affiliate; G, one order with a voucher, long ago
      ['F', '2026-01-10', 5_000, { promo: true, source: 'Affiliate' }],
      ['G', '2024-12-01', 5_000, { voucher: true }],
    ];
    for (const [who, at, amount, extra] of orders) {
      await t.sql`
        INSERT INTO orders (contact_id, ordered_at, amount_cents, promo, voucher, source)
        VALUES (${id[who]!}, ${at}, ${amount}, ${extra?.promo ?? false}, ${extra?.voucher ?? false},
                ${extra?.source ?? null})`;
    }
    // D: a complaint and an after-sales contact in the last 90 days, none in the 90 before
    await t.sql`INSERT INTO interactions (contact_id, kind, occurred_at) VALUES
      (${id.D!}, 'complaint', '2026-05-01'), (${id.D!}, 'after_sales', '2026-06-01')`;
  });
  afterAll(() => t.drop());

  it('moves the lapsed and the spend-down customers into the former-customer file, dated', async () => {
    const result = await refresh(AS_OF);
    expect(result).toMatchObject({ customers: 7, former: 3, entered: 3, left: 0, model: 'insufficient' });
    // B: 20 May 2025 + 12 months = 20 May 2026
    expect(await state('B')).toMatchObject({
      former_since: new Date('2026-05-20T00:00:00Z'),
      former_reason: 'no_order',
    });
    // C: 100 € over the last 12 months against 600 € the 12 before: down by more than half, seen on AS_OF
    expect(await state('C')).toMatchObject({ former_since: AS_OF, former_reason: 'spend_drop' });
    // G: 1 December 2024 + 12 months
    expect(await state('G')).toMatchObject({ former_since: new Date('2025-12-01T00:00:00Z') });
    for (const who of ['A', 'D', 'E', 'F']) expect((await state(who))!.former_since).toBeNull();
    expect(await state('H')).toBeUndefined();
  });

  it('gives active customers their warning signals with evidence, and none to former customers', async () => {
    expect((await state('A'))!.signals).toEqual({});
    expect((await state('D'))!.signals).toEqual({
      // (100 − 400) / 400 = −0.75, beyond −30 %
      trend_down: { recentCents: 10_000, previousCents: 40_000, trend: -0.75 },
      // 1 complaint + 1 after-sales contact in the last 90 days, none in the 90 before
      complaints_up: { current: 2, previous: 0, complaints: 1, afterSales: 1 },
    });
    // due 10 April 2026 (the second anniversary, 30 days of grace passed); the last order, 15 February, is before
    // 11 March (30 days before it); 10 April → 30 June = 81 days
    expect((await state('E'))!.signals).toEqual({
      anniversary_missed: {
        anniversaryAt: '2026-04-10T00:00:00.000Z',
        lastOrderAt: '2026-02-15T00:00:00.000Z',
        daysLate: 81,
      },
    });
    expect((await state('B'))!.signals).toEqual({});
  });

  it('finds the occasional buyers and why', async () => {
    expect((await state('F'))!.occasional_reasons).toEqual(['single_order', 'promo_only', 'affiliate_only']);
    expect((await state('G'))!.occasional_reasons).toEqual(['single_order', 'promo_only']);
    expect((await state('A'))!.occasional_reasons).toEqual([]);
  });

  it('scores reactivation on the grid (worked example), with a hand score', async () => {
    // B: purchase history 300 € of 2,000 € → 1.5 (×3); margin 0 → 0 (×3); no promotion → 10 (×2);
    // 406 days since the last order = 13.34 months on the line 36 → 0, 12 → 10: 9.4 (×1); image value not scored.
    // (4.5 + 0 + 20 + 9.4) / 9 = 3.77 → 3.8
    expect((await state('B'))!.reactivation_score).toBeCloseTo(3.8, 5);
    await t.sql`INSERT INTO reactivation_hand_scores (contact_id, criterion, score) VALUES (${id.B!}, 'image_value', 8)`;
    await refresh(AS_OF);
    // image value 8 (×1): (33.9 + 8) / 10 = 4.19 → 4.2
    expect((await state('B'))!.reactivation_score).toBeCloseTo(4.2, 5);
  });

  it('records the first refresh without alerts, then raises one per new signal', async () => {
    const alerts = async () => {
      const rows = await t.sql<{ contact_id: string; kind: string }[]>`
        SELECT contact_id, kind::text FROM winback_alerts ORDER BY contact_id, kind`;
      return rows.map((a) => [Number(a.contact_id), a.kind]);
    };
    // the first refresh found B, C and G former and D's and E's signals: recorded, not alerted (no flood of what
    // was already there); the second found nothing new
    expect(await alerts()).toEqual([]);
    expect(Object.keys((await state('D'))!.signals).sort()).toEqual(['complaints_up', 'trend_down']);
    // F complains twice: a new signal, one alert; D's signals, still there, raise none
    await t.sql`INSERT INTO interactions (contact_id, kind, occurred_at) VALUES
      (${id.F!}, 'complaint', '2026-06-10'), (${id.F!}, 'complaint', '2026-06-20')`;
    const result = await refresh(AS_OF);
    expect(result.alerts).toBe(1);
    expect(await alerts()).toEqual([[id.F, 'complaints_up']]);
    await refresh(AS_OF);
    expect(await alerts()).toHaveLength(1);
  });

  it('takes a customer who orders again out of the file, keeping the history', async () => {
    await t.sql`INSERT INTO orders (contact_id, ordered_at, amount_cents) VALUES (${id.B!}, '2026-07-10', 5000)`;
    const result = await refresh(new Date('2026-07-31T00:00:00Z'));
    expect(result.left).toBe(1);
    expect((await state('B'))!.former_since).toBeNull();
    const stays = await t.sql`
      SELECT reason::text, (entered_at AT TIME ZONE 'UTC')::text AS entered_at,
             (left_at AT TIME ZONE 'UTC')::text AS left_at, exit::text
        FROM former_customers WHERE contact_id = ${id.B!}`;
    expect(stays).toEqual([
      {
        reason: 'no_order',
        entered_at: '2026-05-20 00:00:00',
        left_at: '2026-07-10 00:00:00',
        exit: 'ordered_again',
      },
    ]);
  });

  it('applies a longer rule to a tier: the gold customer is not former yet', async () => {
    // B is now active again; G (one order, December 2024) is the only low-value lapsed one: give the low tier
    // 24 months and G leaves the file (the rule no longer holds)
    const longer: WinbackSettings = {
      ...settings,
      inactivity: {
        ...settings.inactivity,
        overrides: [{ scope: { kind: 'tier', tier: 'low' }, rule: { noOrderMonths: 24, spendDrop: null } }],
      },
    };
    const [tier] = await t.sql<
      { tier: string }[]
    >`SELECT tier::text FROM contact_indicators WHERE contact_id = ${id.G!}`;
    expect(tier!.tier).toBe('low');
    await refresh(new Date('2026-07-31T00:00:00Z'), longer);
    expect((await state('G'))!.former_since).toBeNull();
    const [stay] = await t.sql`SELECT exit::text FROM former_customers WHERE contact_id = ${id.G!}`;
    expect(stay!.exit).toBe('rule_no_longer_met');
  });

  it('applies a rule to the members of a saved segment, and keeps every stay in the file', async () => {
    // back to the default rule: G (one order, December 2024) is former again, a second stay
    await refresh(new Date('2026-07-31T00:00:00Z'));
    expect((await state('G'))!.former_since).not.toBeNull();
    // after the first refresh, becoming former raises an alert
    const [alert] = await t.sql`
      SELECT kind::text AS kind, evidence FROM winback_alerts WHERE contact_id = ${id.G!} AND kind = 'became_former'`;
    expect(alert).toMatchObject({ evidence: { reason: 'no_order', since: '2025-12-01T00:00:00.000Z' } });
    const [segment] = await t.sql<{ id: string }[]>`
      INSERT INTO segments (name, definition) VALUES ('Les G', ${JSON.stringify({
        kind: 'group',
        combinator: 'and',
        children: [{ kind: 'rule', field: 'contact.lastName', operator: 'eq', value: 'G' }],
      })}::jsonb) RETURNING id`;
    const bySegment: WinbackSettings = {
      ...settings,
      inactivity: {
        ...settings.inactivity,
        overrides: [
          {
            scope: { kind: 'segment', segmentId: segment!.id },
            rule: { noOrderMonths: 36, spendDrop: null },
          },
        ],
      },
    };
    await refresh(new Date('2026-07-31T00:00:00Z'), bySegment);
    expect((await state('G'))!.former_since).toBeNull();
    // the other lapsed customers are not in the segment: still former
    expect((await state('C'))!.former_since).not.toBeNull();
    const stays =
      await t.sql`SELECT left_at IS NOT NULL AS closed FROM former_customers WHERE contact_id = ${id.G!}`;
    expect(stays.map((r) => r.closed)).toEqual([true, true]);
  });

  it('stores why no model could be trained', async () => {
    const stored = await latestChurnModel(t.db);
    expect(stored).toMatchObject({ status: 'insufficient', horizonMonths: 12 });
    expect((await state('A'))!.churn_probability).toBeNull();
  });
});

describe('the probability of leaving, learnt from customers who left', () => {
  let t: TestDatabase;

  beforeAll(async () => {
    t = await createTestDatabase();
    // 400 customers, all active on 30 June 2025 (one horizon before AS_OF), all with a first order 400 days before.
    // Even ones had gone quiet (last order 200-349 days before) and never came back; odd ones had ordered in the
    // last 150 days and ordered again a month later. Noise: the even ones ending in 0 came back, the odd ones
    // ending in 5 did not (a fifth of each group).
    await t.sql`INSERT INTO contacts (last_name) SELECT 'C' || i FROM generate_series(1, 400) i`;
    await t.sql`
      INSERT INTO orders (contact_id, ordered_at, amount_cents)
      SELECT c.id, '2025-06-30'::timestamptz - interval '400 days', 5000 FROM contacts c
      UNION ALL
      SELECT c.id, '2025-06-30'::timestamptz - make_interval(days => CASE WHEN c.id % 2 = 0 THEN 200 + (c.id * 7 % 150)::int
                                                                          ELSE (c.id * 7 % 150)::int END), 5000
        FROM contacts c
      UNION ALL
      SELECT c.id, '2025-07-30'::timestamptz, 5000 FROM contacts c
       WHERE (c.id % 2 = 1 AND c.id % 10 <> 5) OR c.id % 10 = 0`;
    await refreshIndicators(t.sql, DEFAULT_INDICATOR_SETTINGS, AS_OF);
  });
  afterAll(() => t.drop());

  it('trains on the customers active a horizon ago, measures it on held-out ones, and scores the active ones', async () => {
    const result = await refreshWinback(t.sql, settings, DEFAULT_INDICATOR_SETTINGS, AS_OF);
    expect(result.model).toBe('trained');
    const stored = await latestChurnModel(t.db);
    if (stored?.status !== 'trained') throw new Error('no model');
    const { model } = stored;
    // 200 left (160 quiet even ones + 40 noisy odd ones) out of 400, about a quarter held out
    expect(model.trainCount + model.testCount).toBe(400);
    expect(model.trainLeft + model.testLeft).toBe(200);
    expect(model.testCount).toBeGreaterThan(60);
    // long silences and a falling trend (the quiet ones bought nothing in the last 180 days) point to leaving
    const coefficient = (name: string) => model.features.find((f) => f.name === name)!.coefficient;
    expect(coefficient('recency_days')).toBeGreaterThan(0.2);
    expect(coefficient('trend')).toBeLessThan(-0.5);
    // what never varies here (tenure, complaints) weighs nothing
    expect(coefficient('tenure_days')).toBeCloseTo(0, 9);
    // a fifth of each group is noise: 0.8 × 0.8 + ½ × 2 × 0.8 × 0.2 = 0.8 at best
    expect(model.auc).toBeGreaterThan(0.7);
    expect(model.auc).toBeLessThanOrEqual(0.85);

    // the active customers (those who ordered on 30 July 2025) are scored in SQL exactly as the domain would
    const active = await t.sql<{ p: number; f: number[] }[]>`
      SELECT churn_probability AS p, churn_features AS f FROM contact_winback WHERE former_since IS NULL`;
    expect(active).toHaveLength(200);
    for (const row of active) {
      expect(row.p).not.toBeNull();
      expect(row.p).toBeCloseTo(churnProbability(model, row.f), 6);
    }
    const former = await t.sql`SELECT churn_probability FROM contact_winback WHERE former_since IS NOT NULL`;
    expect(former.every((r) => r.churn_probability === null)).toBe(true);
    // the first refresh raised no alert, however likely to leave
    expect(await t.sql`SELECT 1 FROM winback_alerts`).toHaveLength(0);
  });

  it('alerts when a customer’s probability of leaving rises above the threshold, once', async () => {
    const above = await t.sql<{ contact_id: string }[]>`
      SELECT contact_id FROM contact_winback WHERE churn_probability > 0.5 ORDER BY contact_id`;
    expect(above.length).toBeGreaterThan(20);
    // as if half of them had been below the threshold at the last refresh
    const rising = above.filter((_, i) => i % 2 === 0).map((r) => Number(r.contact_id));
    await t.sql`UPDATE contact_winback SET churn_probability = 0.2 WHERE contact_id = ANY(${rising}::bigint[])`;
    const atHalf: WinbackSettings = { ...settings, churn: { ...settings.churn, alertAbove: 0.5 } };
    await refreshWinback(t.sql, atHalf, DEFAULT_INDICATOR_SETTINGS, AS_OF);
    const alerts = await t.sql<{ contact_id: string; evidence: Record<string, number>; p: number }[]>`
      SELECT a.contact_id, a.evidence, w.churn_probability AS p
        FROM winback_alerts a JOIN contact_winback w USING (contact_id)
       WHERE a.kind = 'churn_risk' ORDER BY a.contact_id`;
    expect(alerts.map((a) => Number(a.contact_id))).toEqual(rising);
    for (const a of alerts) {
      expect(a.evidence).toMatchObject({ threshold: 0.5, horizonMonths: 12 });
      expect(a.evidence.probability).toBeCloseTo(a.p, 6);
    }
    // still above at the next refresh: no new alert; switched off: none either
    await refreshWinback(t.sql, atHalf, DEFAULT_INDICATOR_SETTINGS, AS_OF);
    await t.sql`UPDATE contact_winback SET churn_probability = 0.2`;
    const off: WinbackSettings = { ...settings, churn: { ...settings.churn, alertAbove: null } };
    await refreshWinback(t.sql, off, DEFAULT_INDICATOR_SETTINGS, AS_OF);
    expect(await t.sql`SELECT 1 FROM winback_alerts WHERE kind = 'churn_risk'`).toHaveLength(rising.length);
  });
});

describe('the churn model learns from both inactivity criteria', () => {
  let t: TestDatabase;

  beforeAll(async () => {
    t = await createTestDatabase();
    // 300 customers active on 30 June 2025, each 100 € on 1 September 2024 and 1 March 2025; then a third stop
    // ordering, a third go on alike (100 € on 1 September 2025 and 1 March 2026), and a third still order but
    // spend 10 € over the year to 30 June 2026 against 200 € the year before: down by more than half, they left
    await t.sql`INSERT INTO contacts (last_name) SELECT 'S' || i FROM generate_series(1, 300) i`;
    await t.sql`
      INSERT INTO orders (contact_id, ordered_at, amount_cents)
      SELECT c.id, d::timestamptz, 10000 FROM contacts c, unnest(ARRAY['2024-09-01', '2025-03-01']) d
      UNION ALL
      SELECT c.id, d::timestamptz, 10000 FROM contacts c, unnest(ARRAY['2025-09-01', '2026-03-01']) d
       WHERE c.id % 3 = 1
      UNION ALL
      SELECT c.id, '2026-03-01', 1000 FROM contacts c WHERE c.id % 3 = 2`;
    await refreshIndicators(t.sql, DEFAULT_INDICATOR_SETTINGS, AS_OF);
  });
  afterAll(() => t.drop());

  it('counts as having left a customer who still orders but whose spend fell under the rule', async () => {
    await refreshWinback(t.sql, settings, DEFAULT_INDICATOR_SETTINGS, AS_OF);
    const stored = await latestChurnModel(t.db);
    if (stored?.status !== 'trained') throw new Error('no model');
    // those who stopped and those whose spend fell: 200 of 300
    expect(stored.model.trainCount + stored.model.testCount).toBe(300);
    expect(stored.model.trainLeft + stored.model.testLeft).toBe(200);
    const reasons = await t.sql<{ reason: string; n: number }[]>`
      SELECT reason::text, count(*)::int AS n FROM former_customers GROUP BY reason ORDER BY reason`;
    expect(reasons).toEqual([
      { reason: 'no_order', n: 100 },
      { reason: 'spend_drop', n: 100 },
    ]);
  });
});

describe('inactivity rules with different spend windows', () => {
  let t: TestDatabase;
  const id: Record<string, number> = {};

  beforeAll(async () => {
    t = await createTestDatabase();
    // V and W bought alike: 400 € on 1 September 2025, 100 € on 1 March 2026; only V has the tag "saisonnier"
    for (const [name, tags] of [
      ['V', '{saisonnier}'],
      ['W', '{}'],
    ] as const) {
      const [row] = await t.sql<{ id: number }[]>`
        INSERT INTO contacts (last_name, tags) VALUES (${name}, ${tags}::text[]) RETURNING id`;
      id[name] = Number(row!.id);
      await t.sql`INSERT INTO orders (contact_id, ordered_at, amount_cents) VALUES
        (${id[name]!}, '2025-09-01', 40000), (${id[name]!}, '2026-03-01', 10000)`;
    }
    await refreshIndicators(t.sql, DEFAULT_INDICATOR_SETTINGS, AS_OF);
  });
  afterAll(() => t.drop());

  it('sums each customer’s spend over its own rule’s window', async () => {
    // the tag's rule compares 6 months with the 6 before: 100 € since 30 December 2025 against 400 € before, down
    // by more than half; the default rule compares 12 months with the 12 before: 500 € against nothing
    const seasonal: WinbackSettings = {
      ...settings,
      inactivity: {
        ...settings.inactivity,
        overrides: [
          {
            scope: { kind: 'tag', tag: 'saisonnier' },
            rule: { noOrderMonths: null, spendDrop: { share: 0.5, windowMonths: 6 } },
          },
        ],
      },
    };
    await refreshWinback(t.sql, seasonal, DEFAULT_INDICATOR_SETTINGS, AS_OF);
    const rows = await t.sql<{ contact_id: string; former_reason: string | null }[]>`
      SELECT contact_id, former_reason::text FROM contact_winback ORDER BY contact_id`;
    expect(rows.map((r) => [Number(r.contact_id), r.former_reason])).toEqual([
      [id.V, 'spend_drop'],
      [id.W, null],
    ]);
  });
});
