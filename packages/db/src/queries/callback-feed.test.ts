import { DEFAULT_CALLING_RULES } from '@relance/domain/callbacks/calling-rules';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../tests/support/test-database';
import { feedCallbackQueues } from './callback-feed';

const AT = new Date('2026-03-10T10:00:00Z');

describe('feeding the callback queues from win-back and tracking', () => {
  let t: TestDatabase;
  const id: Record<string, number> = {};

  beforeAll(async () => {
    t = await createTestDatabase();
    const people: [string, string | null, string][] = [
      ['Former9', '+33600000001', 'gold'],
      ['Former6', '+33600000002', 'low'],
      ['Former3', '+33600000003', 'low'], // under the minimum score
      ['NoPhone', null, 'gold'],
      ['DoNotCall', '+33600000005', 'gold'],
      ['Risky', '+33600000006', 'basic'],
      ['Signal', '+33600000007', 'basic'],
      ['Cancels', '+33600000008', 'low'],
      ['Clicker', '+33600000009', 'low'],
      ['Opener2', '+33600000010', 'low'], // opened twice only
      ['Buyer', '+33600000011', 'low'], // clicked, then bought
    ];
    for (const [name, mobile, tier] of people) {
      const [row] = await t.sql<{ id: number }[]>`
        INSERT INTO contacts (last_name, mobile) VALUES (${name}, ${mobile}) RETURNING id::float8 AS id`;
      id[name] = row!.id;
      await t.sql`
        INSERT INTO contact_indicators (contact_id, order_count, revenue_cents, margin_cents, revenue_recent_cents,
                                        revenue_previous_cents, complaint_count, after_sales_count, tier, computed_at)
        VALUES (${row!.id}, 1, 1000, 300, 0, 0, 0, 0, ${tier}, now())`;
    }
    const winback = (name: string, score: number | null, former: boolean, churn: number | null = null) =>
      t.sql`INSERT INTO contact_winback (contact_id, former_since, former_reason, promo_share, reactivation_score,
                                         churn_probability, computed_at)
            VALUES (${id[name]!}, ${former ? '2025-11-01' : null}, ${former ? 'no_order' : null}, 0, ${score}, ${churn}, now())`;
    await winback('Former9', 9, true);
    await winback('Former6', 6, true);
    await winback('Former3', 3, true);
    await winback('NoPhone', 9, true);
    await winback('DoNotCall', 9, true);
    await winback('Risky', null, false, 0.72);
    await t.sql`INSERT INTO suppressions (channel, address, reason, source) VALUES ('phone', '+33600000005', 'do_not_call', 'test')`;
    await t.sql`INSERT INTO winback_alerts (contact_id, kind, evidence, raised_at)
                VALUES (${id.Signal!}, 'trend_down', '{"trend": -0.4}', ${'2026-03-01'})`;
    await t.sql`INSERT INTO interactions (contact_id, kind, subject, body, occurred_at)
                VALUES (${id.Cancels!}, 'email', 'Résiliation', 'Je souhaite résilier mon abonnement.', ${'2026-03-05'})`;
    const [campaign] = await t.sql<{ id: string }[]>`
      INSERT INTO campaigns (name, kind, objective, plan) VALUES ('Printemps', 'win_back', 'sale', '{}') RETURNING id`;
    const send = async (name: string, kinds: string[]) => {
      const [s] = await t.sql<{ id: string }[]>`
        INSERT INTO sends (wave_id, campaign_id, step_id, contact_id, phase, variant, channel, status)
        VALUES (gen_random_uuid(), ${campaign!.id}, gen_random_uuid(), ${id[name]!}, 'test', 'A', 'email', 'sent')
        RETURNING id`;
      for (const [i, kind] of kinds.entries())
        await t.sql`INSERT INTO send_events (send_id, kind, source, source_id, occurred_at)
                    VALUES (${s!.id}, ${kind}, 'test', ${`${name}-${i}`}, ${'2026-03-08'})`;
    };
    await send('Clicker', ['opened', 'clicked']);
    await send('Opener2', ['opened', 'opened']);
    await send('Buyer', ['clicked', 'sold']);
  });
  afterAll(() => t.drop());

  it('creates one task per signal, the best first, only for callable contacts; a re-run adds nothing', async () => {
    const created = await feedCallbackQueues(t.db, DEFAULT_CALLING_RULES, AT);
    expect(created).toEqual({
      winback: 2,
      churn_risk: 1,
      warning_signal: 1,
      hot_prospect: 1,
      quote_reminder: 0,
      cancellation: 1,
    });
    const tasks = await t.sql<{ name: string; source: string; queue: string; priority: number }[]>`
      SELECT c.last_name AS name, t.source, q.key AS queue, t.priority FROM callback_tasks t
        JOIN contacts c ON c.id = t.contact_id JOIN callback_queues q ON q.id = t.queue_id
       ORDER BY t.priority DESC, c.last_name`;
    expect(tasks.map((x) => [x.name, x.source, x.priority])).toEqual([
      ['Former9', 'winback', 87], // 30 + 3 × 9 + 30 (gold)
      ['Risky', 'churn_risk', 87], // 50 + 30 × 0.72 + 15 (basic)
      ['Cancels', 'cancellation', 85],
      ['Clicker', 'hot_prospect', 80], // 70 + 10 (a click)
      ['Signal', 'warning_signal', 70], // 55 + 15
      ['Former6', 'winback', 48], // 30 + 18
    ]);
    expect(tasks.find((x) => x.name === 'Clicker')!.queue).toMatch(/^campaign:/);
    expect(tasks.find((x) => x.name === 'Former6')!.queue).toBe('team:winback');
    expect(tasks.find((x) => x.name === 'Cancels')!.queue).toBe('team:care');

    const again = await feedCallbackQueues(t.db, DEFAULT_CALLING_RULES, AT);
    expect(Object.values(again).every((n) => n === 0)).toBe(true);
  });
});
