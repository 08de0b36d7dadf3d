import { storeInboundBatch } from '@relance/db/queries/inbound-batches';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../tests/support/test-database';
import { type SentFixture, sentEmailCampaign } from '../../../tests/support/tracking-fixtures';
import { processInboundBatch } from './intake';

describe('intake: waiting SendGrid batches recorded together (real database)', () => {
  let t: TestDatabase;
  let f: SentFixture;
  beforeAll(async () => {
    t = await createTestDatabase();
    f = await sentEmailCampaign(t.db, t.sql, 10);
  });
  afterAll(async () => {
    await t.drop();
  });

  const ev = (sendId: number, event: string, id: string) => ({
    email: 'x@exemple.fr',
    timestamp: Math.floor(Date.now() / 1000),
    event,
    sg_event_id: id,
    send_id: String(sendId),
  });
  const keep = async (events: unknown[]) =>
    (await storeInboundBatch(t.db, 'sendgrid', { json: JSON.stringify(events) })).id;

  it('one job records the waiting batches in one go; each keeps its own counts and error; re-runs change nothing', async () => {
    const [a, b, c] = f.sends;
    const first = await keep([ev(a!.id, 'delivered', 'm-1'), ev(b!.id, 'delivered', 'm-2')]);
    // a retry of m-2 with a new open, and an event for no send of ours
    const second = await keep([
      ev(b!.id, 'delivered', 'm-2'),
      ev(b!.id, 'open', 'm-3'),
      ev(999_999, 'open', 'm-4'),
    ]);
    const third = await keep([
      { event: 'delivered' },
      ev(c!.id, 'processed', 'm-5'),
      ev(c!.id, 'click', 'm-6'),
    ]);
    const notJson = await keep('not an array' as unknown as unknown[]);

    const report = await processInboundBatch(t.db, first);
    expect(report).toMatchObject({ batchId: first, already: false, recorded: 2, ignored: 0, error: null });
    const rows = await t.sql<{ id: string; recorded: number; ignored: number; error: string | null }[]>`
      SELECT id, recorded, ignored, error FROM inbound_batches WHERE processed_at IS NOT NULL ORDER BY id`;
    expect(rows.map((r) => [Number(r.id), r.recorded, r.ignored])).toEqual([
      [first, 2, 0],
      [second, 1, 2],
      [third, 1, 2],
      [notJson, 0, 0],
    ]);
    expect(rows[2]!.error).toMatch(/1 event\(s\) were not SendGrid events/);
    expect(rows[3]!.error).toMatch(/JSON array/);
    const events = await t.sql<{ n: number }[]>`SELECT count(*)::int AS n FROM send_events`;
    expect(events[0]!.n).toBe(4);
    const rolled = await t.sql<{ n: number }[]>`SELECT sum(events)::int AS n FROM send_rollups`;
    expect(rolled[0]!.n).toBe(4);

    // the other batches' own jobs, and the same job 50 times: already processed, nothing recorded again
    for (const id of [second, third, notJson, ...Array.from({ length: 50 }, () => first)])
      expect(await processInboundBatch(t.db, id)).toMatchObject({ already: true, recorded: 0 });
    expect((await t.sql<{ n: number }[]>`SELECT count(*)::int AS n FROM send_events`)[0]!.n).toBe(4);
    expect((await t.sql<{ n: number }[]>`SELECT sum(events)::int AS n FROM send_rollups`)[0]!.n).toBe(4);
  });

  it('records one batch at a time when told to (merge 1), with the same result', async () => {
    const d = f.sends[3]!;
    const one = await keep([ev(d.id, 'delivered', 'n-1')]);
    const two = await keep([ev(d.id, 'delivered', 'n-1'), ev(d.id, 'open', 'n-2')]);
    expect(await processInboundBatch(t.db, one, 1)).toMatchObject({ recorded: 1, ignored: 0 });
    const [left] = await t.sql<{ processed: boolean }[]>`
      SELECT processed_at IS NOT NULL AS processed FROM inbound_batches WHERE id = ${two}`;
    expect(left!.processed).toBe(false);
    expect(await processInboundBatch(t.db, two, 1)).toMatchObject({ recorded: 1, ignored: 1 });
  });
});
