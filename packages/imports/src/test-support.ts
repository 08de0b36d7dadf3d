/** Helpers for this package's tests: store a file as an upload and run its import. */
import { Readable } from 'node:stream';
import type { Database } from '@relance/db/client';
import type { ImportMapping } from '@relance/domain/import-fields';
import type { ImportKind } from '@relance/domain/vocabulary';
import { type ImportSummary, type RunImportOptions, runImport } from './run-import';
import { storeUpload } from './store-upload';

export interface ImportedFile extends ImportSummary {
  errors: { line: number; column: string; reason: string; value: string | null }[];
}

export async function upload(
  database: Pick<Database, 'sql'>,
  kind: ImportKind,
  content: string | Buffer,
  options: { filename?: string; mapping?: ImportMapping } = {},
): Promise<string> {
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  // several small pieces, as a request body arrives
  const pieces: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += 64 * 1024) pieces.push(bytes.subarray(i, i + 64 * 1024));
  const { id } = await storeUpload(database.sql, {
    kind,
    filename: options.filename ?? `${kind}.csv`,
    mapping: options.mapping,
    stream: Readable.from(pieces),
    maxBytes: 100 * 1024 * 1024,
  });
  return id;
}

export async function importErrors(database: Pick<Database, 'sql'>, id: string) {
  return database.sql<ImportedFile['errors']>`
    SELECT line, "column", reason, value FROM import_errors WHERE import_id = ${id} ORDER BY line, "column"`;
}

export async function importFile(
  database: Pick<Database, 'db' | 'sql'>,
  kind: ImportKind,
  content: string | Buffer,
  options: { filename?: string; mapping?: ImportMapping; run?: RunImportOptions } = {},
): Promise<ImportedFile> {
  const id = await upload(database, kind, content, options);
  const summary = await runImport(database, id, options.run);
  return { ...summary, errors: [...(await importErrors(database, id))] };
}
