import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../../../tests/support/app-server';
import { apiClient, type Session } from '../../../../../tests/support/http-client';

interface Page {
  items: { id: number; lastName: string | null; email: string | null }[];
  nextCursor: string | null;
}

describe('contacts API', () => {
  let app: TestApp;
  let client: ReturnType<typeof apiClient>;
  let marketer: Session;
  let agent: Session;
  beforeAll(async () => {
    app = await startTestApp();
    client = apiClient(app.url);
    marketer = await client.login('marketer@relance.example');
    agent = await client.login('agent@relance.example');
    // 120 contacts in one statement, named so that sorting is checkable
    await app.database.sql`
      INSERT INTO contacts (last_name, first_name, email, city, postal_code, tags)
      SELECT 'Nom' || lpad(i::text, 3, '0'), 'Prénom', 'p' || i || '@example.fr',
             CASE WHEN i % 2 = 0 THEN 'Paris' ELSE 'Lyon' END, CASE WHEN i % 2 = 0 THEN '75011' ELSE '69003' END,
             CASE WHEN i % 10 = 0 THEN ARRAY['vip'] ELSE ARRAY[]::text[] END
        FROM generate_series(1, 120) i`;
  });
  afterAll(() => app.close());

  it('creates a contact, normalising email and phone', async () => {
    const res = await client.request<{ id: number; email: string; mobile: string; country: string }>(
      'POST',
      '/api/contacts',
      {
        session: marketer,
        body: {
          civility: 'Mme',
          firstName: 'Hélène',
          lastName: 'Lefèvre',
          email: ' Helene.Lefevre@Example.FR ',
          mobile: '06 12 34 56 78',
        },
      },
    );
    expect(res.status).toBe(201);
    expect(res.body.email).toBe('helene.lefevre@example.fr');
    expect(res.body.mobile).toBe('+33612345678');
    expect(res.body.country).toBe('FR');
  });

  it('answers field errors that say what to fix, and stores nothing', async () => {
    const res = await client.request<{ code: string; errors: { field: string; message: string }[] }>(
      'POST',
      '/api/contacts',
      {
        session: marketer,
        body: { firstName: 'Sans', email: 'not-an-email', mobile: '12', country: 'France' },
      },
    );
    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    const fields = Object.fromEntries(res.body.errors.map((e) => [e.field, e.message]));
    expect(fields.email).toBe('Invalid email: no @ sign');
    expect(fields.mobile).toBe('Phone not valid for FR: too short');
    expect(fields.country).toMatch(/two-letter/);
    const [row] = await app.database.sql`SELECT count(*)::int AS n FROM contacts WHERE first_name = 'Sans'`;
    expect(row?.n).toBe(0);
  });

  it('refuses a second contact with the same email with a conflict on the field', async () => {
    const res = await client.request<{ code: string; errors: { field: string }[] }>('POST', '/api/contacts', {
      session: marketer,
      body: { lastName: 'Double', email: 'p1@example.fr' },
    });
    expect(res.status).toBe(409);
    expect(res.body.errors[0]?.field).toBe('email');
  });

  it('pages through everything by keyset, in name order, without repeats', async () => {
    const seen: number[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = `/api/contacts?sort=name&limit=50&postalCode=&q=Nom${cursor ? `&cursor=${cursor}` : ''}`;
      const res: { status: number; body: Page } = await client.request<Page>('GET', query, {
        session: agent,
      });
      expect(res.status).toBe(200);
      seen.push(...res.body.items.map((c) => c.id));
      cursor = res.body.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toHaveLength(120);
    expect(new Set(seen).size).toBe(120);
  });

  it('pages in reverse by last update too', async () => {
    const first = await client.request<Page>('GET', '/api/contacts?sort=updated&order=desc&limit=100', {
      session: agent,
    });
    const second = await client.request<Page>(
      'GET',
      `/api/contacts?sort=updated&order=desc&limit=100&cursor=${first.body.nextCursor}`,
      { session: agent },
    );
    const ids = [...first.body.items, ...second.body.items].map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBe(121);
  });

  it('searches without accents or case, by phone in any format, and filters', async () => {
    const byName = await client.request<Page>('GET', '/api/contacts?q=helene%20LEFEVRE', { session: agent });
    expect(byName.body.items.map((c) => c.email)).toEqual(['helene.lefevre@example.fr']);
    const byPhone = await client.request<Page>(
      'GET',
      `/api/contacts?q=${encodeURIComponent('+33 6 12 34 56 78')}`,
      { session: agent },
    );
    expect(byPhone.body.items.map((c) => c.email)).toEqual(['helene.lefevre@example.fr']);
    const vipParis = await client.request<Page>('GET', '/api/contacts?tag=vip&postalCode=75&limit=200', {
      session: agent,
    });
    expect(vipParis.body.items).toHaveLength(12);
    const literal = await client.request<Page>('GET', '/api/contacts?q=%25', { session: agent });
    expect(literal.body.items).toHaveLength(0);
  });

  it('refuses a cursor it did not give', async () => {
    const res = await client.request<{ errors: { field: string }[] }>('GET', '/api/contacts?cursor=garbage', {
      session: agent,
    });
    expect(res.status).toBe(422);
    expect(res.body.errors[0]?.field).toBe('cursor');
  });

  it('records consents with proof, logs interactions, and shows both on the timeline', async () => {
    const [contact] = await app.database.sql<
      { id: number }[]
    >`SELECT id FROM contacts WHERE email = 'p2@example.fr'`;
    const id = contact!.id;
    const consent = await client.request<{ status: string; source: string }>(
      'PUT',
      `/api/contacts/${id}/consents/sms`,
      {
        session: agent,
        body: { status: 'opt_out' },
      },
    );
    expect(consent.status).toBe(200);
    expect(consent.body.source).toBe('user:agent@relance.example');
    const note = await client.request<{ kind: string; user: { name: string } }>(
      'POST',
      `/api/contacts/${id}/interactions`,
      {
        session: agent,
        body: { kind: 'complaint', subject: 'Livraison en retard', body: '<b>très</b> mécontent' },
      },
    );
    expect(note.status).toBe(201);
    expect(note.body.user.name).toBe('Karim Benali');
    const detail = await client.request<{ consents: { channel: string; status: string }[] }>(
      'GET',
      `/api/contacts/${id}`,
      { session: agent },
    );
    expect(detail.body.consents.find((c) => c.channel === 'sms')?.status).toBe('opt_out');
    expect(detail.body.consents.find((c) => c.channel === 'email')?.status).toBe('unknown');
    const timeline = await client.request<{ items: { type: string }[] }>(
      'GET',
      `/api/contacts/${id}/timeline`,
      { session: agent },
    );
    expect(timeline.body.items.map((i) => i.type).sort()).toEqual(['consent', 'interaction']);
  });

  it('exports CSV for Excel with formula injection neutralised', async () => {
    await client.request('POST', '/api/contacts', {
      session: marketer,
      body: {
        lastName: '=HYPERLINK("http://evil.example","x")',
        firstName: '+33',
        companyName: '@SUM(A1)',
        email: 'formula@example.fr',
      },
    });
    const admin = await client.login('admin@relance.example');
    const res = await client.request('GET', '/api/contacts/export.csv?q=formula', { session: admin });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    const lines = res.text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\n');
    expect(lines[0]).toMatch(/^id;external_id;kind;civility;first_name;last_name;/);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(`'+33;"'=HYPERLINK(""http://evil.example"",""x"")";'@SUM(A1)`);
  });
});
