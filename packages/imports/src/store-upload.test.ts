import { Readable } from 'node:stream';
import { getImport, listImportErrors } from '@relance/db/queries/imports';
import { AppError } from '@relance/domain/errors';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../tests/support/test-database';
import { storeUpload } from './store-upload';
import { importFile } from './test-support';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.drop());

const counts = async () =>
  (
    await t.sql<{ imports: number; chunks: number }[]>`
      SELECT (SELECT count(*)::int FROM imports) AS imports, (SELECT count(*)::int FROM import_chunks) AS chunks`
  )[0]!;

function* pieces(total: number, size = 100_000) {
  for (let sent = 0; sent < total; sent += size) yield Buffer.alloc(Math.min(size, total - sent), 0x61);
}

describe('storeUpload', () => {
  it('stores the file in ~1 MiB chunks and creates a queued import', async () => {
    const before = await counts();
    const { id, byteSize } = await storeUpload(t.sql, {
      kind: 'contacts',
      filename: 'big.csv',
      stream: Readable.from(pieces(2_500_000)),
      maxBytes: 10_000_000,
    });
    expect(byteSize).toBe(2_500_000);
    const chunks = await t.sql<{ seq: number; size: number }[]>`
      SELECT seq, length(data) AS size FROM import_chunks WHERE import_id = ${id} ORDER BY seq`;
    expect(chunks).toEqual([
      { seq: 0, size: 1_048_576 },
      { seq: 1, size: 1_048_576 },
      { seq: 2, size: 2_500_000 - 2 * 1_048_576 },
    ]);
    expect(await getImport(t.db, id)).toMatchObject({
      status: 'queued',
      byteSize: 2_500_000,
      filename: 'big.csv',
    });
    expect((await counts()).imports).toBe(before.imports + 1);
  });

  it('refuses a file over maxBytes and leaves nothing behind', async () => {
    const before = await counts();
    const upload = storeUpload(t.sql, {
      kind: 'contacts',
      filename: 'huge.csv',
      stream: Readable.from(pieces(3_000_000)),
      maxBytes: 2_000_000,
    });
    await expect(upload).rejects.toMatchObject({ code: 'payload_too_large', status: 413 });
    expect(await counts()).toEqual(before);
  });

  it('refuses a mapping to an unknown field, naming the column', async () => {
    const upload = storeUpload(t.sql, {
      kind: 'contacts',
      filename: 'x.csv',
      mapping: { Nom: 'lastName', Courriel: 'emial' },
      stream: Readable.from([Buffer.from('Nom;Courriel\n')]),
      maxBytes: 1000,
    });
    await expect(upload).rejects.toBeInstanceOf(AppError);
    await expect(upload).rejects.toMatchObject({
      code: 'validation',
      fieldErrors: [
        { field: 'mapping.Courriel', message: 'Column "Courriel": unknown contacts field "emial".' },
      ],
    });
  });
});

describe('listImportErrors', () => {
  it('pages in line order without splitting the errors of one line', async () => {
    const lines = ['Nom;Email;Mobile'];
    for (let i = 0; i < 5; i++) lines.push(`N${i};bad${i};12`); // two errors per line
    const r = await importFile(t, 'contacts', lines.join('\n'));
    const page1 = await listImportErrors(t.db, r.id, { limit: 3 });
    expect(page1.map((e) => [e.line, e.column])).toEqual([
      [2, 'Email'],
      [2, 'Mobile'],
    ]);
    const page2 = await listImportErrors(t.db, r.id, { limit: 3, afterLine: page1.at(-1)!.line });
    expect(page2.map((e) => e.line)).toEqual([3, 3]);
    const rest = await listImportErrors(t.db, r.id, { limit: 100, afterLine: 3 });
    expect(rest.map((e) => e.line)).toEqual([4, 4, 5, 5, 6, 6]);
    expect(await listImportErrors(t.db, r.id, { limit: 1 })).toHaveLength(2);
  });
});
