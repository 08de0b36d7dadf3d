import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../../../tests/support/app-server';
import { threeSteps as base } from '../../../../../tests/support/campaign-fixtures';
import { apiClient, type Session } from '../../../../../tests/support/http-client';

interface CampaignAnswer {
  id: string;
  name: string;
  status: string;
  version: number;
  audienceSize: number;
  volumes: number[];
  steps: { id: string; position: number; channel: string }[];
  forecast: { expectedSales: number; revenueCents: number; totalCostCents: number; roi: number | null };
  plan: { steps: { sendWindow: { days: string[] } }[] };
}

const threeSteps = { ...base, audience: { type: 'tag', tag: 'ancien-client' } };

describe('campaigns API', () => {
  let app: TestApp;
  let client: ReturnType<typeof apiClient>;
  let marketer: Session;

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

  it('creates a three-step draft with channel defaults and forecasts it on the tagged audience', async () => {
    const res = await client.request<CampaignAnswer>('POST', '/api/campaigns', {
      session: marketer,
      body: threeSteps,
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'draft', version: 1, audienceSize: 1_000 });
    // letter 1,000; email to the 1,000 − 20 non-responders = 980; call to 20 % of them = 196
    expect(res.body.volumes).toEqual([1_000, 980, 196]);
    expect(res.body.steps.map((s) => [s.position, s.channel])).toEqual([
      [1, 'postal'],
      [2, 'email'],
      [3, 'phone'],
    ]);
    // phone prospecting defaults: Monday to Friday
    expect(res.body.plan.steps[2]!.sendWindow.days).toEqual(['mon', 'tue', 'wed', 'thu', 'fri']);
    // sales 1,000 × 2 % × 25 % + 980 × 1 % × 10 % + 196 × 30 % × 20 % = 5 + 0.98 + 11.76 = 17.74
    expect(res.body.forecast.expectedSales).toBeCloseTo(17.74, 6);

    const list = await client.request<{ items: { id: string; budgetCents: number; channels: string[] }[] }>(
      'GET',
      '/api/campaigns',
      {
        session: await client.login('agent@relance.example'),
      },
    );
    const item = list.body.items.find((c) => c.id === res.body.id)!;
    expect(item.channels).toEqual(['postal', 'email', 'phone']);
    expect(item.budgetCents).toBe(res.body.forecast.totalCostCents);
  });

  it('refuses a step aimed at a step that does not exist, and saves nothing', async () => {
    const before = (await app.database.sql`SELECT count(*)::int AS n FROM campaigns`)[0]?.n;
    const res = await client.request<{ errors: { field: string; message: string }[] }>(
      'POST',
      '/api/campaigns',
      {
        session: marketer,
        body: {
          ...threeSteps,
          steps: [
            threeSteps.steps[0],
            { channel: 'sms', offsetDays: 3, target: { type: 'responders', step: 5 } },
          ],
        },
      },
    );
    expect(res.status).toBe(422);
    expect(res.body.errors).toContainEqual({ field: 'steps.1.target.step', message: 'There is no step 5' });
    expect((await app.database.sql`SELECT count(*)::int AS n FROM campaigns`)[0]?.n).toBe(before);
  });

  it('replaces a draft with the version loaded, and refuses a stale one', async () => {
    const created = await client.request<CampaignAnswer>('POST', '/api/campaigns', {
      session: marketer,
      body: threeSteps,
    });
    const update = { ...threeSteps, name: 'Reconquête printemps v2', steps: threeSteps.steps.slice(0, 2) };
    const saved = await client.request<CampaignAnswer>('PUT', `/api/campaigns/${created.body.id}`, {
      session: marketer,
      body: { version: 1, plan: update },
    });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ name: 'Reconquête printemps v2', version: 2 });
    expect(saved.body.steps).toHaveLength(2);
    const stale = await client.request<{ code: string; errors: { field: string }[] }>(
      'PUT',
      `/api/campaigns/${created.body.id}`,
      {
        session: marketer,
        body: { version: 1, plan: threeSteps },
      },
    );
    expect(stale.status).toBe(409);
    expect(stale.body.errors[0]?.field).toBe('version');
    const [row] = await app.database.sql`SELECT name FROM campaigns WHERE id = ${created.body.id}`;
    expect(row?.name).toBe('Reconquête printemps v2');
  });

  it('clones a campaign as a new draft, and forecasts an unsaved plan', async () => {
    const created = await client.request<CampaignAnswer>('POST', '/api/campaigns', {
      session: marketer,
      body: threeSteps,
    });
    const clone = await client.request<CampaignAnswer>('POST', `/api/campaigns/${created.body.id}/clone`, {
      session: marketer,
      body: {},
    });
    expect(clone.status).toBe(201);
    expect(clone.body.name).toBe('Copie de Reconquête printemps');
    expect(clone.body.id).not.toBe(created.body.id);
    expect(clone.body.steps.map((s) => s.id)).not.toEqual(created.body.steps.map((s) => s.id));

    const preview = await client.request<{ audienceSize: number; forecast: { revenueCents: number } }>(
      'POST',
      '/api/campaigns/forecast',
      {
        session: marketer,
        body: { ...threeSteps, audience: { type: 'all' } },
      },
    );
    expect(preview.status).toBe(200);
    expect(preview.body.audienceSize).toBe(1_500);
  });

  it('lets a telemarketer read campaigns but not change them', async () => {
    const agent = await client.login('agent@relance.example');
    const res = await client.request<{ code: string }>('POST', '/api/campaigns', {
      session: agent,
      body: threeSteps,
    });
    expect(res.status).toBe(403);
  });
});
