import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../tests/support/test-database';
import { type SentFixture, sentEmailCampaign } from '../../../../tests/support/tracking-fixtures';
import { dueReminders, scheduleReminder, sweepReminders } from './follow-up-reminders';
import { followUpBoard } from './follow-ups-board';
import { moveFollowUp } from './follow-ups-move';
import { applySendEvents, type SendEventInput } from './send-events-apply';

describe('follow-ups opened by responses (real database)', () => {
  let t: TestDatabase;
  let f: SentFixture;
  beforeAll(async () => {
    t = await createTestDatabase();
    f = await sentEmailCampaign(t.db, t.sql, 30);
  });
  afterAll(async () => {
    await t.drop();
  });

  const followUpOf = async (sendId: number) => {
    const [row] = await t.db.execute<{
      id: string;
      stage: string;
      quote_cents: string | null;
      sale_cents: string | null;
      reminders: number;
      version: number;
      contact_id: string;
      campaign_id: string;
    }>(sql`SELECT id, stage, quote_cents, sale_cents, reminders, version, contact_id, campaign_id
             FROM follow_ups WHERE send_id = ${sendId}`);
    return row ?? null;
  };
  const count = async () =>
    (await t.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM follow_ups`))[0]!.n;

  it('opens one follow-up per responding send, at the stage of the highest event, and nothing for opens', async () => {
    const [s1, s2, s3, s4] = f.sends;
    await applySendEvents(t.db, [
      { sendId: s1!.id, kind: 'opened', source: 'sendgrid', sourceId: 'o-1' },
      { sendId: s1!.id, kind: 'clicked', source: 'link', sourceId: 'c-1' },
      { sendId: s2!.id, kind: 'responded', source: 'twilio', sourceId: 'r-2' },
      // a sale typed at a counter opens the follow-up directly at "sale", with its amount
      { sendId: s3!.id, kind: 'sold', source: 'redemption', sourceId: 's-3', amountCents: 45_000 },
      { sendId: s4!.id, kind: 'responded', source: 'redemption', sourceId: 'r-4' },
      { sendId: s4!.id, kind: 'quoted', source: 'redemption', sourceId: 'q-4', amountCents: 120_000 },
    ]);
    expect(await followUpOf(s1!.id)).toBeNull();
    expect(await followUpOf(s2!.id)).toMatchObject({ stage: 'response', quote_cents: null });
    expect(await followUpOf(s3!.id)).toMatchObject({ stage: 'sale', sale_cents: '45000' });
    const fu4 = await followUpOf(s4!.id);
    expect(fu4).toMatchObject({ stage: 'quote', quote_cents: '120000', contact_id: String(s4!.contactId) });
    expect(fu4!.campaign_id).toBe(f.campaign.campaign.id);
    expect(await count()).toBe(3);
  });

  it('is idempotent: the same events delivered again change nothing', async () => {
    const [, s2, s3] = f.sends;
    const before = await followUpOf(s3!.id);
    for (let i = 0; i < 5; i++)
      await applySendEvents(t.db, [
        { sendId: s2!.id, kind: 'responded', source: 'twilio', sourceId: 'r-2' },
        { sendId: s3!.id, kind: 'sold', source: 'redemption', sourceId: 's-3', amountCents: 45_000 },
      ]);
    expect(await followUpOf(s3!.id)).toEqual(before);
    expect(await count()).toBe(3);
  });

  it('never moves a follow-up back: a late response leaves a quote a quote, a sale a sale', async () => {
    const [, , s3, s4] = f.sends;
    await applySendEvents(t.db, [
      { sendId: s4!.id, kind: 'responded', source: 'phone', sourceId: 'late-r-4' },
      { sendId: s3!.id, kind: 'responded', source: 'phone', sourceId: 'late-r-3' },
      { sendId: s3!.id, kind: 'quoted', source: 'phone', sourceId: 'late-q-3', amountCents: 10_000 },
    ]);
    expect(await followUpOf(s4!.id)).toMatchObject({ stage: 'quote', quote_cents: '120000' });
    expect(await followUpOf(s3!.id)).toMatchObject({ stage: 'sale', sale_cents: '45000' });
    // a second sale on the same send adds up
    await applySendEvents(t.db, [
      { sendId: s3!.id, kind: 'sold', source: 'conversion', sourceId: 'conv-3', amountCents: 5_000 },
    ]);
    expect(await followUpOf(s3!.id)).toMatchObject({ stage: 'sale', sale_cents: '50000' });
  });

  it('a sale recorded after a follow-up was lost moves it to sale and drops the lost reason', async () => {
    const s5 = f.sends[4]!;
    await applySendEvents(t.db, [{ sendId: s5.id, kind: 'responded', source: 'phone', sourceId: 'r-5' }]);
    const fu = (await followUpOf(s5.id))!;
    await moveFollowUp(
      t.db,
      Number(fu.id),
      { kind: 'lost', version: fu.version, reason: 'competitor', competitor: 'Acme' },
      null,
    );
    await applySendEvents(t.db, [
      { sendId: s5.id, kind: 'sold', source: 'redemption', sourceId: 's-5', amountCents: 9_900 },
    ]);
    const [row] = await t.db.execute<{
      stage: string;
      lost_reason: string | null;
      competitor: string | null;
    }>(sql`SELECT stage, lost_reason, competitor FROM follow_ups WHERE send_id = ${s5.id}`);
    expect(row).toEqual({ stage: 'sale', lost_reason: null, competitor: null });
  });

  it('opens every follow-up of a large batch in one go (set-based)', async () => {
    const batch: SendEventInput[] = f.sends.slice(10, 30).map((s) => ({
      sendId: s.id,
      kind: 'responded',
      source: 'survey',
      sourceId: `bulk-${s.id}`,
    }));
    const result = await applySendEvents(t.db, batch);
    expect(result.recorded).toBe(20);
    expect(await count()).toBe(24);
  });

  it('a move records its event for the board, refuses a stale version, and closes the reminders', async () => {
    const s2 = f.sends[1]!;
    const fu = (await followUpOf(s2.id))!;
    const id = Number(fu.id);
    const reminder = await scheduleReminder(
      t.db,
      id,
      { dueAt: new Date(Date.now() + 60_000), note: 'call back' },
      null,
    );
    const moved = await moveFollowUp(
      t.db,
      id,
      { kind: 'quote', version: fu.version, amountCents: 80_000 },
      null,
    );
    expect(moved.stage).toBe('quote');
    await expect(
      moveFollowUp(t.db, id, { kind: 'sale', version: fu.version, amountCents: 80_000 }, null),
    ).rejects.toMatchObject({ code: 'conflict' });
    const reminded = await moveFollowUp(
      t.db,
      id,
      { kind: 'remind', version: moved.version, note: null, reminderId: reminder.id },
      null,
    );
    const sold = await moveFollowUp(
      t.db,
      id,
      { kind: 'sale', version: reminded.version, amountCents: 78_000 },
      null,
    );
    expect(sold.stage).toBe('sale');
    expect(await followUpOf(s2.id)).toMatchObject({
      stage: 'sale',
      quote_cents: '80000',
      sale_cents: '78000',
      reminders: 1,
    });
    const events = await t.db.execute<{ kind: string; amount_cents: string | null }>(
      sql`SELECT kind, amount_cents FROM send_events WHERE send_id = ${s2.id} AND source = 'follow_up' ORDER BY id`,
    );
    expect(events.map((e) => [e.kind, e.amount_cents])).toEqual([
      ['quoted', '80000'],
      ['reminded', null],
      ['sold', '78000'],
    ]);
    const board = (await followUpBoard(t.db, f.campaign.campaign.id))!;
    const sale = board.columns.find((c) => c.stage === 'sale')!;
    expect(sale.count).toBe(3);
    expect(sale.saleCents).toBe(50_000 + 9_900 + 78_000);
    const [rollup] = await t.db.execute<{ events: number; amount: string }>(
      sql`SELECT sum(events)::int AS events, sum(amount_cents)::bigint AS amount FROM send_rollups
           WHERE campaign_id = ${f.campaign.campaign.id} AND kind = 'sold'`,
    );
    expect(rollup).toEqual({ events: 4, amount: String(45_000 + 5_000 + 9_900 + 78_000) });
  });

  it('the sweep gives every open follow-up a reminder and flags the overdue ones', async () => {
    const first = await sweepReminders(t.db);
    // the open ones: 20 bulk responses and the quote of send 4 (the two sales are closed)
    expect(first.scheduled).toBe(21);
    expect((await sweepReminders(t.db)).scheduled).toBe(0);
    await t.db.execute(sql`
      UPDATE follow_up_reminders SET due_at = now() - interval '1 hour'
       WHERE follow_up_id = (SELECT id FROM follow_ups WHERE send_id = ${f.sends[3]!.id})`);
    expect((await sweepReminders(t.db)).flagged).toBe(1);
    expect((await sweepReminders(t.db)).flagged).toBe(0);
    const due = await dueReminders(t.db, { ownerId: null, limit: 50, after: null });
    expect(due.items[0]).toMatchObject({ overdue: true, followUp: { stage: 'quote' } });
    expect(due.items[0]!.overdueSince).not.toBeNull();
  });
});
