import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../../../tests/support/app-server';
import { apiClient, type Session } from '../../../../../tests/support/http-client';

interface ImportAnswer {
  id: string;
  status: string;
  counts: { total: number; inserted: number; updated: number; unchanged: number; failed: number };
  errors: { line: number; column: string; reason: string; value: string | null }[];
  failure: string | null;
  encoding: string | null;
  delimiter: string | null;
}

const form = (content: Buffer | string, fields: Record<string, string> = {}, filename = 'contacts.csv') => {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.append(k, v);
  data.append('file', new Blob([typeof content === 'string' ? content : new Uint8Array(content)]), filename);
  return data;
};

describe('imports over HTTP, processed by the worker', () => {
  let app: TestApp;
  let client: ReturnType<typeof apiClient>;
  let marketer: Session;

  const waitFor = async (path: string): Promise<ImportAnswer> => {
    for (let i = 0; i < 200; i++) {
      const res = await client.request<ImportAnswer>('GET', path, { session: marketer });
      if (res.body.status === 'completed' || res.body.status === 'failed') return res.body;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`import ${path} did not finish`);
  };

  beforeAll(async () => {
    app = await startTestApp({ env: { MAX_UPLOAD_MB: '1' } });
    client = apiClient(app.url);
    marketer = await client.login('marketer@relance.example');
  });
  afterAll(() => app.close());

  it('imports a messy French Excel export and reports each bad row exactly', async () => {
    const csv = [
      'Civilité;Prénom;Nom;Société;Courriel;Portable;Code postal;Ville',
      'Mme;Hélène;Lefèvre;;helene.lefevre@exemple.fr;06 12 34 56 78;75011;Paris',
      'M.;François;Garçon;Bœuf & Cie;francois@@exemple;0612345679;69003;Lyon',
      'M;Jean;Dupont;;jean.dupont@exemple.fr;12;13001;Marseille',
      'Mme;Hélène;Lefèvre;;helene.lefevre@exemple.fr;06 12 34 56 78;75011;Paris',
    ].join('\r\n');
    const res = await client.request<{ id: string; status: string }>('POST', '/api/contacts/imports', {
      session: marketer,
      form: form(iconv.encode(csv, 'win1252')),
    });
    expect(res.status).toBe(202);
    expect(res.body.status).toBe('queued');
    const done = await waitFor(`/api/contacts/imports/${res.body.id}`);
    expect(done.status).toBe('completed');
    expect(done.encoding).toMatch(/1252/);
    expect(done.counts).toMatchObject({ total: 4, inserted: 1, failed: 3 });
    const lines = done.errors.map((e) => `${e.line} ${e.column}`);
    expect(lines).toEqual(expect.arrayContaining(['3 Courriel', '4 Portable']));
    expect(done.errors.find((e) => e.line === 5)?.reason).toMatch(/duplicate of line 2/);
    const [row] = await app.database
      .sql`SELECT first_name, last_name, mobile FROM contacts WHERE email = 'helene.lefevre@exemple.fr'`;
    expect(row).toEqual({ first_name: 'Hélène', last_name: 'Lefèvre', mobile: '+33612345678' });

    const report = await client.request('GET', `/api/contacts/imports/${res.body.id}/errors.csv`, {
      session: marketer,
    });
    expect(report.status).toBe(200);
    expect(report.text.replace(/^\uFEFF/, '').split('\n')[0]).toBe('line;column;reason;value');

    const again = await client.request<{ id: string }>('POST', '/api/contacts/imports', {
      session: marketer,
      form: form(iconv.encode(csv, 'win1252')),
    });
    const second = await waitFor(`/api/contacts/imports/${again.body.id}`);
    expect(second.counts).toMatchObject({ inserted: 0, updated: 0, unchanged: 1 });
  });

  it('previews the head of a file with a suggested mapping', async () => {
    const res = await client.request<{
      delimiter: string;
      headers: string[];
      suggestedMapping: Record<string, string>;
    }>('POST', '/api/contacts/imports/preview', {
      session: marketer,
      form: form('E-mail,Nom,Prénom,Téléphone\na@b.fr,Durand,Léa,0140000000\n'),
    });
    expect(res.status).toBe(200);
    expect(res.body.delimiter).toBe(',');
    expect(res.body.suggestedMapping).toMatchObject({
      'E-mail': 'email',
      Nom: 'lastName',
      Prénom: 'firstName',
      Téléphone: 'phone',
    });
  });

  it('refuses bad uploads with a message saying what to fix, storing nothing', async () => {
    const count = async () =>
      (
        await app.database
          .sql`SELECT (SELECT count(*) FROM imports) + (SELECT count(*) FROM import_chunks) AS n`
      )[0]?.n;
    const before = await count();
    const notMultipart = await client.request<{ code: string }>('POST', '/api/contacts/imports', {
      session: marketer,
      body: { file: 'x' },
    });
    expect(notMultipart.status).toBe(415);
    const noFile = new FormData();
    noFile.append('mapping', '{}');
    const missing = await client.request<{ errors: { field: string }[] }>('POST', '/api/contacts/imports', {
      session: marketer,
      form: noFile,
    });
    expect(missing.status).toBe(422);
    expect(missing.body.errors[0]?.field).toBe('file');
    const badMapping = await client.request<{ errors: { field: string }[] }>(
      'POST',
      '/api/contacts/imports',
      {
        session: marketer,
        form: form('Nom\nDurand\n', { mapping: 'not json' }),
      },
    );
    expect(badMapping.status).toBe(422);
    expect(badMapping.body.errors[0]?.field).toBe('mapping');
    const tooBig = await client.request<{ code: string }>('POST', '/api/contacts/imports', {
      session: marketer,
      form: form(`Nom\n${'Durand\n'.repeat(300_000)}`),
    });
    expect(tooBig.status).toBe(413);
    expect(await count()).toBe(before);
  });

  it('imports orders matched to contacts by email', async () => {
    const csv =
      'Référence;Email client;Date;Montant;Marge\nCMD-1;helene.lefevre@exemple.fr;15/03/2025;1 234,56 €;300\nCMD-2;nobody@exemple.fr;16/03/2025;10;2\n';
    const res = await client.request<{ id: string }>('POST', '/api/orders/imports', {
      session: marketer,
      form: form(csv, {}, 'orders.csv'),
    });
    expect(res.status).toBe(202);
    const done = await waitFor(`/api/orders/imports/${res.body.id}`);
    expect(done.counts).toMatchObject({ inserted: 1, failed: 1 });
    expect(done.errors[0]?.line).toBe(3);
    const [order] = await app.database
      .sql`SELECT amount_cents, margin_cents FROM orders WHERE external_id = 'CMD-1'`;
    expect(order).toEqual({ amount_cents: 123456, margin_cents: 30000 });
  });
});
