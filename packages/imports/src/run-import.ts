/**
 * The worker's whole job for one import: stream the stored file back from PostgreSQL, parse it, map,
 * validate and normalise each row, and write batches set-based (COPY into staging, then upserts).
 * Safe to run again for the same import (a retry after a crash): its previous errors are cleared first
 * and every write is an idempotent upsert.
 */
import type { Database } from '@relance/db/client';
import { AppError } from '@relance/domain/errors';
import {
  IGNORE,
  type ImportMapping,
  missingRequired,
  suggestMapping,
  validateMapping,
} from '@relance/domain/import-fields';
import type { ImportKind, ImportStatus } from '@relance/domain/vocabulary';
import { BatchWriter, type ImportCounts } from './batch-writer';
import { checkHeaders } from './headers';
import { FileFailure, type ImportSource, openImportSource } from './import-source';
import { KeySet } from './key-set';
import { type ContactRow, type OrderRow, type RowError, RowMapper } from './map-row';

export interface ImportProgress {
  bytesProcessed: number;
  rowsTotal: number;
}

export interface RunImportOptions {
  onProgress?: (progress: ImportProgress) => void;
  /** rows per batch (default 10,000: measured best with the 1M-row benchmark) */
  batchRows?: number;
  /** batches written at the same time, each in its own transaction (default 2) */
  concurrency?: number;
  /** stored errors at most (default 100,000); the rest are counted in `errors_truncated` */
  maxErrors?: number;
}

export interface ImportSummary {
  id: string;
  status: ImportStatus;
  encoding: string | null;
  delimiter: string | null;
  rowsTotal: number;
  rowsInserted: number;
  rowsUpdated: number;
  rowsUnchanged: number;
  rowsFailed: number;
  errorsTruncated: number;
  failure: string | null;
}

const PROGRESS_EVERY_MS = 500;
const EMPTY_COUNTS: ImportCounts = { inserted: 0, updated: 0, unchanged: 0, failed: 0, errorsTruncated: 0 };

function mappingFailure(headers: string[], mapping: ImportMapping, kind: ImportKind): string | null {
  const problems: string[] = [];
  const absent = Object.entries(mapping)
    .filter(([header, target]) => target !== IGNORE && !headers.includes(header))
    .map(([header]) => `"${header}"`);
  if (absent.length)
    problems.push(`the mapping names columns that are not in the file: ${absent.join(', ')}`);
  for (const e of validateMapping(mapping, kind)) problems.push(e.message);
  const missing = missingRequired(mapping, kind);
  if (missing.length) {
    problems.push(
      `missing required column ${missing.join(', ')}: map a column to it (columns found: ${headers.join(', ')})`,
    );
  }
  return problems.length ? `The columns cannot be imported: ${problems.join('; ')}.` : null;
}

/**
 * Runs one import; one run at a time per import (a session advisory lock: a second concurrent run, e.g. a
 * stalled BullMQ job handed to another worker, gets AppError `conflict` and changes nothing).
 */
export async function runImport(
  database: Pick<Database, 'db' | 'sql'>,
  importId: string,
  options: RunImportOptions = {},
): Promise<ImportSummary> {
  const lock = await database.sql.reserve();
  try {
    const [held] = await lock<{ ok: boolean }[]>`
      SELECT pg_try_advisory_lock(hashtextextended(${`import:${importId}`}, 0)) AS ok`;
    if (!held?.ok) throw new AppError('conflict', `Import ${importId} is already running.`);
    try {
      return await run(database, importId, options);
    } finally {
      await lock`SELECT pg_advisory_unlock(hashtextextended(${`import:${importId}`}, 0))`;
    }
  } finally {
    lock.release();
  }
}

