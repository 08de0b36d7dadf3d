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

  it('a job whose batch another job holds records the other waiting batches meanwhile, then its own once free', async () => {
    const [, , , , e, g, h, k] = f.sends;
    const held = await keep([ev(e!.id, 'delivered', 'p-1')]);
    const waiting = [await keep([ev(g!.id, 'delivered', 'p-2')]), await keep([ev(h!.id, 'open', 'p-3')])];
    const processed = async (ids: number[]) =>
      (
        await t.sql<{ id: string }[]>`
          SELECT id FROM inbound_batches WHERE id = ANY(${ids}) AND processed_at IS NOT NULL`
      ).length;

    // another job holds the batch (its transaction took it) and fails: the batch stays unprocessed
    let release!: () => void;
    const released = new Promise<void>((r) => {
      release = r;
    });
    let locked!: () => void;
    const isLocked = new Promise<void>((r) => {
      locked = r;
    });
    const holder = t.sql
      .begin(async (tx) => {
        await tx`SELECT id FROM inbound_batches WHERE id = ${held} FOR UPDATE`;
        locked();
        await released;
        throw new Error('the holder failed');
      })
      .catch(() => 'rolled back');
    await isLocked;
    const job = processInboundBatch(t.db, held);
    // meanwhile the job records the other waiting batches, not its own
    for (let i = 0; i < 200 && (await processed(waiting)) < waiting.length; i++)
      await new Promise((r) => setTimeout(r, 25));
    expect(await processed(waiting)).toBe(waiting.length);
    expect(await processed([held])).toBe(0);
    release();
    expect(await holder).toBe('rolled back');
    // then it waits for its own batch and records it itself
    expect(await job).toMatchObject({ batchId: held, already: false, recorded: 1, ignored: 0 });

    // a holder that records the batch and commits: the job finds it processed
    const second = await keep([ev(k!.id, 'delivered', 'p-4')]);
    const late = await keep([ev(k!.id, 'open', 'p-5')]);
    let release2!: () => void;
    const released2 = new Promise<void>((r) => {
      release2 = r;
    });
    let locked2!: () => void;
    const isLocked2 = new Promise<void>((r) => {
      locked2 = r;
    });
    const holder2 = t.sql.begin(async (tx) => {
      await tx`SELECT id FROM inbound_batches WHERE id = ${second} FOR UPDATE`;
      locked2();
      await released2;
      await tx`UPDATE inbound_batches SET processed_at = now(), recorded = 0, ignored = 1 WHERE id = ${second}`;
    });
    await isLocked2;
    const job2 = processInboundBatch(t.db, second);
    for (let i = 0; i < 200 && (await processed([late])) < 1; i++)
      await new Promise((r) => setTimeout(r, 25));
    release2();
    await holder2;
    expect(await job2).toMatchObject({ batchId: second, already: true, recorded: 0 });
    const kinds = await t.sql<{ source_id: string }[]>`
      SELECT source_id FROM send_events WHERE source_id LIKE 'p-%' ORDER BY source_id`;
    expect(kinds.map((r) => r.source_id)).toEqual(['p-1', 'p-2', 'p-3', 'p-5']);
  });

  it('keeps large payloads compressed with lz4 where the server has it (migration 0027), else pglz', async () => {
    const events = Array.from({ length: 200 }, (_, i) => ev(f.sends[9]!.id, 'processed', `z-${i}`));
    const id = await keep(events);
    const [row] = await t.sql<{ method: string | null; lz4: boolean }[]>`
      SELECT pg_column_compression(payload) AS method,
             EXISTS (SELECT 1 FROM pg_settings WHERE name = 'default_toast_compression' AND 'lz4' = ANY (enumvals)) AS lz4
        FROM inbound_batches WHERE id = ${id}`;
    expect(row!.method).toBe(row!.lz4 ? 'lz4' : 'pglz');
  });
});
