import { applySendEvents } from '@relance/db/queries/send-events-apply';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../../../tests/support/app-server';
import { apiClient, ROLE_LOGINS, type Session } from '../../../../../tests/support/http-client';
import { type SentFixture, sentEmailCampaign } from '../../../../../tests/support/tracking-fixtures';

interface Figures {
  sent: number;
  delivered: number;
  bounced: number;
  responses: number;
  quotes: number;
  reminders: number;
  sales: number;
  revenueCents: number;
  marginCents: number;
  costCents: number;
  roi: number | null;
  costPerResponseCents: number | null;
  costPerSaleCents: number | null;
  returnRate: number | null;
}
interface Board {
  campaign: { id: string; name: string };
  totals: Figures;
  lines: { phase: string; variant: string; figures: Figures }[];
  byChannel: { channel: string; figures: Figures }[];
  byVariant: { variant: string; figures: Figures }[];
  returns: {
    charts: { phase: string; today: number; points: { day: number; actual: number | null }[] }[];
    alerts: unknown[];
  };
}
interface Portfolio {
  campaigns: { id: string; name: string; figures: Figures }[];
  byChannel: { channel: string; figures: Figures }[];
  totals: Figures;
}

describe('the board through the API (real database)', () => {
  let app: TestApp;
  let f: SentFixture;
  let client: ReturnType<typeof apiClient>;
  let manager: Session;

  beforeAll(async () => {
    app = await startTestApp({ worker: false });
    const { db, sql } = app.database;
    f = await sentEmailCampaign(db, sql, 40);
    const id = f.campaign.campaign.id;
    await sql`UPDATE send_waves SET due_at = now() - interval '3 days' WHERE campaign_id = ${id}`;
    await sql`INSERT INTO campaign_phases (campaign_id, phase, started_at) VALUES (${id}, 'test', now() - interval '3 days')`;
    const at = (days: number) => new Date(Date.now() - (3 - days) * 86_400_000 + 60_000);
    const s = f.sends;
    await applySendEvents(db, [
      ...s.slice(0, 38).map((x, i) => ({
        sendId: x.id,
        kind: 'delivered' as const,
        source: 'sendgrid' as const,
        sourceId: `d${i}`,
        occurredAt: at(0),
      })),
      { sendId: s[38]!.id, kind: 'bounced', source: 'sendgrid', sourceId: 'b1', occurredAt: at(0) },
      { sendId: s[39]!.id, kind: 'bounced', source: 'sendgrid', sourceId: 'b2', occurredAt: at(0) },
      ...s.slice(0, 6).map((x, i) => ({
        sendId: x.id,
        kind: 'responded' as const,
        source: 'link' as const,
        sourceId: `r${i}`,
        occurredAt: at(i < 4 ? 0 : 1),
      })),
      {
        sendId: s[2]!.id,
        kind: 'quoted',
        source: 'follow_up',
        sourceId: 'q1',
        amountCents: 20_000,
        occurredAt: at(1),
      },
      { sendId: s[2]!.id, kind: 'reminded', source: 'follow_up', sourceId: 'm1', occurredAt: at(2) },
      {
        sendId: s[0]!.id,
        kind: 'sold',
        source: 'redemption',
        sourceId: 's1',
        amountCents: 12_000,
        occurredAt: at(1),
      },
      {
        sendId: s[1]!.id,
        kind: 'sold',
        source: 'redemption',
        sourceId: 's2',
        amountCents: 5_000,
        occurredAt: at(2),
      },
    ]);
    client = apiClient(app.url);
    manager = await client.login(ROLE_LOGINS.manager);
  });
  afterAll(async () => {
    await app?.close();
  });

  it('answers the campaign’s figures, costs and ROI, worked by hand', async () => {
    const res = await client.request<Board>('GET', `/api/campaigns/${f.campaign.campaign.id}/board`, {
      session: manager,
    });
    expect(res.status, res.text).toBe(200);
    // 40 emails at 1 € per thousand = 4 c; no handling cost for email bounces, no offer, no fixed costs.
    // Sales 120 € + 50 € = 170 €, margin 30 % = 51 €; ROI (5,100 − 4) / 4 = 1,274.
    expect(res.body.totals).toMatchObject({
      sent: 40,
      delivered: 38,
      bounced: 2,
      responses: 6,
      quotes: 1,
      reminders: 1,
      sales: 2,
      revenueCents: 17_000,
      marginCents: 5_100,
      costCents: 4,
      roi: 1_274,
      costPerResponseCents: 1,
      costPerSaleCents: 2,
      returnRate: 0.15,
    });
    // sends 1, 3, 5 are in group A; 2, 4, 6 in group B
    const A = res.body.byVariant.find((v) => v.variant === 'A')!;
    expect(A.figures).toMatchObject({ sent: 20, responses: 3, sales: 1, revenueCents: 12_000 });
    expect(res.body.byChannel.map((c) => c.channel)).toEqual(['email']);
    // returns by day since the send: 4 on day 0, 2 on day 1; today is D+3
    const chart = res.body.returns.charts.find((c) => c.phase === 'test')!;
    expect(chart.today).toBe(3);
    expect(chart.points.slice(0, 5).map((p) => p.actual)).toEqual([0, 4, 6, 6, null]);
  });

  it('exports each table as CSV, with formulas neutralised', async () => {
    await app.database
      .sql`UPDATE campaigns SET name = '=HYPERLINK("http://x")' WHERE id = ${f.campaign.campaign.id}`;
    const res = await client.request(
      'GET',
      `/api/campaigns/${f.campaign.campaign.id}/board.csv?table=variants`,
      {
        session: manager,
      },
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    const [header, first] = res.text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\n');
    expect(header).toMatch(/^campaign;variant;sent;delivered;/);
    expect(first).toMatch(/^"'=HYPERLINK\(""http:\/\/x""\)";A;20;/);
    const bad = await client.request('GET', `/api/campaigns/${f.campaign.campaign.id}/board.csv?table=nope`, {
      session: manager,
    });
    expect(bad.status).toBe(422);
  });

  it('answers the portfolio of the period, per campaign and per channel', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const res = await client.request<Portfolio>('GET', `/api/board/portfolio?to=${today}`, {
      session: manager,
    });
    expect(res.status, res.text).toBe(200);
    expect(res.body.campaigns.map((c) => c.id)).toEqual([f.campaign.campaign.id]);
    expect(res.body.totals).toMatchObject({ sent: 40, sales: 2, revenueCents: 17_000 });
    expect(res.body.byChannel[0]).toMatchObject({ channel: 'email', figures: { responses: 6 } });
    const before = await client.request<Portfolio>(
      'GET',
      '/api/board/portfolio?from=2020-01-01&to=2020-12-31',
      {
        session: manager,
      },
    );
    expect(before.body.campaigns).toEqual([]);
    const csv = await client.request('GET', `/api/board/portfolio.csv?to=${today}&table=channels`, {
      session: manager,
    });
    expect(csv.text).toContain('email;40;38;');
    const backwards = await client.request('GET', '/api/board/portfolio?from=2026-02-01&to=2026-01-01', {
      session: manager,
    });
    expect(backwards.status).toBe(422);
  });

  it('is for managers and marketers, not telemarketers; an unknown campaign is a 404', async () => {
    const agent = await client.login(ROLE_LOGINS.telemarketer);
    const res = await client.request('GET', `/api/campaigns/${f.campaign.campaign.id}/board`, {
      session: agent,
    });
    expect(res.status).toBe(403);
    const marketer = await client.login(ROLE_LOGINS.marketer);
    const missing = await client.request('GET', '/api/campaigns/00000000-0000-4000-8000-000000000000/board', {
      session: marketer,
    });
    expect(missing.status).toBe(404);
  });
});
