import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../../../tests/support/app-server';
import { threeSteps } from '../../../../../tests/support/campaign-fixtures';
import { apiClient, type Session } from '../../../../../tests/support/http-client';

interface Problem {
  code: string;
  detail?: string;
  errors: { field: string; message: string }[];
}
interface SegmentAnswer {
  id: string;
  name: string;
  version: number;
  definition: unknown;
}

const rule = (r: Record<string, unknown>) => ({ kind: 'rule', ...r });
const all = (...children: unknown[]) => ({ kind: 'group', combinator: 'and', children });
const lyonVip = all(
  rule({ field: 'contact.city', operator: 'eq', value: 'Lyon' }),
  rule({ field: 'contact.tags', operator: 'has_any', values: ['vip'] }),
);

describe('segments API', () => {
  let app: TestApp;
  let client: ReturnType<typeof apiClient>;
  let marketer: Session;
  let manager: Session;

  beforeAll(async () => {
    app = await startTestApp();
    client = apiClient(app.url);
    marketer = await client.login('marketer@relance.example');
    manager = await client.login('manager@relance.example');
    // 120 contacts in Lyon, every third one "vip" (40); in Paris, 60 more vip; email opt-in for the even ones
    await app.database.sql`
      INSERT INTO contacts (last_name, email, city, tags)
      SELECT 'Client ' || lpad(i::text, 3, '0'), 'client' || i || '@exemple.fr', CASE WHEN i <= 120 THEN 'Lyon' ELSE 'Paris' END,
             CASE WHEN i % 3 = 0 OR i > 120 THEN ARRAY['vip'] ELSE ARRAY[]::text[] END
        FROM generate_series(1, 180) i`;
    await app.database.sql`
      INSERT INTO consents (contact_id, channel, status, source)
      SELECT id, 'email', 'opt_in', 'test' FROM contacts WHERE id % 2 = 0`;
  });
  afterAll(() => app.close());

  it('lists the fields with their operators', async () => {
    const res = await client.request<{
      items: { key: string; type: string; operators: string[]; options?: string[] }[];
    }>('GET', '/api/segments/fields', { session: manager });
    expect(res.status).toBe(200);
    const tier = res.body.items.find((f) => f.key === 'indicators.tier');
    expect(tier).toMatchObject({
      operators: ['in', 'not_in', 'is_empty', 'is_not_empty'],
      options: ['gold', 'basic', 'low'],
    });
    expect(res.body.items.find((f) => f.key === 'campaign.opened')).toMatchObject({
      type: 'campaign',
      operators: ['is_true', 'is_false'],
    });
  });

  it('counts a segment with its reach per channel, and previews it', async () => {
    const res = await client.request<{ count: number; reachable: Record<string, number> }>(
      'POST',
      '/api/segments/count',
      { session: manager, body: { definition: lyonVip } },
    );
    expect(res.status).toBe(200);
    // Lyon: 120 contacts, every third vip
    expect(res.body.count).toBe(40);
    // emails: the vip of Lyon with an even id
    const [{ n }] = (await app.database.sql`
      SELECT count(*)::int AS n FROM contacts WHERE city = 'Lyon' AND 'vip' = ANY(tags) AND id % 2 = 0`) as unknown as [
      { n: number },
    ];
    expect(res.body.reachable).toEqual({ email: n, sms: 0, voice: 0, postal: 0, phone: 0 });
    const alone = await client.request('POST', '/api/segments/count', {
      session: manager,
      body: { definition: lyonVip, reach: false },
    });
    expect(alone.body).toEqual({ count: 40, reachable: null });

    const preview = await client.request<{ items: { lastName: string; city: string }[] }>(
      'POST',
      '/api/segments/preview',
      {
        session: manager,
        body: { definition: all(rule({ field: 'contact.tags', operator: 'has_any', values: ['vip'] })) },
      },
    );
    expect(preview.status).toBe(200);
    // 100 vip contacts: the first 50 by name
    expect(preview.body.items).toHaveLength(50);
    expect(preview.body.items[0]!.lastName).toBe('Client 003');
    expect(preview.body.items.map((i) => i.lastName)).toEqual(
      [...preview.body.items.map((i) => i.lastName)].sort(),
    );
  });

  it('refuses bad rules with what to fix, and runs nothing', async () => {
    const problem = async (definition: unknown) => {
      const res = await client.request<Problem>('POST', '/api/segments/count', {
        session: manager,
        body: { definition },
      });
      expect(res.status).toBe(422);
      return res.body.errors.map((e) => `${e.field}: ${e.message}`);
    };
    expect(await problem({ kind: 'group', combinator: 'and', children: [] })).toEqual([
      'definition.children: This group is empty: add a rule to it or remove it',
    ]);
    expect(
      await problem(
        all(
          rule({
            field: 'contact.postalCode',
            operator: 'in',
            values: Array.from({ length: 100_000 }, (_, i) => i),
          }),
        ),
      ),
    ).toEqual([
      'definition.children.0.values: At most 10,000 values in one list (this one has 100,000): import them as a tag and use a tag rule instead',
    ]);
    expect(
      await problem(all(rule({ field: 'contacts; DROP TABLE contacts', operator: 'is_empty' }))),
    ).toEqual([
      'definition.children.0.field: Unknown field "contacts; DROP TABLE contacts": choose a field from the list',
    ]);
    expect(
      (await problem(all(rule({ field: 'contact.city', operator: "eq' OR 1=1 --", value: 'x' }))))[0],
    ).toMatch(/^definition\.children\.0\.operator: /);
    expect(
      await problem(all(rule({ field: 'indicators.revenue', operator: 'gte', value: '0 OR 1=1' }))),
    ).toEqual(['definition.children.0.value: Enter an amount in cents (a whole number)']);
    expect(
      await problem(all(rule({ field: 'contact.city', operator: 'gt', value: 3 }))).then((e) => e[0]),
    ).toMatch(/does not fit this field \(a text\)/);
    // an injection attempt as a value is a value: nothing matches, nothing breaks
    const res = await client.request<{ count: number }>('POST', '/api/segments/count', {
      session: manager,
      body: { definition: all(rule({ field: 'contact.city', operator: 'eq', value: "Lyon' OR '1'='1" })) },
    });
    expect(res.status).toBe(200);
    expect(res.body.count).toBe(0);
    const [{ n }] = (await app.database.sql`SELECT count(*)::int AS n FROM contacts`) as unknown as [
      { n: number },
    ];
    expect(n).toBe(180);
  });

  it('saves, reads, replaces with its version and deletes a segment', async () => {
    const created = await client.request<SegmentAnswer>('POST', '/api/segments', {
      session: marketer,
      body: { name: 'VIP lyonnais', description: 'Clients VIP de Lyon', definition: lyonVip },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'VIP lyonnais', version: 1, definition: lyonVip });
    const id = created.body.id;

    // managers read but do not write
    expect((await client.request('GET', `/api/segments/${id}`, { session: manager })).status).toBe(200);
    expect(
      (
        await client.request('POST', '/api/segments', {
          session: manager,
          body: { name: 'x', definition: lyonVip },
        })
      ).status,
    ).toBe(403);
    const list = await client.request<{ items: SegmentAnswer[] }>('GET', '/api/segments', {
      session: manager,
    });
    expect(list.body.items.map((s) => s.name)).toContain('VIP lyonnais');
    const counted = await client.request<{ count: number }>('GET', `/api/segments/${id}/count`, {
      session: manager,
    });
    expect(counted.body.count).toBe(40);

    // nothing is saved when the rules do not fit
    const bad = await client.request<Problem>('PUT', `/api/segments/${id}`, {
      session: marketer,
      body: { name: 'x', version: 1, definition: all(rule({ field: 'nope', operator: 'is_empty' })) },
    });
    expect(bad.status).toBe(422);
    const paris = all(rule({ field: 'contact.city', operator: 'eq', value: 'Paris' }));
    const replaced = await client.request<SegmentAnswer>('PUT', `/api/segments/${id}`, {
      session: marketer,
      body: { name: 'VIP parisiens', version: 1, definition: paris },
    });
    expect(replaced.status).toBe(200);
    expect(replaced.body).toMatchObject({ name: 'VIP parisiens', version: 2 });
    const stale = await client.request<Problem>('PUT', `/api/segments/${id}`, {
      session: marketer,
      body: { name: 'Old', version: 1, definition: paris },
    });
    expect(stale.status).toBe(409);
    expect(stale.body.errors[0]).toMatchObject({ field: 'version' });

    expect((await client.request('DELETE', `/api/segments/${id}`, { session: marketer })).status).toBe(204);
    expect((await client.request('GET', `/api/segments/${id}`, { session: marketer })).status).toBe(404);
  });

  it('is a campaign audience, counted as it is now, and cannot be deleted while a campaign uses it', async () => {
    const segment = await client.request<SegmentAnswer>('POST', '/api/segments', {
      session: marketer,
      body: {
        name: 'VIP',
        definition: all(rule({ field: 'contact.tags', operator: 'has_any', values: ['vip'] })),
      },
    });
    const campaign = await client.request<{ id: string; audienceSize: number }>('POST', '/api/campaigns', {
      session: marketer,
      body: { ...threeSteps, audience: { type: 'segment', id: segment.body.id } },
    });
    expect(campaign.status).toBe(201);
    expect(campaign.body.audienceSize).toBe(100);
    const refused = await client.request<Problem>('DELETE', `/api/segments/${segment.body.id}`, {
      session: marketer,
    });
    expect(refused.status).toBe(409);
    expect(refused.body.detail).toMatch(/Campaigns use this segment/);

    const missing = await client.request<Problem>('POST', '/api/campaigns/forecast', {
      session: marketer,
      body: { ...threeSteps, audience: { type: 'segment', id: '00000000-0000-4000-8000-000000000000' } },
    });
    expect(missing.status).toBe(422);
    expect(missing.body.errors).toEqual([
      { field: 'audience.id', message: 'This segment does not exist (any more)' },
    ]);
  });
});
