import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../../../tests/support/app-server';
import { apiClient, type Session } from '../../../../../tests/support/http-client';

interface Settings {
  unitCosts: Record<string, Record<string, unknown>>;
  rates: Record<string, { responseRate: number; conversionRate: number }>;
  postageTable: { format: string; maxWeightGrams: number; priceCents: number }[];
  discountWarningThreshold: number;
  recentDiscountDays: number;
}
interface Warning {
  code: string;
  message: string;
  contacts?: number;
  days?: number;
}
interface ForecastAnswer {
  audienceSize: number;
  forecast: { steps: { unitCostCents: number }[]; expectedResponses: number };
  offerWarnings: Warning[];
}
interface CampaignAnswer extends ForecastAnswer {
  id: string;
  version: number;
  plan: { steps: { unit: Record<string, unknown>; responseRate: number; conversionRate: number }[] };
}
interface Problem {
  errors: { field: string; message: string }[];
}

const plan = (extra: Record<string, unknown> = {}) => ({
  name: 'Fidèles printemps',
  kind: 'retention',
  objective: 'sale',
  audience: { type: 'tag', tag: 'fidele' },
  averageOrderValueCents: 10_000,
  marginRate: 0.4,
  steps: [
    { channel: 'postal', offsetDays: 0 },
    { channel: 'email', offsetDays: 7, target: { type: 'non_responders' } },
  ],
  ...extra,
});
const thirtyPercentOff = {
  type: 'financial',
  discount: { kind: 'percent', rate: 0.3 },
  expectedTakeUp: 0.5,
};

