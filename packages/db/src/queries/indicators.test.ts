import { DEFAULT_INDICATOR_SETTINGS } from '@relance/domain/indicators';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../tests/support/test-database';
import {
  getContactIndicators,
  getIndicatorSettings,
  refreshIndicators,
  saveIndicatorSettings,
} from './indicators';

const AS_OF = new Date('2026-06-30T00:00:00Z');

describe('customer indicators (worked example)', () => {
  let t: TestDatabase;
  const id: Record<string, number> = {};

  beforeAll(async () => {
    t = await createTestDatabase();
    for (const name of ['A', 'B', 'C', 'D', 'E', 'F']) {
      const [row] = await t.sql<
        { id: number }[]
      >`INSERT INTO contacts (last_name) VALUES (${name}) RETURNING id`;
      id[name] = Number(row!.id);
    }
    const orders: [string, string, number, number | null][] = [
      ['A', '2026-06-01', 10_000, 3_000],
      ['A', '2026-03-01', 10_000, 3_000],
      ['B', '2025-09-01', 30_000, null],
      ['B', '2026-05-01', 10_000, 2_000],
      ['C', '2024-01-15', 5_000, 1_000],
      ...['01', '02', '03', '04', '05'].map((m): [string, string, number, number | null] => [
        'D',
        `2026-${m}-10`,
        2_000,
        500,
      ]),
      ['E', '2026-06-29', 100_000, 40_000],
    ];
    for (const [who, at, amount, margin] of orders) {
      await t.sql`INSERT INTO orders (contact_id, ordered_at, amount_cents, margin_cents) VALUES (${id[who]!}, ${at}, ${amount}, ${margin})`;
    }
    for (const [kind, at] of [
      ['complaint', '2026-02-01'],
      ['complaint', '2025-12-01'],
      ['complaint', '2025-01-01'], // more than 365 days before AS_OF: not counted
      ['after_sales', '2026-06-01'],
    ] as const) {
      await t.sql`INSERT INTO interactions (contact_id, kind, occurred_at) VALUES (${id.B!}, ${kind}, ${at})`;
    }
    expect(await refreshIndicators(t.sql, DEFAULT_INDICATOR_SETTINGS, AS_OF)).toBe(6);
  });
  afterAll(() => t.drop());

  it('sums orders, baskets and frequency', async () => {
    const a = await getContactIndicators(t.db, id.A!);
    // 2 orders of 100 €: revenue 200 €, margin 60 €, basket 100 €
    expect(a).toMatchObject({
      orderCount: 2,
      revenueCents: 20_000,
      marginCents: 6_000,
      averageBasketCents: 10_000,
    });
    // first order 2026-03-01, 121 days before 2026-06-30: 2 / 121 × 365.25 = 6.037 orders a year
    expect(a!.ordersPerYear).toBeCloseTo(6.037, 3);
    const e = await getContactIndicators(t.db, id.E!);
    // one order the day before: tenure counts as 30 days, 1 / 30 × 365.25 = 12.175
    expect(e!.ordersPerYear).toBeCloseTo(12.175, 3);
  });

  it('compares the last 180 days with the 180 before', async () => {
    const b = await getContactIndicators(t.db, id.B!);
    // recent (after 2026-01-01): 100 €; previous (2025-07-05 to 2026-01-01): 300 €; (100 − 300) / 300 = −0.667
    expect(b).toMatchObject({ revenueRecentCents: 10_000, revenuePreviousCents: 30_000 });
    expect(b!.revenueTrend).toBeCloseTo(-0.6667, 4);
    // a margin left blank counts as 0
    expect(b!.marginCents).toBe(2_000);
    const c = await getContactIndicators(t.db, id.C!);
    expect(c).toMatchObject({ revenueRecentCents: 0, revenuePreviousCents: 0, revenueTrend: null });
  });

  it('counts complaints and after-sales contacts of the last 365 days', async () => {
    expect(await getContactIndicators(t.db, id.B!)).toMatchObject({ complaintCount: 2, afterSalesCount: 1 });
  });

  it('scores RFM in quintiles and tiers 20/60/20 among customers', async () => {
    const scores = async (who: string) => {
      const r = await getContactIndicators(t.db, id[who]!);
      return [r!.recencyScore, r!.frequencyScore, r!.monetaryScore, r!.tier];
    };
    // recency by last order: C (2024-01-15) < B (05-01) < D (05-10) < A (06-01) < E (06-29)
    // frequency by count, ties by id: C(1) < E(1) < A(2) < B(2) < D(5)
    // monetary by revenue: C 50 € < D 100 € < A 200 € < B 400 € < E 1,000 €
    // tiers by revenue, percent ranks E 0, B 0.25, A 0.5, D 0.75, C 1: below 0.2 gold (E), above 0.8 low (C)
    expect(await scores('A')).toEqual([4, 3, 3, 'basic']);
    expect(await scores('B')).toEqual([2, 4, 4, 'basic']);
    expect(await scores('C')).toEqual([1, 1, 1, 'low']);
    expect(await scores('D')).toEqual([3, 5, 2, 'basic']);
    expect(await scores('E')).toEqual([5, 2, 5, 'gold']);
    expect(await getContactIndicators(t.db, id.F!)).toMatchObject({
      orderCount: 0,
      recencyScore: null,
      tier: null,
    });
  });

  it('tiers by margin when the settings say so, and a refresh rewrites in place', async () => {
    await saveIndicatorSettings(t.db, { ...DEFAULT_INDICATOR_SETTINGS, tierBasis: 'margin', goldShare: 0.4 });
    const config = await getIndicatorSettings(t.db);
    expect(config.tierBasis).toBe('margin');
    await refreshIndicators(t.sql, config, AS_OF);
    // margins E 400 €, A 60 €, D 25 €, B 20 €, C 10 €: percent ranks 0 and 0.25 are below 0.4, so E and A are gold
    expect((await getContactIndicators(t.db, id.A!))!.tier).toBe('gold');
    expect((await getContactIndicators(t.db, id.B!))!.tier).toBe('basic');
    const [count] = await t.sql`SELECT count(*)::int AS n FROM contact_indicators`;
    expect(count?.n).toBe(6);
  });
});
