import { refreshIndicators } from '@relance/db/queries/indicators';
import { refreshWinback } from '@relance/db/queries/winback-refresh';
import { DEFAULT_INDICATOR_SETTINGS } from '@relance/domain/indicators';
import { DEFAULT_WINBACK_SETTINGS } from '@relance/domain/winback/settings';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../../../tests/support/app-server';
import { apiClient, type Session } from '../../../../../tests/support/http-client';

const AS_OF = new Date('2026-06-30T00:00:00Z');

interface FormerPage {
  items: {
    contactId: number;
    reactivationScore: number | null;
    lostReason: { exclusion: string | null } | null;
  }[];
  nextCursor: string | null;
  counts: Record<string, number>;
}
interface Alerts {
  items: { id: number; kind: string; contact: { id: number }; evidence: Record<string, unknown> }[];
  nextCursor: string | null;
}
interface Detail {
  computedAt: string | null;
  formerSince: string | null;
  signals: { kind: string; evidence: Record<string, unknown> }[];
  reactivation: {
    total: number | null;
    criteria: { key: string; score: number | null; source: string }[];
  } | null;
  lostReasons: { reason: string; competitor: string | null; exclusion: string | null }[];
}

describe('win-back through the API', () => {
  let app: TestApp;
  let client: ReturnType<typeof apiClient>;
  let manager: Session;
  let marketer: Session;
  let agent: Session;
  const id: Record<string, number> = {};

  beforeAll(async () => {
    app = await startTestApp({ worker: false });
    client = apiClient(app.url);
    [manager, marketer, agent] = await Promise.all([
      client.login('manager@relance.example'),
      client.login('marketer@relance.example'),
      client.login('agent@relance.example'),
    ]);
    const { sql } = app.database;
    const [owner] = await sql<{ id: string }[]>`SELECT id FROM users WHERE email = 'agent@relance.example'`;
    for (const name of ['Bernard', 'Dupont', 'Xavier', 'Yvon', 'Zoé']) {
      const [row] = await sql<{ id: number }[]>`
        INSERT INTO contacts (last_name, owner_id) VALUES (${name}, ${name < 'X' ? owner!.id : null}) RETURNING id`;
      id[name] = Number(row!.id);
    }
    const orders: [string, string, number, boolean?][] = [
      // Bernard: lapsed (last order 20 May 2025), 3 orders, 900 €
      ['Bernard', '2024-01-10', 30_000],
      ['Bernard', '2024-09-10', 30_000],
      ['Bernard', '2025-05-20', 30_000],
      // Dupont: active, revenue falling, complaints up
      ['Dupont', '2025-09-10', 40_000],
      ['Dupont', '2026-03-10', 10_000],
      // Xavier: lapsed after a single order: an occasional buyer
      ['Xavier', '2025-01-15', 8_000, true],
      // Yvon: lapsed, two orders
      ['Yvon', '2024-02-01', 5_000],
      ['Yvon', '2025-02-01', 5_000],
      // Zoé: active
      ['Zoé', '2026-06-01', 5_000],
      ['Zoé', '2026-01-01', 5_000],
    ];
    for (const [who, at, amount, promo] of orders)
      await sql`INSERT INTO orders (contact_id, ordered_at, amount_cents, promo)
                VALUES (${id[who]!}, ${at}, ${amount}, ${promo ?? false})`;
    await sql`INSERT INTO interactions (contact_id, kind, occurred_at) VALUES
      (${id.Dupont!}, 'complaint', '2026-05-01'), (${id.Dupont!}, 'after_sales', '2026-06-01')`;
    await refreshIndicators(sql, DEFAULT_INDICATOR_SETTINGS, AS_OF);
    // a first refresh back when Bernard was the only customer (the first one records, it raises no alert), then
    // today's, which alerts on everything that appeared since
    await refreshWinback(sql, DEFAULT_WINBACK_SETTINGS, DEFAULT_INDICATOR_SETTINGS, new Date('2024-01-11'));
    await refreshWinback(sql, DEFAULT_WINBACK_SETTINGS, DEFAULT_INDICATOR_SETTINGS, AS_OF);
  });
  afterAll(() => app.close());

  const former = (view: string, session = marketer, extra = '') =>
    client.request<FormerPage>('GET', `/api/winback/former?view=${view}${extra}`, { session });

  it('lists the win-back candidates ranked by reactivation score, occasional buyers apart', async () => {
    const res = await former('candidates');
    expect(res.status).toBe(200);
    // Bernard (900 €, 13 months) scores above Yvon (100 €, 17 months)
    expect(res.body.items.map((i) => i.contactId)).toEqual([id.Bernard, id.Yvon]);
    expect(res.body.items[0]!.reactivationScore!).toBeGreaterThan(res.body.items[1]!.reactivationScore!);
    expect(res.body.counts).toEqual({ candidates: 2, occasional: 1, excluded: 0, file: 3 });
    expect((await former('occasional')).body.items.map((i) => i.contactId)).toEqual([id.Xavier]);
    // one per page, following the cursor
    const first = await former('candidates', marketer, '&limit=1');
    expect(first.body.items.map((i) => i.contactId)).toEqual([id.Bernard]);
    const second = await former('candidates', marketer, `&limit=1&cursor=${first.body.nextCursor}`);
    expect(second.body.items.map((i) => i.contactId)).toEqual([id.Yvon]);
    expect(second.body.nextCursor).toBeNull();
    expect((await former('candidates', marketer, '&cursor=nonsense')).status).toBe(422);
  });

  it('captures a lost reason with its competitor, and an exclusion takes the customer out of the candidates', async () => {
    const res = await client.request('POST', `/api/contacts/${id.Yvon}/lost-reasons`, {
      session: agent,
      body: { reason: 'competitor', competitor: 'Discount Direct', exclusion: 'competitor_promotion' },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      reason: 'competitor',
      competitor: 'Discount Direct',
      user: { name: expect.any(String) },
    });
    expect((await former('candidates')).body.items.map((i) => i.contactId)).toEqual([id.Bernard]);
    const excluded = await former('excluded');
    expect(excluded.body.items.map((i) => [i.contactId, i.lostReason?.exclusion])).toEqual([
      [id.Yvon, 'competitor_promotion'],
    ]);
    await client.request('POST', `/api/contacts/${id.Bernard}/lost-reasons`, {
      session: agent,
      body: { reason: 'price', note: 'Found it cheaper online' },
    });
  });

  it('refuses a lost reason that makes no sense, with field errors, and stores nothing', async () => {
    const capture = (body: unknown) =>
      client.request<{ errors: { field: string; message: string }[] }>(
        'POST',
        `/api/contacts/${id.Zoé}/lost-reasons`,
        { session: agent, body },
      );
    const noCompetitor = await capture({ reason: 'competitor' });
    expect(noCompetitor.status).toBe(422);
    expect(noCompetitor.body.errors).toEqual([
      { field: 'competitor', message: 'Name the competitor (or "unknown")' },
    ]);
    const wrong = await capture({ reason: 'boredom', exclusion: 'bored', lostAt: '2999-01-01' });
    expect(wrong.status).toBe(422);
    expect(wrong.body.errors.map((e) => e.field).sort()).toEqual(['exclusion', 'lostAt', 'reason']);
    const missing = await client.request('POST', '/api/contacts/999999/lost-reasons', {
      session: agent,
      body: { reason: 'price' },
    });
    expect(missing.status).toBe(404);
    const detail = await client.request<Detail>('GET', `/api/contacts/${id.Zoé}/winback`, { session: agent });
    expect(detail.body.lostReasons).toEqual([]);
  });

  it('counts the lost customers per month and reason in the barometer', async () => {
    const res = await client.request<{
      months: { month: string; counts: Record<string, number>; total: number }[];
      competitors: { competitor: string; count: number }[];
    }>('GET', '/api/winback/barometer?months=6', { session: manager });
    expect(res.status).toBe(200);
    expect(res.body.months).toHaveLength(6);
    const current = res.body.months.at(-1)!;
    expect(current.total).toBe(2);
    expect(current.counts).toMatchObject({ competitor: 1, price: 1, quality: 0 });
    expect(res.body.months.slice(0, -1).every((m) => m.total === 0)).toBe(true);
    expect(res.body.competitors).toEqual([{ competitor: 'Discount Direct', count: 1 }]);
  });

  it("shows a contact's signals with evidence and its score per criterion, adding up to the ranked score", async () => {
    const dupont = await client.request<Detail>('GET', `/api/contacts/${id.Dupont}/winback`, {
      session: agent,
    });
    expect(dupont.status).toBe(200);
    expect(dupont.body.formerSince).toBeNull();
    expect(dupont.body.signals).toEqual([
      { kind: 'trend_down', evidence: { recentCents: 10_000, previousCents: 40_000, trend: -0.75 } },
      { kind: 'complaints_up', evidence: { current: 2, previous: 0, complaints: 1, afterSales: 1 } },
    ]);
    const bernard = await client.request<Detail>('GET', `/api/contacts/${id.Bernard}/winback`, {
      session: agent,
    });
    expect(bernard.body.formerSince).toBe('2026-05-20T00:00:00.000Z');
    const listed = (await former('candidates')).body.items.find((i) => i.contactId === id.Bernard)!;
    expect(bernard.body.reactivation!.total).toBe(listed.reactivationScore);
    expect(bernard.body.lostReasons.map((r) => r.reason)).toEqual(['price']);
  });

  it('takes a hand score into the total at once, and refuses a criterion not in the grid', async () => {
    const before = (await former('candidates')).body.items[0]!.reactivationScore!;
    const res = await client.request<Detail>('PUT', `/api/contacts/${id.Bernard}/reactivation-scores`, {
      session: marketer,
      body: { scores: { image_value: 10 } },
    });
    expect(res.status).toBe(200);
    expect(res.body.reactivation!.criteria.find((c) => c.key === 'image_value')).toMatchObject({
      score: 10,
      source: 'hand',
    });
    const after = (await former('candidates')).body.items[0]!.reactivationScore!;
    expect(after).toBe(res.body.reactivation!.total);
    expect(after).toBeGreaterThan(before);
    const bad = await client.request<{ errors: { field: string }[] }>(
      'PUT',
      `/api/contacts/${id.Bernard}/reactivation-scores`,
      { session: marketer, body: { scores: { charm: 5, image_value: 11 } } },
    );
    expect(bad.status).toBe(422);
    expect(bad.body.errors.map((e) => e.field)).toEqual(['scores.image_value']);
    const unknown = await client.request<{ errors: { field: string }[] }>(
      'PUT',
      `/api/contacts/${id.Bernard}/reactivation-scores`,
      { session: marketer, body: { scores: { charm: 5 } } },
    );
    expect(unknown.body.errors).toEqual([
      { field: 'scores.charm', message: 'No criterion "charm" in the grid' },
    ]);
    const telemarketer = await client.request('PUT', `/api/contacts/${id.Bernard}/reactivation-scores`, {
      session: agent,
      body: { scores: { image_value: 1 } },
    });
    expect(telemarketer.status).toBe(403);
  });

  it('feeds alerts to the account owner, all of them to managers, and lets the owner dismiss them', async () => {
    const mine = await client.request<Alerts>('GET', '/api/winback/alerts', { session: agent });
    expect(mine.status).toBe(200);
    // the agent owns Bernard (became former) and Dupont (two signals), not Xavier nor Yvon
    expect(mine.body.items.map((a) => [a.contact.id, a.kind]).sort()).toEqual(
      [
        [id.Bernard, 'became_former'],
        [id.Dupont, 'complaints_up'],
        [id.Dupont, 'trend_down'],
      ].sort(),
    );
    expect(
      (await client.request<Alerts>('GET', '/api/winback/alerts', { session: marketer })).body.items,
    ).toEqual([]);
    expect((await client.request('GET', '/api/winback/alerts?scope=all', { session: marketer })).status).toBe(
      403,
    );
    const all = await client.request<Alerts>('GET', '/api/winback/alerts?scope=all', { session: manager });
    // and Xavier and Yvon became former
    expect(all.body.items).toHaveLength(5);

    const alert = mine.body.items.find((a) => a.kind === 'trend_down')!;
    expect(
      (await client.request('POST', `/api/winback/alerts/${alert.id}/dismiss`, { session: marketer })).status,
    ).toBe(404);
    expect(
      (await client.request('POST', `/api/winback/alerts/${alert.id}/dismiss`, { session: agent })).status,
    ).toBe(204);
    const after = await client.request<Alerts>('GET', '/api/winback/alerts', { session: agent });
    expect(after.body.items.map((a) => a.id)).not.toContain(alert.id);
    const withDismissed = await client.request<Alerts>('GET', '/api/winback/alerts?dismissed=true', {
      session: agent,
    });
    expect(withDismissed.body.items.map((a) => a.id)).toContain(alert.id);
  });

  it('says why there is no model yet', async () => {
    const res = await client.request<{ status: string; reason: string; auc: number | null }>(
      'GET',
      '/api/winback/model',
      {
        session: marketer,
      },
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'insufficient', auc: null });
    expect(res.body.reason).toMatch(/customers who left/);
  });

  it('refuses settings that make no sense, with field errors, and saves good ones', async () => {
    const bad = structuredClone(DEFAULT_WINBACK_SETTINGS);
    bad.inactivity.default = { noOrderMonths: null, spendDrop: null };
    const first = bad.scoring.criteria[0] as { zeroAt: number; tenAt: number };
    first.tenAt = first.zeroAt;
    const res = await client.request<{ errors: { field: string }[] }>('PUT', '/api/settings/winback', {
      session: manager,
      body: bad,
    });
    expect(res.status).toBe(422);
    expect(res.body.errors.map((e) => e.field).sort()).toEqual([
      'inactivity.default.noOrderMonths',
      'scoring.criteria.0.tenAt',
    ]);
    const unknownSegment = structuredClone(DEFAULT_WINBACK_SETTINGS);
    unknownSegment.inactivity.overrides = [
      {
        scope: { kind: 'segment', segmentId: '00000000-0000-4000-8000-000000000000' },
        rule: { noOrderMonths: 24, spendDrop: null },
      },
    ];
    const noSegment = await client.request<{ errors: { field: string }[] }>('PUT', '/api/settings/winback', {
      session: manager,
      body: unknownSegment,
    });
    expect(noSegment.status).toBe(422);
    expect(noSegment.body.errors.map((e) => e.field)).toEqual(['inactivity.overrides.0.scope.segmentId']);
    const good = { ...DEFAULT_WINBACK_SETTINGS, churn: { horizonMonths: 6, alertAbove: 0.9 } };
    expect(
      (await client.request('PUT', '/api/settings/winback', { session: marketer, body: good })).status,
    ).toBe(403);
    const saved = await client.request('PUT', '/api/settings/winback', { session: manager, body: good });
    expect(saved.status).toBe(200);
    expect((await client.request('GET', '/api/settings/winback', { session: agent })).body).toEqual(good);
  });
});
