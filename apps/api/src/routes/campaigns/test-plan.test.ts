import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../../../tests/support/app-server';
import { threeSteps as base } from '../../../../../tests/support/campaign-fixtures';
import { apiClient, type Session } from '../../../../../tests/support/http-client';

interface TestAnswer {
  sampleSize: number;
  variants: { label: string; contacts: number }[];
  rolloutSize: number;
  fitsAudience: boolean;
  steps: { test: number; rollout: number }[];
  durationDays: number;
  rollout: string;
  minimum: { perVariant: number; total: number } | null;
  enough: boolean | null;
}
interface CampaignAnswer {
  id: string;
  version: number;
  audienceSize: number;
  test: TestAnswer | null;
  plan: {
    testPlan?: { sample: unknown; rollout: string; winnerMetric: string };
    steps: { variants?: { label: string; differsOn: string }[] }[];
  };
}
interface Problem {
  errors: { field: string; message: string }[];
}

const umbrella = {
  type: 'material',
  description: 'Un parapluie offert',
  giftValueCents: 1500,
  expectedTakeUp: 0.5,
};
const withTest = (sample: unknown, extra: Record<string, unknown> = {}) => ({
  ...base,
  audience: { type: 'tag', tag: 'ancien-client' },
  testPlan: { sample, rollout: 'automatic', calculator: { baselineRate: 0.02, relativeLift: 1 }, ...extra },
  steps: [{ ...base.steps[0], variants: [{ differsOn: 'offer', offer: umbrella }] }, ...base.steps.slice(1)],
});

