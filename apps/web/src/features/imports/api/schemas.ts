import { IMPORT_KINDS, IMPORT_STATUSES } from '@relance/domain/vocabulary';
import { z } from 'zod';

/** What the preview read from the head of the file. The target fields come from @relance/domain/import-fields. */
export const previewSchema = z.object({
  encoding: z.string(),
  delimiter: z.string(),
  headers: z.array(z.string()),
  rows: z.array(z.array(z.string())),
  suggestedMapping: z.record(z.string(), z.string()),
  unmappedHeaders: z.array(z.string()).default([]),
  missingRequired: z.array(z.string()).default([]),
  warnings: z.array(z.string()).default([]),
});
export type Preview = z.infer<typeof previewSchema>;

export const importErrorSchema = z.object({
  line: z.number(),
  column: z.string().nullish(),
  reason: z.string(),
  value: z.string().nullish(),
});
export type ImportError = z.infer<typeof importErrorSchema>;

export const importSchema = z.object({
  id: z.string(),
  kind: z.enum(IMPORT_KINDS),
  status: z.enum(IMPORT_STATUSES),
  filename: z.string(),
  byteSize: z.number(),
  bytesProcessed: z.number(),
  encoding: z.string().nullish(),
  delimiter: z.string().nullish(),
  counts: z.object({
    total: z.number(),
    inserted: z.number(),
    updated: z.number(),
    unchanged: z.number(),
    failed: z.number(),
  }),
  errors: z.array(importErrorSchema).default([]),
  errorsTruncated: z.union([z.number(), z.boolean()]).nullish(),
  failure: z.string().nullish(),
  createdAt: z.string(),
  startedAt: z.string().nullish(),
  finishedAt: z.string().nullish(),
});
export type Import = z.infer<typeof importSchema>;

export const importListSchema = z.object({ items: z.array(importSchema) });

export const acceptedSchema = z.object({ id: z.string(), status: z.string() });
