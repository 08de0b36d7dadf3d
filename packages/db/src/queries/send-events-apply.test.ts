import { deliveryState } from '@relance/domain/tracking/send-events';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../tests/support/test-database';
import { type SentFixture, sentEmailCampaign } from '../../../../tests/support/tracking-fixtures';
import { markUnknown } from './dispatch-claims';
import { applySendEvents, SETTLED_BY_EVENT, type SendEventInput, sendsByCodes } from './send-events-apply';

describe('recording what comes back from sends (real database)', () => {
  let t: TestDatabase;
  let f: SentFixture;
  beforeAll(async () => {
    t = await createTestDatabase();
    f = await sentEmailCampaign(t.db, t.sql, 40);
  });
  afterAll(async () => {
    await t.drop();
  });

  const rollup = async (kind: string) => {
    const rows = await t.db.execute<{
      variant: string;
      contacts: number;
      events: number;
      amount_cents: string;
    }>(
      sql`SELECT variant, contacts, events, amount_cents FROM send_rollups
           WHERE campaign_id = ${f.campaign.campaign.id} AND kind = ${kind}::send_event_kind ORDER BY variant`,
    );
    return rows.map((r) => ({
      variant: r.variant,
      contacts: r.contacts,
      events: r.events,
      amount: Number(r.amount_cents),
    }));
  };
  const kindsOf = async (sendId: number) =>
    (
      await t.db.execute<{ kind: 'delivered' }>(sql`SELECT kind FROM send_outcomes WHERE send_id = ${sendId}`)
    ).map((r) => r.kind);

  it('counts the same batch delivered 50 times once, and openers apart from opens', async () => {
    const [a1, b1, a2] = [f.sends[0]!, f.sends[1]!, f.sends[2]!];
    const batch: SendEventInput[] = [
      { sendId: a1.id, kind: 'opened', source: 'sendgrid', sourceId: 'open-1' },
      { sendId: a1.id, kind: 'opened', source: 'sendgrid', sourceId: 'open-2' },
      { sendId: b1.id, kind: 'opened', source: 'sendgrid', sourceId: 'open-3' },
      { sendId: a2.id, kind: 'opened', source: 'sendgrid', sourceId: 'open-4' },
      // the same event twice in one batch is one event
      { sendId: a2.id, kind: 'opened', source: 'sendgrid', sourceId: 'open-4' },
    ];
    const results = [];
    for (let i = 0; i < 50; i++) results.push(await applySendEvents(t.db, batch));
    expect(results[0]!.recorded).toBe(4);
    expect(results[0]!.ignored).toBe(1);
    expect(results.slice(1).every((r) => r.recorded === 0 && r.ignored === 5)).toBe(true);
    expect(await rollup('opened')).toEqual([
      { variant: 'A', contacts: 2, events: 3, amount: 0 },
      { variant: 'B', contacts: 1, events: 1, amount: 0 },
    ]);
  });

  it('keeps the earliest time of each kind and a state that never moves backwards, whatever the order', async () => {
    const s = f.sends[4]!;
    const t0 = new Date('2026-11-20T09:00:00Z');
    const at = (min: number) => new Date(t0.getTime() + min * 60_000);
    await applySendEvents(t.db, [
      { sendId: s.id, kind: 'clicked', source: 'link', sourceId: 'c-1', occurredAt: at(10) },
    ]);
    await applySendEvents(t.db, [
      { sendId: s.id, kind: 'opened', source: 'sendgrid', sourceId: 'o-1', occurredAt: at(9) },
    ]);
    await applySendEvents(t.db, [
      { sendId: s.id, kind: 'delivered', source: 'sendgrid', sourceId: 'd-1', occurredAt: at(1) },
    ]);
    // a second click, earlier than the first one recorded: the first time moves back to it, the clicker counts once
    await applySendEvents(t.db, [
      { sendId: s.id, kind: 'clicked', source: 'link', sourceId: 'c-2', occurredAt: at(5) },
    ]);
    const [first] = await t.db.execute<{ first_at: string }>(
      sql`SELECT first_at FROM send_outcomes WHERE send_id = ${s.id} AND kind = 'clicked'`,
    );
    expect(new Date(first!.first_at).toISOString()).toBe(at(5).toISOString());
    expect(deliveryState(await kindsOf(s.id))).toBe('clicked');
    expect((await rollup('clicked')).find((r) => r.variant === 'A')).toMatchObject({
      contacts: 1,
      events: 2,
    });
  });

  it('sums sale amounts and counts each seller once', async () => {
    const s = f.sends[6]!;
    await applySendEvents(t.db, [
      { sendId: s.id, kind: 'sold', source: 'redemption', sourceId: 'sale-1', amountCents: 12_000 },
      { sendId: s.id, kind: 'sold', source: 'conversion', sourceId: 'sale-2', amountCents: 3_050 },
    ]);
    expect((await rollup('sold'))[0]).toEqual({ variant: 'A', contacts: 1, events: 2, amount: 15_050 });
  });

  it('ignores events for sends that do not exist', async () => {
    const result = await applySendEvents(t.db, [
      { sendId: 999_999_999, kind: 'opened', source: 'sendgrid', sourceId: 'ghost' },
    ]);
    expect(result).toMatchObject({ recorded: 0, ignored: 1 });
  });

  it('suppresses the address and records the opt-out with its proof on unsubscribe and spam reports', async () => {
    const s = f.sends[8]!;
    await applySendEvents(t.db, [
      { sendId: s.id, kind: 'unsubscribed', source: 'unsubscribe', sourceId: `u-${s.id}` },
    ]);
    const [sup] = await t.db.execute<{ reason: string; contact_id: string }>(
      sql`SELECT reason, contact_id FROM suppressions WHERE channel = 'email' AND address = ${s.address}`,
    );
    expect(sup).toMatchObject({ reason: 'unsubscribed' });
    expect(Number(sup!.contact_id)).toBe(s.contactId);
    const [consent] = await t.db.execute<{ status: string; source: string }>(
      sql`SELECT status, source FROM consents WHERE contact_id = ${s.contactId} AND channel = 'email'`,
    );
    expect(consent).toEqual({ status: 'opt_out', source: `unsubscribed:send:${s.id}` });
    const [proof] = await t.db.execute<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM consent_events WHERE contact_id = ${s.contactId} AND status = 'opt_out'`,
    );
    expect(proof!.n).toBe(1);
  });

  it('lifts only a STOP when the contact texts START, and opts them back in', async () => {
    const s = f.sends[10]!;
    await applySendEvents(t.db, [{ sendId: s.id, kind: 'opted_out', source: 'twilio', sourceId: 'stop-1' }]);
    expect(
      (await t.db.execute(sql`SELECT 1 FROM suppressions WHERE address = ${s.address} AND reason = 'stop'`))
        .length,
    ).toBe(1);
    await applySendEvents(t.db, [{ sendId: s.id, kind: 'opted_in', source: 'twilio', sourceId: 'start-1' }]);
    expect((await t.db.execute(sql`SELECT 1 FROM suppressions WHERE address = ${s.address}`)).length).toBe(0);
    const [consent] = await t.db.execute<{ status: string }>(
      sql`SELECT status FROM consents WHERE contact_id = ${s.contactId} AND channel = 'email'`,
    );
    expect(consent!.status).toBe('opt_in');
    // a bounce is never lifted by START
    await applySendEvents(t.db, [{ sendId: s.id, kind: 'bounced', source: 'sendgrid', sourceId: 'b-1' }]);
    await applySendEvents(t.db, [{ sendId: s.id, kind: 'opted_in', source: 'twilio', sourceId: 'start-2' }]);
    expect((await t.db.execute(sql`SELECT 1 FROM suppressions WHERE address = ${s.address}`)).length).toBe(1);
  });

  it('counts right when overlapping batches are applied at the same moment', async () => {
    const sends = f.sends.slice(20, 40);
    const batches = Array.from({ length: 6 }, (_, b) =>
      sends.map((s, i) => ({
        sendId: s.id,
        kind: 'delivered' as const,
        source: 'sendgrid' as const,
        // batches 0-2 and 3-5 carry the same events: 2 distinct events per send
        sourceId: `dl-${s.id}-${b % 3 === 0 ? 'x' : 'y'}-${i % 2}`,
      })),
    );
    const results = await Promise.all(batches.map((b) => applySendEvents(t.db, b)));
    expect(results.reduce((n, r) => n + r.recorded, 0)).toBe(40);
    const delivered = await rollup('delivered');
    expect(delivered.reduce((n, r) => n + r.contacts, 0)).toBe(20 + 1); // + the send of the ordering test
    expect(delivered.reduce((n, r) => n + r.events, 0)).toBe(40 + 1);
  });

  it('concurrent batches add to different stripes of the counters; the views sum them exactly, once', async () => {
    const g = await sentEmailCampaign(t.db, t.sql, 40, 40);
    const kinds = ['delivered', 'opened', 'responded'] as const;
    // 8 batches of 5 sends (3 events each), every one posted twice, all at once
    const batches = Array.from({ length: 8 }, (_, b) =>
      g.sends.slice(b * 5, b * 5 + 5).flatMap((s) =>
        kinds.map(
          (kind): SendEventInput => ({
            sendId: s.id,
            kind,
            source: kind === 'responded' ? 'link' : 'sendgrid',
            sourceId: `st-${kind}-${s.id}`,
          }),
        ),
      ),
    );
    const results = await Promise.all([...batches, ...batches].map((b) => applySendEvents(t.db, b)));
    expect(results.reduce((n, r) => n + r.recorded, 0)).toBe(120);
    // the same batch 50 more times: nothing changes
    for (let i = 0; i < 50; i++) expect((await applySendEvents(t.db, batches[0]!)).recorded).toBe(0);

    const keys = await t.db.execute<{ variant: string; kind: string; contacts: number; events: number }>(sql`
      SELECT variant, kind::text, contacts, events FROM send_rollups
       WHERE campaign_id = ${g.campaign.campaign.id} ORDER BY variant, kind`);
    expect(keys).toEqual(
      ['A', 'B'].flatMap((variant) =>
        [...kinds].sort().map((kind) => ({ variant, kind, contacts: 20, events: 20 })),
      ),
    );
    const days = await t.db.execute<{ variant: string; day: number; responders: number }>(sql`
      SELECT variant, day, responders FROM send_return_days WHERE campaign_id = ${g.campaign.campaign.id}
       ORDER BY variant`);
    expect(days).toEqual([
      { variant: 'A', day: 0, responders: 20 },
      { variant: 'B', day: 0, responders: 20 },
    ]);
    // behind the views, the transactions wrote to several stripes of the same keys
    const [stripes] = await t.db.execute<{ n: number; rows: number }>(sql`
      SELECT count(DISTINCT stripe)::int AS n, count(*)::int AS rows FROM send_rollup_stripes
       WHERE campaign_id = ${g.campaign.campaign.id}`);
    expect(stripes!.n).toBeGreaterThan(1);
    expect(stripes!.rows).toBeGreaterThan(keys.length);
  });

  it("reads back only the events acted on when asked ('acted-on'), with the same counts and effects", async () => {
    const g = await sentEmailCampaign(t.db, t.sql, 4, 80);
    const [a, b, c, d] = g.sends as [SentFixture['sends'][number], ...SentFixture['sends']];
    const batch: SendEventInput[] = [
      { sendId: a.id, kind: 'delivered', source: 'sendgrid', sourceId: 'ao-d1' },
      { sendId: a.id, kind: 'opened', source: 'sendgrid', sourceId: 'ao-o1' },
      { sendId: b!.id, kind: 'bounced', source: 'sendgrid', sourceId: 'ao-b2' },
      { sendId: c!.id, kind: 'responded', source: 'link', sourceId: 'ao-r3' },
      { sendId: d!.id, kind: 'clicked', source: 'link', sourceId: 'ao-c4' },
      { sendId: 999_999_999, kind: 'opened', source: 'sendgrid', sourceId: 'ao-ghost' },
    ];
    const first = await applySendEvents(t.db, batch, { events: 'acted-on' });
    expect(first).toMatchObject({ recorded: 5, ignored: 1, ignoredSourceIds: ['ao-ghost'] });
    expect(first.events.map((e) => [e.sendId, e.kind, e.first]).sort()).toEqual(
      [
        [b!.id, 'bounced', true],
        [c!.id, 'responded', true],
      ].sort(),
    );
    // what follows from them happened: the bounce suppressed, the response opened a follow-up
    const [suppressed] = await t.db.execute<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM suppressions WHERE address = ${b!.address}`,
    );
    expect(suppressed!.n).toBe(1);
    const [followUp] = await t.db.execute<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM follow_ups WHERE send_id = ${c!.id}`,
    );
    expect(followUp!.n).toBe(1);
    // the counters count them all
    const counted = await t.db.execute<{ kind: string; events: number }>(sql`
      SELECT kind::text, events FROM send_rollups WHERE campaign_id = ${g.campaign.campaign.id} ORDER BY kind`);
    expect(counted.map((r) => [r.kind, r.events])).toEqual([
      ['bounced', 1],
      ['clicked', 1],
      ['delivered', 1],
      ['opened', 1],
      ['responded', 1],
    ]);
    // again: nothing new, every source id comes back as ignored; 'all' reads every new event back
    const again = await applySendEvents(t.db, batch, { events: 'acted-on' });
    expect(again).toMatchObject({ recorded: 0, ignored: 6, events: [] });
    expect([...again.ignoredSourceIds].sort()).toEqual(batch.map((e) => e.sourceId).sort());
    const all = await applySendEvents(t.db, [
      { sendId: a.id, kind: 'clicked', source: 'link', sourceId: 'ao-c1' },
      { sendId: a.id, kind: 'clicked', source: 'link', sourceId: 'ao-c1' },
    ]);
    expect(all).toMatchObject({ recorded: 1, ignored: 1, ignoredSourceIds: ['ao-c1'] });
    expect(all.events.map((e) => [e.sendId, e.kind])).toEqual([[a.id, 'clicked']]);
  });

  it('settles a send in doubt as sent when something comes back from it, before or after it was given up', async () => {
    // four sends nothing came back from yet
    const quiet = await t.sql<{ id: string }[]>`
      SELECT id::text FROM sends s WHERE campaign_id = ${f.campaign.campaign.id}
         AND NOT EXISTS (SELECT 1 FROM send_outcomes o WHERE o.send_id = s.id) ORDER BY id DESC LIMIT 4`;
    expect(quiet).toHaveLength(4);
    const [late, silent, early, none] = quiet.map((r) => Number(r.id)) as [number, number, number, number];
    const handed = new Date(Date.now() - 3_600_000);
    await t.sql`UPDATE sends SET status = 'unknown', finished_at = NULL, handed_at = ${handed.toISOString()}, error = 'timeout'
                 WHERE id IN (${late}, ${silent})`;
    await t.sql`UPDATE sends SET status = 'sending', finished_at = NULL, handed_at = ${handed.toISOString()},
                       claim_token = 'job-1~a' WHERE id IN (${early}, ${none})`;
    const statusOf = async (id: number) =>
      (
        await t.sql<{ status: string; error: string | null; sent_when_handed: boolean | null }[]>`
          SELECT status, error, finished_at = handed_at AS sent_when_handed FROM sends WHERE id = ${id}`
      )[0]!;
    // the provider's delivery of a send in doubt, and of one whose worker still waits for the provider's answer
    await applySendEvents(t.db, [
      { sendId: late, kind: 'delivered', source: 'sendgrid', sourceId: 'doubt-1' },
      { sendId: early, kind: 'delivered', source: 'sendgrid', sourceId: 'doubt-2' },
    ]);
    expect(await statusOf(late)).toEqual({ status: 'sent', error: SETTLED_BY_EVENT, sent_when_handed: true });
    expect((await statusOf(silent)).status).toBe('unknown');
    // the claim is its worker's: left as it is until the worker gives up on the provider's answer
    expect((await statusOf(early)).status).toBe('sending');
    expect(await markUnknown(t.db, 'job-1~a', [early, none], 'timeout after 5 s')).toEqual({
      unknown: 1,
      settled: 1,
    });
    expect(await statusOf(early)).toEqual({
      status: 'sent',
      error: SETTLED_BY_EVENT,
      sent_when_handed: true,
    });
    expect(await statusOf(none)).toEqual({
      status: 'unknown',
      error: 'timeout after 5 s',
      sent_when_handed: null,
    });
    // the board's status counters follow
    const kept = await t.sql<{ status: string; n: string }[]>`
      SELECT status, sum(sends)::text AS n FROM send_status_counts
       WHERE campaign_id = ${f.campaign.campaign.id} AND sends <> 0 GROUP BY 1 ORDER BY 1`;
    const counted = await t.sql<{ status: string; n: string }[]>`
      SELECT status, count(*)::text AS n FROM sends WHERE campaign_id = ${f.campaign.campaign.id} GROUP BY 1 ORDER BY 1`;
    expect(kept).toEqual(counted);
    expect(counted.find((r) => r.status === 'unknown')?.n).toBe('2');
  });

  it('finds sends by their codes, leaving unknown codes out', async () => {
    const found = await sendsByCodes(t.db, [f.sends[0]!.code, 'NOPE', f.sends[1]!.code]);
    expect([...found.keys()].sort()).toEqual([f.sends[0]!.code, f.sends[1]!.code].sort());
    expect(found.get(f.sends[1]!.code)).toMatchObject({
      sendId: f.sends[1]!.id,
      variant: 'B',
      channel: 'email',
    });
  });
});
