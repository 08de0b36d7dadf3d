import { DEMO_PASSWORD } from '@relance/db/demo-users';
import { verifyPassword } from '@relance/db/password';
import { campaignBoard } from '@relance/db/queries/board-view';
import { dueReminders } from '@relance/db/queries/follow-up-reminders';
import { countSegment } from '@relance/db/queries/segments';
import type { SegmentDefinition } from '@relance/domain/segments/definition';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../tests/support/test-database';
import { PLACES } from './french-places';
import { type SeedSummary, seedDemo } from './seed-demo';
import { SENT_CAMPAIGN_NAME } from './sent-campaign';

const now = new Date('2026-06-01T00:00:00Z');
let database: TestDatabase;
let summary: SeedSummary | null;

beforeAll(async () => {
  database = await createTestDatabase();
  summary = await seedDemo(database, { now });
}, 120_000);
afterAll(async () => {
  await database.drop();
});

describe('the demo workspace', () => {
  // how long seeding takes is `pnpm start`'s business (it prints it), not a unit test's: timings depend on the machine
  it('is seeded, with the four logins and about 3,000 contacts', async () => {
    expect(summary).not.toBeNull();
    expect(summary!.contacts).toBeGreaterThan(2_800);
    expect(summary!.contacts).toBeLessThan(3_500);
    const users = await database.sql<{ email: string; role: string; password_hash: string }[]>`
      SELECT email, role, password_hash FROM users ORDER BY email`;
    expect(users.map((u) => [u.email, u.role])).toEqual([
      ['admin@relance.example', 'admin'],
      ['agent@relance.example', 'telemarketer'],
      ['manager@relance.example', 'manager'],
      ['marketer@relance.example', 'marketer'],
    ]);
    expect(await verifyPassword(DEMO_PASSWORD, users[0]!.password_hash)).toBe(true);
  });

  it('has French consumers with real-looking postal codes, cities and phones', async () => {
    const rows = await database.sql<
      {
        civility: string;
        postal_code: string | null;
        city: string | null;
        mobile: string | null;
        phone: string | null;
        email: string | null;
      }[]
    >`SELECT civility, postal_code, city, mobile, phone, email FROM contacts WHERE kind = 'person' AND company_id IS NULL`;
    expect(rows.length).toBeGreaterThan(2_000);
    const codes = new Map(PLACES.map((p) => [p.city, new Set(p.postalCodes)]));
    for (const row of rows) {
      expect(['M.', 'Mme']).toContain(row.civility);
      if (row.postal_code) expect(codes.get(row.city!)?.has(row.postal_code)).toBe(true);
      if (row.mobile) expect(row.mobile).toMatch(/^\+33[67]\d{8}$/);
      if (row.phone) expect(row.phone).toMatch(/^\+33[1-5]\d{8}$/);
      if (row.email) expect(row.email).toBe(row.email.toLowerCase());
    }
  });

  it('has companies with one to three contact persons', async () => {
    const staff = await database.sql<{ n: number }[]>`
      SELECT count(p.id)::int AS n FROM contacts c LEFT JOIN contacts p ON p.company_id = c.id
      WHERE c.kind = 'company' GROUP BY c.id`;
    expect(staff.length).toBeGreaterThan(100);
    expect(Math.min(...staff.map((s) => s.n))).toBe(1);
    expect(Math.max(...staff.map((s) => s.n))).toBe(3);
  });

  it('has three years of orders with loyal, lapsed, declining and one-order customers', async () => {
    const [shape] = await database.sql<
      {
        first: Date;
        last: Date;
        loyal: number;
        lapsed: number;
        declining: number;
        single: number;
        affiliate: number;
        promo: number;
        voucher: number;
      }[]
    >`
      WITH per AS (
        SELECT contact_id, count(*) AS n, max(ordered_at) AS last,
          sum(amount_cents) FILTER (WHERE ordered_at > ${now.toISOString()}::timestamptz - interval '1 year') AS last_year,
          sum(amount_cents) FILTER (WHERE ordered_at <= ${now.toISOString()}::timestamptz - interval '1 year'
                                      AND ordered_at > ${now.toISOString()}::timestamptz - interval '2 years') AS year_before
        FROM orders GROUP BY contact_id)
      SELECT (SELECT min(ordered_at) FROM orders) AS first, (SELECT max(ordered_at) FROM orders) AS last,
        count(*) FILTER (WHERE n >= 10 AND last > ${now.toISOString()}::timestamptz - interval '3 months')::int AS loyal,
        count(*) FILTER (WHERE n >= 2 AND last < ${now.toISOString()}::timestamptz - interval '12 months')::int AS lapsed,
        count(*) FILTER (WHERE last_year <= year_before * 0.6)::int AS declining,
        count(*) FILTER (WHERE n = 1)::int AS single,
        (SELECT count(*) FROM orders WHERE source = 'affiliate')::int AS affiliate,
        (SELECT count(*) FROM orders WHERE promo)::int AS promo,
        (SELECT count(*) FROM orders WHERE voucher)::int AS voucher
      FROM per`;
    expect(new Date(shape!.first).getTime()).toBeGreaterThanOrEqual(now.getTime() - 3 * 366 * 86_400_000);
    expect(new Date(shape!.last).getTime()).toBeLessThanOrEqual(now.getTime());
    for (const key of ['loyal', 'lapsed', 'declining', 'single', 'affiliate', 'promo', 'voucher'] as const)
      expect(shape![key], key).toBeGreaterThan(100);
    const [money] = await database.sql<{ bad: number }[]>`
      SELECT count(*)::int AS bad FROM orders WHERE amount_cents <= 0 OR margin_cents >= amount_cents OR margin_cents < 0`;
    expect(money!.bad).toBe(0);
  });

  it('has consents per channel with a legal basis and a source, and suppressions of every kind', async () => {
    const consents = await database.sql<{ status: string; legal_basis: string | null; n: number }[]>`
      SELECT status, legal_basis, count(*)::int AS n FROM consents GROUP BY 1, 2`;
    expect(consents.filter((c) => c.status === 'opt_in').every((c) => c.legal_basis !== null)).toBe(true);
    expect(new Set(consents.map((c) => c.legal_basis))).toEqual(
      new Set(['consent', 'existing_customer', 'b2b_interest', null]),
    );
    const reasons = await database.sql<{ reason: string; channel: string }[]>`
      SELECT DISTINCT reason, channel FROM suppressions WHERE source <> 'tracking'`;
    expect(reasons.map((r) => `${r.channel}:${r.reason}`).sort()).toEqual(
      ['email:bounced', 'email:spam_complaint', 'phone:do_not_call', 'postal:npai', 'sms:stop'].sort(),
    );
    const [stopped] = await database.sql<{ n: number }[]>`
      SELECT count(*)::int AS n FROM suppressions s JOIN consents c ON c.contact_id = s.contact_id AND c.channel = 'sms'
      WHERE s.reason = 'stop' AND c.status = 'opt_in'`;
    expect(stopped!.n).toBe(0);
  });

  it('has interactions: calls by the agent, complaints some closed, after-sales, notes', async () => {
    const kinds = await database.sql<{ kind: string; n: number; closed: number; by_user: number }[]>`
      SELECT kind, count(*)::int AS n, count(closed_at)::int AS closed, count(user_id)::int AS by_user
      FROM interactions GROUP BY kind`;
    const byKind = Object.fromEntries(kinds.map((k) => [k.kind, k]));
    expect(byKind.complaint!.closed).toBeGreaterThan(0);
    expect(byKind.complaint!.closed).toBeLessThan(byKind.complaint!.n);
    expect(byKind.after_sales!.n).toBeGreaterThan(50);
    expect(byKind.note!.n).toBeGreaterThan(10);
    expect(byKind.call!.by_user).toBe(byKind.call!.n);
  });

  it('does nothing when the workspace has users', async () => {
    const [before] = await database.sql<{ n: number }[]>`SELECT count(*)::int AS n FROM contacts`;
    expect(await seedDemo(database, { now })).toBeNull();
    const [after] = await database.sql<{ n: number }[]>`SELECT count(*)::int AS n FROM contacts`;
    expect(after!.n).toBe(before!.n);
  });
});

