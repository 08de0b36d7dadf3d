import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../tests/support/test-database';
import { type SentFixture, sentEmailCampaign } from '../../../../tests/support/tracking-fixtures';
import { boardWaves } from './board';
import { applySendEvents } from './send-events-apply';

describe('the board’s counters (real database)', () => {
  let t: TestDatabase;
  let f: SentFixture;
  beforeAll(async () => {
    t = await createTestDatabase();
    f = await sentEmailCampaign(t.db, t.sql, 30);
  });
  afterAll(async () => {
    await t.drop();
  });

  /** the counters, and the same counted the slow way over the sends */
  const counters = async () => {
    const kept = await t.sql<{ k: string; n: string }[]>`
      SELECT variant || ':' || status || ':' || reason AS k, sends AS n FROM send_status_counts
       WHERE campaign_id = ${f.campaign.campaign.id} AND sends <> 0 ORDER BY 1`;
    const counted = await t.sql<{ k: string; n: string }[]>`
      SELECT variant || ':' || status || ':' || coalesce(skip_reason::text, '') AS k, count(*) AS n FROM sends
       WHERE campaign_id = ${f.campaign.campaign.id} GROUP BY 1 ORDER BY 1`;
    return { kept: kept.map((r) => `${r.k}=${r.n}`), counted: counted.map((r) => `${r.k}=${r.n}`) };
  };

  it('keeps the send counts by status in the statements that insert, update and delete sends', async () => {
    expect((await counters()).kept).toEqual(['A:sent:=15', 'B:sent:=15']);
    const ids = f.sends.map((s) => s.id);
    await t.sql`UPDATE sends SET status = 'failed' WHERE id = ANY(${ids.slice(0, 3)})`;
    await t.sql`UPDATE sends SET status = 'skipped', skip_reason = 'suppressed' WHERE id = ANY(${ids.slice(3, 5)})`;
    // a statement that changes no status (a provider id, marking handed) changes no counter
    await t.sql`UPDATE sends SET provider_id = 'x' WHERE id = ANY(${ids})`;
    await t.sql`DELETE FROM sends WHERE id = ${ids[29]!}`;
    const { kept, counted } = await counters();
    expect(kept).toEqual(counted);
    expect(kept).toEqual([
      'A:failed:=2',
      'A:sent:=12',
      'A:skipped:suppressed=1',
      'B:failed:=1',
      'B:sent:=12',
      'B:skipped:suppressed=1',
    ]);
  });

  it('keeps them when a statement changes sends’ channel (the counters’ key has no channel: one row per key)', async () => {
    const ids = f.sends.map((s) => s.id);
    // same status, another channel: the old row's −1 and the new row's +1 fall on one key (once refused with
    // "ON CONFLICT DO UPDATE command cannot affect row a second time")
    await t.sql`UPDATE sends SET channel = 'sms' WHERE id = ANY(${ids.slice(6, 8)})`;
    // channel and status at once, in a statement that also changes another send's status only
    await t.sql`UPDATE sends SET status = 'failed', channel = CASE WHEN id = ${ids[8]!} THEN 'email'::channel ELSE channel END
                 WHERE id = ANY(${ids.slice(8, 10)})`;
    const { kept, counted } = await counters();
    expect(kept).toEqual(counted);
    expect(kept).toContain('A:failed:=3');
    // back as they were, in one statement changing both (the next test reads them)
    await t.sql`UPDATE sends SET status = 'sent', channel = 'email' WHERE id = ANY(${ids.slice(6, 10)})`;
    const after = await counters();
    expect(after.kept).toEqual(after.counted);
  });

  it('counts responders once per send, by day since the wave was due, and reads the board from the counters', async () => {
    await t.sql`UPDATE send_waves SET due_at = now() - interval '5 days' WHERE campaign_id = ${f.campaign.campaign.id}`;
    const day = (n: number) => new Date(Date.now() - (5 - n) * 86_400_000 + 3_600_000);
    // sends 7 and 9 are in group A, send 8 in group B
    const [a, b, c] = [f.sends[6]!, f.sends[7]!, f.sends[8]!];
    await applySendEvents(t.db, [
      { sendId: a.id, kind: 'responded', source: 'link', sourceId: 'r1', occurredAt: day(0) },
      // the same send's quote and sale later: still one responder, on day 0
      {
        sendId: a.id,
        kind: 'quoted',
        source: 'follow_up',
        sourceId: 'q1',
        amountCents: 30_000,
        occurredAt: day(1),
      },
      {
        sendId: b.id,
        kind: 'sold',
        source: 'redemption',
        sourceId: 's1',
        amountCents: 12_000,
        occurredAt: day(2),
      },
      { sendId: c.id, kind: 'delivered', source: 'sendgrid', sourceId: 'd1', occurredAt: day(0) },
    ]);
    await applySendEvents(t.db, [
      {
        sendId: a.id,
        kind: 'sold',
        source: 'follow_up',
        sourceId: 's2',
        amountCents: 25_000,
        occurredAt: day(3),
      },
      { sendId: a.id, kind: 'reminded', source: 'follow_up', sourceId: 'm1', occurredAt: day(2) },
    ]);
    const days = await t.db.execute<{ variant: string; day: number; responders: number }>(sql`
      SELECT variant, day, responders FROM send_return_days WHERE campaign_id = ${f.campaign.campaign.id}
       ORDER BY variant, day`);
    expect([...days]).toEqual([
      { variant: 'A', day: 0, responders: 1 },
      { variant: 'B', day: 2, responders: 1 },
    ]);
    const waves = await boardWaves(t.db, [f.campaign.campaign.id]);
    const A = waves.find((w) => w.variant === 'A')!;
    expect(A.counts).toMatchObject({
      sent: 12,
      failed: 2,
      skipped: 1,
      responses: 1,
      quotes: 1,
      quotedCents: 30_000,
      reminders: 1,
      sales: 1,
      revenueCents: 25_000,
      delivered: 1,
    });
    expect(A.byDay).toEqual([{ day: 0, responders: 1 }]);
    const B = waves.find((w) => w.variant === 'B')!;
    expect(B.counts).toMatchObject({ responses: 1, sales: 1, revenueCents: 12_000 });
    expect(A.dueAt!.getTime()).toBeLessThan(Date.now() - 4 * 86_400_000);
  });
});
