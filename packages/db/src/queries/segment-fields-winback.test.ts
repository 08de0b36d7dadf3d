import { DEFAULT_INDICATOR_SETTINGS } from '@relance/domain/indicators';
import type { SegmentDefinition, SegmentNode, SegmentRule } from '@relance/domain/segments/definition';
import { DEFAULT_WINBACK_SETTINGS } from '@relance/domain/winback/settings';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../tests/support/test-database';
import { refreshIndicators } from './indicators';
import { countSegment } from './segments';
import { refreshWinback } from './winback-refresh';

const rule = (r: Record<string, unknown>): SegmentRule => ({ kind: 'rule', ...r }) as SegmentRule;
const all = (...children: SegmentNode[]): SegmentDefinition => ({
  kind: 'group',
  combinator: 'and',
  children,
});

/**
 * The win-back fields of the segment builder on hand-built customers (dates relative to now, as segments count
 * as of now). Default settings: former after 12 months without an order.
 * - P: 3 orders of 600 € (margin 200 €), the last 14 months ago: former, score (27 + 30 + 20 + 9.2) / 9 = 9.6;
 * - Q: one order of 2,000 € 14 months ago: former with a high score, but an occasional buyer;
 * - R: 2 orders of 50 €, the last 14 months ago: former, score (1.5 + 0 + 20 + 9.2) / 9 = 3.4;
 * - S: like P but ordering last month: active;
 * - T: like P, lost to the competitor Acme's aggressive promotion (an exclusion);
 * - D: active, revenue down from 400 € to 100 € over the indicators' 180-day windows.
 */
describe('win-back segment fields', () => {
  let t: TestDatabase;
  const id: Record<string, number> = {};
  const members = async (definition: SegmentDefinition): Promise<string> => {
    const { compileSegment } = await import('./segment-sql');
    const { sql } = await import('drizzle-orm');
    const { joins, where } = compileSegment(definition);
    const rows = await t.db.execute<{ id: string }>(
      sql`SELECT contacts.id FROM contacts ${joins} WHERE ${where} ORDER BY contacts.id`,
    );
    const names = new Map(Object.entries(id).map(([k, v]) => [v, k]));
    expect(await countSegment(t.db, definition)).toBe(rows.length);
    return rows
      .map((r) => names.get(Number(r.id)))
      .sort()
      .join('');
  };

  beforeAll(async () => {
    t = await createTestDatabase();
    for (const name of ['P', 'Q', 'R', 'S', 'T', 'D']) {
      const [row] = await t.sql<
        { id: number }[]
      >`INSERT INTO contacts (last_name) VALUES (${name}) RETURNING id`;
      id[name] = Number(row!.id);
    }
    const order = (who: string, monthsAgo: number, amount: number, margin: number) =>
      t.sql`INSERT INTO orders (contact_id, ordered_at, amount_cents, margin_cents)
            VALUES (${id[who]!}, now() - make_interval(months => ${monthsAgo}), ${amount}, ${margin})`;
    for (const who of ['P', 'T']) for (const m of [14, 20, 26]) await order(who, m, 60_000, 20_000);
    for (const m of [1, 20, 26]) await order('S', m, 60_000, 20_000);
    await order('Q', 14, 200_000, 60_000);
    await order('R', 14, 5_000, 0);
    await order('R', 20, 5_000, 0);
    await order('D', 9, 40_000, 0);
    await order('D', 2, 10_000, 0);
    await t.sql`INSERT INTO lost_reasons (contact_id, reason, competitor, exclusion, lost_at)
                VALUES (${id.T!}, 'competitor', 'Acme', 'competitor_promotion', now())`;
    await refreshIndicators(t.sql, DEFAULT_INDICATOR_SETTINGS);
    await refreshWinback(t.sql, DEFAULT_WINBACK_SETTINGS, DEFAULT_INDICATOR_SETTINGS);
  });
  afterAll(() => t.drop());

  it('builds the win-back segment: former customers scoring at least 6, excluding occasional buyers', async () => {
    const winback = all(
      rule({ field: 'winback.formerCustomer', operator: 'is_true' }),
      rule({ field: 'winback.reactivationScore', operator: 'gte', value: 6 }),
      rule({ field: 'winback.occasionalBuyer', operator: 'is_false' }),
    );
    expect(await members(winback)).toBe('PT');
    // and without those who left for a competitor's promotion
    expect(
      await members(all(...winback.children, rule({ field: 'winback.exclusion', operator: 'is_empty' }))),
    ).toBe('P');
    expect(await members(all(rule({ field: 'winback.formerCustomer', operator: 'is_false' })))).toBe('DS');
    expect(await members(all(rule({ field: 'winback.occasionalBuyer', operator: 'is_true' })))).toBe('Q');
  });

  it('finds lost reasons, competitors, signals and the date customers became former', async () => {
    expect(
      await members(all(rule({ field: 'winback.lostReason', operator: 'in', values: ['competitor'] }))),
    ).toBe('T');
    expect(await members(all(rule({ field: 'winback.lostCompetitor', operator: 'eq', value: 'ACME' })))).toBe(
      'T',
    );
    expect(await members(all(rule({ field: 'winback.signal.trend_down', operator: 'is_true' })))).toBe('D');
    expect(await members(all(rule({ field: 'winback.warningSignal', operator: 'is_true' })))).toBe('D');
    // 14 months without an order − 12 = former for about 2 months
    expect(
      await members(all(rule({ field: 'winback.formerSince', operator: 'within_last_days', days: 90 }))),
    ).toBe('PQRT');
    // no model yet with so few customers: nobody has a probability
    expect(await members(all(rule({ field: 'winback.churnProbability', operator: 'is_not_empty' })))).toBe(
      '',
    );
  });
});
