import type { importErrors, imports } from '@relance/db/schema';
import { IMPORT_KINDS, IMPORT_STATUSES } from '@relance/domain/vocabulary';
import { z } from 'zod';

export const importIdParams = z.object({ id: z.uuid({ error: 'Not an import id' }) });

const importError = z.object({
  line: z.number(),
  column: z.string(),
  reason: z.string(),
  value: z.string().nullable(),
});

export const importSchema = z
  .object({
    id: z.string(),
    kind: z.enum(IMPORT_KINDS),
    status: z.enum(IMPORT_STATUSES),
    filename: z.string(),
    byteSize: z.number(),
    bytesProcessed: z.number(),
    encoding: z.string().nullable(),
    delimiter: z.string().nullable(),
    mapping: z.record(z.string(), z.string()).nullable(),
    counts: z.object({
      total: z.number(),
      inserted: z.number(),
      updated: z.number(),
      unchanged: z.number(),
      failed: z.number(),
    }),
    errors: z.array(importError),
    errorsTruncated: z.number(),
    failure: z.string().nullable(),
    createdAt: z.date(),
    startedAt: z.date().nullable(),
    finishedAt: z.date().nullable(),
  })
  .meta({ id: 'Import' });

export const importListSchema = z.object({ items: z.array(importSchema) });

export const previewSchema = z
  .object({
    encoding: z.string(),
    delimiter: z.string(),
    headers: z.array(z.string()),
    rows: z.array(z.array(z.string())),
    suggestedMapping: z.record(z.string(), z.string()),
    unmappedHeaders: z.array(z.string()),
    missingRequired: z.array(z.string()),
    warnings: z.array(z.string()),
  })
  .loose();

export function toImportAnswer(
  row: typeof imports.$inferSelect,
  errors: Pick<typeof importErrors.$inferSelect, 'line' | 'column' | 'reason' | 'value'>[],
): z.infer<typeof importSchema> {
  return {
    id: row.id,
    kind: row.kind,
    status: row.status,
    filename: row.filename,
    byteSize: row.byteSize,
    bytesProcessed: row.bytesProcessed,
    encoding: row.encoding,
    delimiter: row.delimiter,
    mapping: row.mapping,
    counts: {
      total: row.rowsTotal,
      inserted: row.rowsInserted,
      updated: row.rowsUpdated,
      unchanged: row.rowsUnchanged,
      failed: row.rowsFailed,
    },
    errors: errors.map(({ line, column, reason, value }) => ({ line, column, reason, value })),
    errorsTruncated: row.errorsTruncated,
    failure: row.failure,
    createdAt: row.createdAt,
    startedAt: row.startedAt,
    finishedAt: row.finishedAt,
  };
}
