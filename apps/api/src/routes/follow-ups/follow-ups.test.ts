import { applySendEvents } from '@relance/db/queries/send-events-apply';
import { MAX_FOLLOW_UP_AMOUNT_CENTS } from '@relance/domain/tracking/follow-up';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../../../tests/support/app-server';
import { apiClient, ROLE_LOGINS, type Session } from '../../../../../tests/support/http-client';
import { type SentFixture, sentEmailCampaign } from '../../../../../tests/support/tracking-fixtures';

interface Card {
  id: number;
  version: number;
  stage: string;
  quoteCents: number | null;
  saleCents: number | null;
  contact: { id: number };
}
interface Board {
  columns: { stage: string; count: number; quoteCents: number; saleCents: number; cards: Card[] }[];
}
interface Detail extends Card {
  reminders: number;
  reminderList: { id: number; doneAt: string | null; cancelledAt: string | null }[];
  moves: { kind: string; amountCents: number | null; user: { name: string } | null }[];
  owner: { id: string } | null;
  lostReason: string | null;
}
interface Problem {
  code: string;
  errors?: { field: string; message: string }[];
}

describe('follow-ups through the API', () => {
  let app: TestApp;
  let client: ReturnType<typeof apiClient>;
  let agent: Session;
  let manager: Session;
  let f: SentFixture;

  beforeAll(async () => {
    app = await startTestApp({ worker: false });
    client = apiClient(app.url);
    [agent, manager] = await Promise.all([
      client.login(ROLE_LOGINS.telemarketer),
      client.login(ROLE_LOGINS.manager),
    ]);
    f = await sentEmailCampaign(app.database.db, app.database.sql, 6);
    await applySendEvents(
      app.database.db,
      f.sends
        .slice(0, 4)
        .map((s) => ({ sendId: s.id, kind: 'responded', source: 'survey', sourceId: `r-${s.id}` })),
    );
  });
  afterAll(async () => {
    await app?.close();
  });

  const board = async () =>
    (
      await client.request<Board>('GET', `/api/campaigns/${f.campaign.campaign.id}/follow-ups`, {
        session: agent,
      })
    ).body;
  const cardOf = async (sendIndex: number) => {
    const contactId = f.sends[sendIndex]!.contactId;
    return (await board()).columns.flatMap((c) => c.cards).find((c) => c.contact.id === contactId)!;
  };
  const move = (id: number, body: unknown, session = agent) =>
    client.request<Detail & Problem>('POST', `/api/follow-ups/${id}/moves`, { session, body });

  it('shows the responses in the response column', async () => {
    const b = await board();
    expect(b.columns.map((c) => [c.stage, c.count])).toEqual([
      ['response', 4],
      ['quote', 0],
      ['sale', 0],
      ['lost', 0],
    ]);
  });

  it('moves a card to quote with its amount, records the event, and takes an unowned follow-up', async () => {
    const card = await cardOf(0);
    const res = await move(card.id, { kind: 'quote', version: card.version, amountCents: 125_000 });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ stage: 'quote', quoteCents: 125_000 });
    expect(res.body.moves[0]).toMatchObject({
      kind: 'quote',
      amountCents: 125_000,
      user: { name: expect.any(String) },
    });
    expect(res.body.owner).not.toBeNull();
    const [rollup] = await app.database.sql<{ events: number; amount_cents: string }[]>`
      SELECT sum(events)::int AS events, sum(amount_cents)::bigint AS amount_cents FROM send_rollups
       WHERE campaign_id = ${f.campaign.campaign.id} AND kind = 'quoted'`;
    expect(rollup).toEqual({ events: 1, amount_cents: '125000' });
    const quote = (await board()).columns.find((c) => c.stage === 'quote')!;
    expect(quote).toMatchObject({ count: 1, quoteCents: 125_000 });
  });

  it('refuses a move made on a stale version (409) and changes nothing', async () => {
    const card = await cardOf(1);
    const first = await move(card.id, { kind: 'lost', version: card.version, reason: 'price' });
    expect(first.status).toBe(200);
    const stale = await move(card.id, { kind: 'reopen', version: card.version });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('conflict');
    const detail = await client.request<Detail>('GET', `/api/follow-ups/${card.id}`, { session: agent });
    expect(detail.body).toMatchObject({ stage: 'lost', lostReason: 'price', version: first.body.version });
  });

  it('refuses bad amounts with a field error, and records nothing', async () => {
    const card = await cardOf(2);
    for (const amountCents of [-500, 0, 12.5, MAX_FOLLOW_UP_AMOUNT_CENTS + 1, '1000', null]) {
      const res = await move(card.id, { kind: 'sale', version: card.version, amountCents });
      expect(res.status, `amount ${amountCents}`).toBe(422);
      expect(res.body.errors?.map((e) => e.field)).toEqual(['amountCents']);
    }
    const lost = await move(card.id, { kind: 'lost', version: card.version, reason: 'competitor' });
    expect(lost.status).toBe(422);
    expect(lost.body.errors?.map((e) => e.field)).toEqual(['competitor']);
    expect((await cardOf(2)).stage).toBe('response');
    const [events] = await app.database.sql<{ n: number }[]>`
      SELECT count(*)::int AS n FROM send_events WHERE send_id = ${f.sends[2]!.id} AND source = 'follow_up'`;
    expect(events!.n).toBe(0);
  });

  it('refuses a move the stage machine does not allow', async () => {
    const card = await cardOf(2);
    const res = await move(card.id, { kind: 'reopen', version: card.version });
    expect(res.status).toBe(422);
    expect(res.body.errors?.map((e) => e.field)).toEqual(['kind']);
  });

  it('schedules a reminder, lists it as due, and marking it done records a reminder', async () => {
    const card = await cardOf(0);
    const inAMinute = new Date(Date.now() + 60_000).toISOString();
    const scheduled = await client.request<{ id: number }>('POST', `/api/follow-ups/${card.id}/reminders`, {
      session: agent,
      body: { dueAt: inAMinute, note: 'Call about the quote' },
    });
    expect(scheduled.status).toBe(201);
    const past = await client.request<Problem>('POST', `/api/follow-ups/${card.id}/reminders`, {
      session: agent,
      body: { dueAt: '2020-01-01T09:00:00Z' },
    });
    expect(past.status).toBe(422);
    expect(past.body.errors?.map((e) => e.field)).toEqual(['dueAt']);

    const mine = await client.request<{ items: { id: number; followUp: { version: number } }[] }>(
      'GET',
      '/api/follow-ups/due?scope=mine',
      { session: agent },
    );
    // due today (Paris) unless the test runs in the last minute of the day
    const due = mine.body.items.find((r) => r.id === scheduled.body.id);
    if (
      new Date(inAMinute).toLocaleDateString('fr', { timeZone: 'Europe/Paris' }) ===
      new Date().toLocaleDateString('fr', { timeZone: 'Europe/Paris' })
    )
      expect(due).toBeDefined();
    const forbidden = await client.request('GET', '/api/follow-ups/due?scope=all', { session: agent });
    expect(forbidden.status).toBe(403);
    const all = await client.request('GET', '/api/follow-ups/due?scope=all', { session: manager });
    expect(all.status).toBe(200);

    const done = await move(card.id, {
      kind: 'remind',
      version: card.version,
      note: 'Will decide next week',
      reminderId: scheduled.body.id,
    });
    expect(done.status).toBe(200);
    expect(done.body.reminders).toBe(1);
    expect(done.body.reminderList.find((r) => r.id === scheduled.body.id)?.doneAt).not.toBeNull();

    const sold = await move(card.id, { kind: 'sale', version: done.body.version, amountCents: 119_900 });
    expect(sold.body).toMatchObject({ stage: 'sale', saleCents: 119_900, quoteCents: 125_000 });
    const kinds = await app.database.sql<{ kind: string }[]>`
      SELECT kind FROM send_events WHERE send_id = ${f.sends[0]!.id} AND source = 'follow_up' ORDER BY id`;
    expect(kinds.map((k) => k.kind)).toEqual(['quoted', 'reminded', 'sold']);
  });

  it('puts the events and the moves on the contact timeline, keyset-paged', async () => {
    const contactId = f.sends[0]!.contactId;
    const first = await client.request<{
      items: { type: string; kind?: string }[];
      nextCursor: string | null;
    }>('GET', `/api/contacts/${contactId}/timeline?limit=2`, { session: agent });
    expect(first.status).toBe(200);
    expect(first.body.items).toHaveLength(2);
    expect(first.body.nextCursor).not.toBeNull();
    const rest = await client.request<{
      items: { type: string; kind?: string }[];
      nextCursor: string | null;
    }>('GET', `/api/contacts/${contactId}/timeline?limit=50&cursor=${first.body.nextCursor}`, {
      session: agent,
    });
    const all = [...first.body.items, ...rest.body.items].map((i) => `${i.type}:${i.kind ?? ''}`);
    expect(all).toEqual([
      'follow_up_move:sale',
      'follow_up_move:remind',
      'follow_up_move:quote',
      'send_event:responded',
      'send:',
    ]);
    const bad = await client.request<Problem>('GET', `/api/contacts/${contactId}/timeline?cursor=nope`, {
      session: agent,
    });
    expect(bad.status).toBe(422);
  });

  it('needs the right to work follow-ups, and the CSRF token', async () => {
    const card = await cardOf(3);
    const noCsrf = await client.request('POST', `/api/follow-ups/${card.id}/moves`, {
      session: agent,
      csrf: false,
      body: { kind: 'quote', version: card.version, amountCents: 100 },
    });
    expect(noCsrf.status).toBe(403);
    const missing = await move(999_999, { kind: 'quote', version: 1, amountCents: 100 });
    expect(missing.status).toBe(404);
  });
});
