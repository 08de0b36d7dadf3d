import type { ImportKind } from '@relance/domain/vocabulary';
import { and, asc, desc, eq, gt } from 'drizzle-orm';
import type { Db, Sql } from '../client';
import { importErrors, imports } from '../schema/imports';

export type ImportRow = typeof imports.$inferSelect;

export interface ImportErrorRow {
  line: number;
  column: string;
  reason: string;
  value: string | null;
}

/** Creates an import row (status `queued`). The file's bytes go to `import_chunks` (see storeUpload). */
export async function createImport(
  db: Db,
  input: {
    kind: ImportKind;
    filename: string;
    byteSize: number;
    mapping?: Record<string, string> | null;
    createdBy?: string | null;
  },
): Promise<ImportRow> {
  const [row] = await db
    .insert(imports)
    .values({
      kind: input.kind,
      filename: input.filename,
      byteSize: input.byteSize,
      mapping: input.mapping ?? null,
      createdBy: input.createdBy ?? null,
    })
    .returning();
  return row!;
}

export async function getImport(db: Db, id: string): Promise<ImportRow | null> {
  const [row] = await db.select().from(imports).where(eq(imports.id, id));
  return row ?? null;
}

/** The latest imports of a kind, newest first. */
export async function listImports(db: Db, kind: ImportKind, limit = 50): Promise<ImportRow[]> {
  return db
    .select()
    .from(imports)
    .where(eq(imports.kind, kind))
    .orderBy(desc(imports.createdAt), desc(imports.id))
    .limit(Math.min(Math.max(limit, 1), 500));
}

/**
 * One page of an import's errors in line order. Keyset on the line: for the next page pass the last row's
 * `line` as `afterLine`. A page never splits the errors of one line (it can hold fewer than `limit` rows).
 */
export async function listImportErrors(
  db: Db,
  id: string,
  options: { limit?: number; afterLine?: number } = {},
): Promise<ImportErrorRow[]> {
  const limit = Math.min(Math.max(options.limit ?? 100, 1), 1000);
  const rows = await db
    .select({
      line: importErrors.line,
      column: importErrors.column,
      reason: importErrors.reason,
      value: importErrors.value,
    })
    .from(importErrors)
    .where(and(eq(importErrors.importId, id), gt(importErrors.line, options.afterLine ?? 0)))
    .orderBy(asc(importErrors.line), asc(importErrors.column))
    .limit(limit + 1);
  if (rows.length <= limit) return rows;
  const lastLine = rows[limit - 1]!.line;
  let page = rows.slice(0, limit);
  if (rows[limit]!.line === lastLine) {
    // the page would end in the middle of a line: stop before that line, unless it is the only one
    const trimmed = page.filter((r) => r.line !== lastLine);
    if (trimmed.length > 0) page = trimmed;
    else {
      const rest = await db
        .select({
          line: importErrors.line,
          column: importErrors.column,
          reason: importErrors.reason,
          value: importErrors.value,
        })
        .from(importErrors)
        .where(and(eq(importErrors.importId, id), eq(importErrors.line, lastLine)))
        .orderBy(asc(importErrors.column));
      page = rest;
    }
  }
  return page;
}

/** All of an import's errors in line order, read with a cursor, `batchSize` rows at a time. */
export async function* streamImportErrors(
  sql: Sql,
  id: string,
  batchSize = 2000,
): AsyncGenerator<ImportErrorRow[]> {
  const cursor = sql<ImportErrorRow[]>`
    SELECT line, "column", reason, value FROM import_errors
    WHERE import_id = ${id} ORDER BY line, "column"`.cursor(batchSize);
  for await (const rows of cursor) yield rows;
}