describe('planning settings and offer warnings', () => {
  let app: TestApp;
  let client: ReturnType<typeof apiClient>;
  let admin: Session;
  let marketer: Session;
  const stored = async () =>
    (
      await app.database.sql<{ n: number }[]>`SELECT count(*)::int AS n FROM settings WHERE key = 'planning'`
    )[0]!.n;

  beforeAll(async () => {
    app = await startTestApp();
    client = apiClient(app.url);
    admin = await client.login('admin@relance.example');
    marketer = await client.login('marketer@relance.example');
    // eight loyal customers tagged "fidele" (1-8) and two others (9, 10), with orders by hand:
    // 1, 2, 3: a promotion order 5, 12 and 25 days ago; 4: a voucher 60 days ago; 5: a promotion 200 days ago;
    // 6: a full-price order 3 days ago; 9 (not tagged): a promotion 2 days ago; 7, 8, 10: no order.
    const ids = await app.database.sql<{ id: string }[]>`
      INSERT INTO contacts (last_name, tags)
      SELECT 'Client ' || i, CASE WHEN i <= 8 THEN ARRAY['fidele'] ELSE ARRAY[]::text[] END
        FROM generate_series(1, 10) i
      RETURNING id`;
    const id = (n: number) => Number(ids[n - 1]!.id);
    const orders: [number, number, boolean, boolean][] = [
      [1, 5, true, false],
      [2, 12, true, false],
      [3, 25, true, false],
      [4, 60, false, true],
      [5, 200, true, false],
      [6, 3, false, false],
      [9, 2, true, false],
    ];
    for (const [who, daysAgo, promo, voucher] of orders) {
      await app.database.sql`
        INSERT INTO orders (contact_id, ordered_at, amount_cents, promo, voucher)
        VALUES (${id(who)}, now() - make_interval(days => ${daysAgo}), 8000, ${promo}, ${voucher})`;
    }
  });
  afterAll(() => app.close());

  it('answers the built-in defaults to anyone who reads campaigns, and lets only admins and managers change them', async () => {
    const agent = await client.login('agent@relance.example');
    const res = await client.request<Settings>('GET', '/api/settings/planning', { session: agent });
    expect(res.status).toBe(200);
    expect(res.body.unitCosts.postal).toEqual({
      printingCents: 25,
      envelopeCents: 8,
      format: 'standard',
      weightGrams: 20,
    });
    expect(res.body.rates.email).toEqual({ responseRate: 0.01, conversionRate: 0.1 });
    expect(res.body).toMatchObject({ discountWarningThreshold: 0.15, recentDiscountDays: 90 });

    const refused = await client.request('PUT', '/api/settings/planning', {
      session: marketer,
      body: res.body,
    });
    expect(refused.status).toBe(403);
    expect(await stored()).toBe(0);
  });

  it('refuses negative or absurd costs with a field error each, and saves nothing', async () => {
    const current = (await client.request<Settings>('GET', '/api/settings/planning', { session: admin }))
      .body;
    const res = await client.request<Problem>('PUT', '/api/settings/planning', {
      session: admin,
      body: {
        ...current,
        unitCosts: {
          ...current.unitCosts,
          // a valid change next to the bad ones: it must not be saved either
          email: { pricePerThousandCents: 300 },
          postal: { ...current.unitCosts.postal, printingCents: -10 },
          sms: { pricePerSegmentCents: 600, segments: 1 },
        },
        recentDiscountDays: 0,
      },
    });
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([
      { field: 'unitCosts.postal.printingCents', message: 'The printing cost per letter cannot be negative' },
      {
        field: 'unitCosts.sms.pricePerSegmentCents',
        message: 'The price per SMS segment cannot exceed 1 €: check the figure',
      },
      { field: 'recentDiscountDays', message: 'At least 1 day' },
    ]);
    expect(await stored()).toBe(0);
  });

  it("gives new campaign steps the workspace's costs and rates, and keeps what a step says", async () => {
    const current = (await client.request<Settings>('GET', '/api/settings/planning', { session: admin }))
      .body;
    const saved = await client.request<Settings>('PUT', '/api/settings/planning', {
      session: admin,
      body: {
        ...current,
        unitCosts: { ...current.unitCosts, email: { pricePerThousandCents: 250 } },
        rates: { ...current.rates, postal: { responseRate: 0.05, conversionRate: 0.3 } },
        postageTable: [
          { format: 'standard', maxWeightGrams: 20, priceCents: 100 },
          { format: 'standard', maxWeightGrams: 50, priceCents: 130 },
        ],
      },
    });
    expect(saved.status).toBe(200);
    expect(await stored()).toBe(1);

    // forecast of an unsaved plan: a letter at 25 + 8 c + the workspace's 100 c postage, an email at 2.50 € / 1,000
    const forecast = await client.request<ForecastAnswer>('POST', '/api/campaigns/forecast', {
      session: marketer,
      body: plan(),
    });
    expect(forecast.status).toBe(200);
    expect(forecast.body.audienceSize).toBe(8);
    expect(forecast.body.forecast.steps.map((s) => s.unitCostCents)).toEqual([133, 0.25]);
    // 8 letters × 5 % = 0.4 responses; 7.6 → 8 emails (rounded) × 1 % = 0.08
    expect(forecast.body.forecast.expectedResponses).toBeCloseTo(0.48, 9);

    const created = await client.request<CampaignAnswer>('POST', '/api/campaigns', {
      session: marketer,
      body: plan({
        steps: [
          { channel: 'postal', offsetDays: 0 },
          { channel: 'email', offsetDays: 7, unit: { channel: 'email', pricePerThousandCents: 90 } },
        ],
      }),
    });
    expect(created.status).toBe(201);
    expect(created.body.plan.steps[0]).toMatchObject({ responseRate: 0.05, conversionRate: 0.3 });
    expect(created.body.plan.steps[1]!.unit).toEqual({ channel: 'email', pricePerThousandCents: 90 });

    const replaced = await client.request<CampaignAnswer>('PUT', `/api/campaigns/${created.body.id}`, {
      session: marketer,
      body: { version: created.body.version, plan: plan() },
    });
    expect(replaced.status).toBe(200);
    expect(replaced.body.plan.steps[1]!.unit).toEqual({ channel: 'email', pricePerThousandCents: 250 });
  });

  it('warns about a discount above the threshold and about contacts discounted in the window', async () => {
    const forecast = async (offer: unknown) =>
      (
        await client.request<ForecastAnswer>('POST', '/api/campaigns/forecast', {
          session: marketer,
          body: plan({ offer }),
        })
      ).body.offerWarnings;

    // 30 % > 15 %; contacts 1, 2, 3 (promotions) and 4 (voucher) in the last 90 days: 4
    const warnings = await forecast(thirtyPercentOff);
    expect(warnings.map((w) => w.code)).toEqual(['discount_addiction', 'recently_discounted']);
    expect(warnings[1]).toMatchObject({ contacts: 4, days: 90 });
    expect(warnings[0]!.message).toContain('above the 15 % threshold');

    // a gift: no discount warning, and the recently discounted only matter for a financial offer
    expect(await forecast({ type: 'material', giftValueCents: 1500, expectedTakeUp: 0.5 })).toEqual([]);
    // 10 % stays under the threshold, but the audience was discounted recently
    expect(
      (await forecast({ ...thirtyPercentOff, discount: { kind: 'percent', rate: 0.1 } })).map((w) => w.code),
    ).toEqual(['recently_discounted']);

    // a 35 % threshold and a 20-day window: no threshold warning, contacts 1 and 2 only
    const current = (await client.request<Settings>('GET', '/api/settings/planning', { session: admin }))
      .body;
    await client.request('PUT', '/api/settings/planning', {
      session: admin,
      body: { ...current, discountWarningThreshold: 0.35, recentDiscountDays: 20 },
    });
    expect(await forecast(thirtyPercentOff)).toEqual([
      expect.objectContaining({ code: 'recently_discounted', contacts: 2, days: 20 }),
    ]);

    // the saved campaign's answers carry them too
    const created = await client.request<CampaignAnswer>('POST', '/api/campaigns', {
      session: marketer,
      body: plan({ offer: thirtyPercentOff }),
    });
    expect(created.body.offerWarnings.map((w) => [w.code, w.contacts])).toEqual([['recently_discounted', 2]]);
    const read = await client.request<CampaignAnswer>('GET', `/api/campaigns/${created.body.id}`, {
      session: marketer,
    });
    expect(read.body.offerWarnings).toHaveLength(1);
  });
});
