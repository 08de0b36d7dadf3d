import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../../../tests/support/app-server';
import { apiClient, type Session } from '../../../../../tests/support/http-client';

interface Detail {
  indicators: { orderCount: number; revenueCents: number; tier: string | null; computedAt: string } | null;
}

describe('customer indicators through the API and the worker', () => {
  let app: TestApp;
  let client: ReturnType<typeof apiClient>;
  let manager: Session;
  let contactId: number;

  const indicatorsOf = async (until: (d: Detail) => boolean): Promise<Detail> => {
    for (let i = 0; i < 100; i++) {
      const res = await client.request<Detail>('GET', `/api/contacts/${contactId}`, { session: manager });
      if (until(res.body)) return res.body;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('the indicators were not computed');
  };

  beforeAll(async () => {
    app = await startTestApp();
    client = apiClient(app.url);
    manager = await client.login('manager@relance.example');
    const [row] = await app.database.sql<{ id: number }[]>`
      INSERT INTO contacts (last_name, email) VALUES ('Durand', 'durand@exemple.fr') RETURNING id`;
    contactId = Number(row!.id);
  });
  afterAll(() => app.close());

  it('recomputes them after an orders import', async () => {
    const marketer = await client.login('marketer@relance.example');
    const form = new FormData();
    form.append(
      'file',
      new Blob(['Référence;Email client;Date;Montant\nC-1;durand@exemple.fr;02/01/2026;120,00\n']),
      'orders.csv',
    );
    const res = await client.request('POST', '/api/orders/imports', { session: marketer, form });
    expect(res.status).toBe(202);
    const detail = await indicatorsOf((d) => d.indicators !== null);
    // the only customer ranks first: gold
    expect(detail.indicators).toMatchObject({ orderCount: 1, revenueCents: 12_000, tier: 'gold' });
  });

  it('refuses settings that make no sense, with field errors, and changes nothing', async () => {
    const res = await client.request<{ errors: { field: string; message: string }[] }>(
      'PUT',
      '/api/settings/indicators',
      {
        session: manager,
        body: {
          tierBasis: 'profit',
          goldShare: 0.6,
          lowShare: 0.5,
          trendWindowDays: 10,
          complaintWindowDays: 365,
        },
      },
    );
    expect(res.status).toBe(422);
    expect(res.body.errors.map((e) => e.field).sort()).toEqual(['tierBasis', 'trendWindowDays']);
    const current = await client.request<{ tierBasis: string }>('GET', '/api/settings/indicators', {
      session: manager,
    });
    expect(current.body.tierBasis).toBe('revenue');
  });

  it('saves new settings and recomputes at once', async () => {
    const before = (await indicatorsOf((d) => d.indicators !== null)).indicators!.computedAt;
    const body = {
      tierBasis: 'margin',
      goldShare: 0.1,
      lowShare: 0.3,
      trendWindowDays: 90,
      complaintWindowDays: 180,
    };
    const res = await client.request('PUT', '/api/settings/indicators', { session: manager, body });
    expect(res.status).toBe(200);
    expect(res.body).toEqual(body);
    const after = await indicatorsOf((d) => d.indicators !== null && d.indicators.computedAt !== before);
    expect(after.indicators!.computedAt).not.toBe(before);
  });
});