async function run(
  database: Pick<Database, 'db' | 'sql'>,
  importId: string,
  options: RunImportOptions,
): Promise<ImportSummary> {
  const { sql } = database;
  const [job] = await sql<{ kind: ImportKind; filename: string; mapping: ImportMapping | null }[]>`
    SELECT kind, filename, mapping FROM imports WHERE id = ${importId}`;
  if (!job) throw AppError.notFound(`Import ${importId}`);

  await sql.begin(async (tx) => {
    await tx`DELETE FROM import_errors WHERE import_id = ${importId}`;
    await tx`
      UPDATE imports SET status = 'running', started_at = now(), finished_at = NULL, failure = NULL,
        bytes_processed = 0, rows_total = 0, rows_inserted = 0, rows_updated = 0, rows_unchanged = 0,
        rows_failed = 0, errors_truncated = 0
      WHERE id = ${importId}`;
  });

  const batchRows = options.batchRows ?? 10_000;
  let writer: BatchWriter | undefined;
  let source: ImportSource | undefined;
  let rowsTotal = 0;
  let lastProgress = Date.now();
  let failure: string | null = null;
  const bytesProcessed = () => source?.decoder.bytesIn ?? 0;

  const saveProgress = async () => {
    lastProgress = Date.now();
    options.onProgress?.({ bytesProcessed: bytesProcessed(), rowsTotal });
    const c = writer?.counts ?? EMPTY_COUNTS;
    await sql`
      UPDATE imports SET bytes_processed = ${bytesProcessed()}, rows_total = ${rowsTotal},
        rows_inserted = ${c.inserted}, rows_updated = ${c.updated}, rows_unchanged = ${c.unchanged},
        rows_failed = ${c.failed}, errors_truncated = ${c.errorsTruncated}
      WHERE id = ${importId}`;
  };

  let rows: (ContactRow | OrderRow)[] = [];
  let rowErrors: RowError[] = [];
  const stopOnInternalError = async (err: unknown) => {
    await writer?.drain().catch(() => {});
    await sql`
      UPDATE imports SET status = 'failed', finished_at = now(),
        failure = ${`The import stopped on an internal error (${(err as Error).message}). Run it again: rows already written are kept.`}
      WHERE id = ${importId}`.catch(() => {});
  };
  try {
    source = await openImportSource(sql, importId);
    let mapper: RowMapper | undefined;
    let headerCount = 0;
    const keys = new KeySet();
    for await (const { fields, line } of source.records) {
      if (!mapper || !writer) {
        const check = checkHeaders(fields);
        if (!check.ok) throw new FileFailure(check.failure);
        const mapping = job.mapping ?? suggestMapping(check.headers, job.kind);
        const problem = mappingFailure(check.headers, mapping, job.kind);
        if (problem) throw new FileFailure(problem);
        if (!job.mapping)
          await sql`UPDATE imports SET mapping = ${JSON.stringify(mapping)}::jsonb WHERE id = ${importId}`;
        mapper = new RowMapper(job.kind, check.headers, mapping);
        headerCount = check.headers.length;
        writer = new BatchWriter(sql, {
          importId,
          kind: job.kind,
          source: `import:${job.filename}`,
          mapper,
          concurrency: options.concurrency ?? 2,
          maxErrors: options.maxErrors ?? 100_000,
        });
        continue;
      }
      if (fields.every((f) => f.trim() === '')) continue; // a blank line
      rowsTotal++;
      let failed = true;
      if (fields.length > headerCount && fields.slice(headerCount).some((f) => f.trim() !== '')) {
        rowErrors.push({
          line,
          column: '',
          reason: `this row has ${fields.length} values for ${headerCount} columns: check the delimiter and the quotes`,
          value: null,
        });
      } else {
        const mapped = mapper.map(fields, line);
        if (!mapped.ok) rowErrors.push(...mapped.errors);
        else {
          const first = mapped.keys.length ? keys.claim(mapped.keys, line) : 0;
          if (first !== 0)
            rowErrors.push({ line, column: '', reason: `duplicate of line ${first}`, value: null });
          else {
            rows.push(mapped.row);
            failed = false;
          }
        }
      }
      if (failed) writer.countFailedRow();
      if (rows.length >= batchRows || rowErrors.length >= batchRows) {
        await writer.submit(rows, rowErrors);
        rows = [];
        rowErrors = [];
      }
      if ((rowsTotal & 1023) === 0 && Date.now() - lastProgress >= PROGRESS_EVERY_MS) await saveProgress();
    }
    if (!writer) throw new FileFailure('The file is empty: there is nothing to import.');
  } catch (err) {
    if (!(err instanceof FileFailure)) {
      await stopOnInternalError(err);
      throw err;
    }
    failure = err.message;
  }
  try {
    // the rows read before a problem with the file are written too
    await writer?.submit(rows, rowErrors);
    await writer?.drain();
  } catch (err) {
    await stopOnInternalError(err);
    throw err;
  }

  const encoding = source?.decoder.encoding ?? null;
  const delimiter = source?.delimiter ?? null;
  const c = writer?.counts ?? EMPTY_COUNTS;
  const status: ImportStatus = failure === null ? 'completed' : 'failed';
  options.onProgress?.({ bytesProcessed: bytesProcessed(), rowsTotal });
  const [row] = await sql<ImportSummary[]>`
    UPDATE imports SET status = ${status}, finished_at = now(), failure = ${failure},
      encoding = coalesce(${encoding}, encoding), delimiter = ${delimiter},
      bytes_processed = ${bytesProcessed()}, rows_total = ${rowsTotal}, rows_inserted = ${c.inserted},
      rows_updated = ${c.updated}, rows_unchanged = ${c.unchanged}, rows_failed = ${c.failed},
      errors_truncated = ${c.errorsTruncated}
    WHERE id = ${importId}
    RETURNING id, status, encoding, delimiter, rows_total AS "rowsTotal", rows_inserted AS "rowsInserted",
      rows_updated AS "rowsUpdated", rows_unchanged AS "rowsUnchanged", rows_failed AS "rowsFailed",
      errors_truncated AS "errorsTruncated", failure`;
  return row!;
}