describe('determinism', () => {
  it('gives the same workspace for the same seed and day, and redoes a seed that stopped before the users', async () => {
    const other = await createTestDatabase();
    try {
      // a half-done seed: demo contacts but no users yet
      await other.sql`INSERT INTO contacts (external_id, last_name) VALUES ('DEMO-C00001', 'Leftover')`;
      await seedDemo(other, { now });
      const fingerprint = (db: TestDatabase) => db.sql<{ md5: string }[]>`
        SELECT md5(string_agg(concat_ws('|', c.external_id, c.last_name, c.email, c.mobile, c.postal_code,
          (SELECT string_agg(o.amount_cents::text || '@' || o.ordered_at::text, ',' ORDER BY o.ordered_at)
             FROM orders o WHERE o.contact_id = c.id)), ';' ORDER BY c.external_id)) FROM contacts c`;
      const [a] = await fingerprint(database);
      const [b] = await fingerprint(other);
      expect(b!.md5).toBe(a!.md5);
    } finally {
      await other.drop();
    }
  }, 120_000);
});

describe('the demo campaigns', () => {
  it('has the saved segments, two sendable drafts aimed at them and a completed campaign', async () => {
    expect(summary!.campaigns).toBe(3);
    const segments = await database.sql<{ name: string }[]>`SELECT name FROM segments ORDER BY name`;
    expect(segments.map((s) => s.name)).toEqual(['Anciens clients à reconquérir', 'Clients or']);
    const campaigns = await database.sql<
      { name: string; status: string; audience: { type: string }; steps: string[] }[]
    >`
      SELECT c.name, c.status, c.plan -> 'audience' AS audience,
             array_agg(s.channel::text ORDER BY s.position) AS steps
        FROM campaigns c JOIN campaign_steps s ON s.campaign_id = c.id
       GROUP BY c.id ORDER BY c.name COLLATE "C"`;
    expect(campaigns.map((c) => [c.name, c.status, c.audience.type, c.steps])).toEqual([
      ['Fidélité clients or — SMS', 'draft', 'segment', ['sms']],
      ['Reconquête printemps', 'draft', 'segment', ['postal', 'email', 'phone']],
      [SENT_CAMPAIGN_NAME, 'completed', 'tag', ['postal', 'email']],
    ]);
    // every step has its message, so the demo can launch its test at once
    const [missing] = await database.sql<{ n: number }[]>`
      SELECT count(*)::int AS n FROM campaign_steps WHERE definition -> 'content' IS NULL`;
    expect(missing!.n).toBe(0);
  });

  it('finds former customers worth winning back in the segment the win-back campaign aims at', async () => {
    const [segment] = await database.sql<{ definition: SegmentDefinition }[]>`
      SELECT definition FROM segments WHERE name = 'Anciens clients à reconquérir'`;
    expect(await countSegment(database.db, segment!.definition)).toBeGreaterThan(10);
  });

  it('gives the demo telemarketer a workable callback queue: win-back candidates and the campaign’s calls', async () => {
    const rows = await database.sql<{ source: string; key: string; n: number }[]>`
      SELECT t.source, q.key, count(*)::int AS n FROM callback_tasks t JOIN callback_queues q ON q.id = t.queue_id
       WHERE t.status = 'open' GROUP BY t.source, q.key`;
    const total = rows.reduce((n, r) => n + r.n, 0);
    expect(total).toBeGreaterThanOrEqual(24);
    expect(total).toBeLessThanOrEqual(100);
    expect(rows.find((r) => r.source === 'winback')?.n).toBeGreaterThan(0);
    expect(rows.find((r) => r.source === 'hot_prospect')?.key).toMatch(/^campaign:/);
  });
});

