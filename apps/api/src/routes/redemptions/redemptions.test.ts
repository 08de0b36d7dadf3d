import { formatTrackingCode, generateTrackingCodes } from '@relance/domain/tracking-code';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../../../tests/support/app-server';
import { apiClient, ROLE_LOGINS, type Session } from '../../../../../tests/support/http-client';
import { type SentFixture, sentEmailCampaign } from '../../../../../tests/support/tracking-fixtures';

/** A code with its check character broken (the last character changed). */
const typoOf = (code: string) => code.slice(0, 9) + (code[9] === 'A' ? 'B' : 'A');

describe('redemption, conversions and returned mail on a real database', () => {
  let app: TestApp;
  let client: ReturnType<typeof apiClient>;
  let agent: Session;
  let admin: Session;
  let fixture: SentFixture;
  let codes: string[];
  let apiKey: string;
  /** a code no send carries */
  let stranger: string;

  beforeAll(async () => {
    app = await startTestApp({ env: { CODE_GUESS_LIMIT: '5' }, worker: false });
    client = apiClient(app.url);
    const { db, sql } = app.database;
    fixture = await sentEmailCampaign(db, sql, 8);
    const fresh = generateTrackingCodes(9);
    codes = fresh.slice(0, 8);
    stranger = fresh[8]!;
    // real codes (the fixture's are readable placeholders), and contacts 7 and 8 got a letter (as variant C, so that
    // the board's counters, keyed by step, phase and variant, keep one channel per key)
    await sql`
      UPDATE sends s SET tracking_code = v.code,
             channel = CASE WHEN v.n >= 7 THEN 'postal'::channel ELSE s.channel END,
             variant = CASE WHEN v.n >= 7 THEN 'C'::variant_label ELSE s.variant END,
             address = CASE WHEN v.n >= 7 THEN 'postal-key-' || v.n ELSE s.address END
        FROM unnest(${fixture.sends.map((s) => s.id)}::bigint[], ${codes}::text[]) WITH ORDINALITY AS v(id, code, n)
       WHERE s.id = v.id`;
    agent = await client.login(ROLE_LOGINS.telemarketer);
    admin = await client.login(ROLE_LOGINS.admin);
    const key = await client.request<{ token: string }>('POST', '/api/api-keys', {
      session: admin,
      body: { name: 'Shop website', role: 'marketer' },
    });
    apiKey = key.body.token;
  });
  afterAll(() => app.close());

  const events = async (sendId: number) =>
    app.database.sql<{ kind: string; source: string; amount_cents: string | null }[]>`
      SELECT kind, source, amount_cents FROM send_events WHERE send_id = ${sendId} ORDER BY id`;

  it('describes a code typed with dashes and in lower case, a tracked URL, a typo and an unknown code', async () => {
    const lookup = (code: string) =>
      client.request<Record<string, unknown>>('POST', '/api/redemptions/lookup', {
        session: agent,
        body: { code },
      });
    const typed = await lookup(formatTrackingCode(codes[0]!).toLowerCase());
    expect(typed.status).toBe(200);
    expect(typed.body).toMatchObject({
      outcome: 'tracking',
      code: codes[0],
      campaign: { id: fixture.campaign.campaign.id },
      channel: 'email',
      contact: { id: fixture.sends[0]!.contactId, name: 'Prénom1 Nom1' },
      recorded: [],
    });
    const scanned = await lookup(`https://relance.example/r/${codes[0]}?utm_source=relance`);
    expect(scanned.body).toMatchObject({ outcome: 'tracking', code: codes[0] });
    expect((await lookup(typoOf(codes[0]!))).body).toMatchObject({ outcome: 'typo' });
    expect((await lookup(stranger)).body).toEqual({ outcome: 'unknown', code: stranger });
  });

  it('records a sale once for a double click (one idempotency key), and refuses typos and unknown codes', async () => {
    const body = { code: codes[1], kind: 'sold', amountCents: 12900, idempotencyKey: 'click-0001-abcdef' };
    const [first, second] = await Promise.all([
      client.request<Record<string, unknown>>('POST', '/api/redemptions', { session: agent, body }),
      client.request<Record<string, unknown>>('POST', '/api/redemptions', { session: agent, body }),
    ]);
    expect([first.status, second.status]).toEqual([200, 200]);
    expect([first.body.duplicate, second.body.duplicate].sort()).toEqual([false, true]);
    expect(first.body).toMatchObject({ rule: 'code', sendId: fixture.sends[1]!.id, amountCents: 12900 });
    expect(await events(fixture.sends[1]!.id)).toEqual([
      { kind: 'sold', source: 'redemption', amount_cents: '12900' },
    ]);
    const [rollup] = await app.database.sql<{ events: number; amount_cents: string }[]>`
      SELECT sum(events)::int AS events, sum(amount_cents) AS amount_cents FROM send_rollups
       WHERE campaign_id = ${fixture.campaign.campaign.id} AND kind = 'sold'`;
    expect(rollup).toEqual({ events: 1, amount_cents: '12900' });

    const sale = { kind: 'sold', amountCents: 100, idempotencyKey: 'click-0002-abcdef' };
    const typo = await client.request<{ errors: { field: string; message: string }[] }>(
      'POST',
      '/api/redemptions',
      { session: agent, body: { ...sale, code: typoOf(codes[2]!) } },
    );
    expect(typo.status).toBe(422);
    expect(typo.body.errors[0]).toMatchObject({
      field: 'code',
      message: expect.stringMatching(/typing mistake/),
    });
    const unknown = await client.request('POST', '/api/redemptions', {
      session: agent,
      body: { ...sale, code: stranger },
    });
    expect(unknown.status).toBe(422);
    const noAmount = await client.request('POST', '/api/redemptions', {
      session: agent,
      body: { code: codes[2], kind: 'sold', idempotencyKey: 'click-0003-abcdef' },
    });
    expect(noAmount.status).toBe(422);
    expect(await events(fixture.sends[2]!.id)).toEqual([]);
    // what is recorded shows on the next lookup
    const again = await client.request<{ recorded: unknown[] }>('POST', '/api/redemptions/lookup', {
      session: agent,
      body: { code: codes[1] },
    });
    expect(again.body.recorded).toMatchObject([{ kind: 'sold', amountCents: 12900, source: 'redemption' }]);
  });

  it('redeems a coupon code against the contact found by email, else at the campaign level', async () => {
    await app.database.sql`
      UPDATE campaigns SET plan = jsonb_set(plan, '{offer}',
        '{"type":"material","giftValueCents":500,"expectedTakeUp":0.5,"couponCode":"BIENVENUE10","description":"Un cadeau"}')
       WHERE id = ${fixture.campaign.campaign.id}`;
    const lookup = await client.request('POST', '/api/redemptions/lookup', {
      session: agent,
      body: { code: 'bienvenue-10' },
    });
    expect(lookup.body).toMatchObject({ outcome: 'coupon', code: 'BIENVENUE10', offer: 'Un cadeau' });
    const known = await client.request<Record<string, unknown>>('POST', '/api/redemptions', {
      session: agent,
      body: {
        code: 'Bienvenue10',
        kind: 'responded',
        idempotencyKey: 'coupon-0001-abc',
        email: 'C3@exemple.fr',
      },
    });
    expect(known.body).toMatchObject({ rule: 'coupon', sendId: fixture.sends[2]!.id, codeOutcome: 'coupon' });
    const anonymous = await client.request<Record<string, unknown>>('POST', '/api/redemptions', {
      session: agent,
      body: { code: 'BIENVENUE10', kind: 'sold', amountCents: 5000, idempotencyKey: 'coupon-0002-abc' },
    });
    expect(anonymous.body).toMatchObject({
      rule: 'coupon',
      sendId: null,
      campaignId: fixture.campaign.campaign.id,
    });
    const summary = await client.request<{ unattributed: { campaignLevel: number } }>(
      'GET',
      '/api/conversions/summary',
      { session: agent },
    );
    expect(summary.body.unattributed.campaignLevel).toBe(1);
    // the campaign-level sale is on the campaign's board: in its direct returns and its totals, on no step
    const board = await client.request<{
      direct: Record<string, number> | null;
      totals: Record<string, number>;
      bySteps: { figures: Record<string, number> }[];
    }>('GET', `/api/campaigns/${fixture.campaign.campaign.id}/board`, { session: admin });
    const marginRate = fixture.campaign.plan.marginRate;
    expect(board.body.direct).toMatchObject({
      responses: 1,
      sales: 1,
      revenueCents: 5000,
      marginCents: Math.round(5000 * marginRate),
      // the gift (5 €) was given to the one who used the coupon: no take-up applied
      incentiveCents: 500,
      sent: 0,
    });
    const onSteps = board.body.bySteps.reduce((n, s) => n + s.figures.revenueCents!, 0);
    expect(board.body.totals.revenueCents).toBe(onSteps + 5000);
  });

  it('credits a sale reported by email to the last send in the window, edges included, and keeps the others', async () => {
    const { sql } = app.database;
    const send = fixture.sends[3]!; // contact 4, c4@exemple.fr
    await sql`UPDATE sends SET finished_at = '2025-01-01T00:00:00Z' WHERE id = ${send.id}`;
    const report = (orderId: string, occurredAt: string, extra: Record<string, unknown> = {}) =>
      client.request<Record<string, unknown>>('POST', '/api/conversions', {
        bearer: apiKey,
        body: { orderId, amountCents: 4990, currency: 'EUR', email: 'c4@exemple.fr', occurredAt, ...extra },
      });
    const edge = await report('order-edge', '2025-01-31T00:00:00Z');
    expect(edge.status).toBe(200);
    expect(edge.body).toMatchObject({ rule: 'window', sendId: send.id, duplicate: false });
    const after = await report('order-late', '2025-01-31T00:00:01Z');
    expect(after.body).toMatchObject({ rule: 'none', sendId: null, contactId: send.contactId });
    const before = await report('order-early', '2024-12-31T23:59:59Z');
    expect(before.body).toMatchObject({ rule: 'none', sendId: null });

    // a wider window credits what was left unattributed from now on (not what is already recorded)
    const put = await client.request('PUT', '/api/settings/attribution', {
      session: admin,
      body: { windowDays: 45 },
    });
    expect(put.status).toBe(200);
    expect((await report('order-late', '2025-01-31T00:00:01Z')).body).toMatchObject({
      duplicate: true,
      rule: 'none',
    });
    expect((await report('order-late-2', '2025-02-10T00:00:00Z')).body).toMatchObject({ rule: 'window' });
    await client.request('PUT', '/api/settings/attribution', { session: admin, body: { windowDays: 30 } });

    const summary = await client.request<{ unattributed: { count: number; salesCents: number } }>(
      'GET',
      '/api/conversions/summary',
      { session: agent },
    );
    expect(summary.body.unattributed).toMatchObject({ count: 3, salesCents: 5000 + 2 * 4990 });
  });

  it('counts a retried report once, refuses other currencies and keeps a sale whose code matches nothing', async () => {
    const send = fixture.sends[4]!;
    const body = { orderId: 'order-42', amountCents: 19900, code: formatTrackingCode(codes[4]!) };
    const first = await client.request<Record<string, unknown>>('POST', '/api/conversions', {
      bearer: apiKey,
      body,
    });
    const retry = await client.request<Record<string, unknown>>('POST', '/api/conversions', {
      bearer: apiKey,
      body,
    });
    expect(first.body).toMatchObject({
      rule: 'code',
      sendId: send.id,
      duplicate: false,
      codeOutcome: 'tracking',
    });
    expect(retry.body).toMatchObject({ conversionId: first.body.conversionId, duplicate: true });
    expect(await events(send.id)).toEqual([{ kind: 'sold', source: 'conversion', amount_cents: '19900' }]);

    const usd = await client.request<{ errors: { field: string; message: string }[] }>(
      'POST',
      '/api/conversions',
      {
        bearer: apiKey,
        body: { ...body, orderId: 'order-usd', currency: 'USD' },
      },
    );
    expect(usd.status).toBe(422);
    expect(usd.body.errors).toEqual([{ field: 'currency', message: expect.stringMatching(/Only EUR/) }]);

    const lost = await client.request<Record<string, unknown>>('POST', '/api/conversions', {
      bearer: apiKey,
      body: { orderId: 'order-43', amountCents: 100, code: stranger, email: 'c6@exemple.fr' },
    });
    expect(lost.body).toMatchObject({ codeOutcome: 'unknown', rule: 'window', sendId: fixture.sends[5]!.id });

    const batch = await client.request<{ results: Record<string, unknown>[] }>(
      'POST',
      '/api/conversions/batch',
      {
        bearer: apiKey,
        body: {
          conversions: [
            { orderId: 'b-1', amountCents: 100, code: codes[5] },
            { orderId: 'b-2', amountCents: 100, currency: 'GBP', code: codes[5] },
            { orderId: 'order-42', amountCents: 19900, code: codes[4] },
          ],
        },
      },
    );
    expect(batch.body.results).toMatchObject([
      { index: 0, ok: true, rule: 'code', duplicate: false },
      { index: 1, ok: false, errors: [{ field: 'currency' }] },
      { index: 2, ok: true, duplicate: true },
    ]);
    // a browser session cannot report without the CSRF token; a telemarketer's role cannot report at all
    expect((await client.request('POST', '/api/conversions', { session: agent, body })).status).toBe(403);
  });

  it('records returned mail from a file with mixed lines, each answered, bad lines never blocking good ones', async () => {
    const [letter7, letter8] = [fixture.sends[6]!, fixture.sends[7]!];
    const csv = [
      'tracking_code;name;reason',
      `${formatTrackingCode(codes[6]!).toLowerCase()};Nom7;NPAI`,
      `${codes[6]};Nom7;NPAI again`,
      `${typoOf(codes[7]!)};Nom8;typo`,
      `${stranger};Nobody;unknown`,
      `${codes[0]};Nom1;an email's code`,
      '',
      `https://relance.example/r/${codes[7]};Nom8;scanned URL`,
    ].join('\r\n');
    const form = new FormData();
    form.append('file', new Blob([csv], { type: 'text/csv' }), 'retours.csv');
    const upload = await client.request<{ counts: Record<string, number>; lines: Record<string, unknown>[] }>(
      'POST',
      '/api/returned-mail/upload',
      { session: admin, form },
    );
    expect(upload.status).toBe(200);
    expect(upload.body.lines.map((l) => [l.line, l.status])).toEqual([
      [2, 'recorded'],
      [3, 'already_recorded'],
      [4, 'typo'],
      [5, 'unknown'],
      [6, 'not_postal'],
      [8, 'recorded'],
    ]);
    expect(upload.body.counts).toMatchObject({
      recorded: 2,
      already_recorded: 1,
      typo: 1,
      unknown: 1,
      not_postal: 1,
    });
    const suppressed = await app.database.sql<{ address: string; reason: string }[]>`
      SELECT address, reason FROM suppressions WHERE channel = 'postal' ORDER BY address`;
    expect(suppressed).toEqual([
      { address: 'postal-key-7', reason: 'npai' },
      { address: 'postal-key-8', reason: 'npai' },
    ]);
    expect(await events(letter7.id)).toEqual([{ kind: 'returned', source: 'npai', amount_cents: null }]);

    const scanned = await client.request<{ lines: { status: string }[] }>('POST', '/api/returned-mail', {
      session: admin,
      body: { codes: [codes[7], 'nonsense'] },
    });
    expect(scanned.body.lines.map((l) => l.status)).toEqual(['already_recorded', 'unknown']);
    expect(await events(letter8.id)).toHaveLength(1);
  });

  it('limits code guessing per user on codes that match nothing only, and then answers every code the same', async () => {
    const marketer = await client.login(ROLE_LOGINS.marketer);
    const lookup = (session: Session, code: string) =>
      client.request<Record<string, unknown>>('POST', '/api/redemptions/lookup', { session, body: { code } });
    // typing mistakes and codes found do not count
    for (let i = 0; i < 6; i++) expect((await lookup(marketer, typoOf(codes[0]!))).status).toBe(200);
    for (let i = 0; i < 6; i++) expect((await lookup(marketer, codes[0]!)).status).toBe(200);
    const guesses = generateTrackingCodes(5);
    for (const guess of guesses) expect((await lookup(marketer, guess)).body.outcome).toBe('unknown');
    const blocked = await lookup(marketer, codes[0]!);
    expect(blocked.status).toBe(429);
    expect((await lookup(marketer, stranger)).status).toBe(429);
    // per user: the manager is not blocked by the marketer's guesses
    const manager = await client.login(ROLE_LOGINS.manager);
    expect((await lookup(manager, codes[0]!)).status).toBe(200);
  });
});
