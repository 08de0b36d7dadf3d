import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../tests/support/test-database';
import { runImport } from './run-import';
import { importFile, upload } from './test-support';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.drop());

const count = async (like: string) =>
  (await t.sql<{ n: number }[]>`SELECT count(*)::int AS n FROM contacts WHERE email LIKE ${like}`)[0]!.n;

describe('runImport: problems with the whole file', () => {
  it('fails on a quote left open, says on which line it opened, and keeps the rows before it', async () => {
    const csv = 'Nom;Email\nA;a@quote.fr\nB;b@quote.fr\n"C;c@quote.fr\nD;d@quote.fr\n';
    const r = await importFile(t, 'contacts', csv);
    expect(r.status).toBe('failed');
    expect(r.failure).toContain('A quote (") opened on line 4 is never closed');
    expect(r.rowsInserted).toBe(2);
    expect(await count('%@quote.fr')).toBe(2);
  });

  it('reports a 5 MB line instead of reading it whole, and keeps the rows before it', async () => {
    const csv = `Nom;Email\nA;a@long.fr\nB;b@long.fr\n${'x'.repeat(5 * 1024 * 1024)};c@long.fr\nD;d@long.fr\n`;
    const rssBefore = process.memoryUsage().rss;
    const r = await importFile(t, 'contacts', csv);
    expect(r.status).toBe('failed');
    expect(r.failure).toContain('Line 4 starts a record longer than 1 MiB');
    expect(r.rowsInserted).toBe(2);
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(200 * 1024 * 1024);
  });

  it('refuses UTF-16 with what to do', async () => {
    const r = await importFile(t, 'contacts', iconv.encode('\ufeffNom;Email\nA;a@utf16.fr\n', 'utf16-le'));
    expect(r).toMatchObject({ status: 'failed', rowsTotal: 0 });
    expect(r.failure).toContain('UTF-16');
    expect(r.failure).toContain('CSV UTF-8');
  });

  it('fails when a required column is missing, naming it and the columns found', async () => {
    const r = await importFile(t, 'contacts', 'Prénom;Email\nAnne;anne@exemple.fr\n');
    expect(r.status).toBe('failed');
    expect(r.failure).toContain('missing required column lastName or companyName');
    expect(r.failure).toContain('columns found: Prénom, Email');
  });

  it('fails on a mapping to an unknown field or to a column not in the file', async () => {
    const id = await upload(t, 'contacts', 'Nom;Email\nA;a@map.fr\n');
    await t.sql`UPDATE imports SET mapping = ${JSON.stringify({ Nom: 'lastName', Email: 'courriel', Tel: 'phone' })}::jsonb WHERE id = ${id}`;
    const r = await runImport(t, id);
    expect(r.status).toBe('failed');
    expect(r.failure).toContain('the mapping names columns that are not in the file: "Tel"');
    expect(r.failure).toContain('unknown contacts field "courriel"');
  });

  it('fails on an empty header name and on two columns with the same name', async () => {
    const empty = await importFile(t, 'contacts', 'Nom;;Email\nA;x;a@h.fr\n');
    expect(empty.failure).toBe('Column 2 has no name in the header (line 1): name it, or delete the column.');
    const twice = await importFile(t, 'contacts', 'Nom;Email;Nom\nA;a@h.fr;B\n');
    expect(twice.failure).toBe('Two columns are named "Nom" in the header (line 1): rename one.');
  });

  it('fails on an empty file (only blank lines)', async () => {
    const r = await importFile(t, 'contacts', '\n\n');
    expect(r.status).toBe('failed');
    expect(r.failure).toContain('is empty');
  });

  it('completes with nothing to do on a header without rows', async () => {
    const r = await importFile(t, 'contacts', 'Nom;Email\n');
    expect(r).toMatchObject({ status: 'completed', rowsTotal: 0 });
  });
});