describe('the demo’s sent campaign', () => {
  const campaignId = async () => {
    const [row] = await database.sql<
      { id: string }[]
    >`SELECT id FROM campaigns WHERE name = ${SENT_CAMPAIGN_NAME}`;
    return row!.id;
  };

  it('went out through the engine: a tested letter, its rollout, the D+7 email to non-responders', async () => {
    const id = await campaignId();
    const waves = await database.sql<
      { phase: string; variant: string; channel: string; sent: number; skipped: number }[]
    >`
      SELECT w.phase, w.variant, w.channel, count(*) FILTER (WHERE s.status = 'sent')::int AS sent,
             count(*) FILTER (WHERE s.status = 'skipped')::int AS skipped
        FROM send_waves w JOIN sends s ON s.wave_id = w.id
       WHERE w.campaign_id = ${id} GROUP BY 1, 2, 3 ORDER BY 3 DESC, 1 DESC, 2`;
    expect(waves.map((w) => `${w.channel}:${w.phase}:${w.variant}`).sort()).toEqual(
      [
        'postal:test:A',
        'postal:test:B',
        'postal:rollout:B',
        'email:test:A',
        'email:test:B',
        'email:rollout:B',
      ].sort(),
    );
    const letters = waves.filter((w) => w.channel === 'postal').reduce((n, w) => n + w.sent + w.skipped, 0);
    expect(letters).toBe(420);
    for (const w of waves) expect(w.sent, `${w.channel} ${w.phase} ${w.variant}`).toBeGreaterThan(10);
    // every sent row carries the engine's tracking code; the skipped ones a reason and no code
    const [codes] = await database.sql<{ bad: number }[]>`
      SELECT count(*)::int AS bad FROM sends WHERE campaign_id = ${id}
         AND ((status = 'sent') <> (tracking_code IS NOT NULL) OR (status = 'skipped') <> (skip_reason IS NOT NULL))`;
    expect(codes!.bad).toBe(0);
    const phases = await database.sql<{ phase: string; started_at: Date }[]>`
      SELECT phase, started_at FROM campaign_phases WHERE campaign_id = ${id} ORDER BY started_at`;
    expect(phases.map((p) => p.phase)).toEqual(['test', 'rollout']);
    const daysAgo = (Date.now() - new Date(phases[1]!.started_at).getTime()) / 86_400_000;
    expect(daysAgo).toBeGreaterThan(18);
    expect(daysAgo).toBeLessThan(24);
  });

  it('has a board with figures: returns, NPAI, opens, quotes, sales and revenue, day by day', async () => {
    const board = await campaignBoard(database.db, await campaignId());
    const t = board!.totals;
    expect(board!.campaign.status).toBe('completed');
    expect(t.sent).toBeGreaterThan(500);
    expect(t.npai).toBeGreaterThan(3);
    expect(t.bounced).toBeGreaterThan(0);
    expect(t.delivered).toBeGreaterThan(120);
    expect(t.opened).toBeGreaterThan(50);
    expect(t.clicked).toBeGreaterThan(5);
    expect(t.quotes).toBeGreaterThan(3);
    expect(t.reminders).toBeGreaterThan(0);
    expect(t.lost).toBeGreaterThan(0);
    expect(t.returnRate!).toBeGreaterThan(0.03);
    expect(t.returnRate!).toBeLessThan(0.1);
    expect(t.sales).toBeGreaterThan(25);
    expect(t.sales).toBeLessThan(60);
    expect(t.revenueCents).toBeGreaterThan(t.sales * 4_000);
    // B (the rewritten hook) went to the rollout; the returns curve has actual points against the plan
    expect(board!.byVariant.map((v) => v.variant).sort()).toEqual(['A', 'B']);
    const chart = board!.returns.charts.find((c) => c.phase === 'rollout');
    expect(chart!.today).toBeGreaterThan(18);
    expect(chart!.points.length).toBeGreaterThan(10);
    // sales came in at the counter, online and through the follow-up; a few unsubscribed
    const sources = await database.sql<{ kind: string; source: string }[]>`
      SELECT DISTINCT e.kind, e.source FROM send_events e JOIN sends s ON s.id = e.send_id
       JOIN campaigns c ON c.id = s.campaign_id WHERE c.name = ${SENT_CAMPAIGN_NAME} AND e.kind IN ('sold', 'unsubscribed')`;
    const seen = sources.map((r) => `${r.kind}:${r.source}`);
    expect(seen).toEqual(expect.arrayContaining(['sold:conversion', 'sold:follow_up', 'sold:redemption']));
    // the NPAI returns and bounces went on the suppression list, as the pipeline does
    const [suppressed] = await database.sql<{ n: number }[]>`
      SELECT count(*)::int AS n FROM suppressions WHERE source = 'tracking' AND reason IN ('npai', 'bounced')`;
    expect(suppressed!.n).toBe(t.npai + t.bounced);
    const [future] = await database.sql<{ n: number }[]>`
      SELECT count(*)::int AS n FROM send_events WHERE occurred_at > now()`;
    expect(future!.n).toBe(0);
  });

  it('leaves follow-ups at every stage with the marketer, and reminders due (some overdue)', async () => {
    const stages = await database.sql<{ stage: string; n: number; marketer: number }[]>`
      SELECT f.stage, count(*)::int AS n,
             count(*) FILTER (WHERE u.email = 'marketer@relance.example')::int AS marketer FROM follow_ups f
        JOIN campaigns c ON c.id = f.campaign_id LEFT JOIN users u ON u.id = f.owner_id
       WHERE c.name = ${SENT_CAMPAIGN_NAME} GROUP BY f.stage`;
    const byStage = Object.fromEntries(stages.map((s) => [s.stage, s]));
    for (const stage of ['response', 'quote', 'sale', 'lost']) {
      expect(byStage[stage]?.n, stage).toBeGreaterThan(0);
      expect(byStage[stage]?.marketer, stage).toBe(byStage[stage]?.n);
    }
    const [marketer] = await database.sql<{ id: string }[]>`
      SELECT id FROM users WHERE email = 'marketer@relance.example'`;
    const due = await dueReminders(database.db, { ownerId: marketer!.id, limit: 100, after: null });
    expect(due.items.length).toBeGreaterThan(2);
    expect(due.items.some((r) => r.overdue)).toBe(true);
  });
});
