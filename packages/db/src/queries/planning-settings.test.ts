import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../tests/support/test-database';
import { getPlanningSettings, recentlyDiscountedContacts, savePlanningSettings } from './planning-settings';

const AS_OF = new Date('2026-06-30T12:00:00Z');
const daysBefore = (days: number) => new Date(AS_OF.getTime() - days * 86_400_000).toISOString();

describe('planning settings and recently discounted contacts', () => {
  let t: TestDatabase;

  beforeAll(async () => {
    t = await createTestDatabase();
    // ten "vip" contacts and five others; orders by hand:
    // vip 1: promo 10 days ago; vip 2: voucher 89 days ago; vip 3: promo 91 days ago (out of a 90-day window);
    // vip 4: two promo orders in the window (counted once); vip 5: full price 5 days ago;
    // vip 6: a promo order dated after AS_OF (not yet); other 1: promo 3 days ago (not in the audience)
    const ids = await t.sql<{ id: string }[]>`
      INSERT INTO contacts (last_name, tags)
      SELECT 'C' || i, CASE WHEN i <= 10 THEN ARRAY['vip'] ELSE ARRAY[]::text[] END
        FROM generate_series(1, 15) i
      RETURNING id`;
    const id = (i: number) => Number(ids[i - 1]!.id);
    const orders: [number, string, boolean, boolean][] = [
      [id(1), daysBefore(10), true, false],
      [id(2), daysBefore(89), false, true],
      [id(3), daysBefore(91), true, false],
      [id(4), daysBefore(20), true, false],
      [id(4), daysBefore(30), true, true],
      [id(5), daysBefore(5), false, false],
      [id(6), daysBefore(-2), true, false],
      [id(11), daysBefore(3), true, false],
    ];
    for (const [contact, at, promo, voucher] of orders) {
      await t.sql`INSERT INTO orders (contact_id, ordered_at, amount_cents, promo, voucher)
                  VALUES (${contact}, ${at}, 5000, ${promo}, ${voucher})`;
    }
  });
  afterAll(() => t.drop());

  it('counts each contact of the audience with a promotion or voucher order in the window once', async () => {
    expect(await recentlyDiscountedContacts(t.db, { type: 'tag', tag: 'vip' }, 90, AS_OF)).toBe(3);
    expect(await recentlyDiscountedContacts(t.db, { type: 'all' }, 90, AS_OF)).toBe(4);
    expect(await recentlyDiscountedContacts(t.db, { type: 'tag', tag: 'vip' }, 15, AS_OF)).toBe(1);
    expect(await recentlyDiscountedContacts(t.db, { type: 'tag', tag: 'vip' }, 365, AS_OF)).toBe(4);
    expect(await recentlyDiscountedContacts(t.db, { type: 'tag', tag: 'nobody' }, 365, AS_OF)).toBe(0);
  });

  it('stores the settings whole and reads the built-in defaults when none are stored', async () => {
    expect((await getPlanningSettings(t.db)).unitCosts.email).toEqual({ pricePerThousandCents: 100 });
    await savePlanningSettings(t.db, { unitCosts: { email: { pricePerThousandCents: 180 } } });
    const read = await getPlanningSettings(t.db);
    expect(read.unitCosts.email).toEqual({ pricePerThousandCents: 180 });
    expect(read.unitCosts.sms).toEqual({ pricePerSegmentCents: 6, segments: 1 });
    const [row] = await t.sql<{ value: { recentDiscountDays: number } }[]>`
      SELECT value FROM settings WHERE key = 'planning'`;
    expect(row?.value.recentDiscountDays).toBe(90);
  });
});
