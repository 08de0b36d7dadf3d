/**
 * Stores an uploaded CSV in PostgreSQL (`import_chunks`, ~1 MiB each) as it arrives, and creates its
 * `imports` row (status queued), in one transaction: a refused or broken upload leaves nothing behind.
 */
import type { Readable } from 'node:stream';
import type { Sql } from '@relance/db/client';
import { AppError } from '@relance/domain/errors';
import { type ImportMapping, validateMapping } from '@relance/domain/import-fields';
import { IMPORT_KINDS, type ImportKind } from '@relance/domain/vocabulary';

export const CHUNK_BYTES = 1024 * 1024;

export interface StoreUploadInput {
  kind: ImportKind;
  filename: string;
  mapping?: ImportMapping | null;
  createdBy?: string | null;
  stream: Readable;
  maxBytes: number;
}

function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${Math.round(n / 1024 / 1024)} MB` : `${Math.round(n / 1024)} KB`;
}

export async function storeUpload(
  sql: Sql,
  input: StoreUploadInput,
): Promise<{ id: string; byteSize: number }> {
  if (!IMPORT_KINDS.includes(input.kind)) {
    throw AppError.validation('Unknown import kind.', [
      { field: 'kind', message: `use ${IMPORT_KINDS.join(' or ')}` },
    ]);
  }
  const filename = input.filename.trim().slice(0, 255) || 'import.csv';
  if (input.mapping) {
    const errors = validateMapping(input.mapping, input.kind);
    if (errors.length) throw AppError.validation('The column mapping is not valid.', errors);
  }
  // On error the request stream is left to the caller (answer 413/422, then close or drain it).
  return sql.begin(async (tx) => {
    const [row] = await tx<{ id: string }[]>`
        INSERT INTO imports (kind, filename, byte_size, mapping, created_by)
        VALUES (${input.kind}, ${filename}, 0, ${input.mapping ? JSON.stringify(input.mapping) : null}::jsonb,
                ${input.createdBy ?? null})
        RETURNING id`;
    const id = row!.id;
    let seq = 0;
    let total = 0;
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    const flush = async (final: boolean) => {
      while (pendingBytes >= CHUNK_BYTES || (final && pendingBytes > 0)) {
        const all = pending.length === 1 ? pending[0]! : Buffer.concat(pending, pendingBytes);
        const data = all.subarray(0, CHUNK_BYTES);
        const rest = all.subarray(data.length);
        await tx`INSERT INTO import_chunks (import_id, seq, data) VALUES (${id}, ${seq++}, ${data})`;
        pending = rest.length ? [Buffer.from(rest)] : [];
        pendingBytes = rest.length;
      }
    };
    for await (const piece of input.stream) {
      const buf: Buffer = typeof piece === 'string' ? Buffer.from(piece) : piece;
      total += buf.length;
      if (total > input.maxBytes) {
        throw new AppError(
          'payload_too_large',
          `The file is larger than the ${formatBytes(input.maxBytes)} allowed: split it into several files.`,
        );
      }
      pending.push(buf);
      pendingBytes += buf.length;
      if (pendingBytes >= CHUNK_BYTES) await flush(false);
    }
    if (total === 0)
      throw AppError.validation('The file is empty.', [{ field: 'file', message: 'empty file' }]);
    await flush(true);
    await tx`UPDATE imports SET byte_size = ${total} WHERE id = ${id}`;
    return { id, byteSize: total };
  });
}