describe('campaign test plan API', () => {
  let app: TestApp;
  let client: ReturnType<typeof apiClient>;
  let marketer: Session;
  const count = async () =>
    (await app.database.sql<{ n: number }[]>`SELECT count(*)::int AS n FROM campaigns`)[0]!.n;

  beforeAll(async () => {
    app = await startTestApp();
    client = apiClient(app.url);
    marketer = await client.login('marketer@relance.example');
    // 1,000 former customers tagged, 500 other contacts
    await app.database.sql`
      INSERT INTO contacts (last_name, tags)
      SELECT 'Client ' || i, CASE WHEN i <= 1000 THEN ARRAY['ancien-client'] ELSE ARRAY[]::text[] END
        FROM generate_series(1, 1500) i`;
  });
  afterAll(() => app.close());

  it('saves a test plan and a variant B, and answers the test: sample per variant, then the rollout', async () => {
    const res = await client.request<CampaignAnswer>('POST', '/api/campaigns', {
      session: marketer,
      body: withTest({ mode: 'percent', share: 0.2 }),
    });
    expect(res.status).toBe(201);
    // 20 % of the 1,000 tagged contacts: 100 get the letter as planned (A), 100 with the umbrella (B); the
    // 800 others after the test. Steps in the test: letter 200, email to the 200 − 4 expected responders = 196,
    // call to 20 % of them = 39.2 → 39; the whole audience 1,000 / 980 / 196
    expect(res.body.test).toMatchObject({
      sampleSize: 200,
      variants: [
        { label: 'A', contacts: 100 },
        { label: 'B', contacts: 100 },
      ],
      rolloutSize: 800,
      fitsAudience: true,
      steps: [
        { test: 200, rollout: 800 },
        { test: 196, rollout: 784 },
        { test: 39, rollout: 157 },
      ],
      // variants on the letter at D+0; the letter's curve reaches 80 % of the returns in 13 days
      durationDays: 13,
      rollout: 'automatic',
      // 2 % → 4 % needs 1,141 contacts per variant: 100 is too few
      minimum: { perVariant: 1141, total: 2282 },
      enough: false,
    });
    const got = await client.request<CampaignAnswer>('GET', `/api/campaigns/${res.body.id}`, {
      session: marketer,
    });
    expect(got.body.plan.testPlan).toMatchObject({
      sample: { mode: 'percent', share: 0.2 },
      rollout: 'automatic',
      winnerMetric: 'response_rate',
    });
    expect(got.body.plan.steps[0]!.variants).toMatchObject([{ label: 'B', differsOn: 'offer' }]);
    const [row] = await app.database.sql<
      { definition: { variants: { offer: { giftValueCents: number } }[] } }[]
    >`
      SELECT s.definition FROM campaign_steps s WHERE s.campaign_id = ${res.body.id} AND s.position = 1`;
    expect(row!.definition.variants[0]!.offer.giftValueCents).toBe(1500);
  });

  it('refuses a sample larger than the audience on create, replace and forecast, and saves nothing', async () => {
    const tooBig = withTest({ mode: 'absolute', size: 1001 });
    const expected = {
      field: 'testPlan.sample.size',
      message: 'The audience has 1000 contacts: choose at most 1000',
    };
    const before = await count();
    const created = await client.request<Problem>('POST', '/api/campaigns', {
      session: marketer,
      body: tooBig,
    });
    expect(created.status).toBe(422);
    expect(created.body.errors).toEqual([expected]);
    expect(await count()).toBe(before);

    const forecast = await client.request<Problem>('POST', '/api/campaigns/forecast', {
      session: marketer,
      body: tooBig,
    });
    expect(forecast.status).toBe(422);
    expect(forecast.body.errors).toEqual([expected]);

    const draft = await client.request<CampaignAnswer>('POST', '/api/campaigns', {
      session: marketer,
      body: withTest({ mode: 'absolute', size: 1000 }),
    });
    expect(draft.status).toBe(201);
    expect(draft.body.test).toMatchObject({ sampleSize: 1000, rolloutSize: 0 });
    const replaced = await client.request<Problem>('PUT', `/api/campaigns/${draft.body.id}`, {
      session: marketer,
      body: { version: 1, plan: { ...tooBig, name: 'Trop grand' } },
    });
    expect(replaced.status).toBe(422);
    expect(replaced.body.errors).toEqual([expected]);
    const [row] = await app.database.sql<{ name: string; version: number; plan: { testPlan: unknown } }[]>`
      SELECT name, version, plan FROM campaigns WHERE id = ${draft.body.id}`;
    expect(row).toMatchObject({
      name: base.name,
      version: 1,
      plan: { testPlan: { sample: { mode: 'absolute', size: 1000 } } },
    });
    // the same audience without the tag has 1,500 contacts: 1,001 fits
    const wider = await client.request<CampaignAnswer>('POST', '/api/campaigns/forecast', {
      session: marketer,
      body: { ...tooBig, audience: { type: 'all' } },
    });
    expect(wider.status).toBe(200);
    expect(wider.body.test).toMatchObject({
      sampleSize: 1001,
      variants: [
        { label: 'A', contacts: 501 },
        { label: 'B', contacts: 500 },
      ],
      rolloutSize: 499,
    });
  });

  it('refuses variants that break the test, naming the field', async () => {
    const bad = await client.request<Problem>('POST', '/api/campaigns', {
      session: marketer,
      body: {
        ...withTest({ mode: 'percent', share: 0.1 }),
        steps: [
          { ...base.steps[0], variants: [{ differsOn: 'timing', offsetDays: 2, offer: umbrella }] },
          ...base.steps.slice(1),
        ],
      },
    });
    expect(bad.status).toBe(422);
    expect(bad.body.errors).toEqual([
      {
        field: 'steps.0.variants.0.offer',
        message: 'This variant tests the day: it cannot also change the offer (test one parameter at a time)',
      },
    ]);
    const noPlan = await client.request<Problem>('POST', '/api/campaigns', {
      session: marketer,
      body: { ...withTest({ mode: 'percent', share: 0.1 }), testPlan: null },
    });
    expect(noPlan.status).toBe(422);
    expect(noPlan.body.errors).toEqual([
      {
        field: 'testPlan',
        message: 'Step 1 has variants: set the test plan (sample, winner metric, rollout), or remove them',
      },
    ]);
  });

  it("checks a message variant's content like the step's", async () => {
    const sms = (text: string) => ({ text, senderName: 'RELANCE' });
    const plan = (variantText: string) => ({
      ...base,
      testPlan: { sample: { mode: 'percent', share: 0.1 } },
      steps: [
        {
          channel: 'sms',
          offsetDays: 0,
          content: sms('Bonjour {{firstName}}, -20 % ce week-end. STOP au 36180'),
          variants: [{ differsOn: 'message', content: sms(variantText) }],
        },
      ],
    });
    const before = await count();
    const bad = await client.request<Problem>('POST', '/api/campaigns', {
      session: marketer,
      body: plan('Bonjour, -30 % ce week-end'),
    });
    expect(bad.status).toBe(422);
    expect(bad.body.errors).toEqual([
      {
        field: 'steps.0.variants.0.content.text',
        message: 'A commercial SMS needs an opt-out mention, e.g. "STOP au 36180" or "Stop SMS : 36180".',
      },
    ]);
    expect(await count()).toBe(before);
    const good = await client.request<CampaignAnswer>('POST', '/api/campaigns', {
      session: marketer,
      body: plan('Bonjour, -30 % ce week-end. STOP au 36180'),
    });
    expect(good.status).toBe(201);
    // 10 % of the 1,500 contacts = 150: 75 + 75
    expect(good.body.test?.variants).toEqual([
      { label: 'A', contacts: 75 },
      { label: 'B', contacts: 75 },
    ]);
  });
});
