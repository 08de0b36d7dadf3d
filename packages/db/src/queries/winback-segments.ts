import { AppError } from '@relance/domain/errors';
import { segmentDefinitionSchema } from '@relance/domain/segments/definition';
import type { WinbackSettings } from '@relance/domain/winback/settings';
import { sql as dsql } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import type { Sql } from '../client';
import { compileSegment } from './segment-sql';
import type { Q } from './winback-sql';

const dialect = new PgDialect();

/**
 * Fills the refresh's `wb_segment_members (rule, contact_id)` with the members of each inactivity override scoped
 * to a saved segment (`rule` is the override's 1-based position), one set-based statement per such override,
 * with the segment's own compiled SQL. A segment deleted since, or whose rules no longer compile, is skipped: its
 * customers fall to the next matching rule.
 */
export async function fillSegmentMembers(
  tx: Q,
  overrides: WinbackSettings['inactivity']['overrides'],
): Promise<void> {
  await tx`CREATE TEMP TABLE wb_segment_members (rule int, contact_id bigint, PRIMARY KEY (rule, contact_id))
           ON COMMIT DROP`;
  for (const [i, override] of overrides.entries()) {
    if (override.scope.kind !== 'segment') continue;
    const [row] = await tx<{ definition: unknown }[]>`
      SELECT definition FROM segments WHERE id = ${override.scope.segmentId}`;
    const definition = segmentDefinitionSchema.safeParse(row?.definition);
    if (!definition.success) continue;
    let compiled: ReturnType<typeof compileSegment>;
    try {
      compiled = compileSegment(definition.data);
    } catch {
      continue;
    }
    const query = dialect.sqlToQuery(dsql`
      INSERT INTO wb_segment_members (rule, contact_id)
      SELECT ${i + 1}::int, contacts.id FROM contacts ${compiled.joins} WHERE ${compiled.where}`);
    await tx.unsafe(query.sql, query.params as never[]);
  }
}

/** Refuses settings whose inactivity rules name a segment that does not exist, with the field to fix. */
export async function checkSegmentScopes(sql: Sql, settings: WinbackSettings): Promise<void> {
  const named = settings.inactivity.overrides.flatMap((o, i) =>
    o.scope.kind === 'segment' ? [{ i, id: o.scope.segmentId }] : [],
  );
  if (named.length === 0) return;
  const found = await sql<
    { id: string }[]
  >`SELECT id::text FROM segments WHERE id = ANY (${named.map((n) => n.id)}::uuid[])`;
  const known = new Set(found.map((r) => r.id));
  const missing = named.filter((n) => !known.has(n.id));
  if (missing.length > 0)
    throw AppError.validation(
      'An inactivity rule names a segment that does not exist.',
      missing.map((n) => ({
        field: `inactivity.overrides.${n.i}.scope.segmentId`,
        message: 'No saved segment has this id: choose another one',
      })),
    );
}
