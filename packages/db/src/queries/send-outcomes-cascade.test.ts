import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../tests/support/test-database';
import { type SentFixture, sentEmailCampaign } from '../../../../tests/support/tracking-fixtures';
import { applySendEvents } from './send-events-apply';

describe('send_outcomes follow their sends without a foreign key (migration 0026, real database)', () => {
  let t: TestDatabase;
  let f: SentFixture;
  beforeAll(async () => {
    t = await createTestDatabase();
    f = await sentEmailCampaign(t.db, t.sql, 6);
  });
  afterAll(async () => {
    await t.drop();
  });

  const outcomesOf = async (ids: number[]) =>
    (
      await t.db.execute<{ send_id: string }>(
        sql`SELECT send_id FROM send_outcomes WHERE send_id = ANY(${sql.param(ids.map(String))}::bigint[])
             ORDER BY send_id, kind`,
      )
    ).map((r) => Number(r.send_id));

  it('deleting sends removes their outcomes (and events), not the others; truncating sends empties them', async () => {
    const [a, b, c] = f.sends as [SentFixture['sends'][number], ...SentFixture['sends']];
    await applySendEvents(
      t.db,
      [a, b!, c!].flatMap((s) => [
        { sendId: s.id, kind: 'delivered' as const, source: 'sendgrid' as const, sourceId: `del-${s.id}` },
        { sendId: s.id, kind: 'opened' as const, source: 'sendgrid' as const, sourceId: `open-${s.id}` },
      ]),
    );
    expect(await outcomesOf([a.id, b!.id, c!.id])).toEqual([a.id, a.id, b!.id, b!.id, c!.id, c!.id]);

    await t.sql`DELETE FROM sends WHERE id IN (${a.id}, ${b!.id})`;
    expect(await outcomesOf([a.id, b!.id, c!.id])).toEqual([c!.id, c!.id]);
    const [events] = await t.sql<{ n: number }[]>`SELECT count(*)::int AS n FROM send_events`;
    expect(events!.n).toBe(2);

    await t.sql`TRUNCATE sends CASCADE`;
    const [left] = await t.sql<{ n: number }[]>`SELECT count(*)::int AS n FROM send_outcomes`;
    expect(left!.n).toBe(0);
  });
});
