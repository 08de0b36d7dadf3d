import { AppError } from '@relance/domain/errors';
import type { SegmentDefinition } from '@relance/domain/segments/definition';
import { CHANNELS } from '@relance/domain/vocabulary';
import { and, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { campaigns } from '../schema/campaigns';
import { contacts } from '../schema/contacts';
import { contactIndicators } from '../schema/indicators';
import { segments } from '../schema/segments';
import { type Reachable, reachabilitySql } from './segment-reachability';
import { prepareSegment } from './segment-sql';

export const PREVIEW_SIZE = 50;
/** A count that takes longer is stopped: a segment must never hold the database for minutes. */
const STATEMENT_TIMEOUT = '30s';

/**
 * Runs one segment statement with a time limit, room for the hash joins and aggregates its rules need (the
 * default 4 MB work_mem spills a million-contact hash to disk), and no JIT.
 */
async function guarded<T>(db: Db, run: (tx: Db) => Promise<T>): Promise<T> {
  try {
    return await db.transaction(async (tx) => {
      // one round trip; JIT off: compiling the plan to machine code costs more (0.1-0.5 s) than it saves here;
      // a plan for these values, always: postgres.js prepares its statements, and after five runs PostgreSQL may
      // keep a generic plan, made without knowing the window, the amounts and the choices (a safeguard: the gain
      // was not measured apart)
      await tx.execute(
        sql`SELECT set_config('statement_timeout', ${STATEMENT_TIMEOUT}, true), set_config('work_mem', '64MB', true),
                   set_config('jit', 'off', true), set_config('plan_cache_mode', 'force_custom_plan', true)`,
      );
      return run(tx as unknown as Db);
    });
  } catch (err) {
    const e = ((err as { cause?: unknown })?.cause ?? err) as { code?: string };
    if (e?.code === '57014')
      throw new AppError(
        'unavailable',
        `This segment took more than ${STATEMENT_TIMEOUT} to count: narrow it (fewer OR groups, shorter windows) or try again later.`,
      );
    throw err;
  }
}

/** How many contacts the segment holds now. */
export async function countSegment(db: Db, definition: SegmentDefinition): Promise<number> {
  const { countFrom } = await prepareSegment(db, definition);
  return guarded(db, async (tx) => {
    const [row] = await tx.execute<{ n: number }>(sql`SELECT count(*)::int AS n ${countFrom}`);
    return row?.n ?? 0;
  });
}

/** How many contacts the segment holds, and how many of them each channel can reach. */
export async function countSegmentWithReach(
  db: Db,
  definition: SegmentDefinition,
): Promise<{ count: number; reachable: Reachable }> {
  const { joins, where } = await prepareSegment(db, definition);
  const reach = reachabilitySql();
  return guarded(db, async (tx) => {
    const [row] = await tx.execute<Record<string, number>>(
      sql`SELECT count(*)::int AS count, ${reach.counts} FROM ${contacts} ${joins} ${reach.joins} WHERE ${where}`,
    );
    const reachable = Object.fromEntries(CHANNELS.map((c) => [c, row?.[c] ?? 0])) as Reachable;
    return { count: row?.count ?? 0, reachable };
  });
}

export interface SegmentPreviewRow {
  id: number;
  kind: string;
  firstName: string | null;
  lastName: string | null;
  companyName: string | null;
  email: string | null;
  mobile: string | null;
  postalCode: string | null;
  city: string | null;
  tags: string[];
  tier: string | null;
  lastOrderAt: string | null;
  revenueCents: number | null;
}

/** The first contacts of the segment by name, with what a marketer checks first. */
export async function previewSegment(db: Db, definition: SegmentDefinition): Promise<SegmentPreviewRow[]> {
  const { joins, where } = await prepareSegment(db, definition);
  return guarded(db, async (tx) => {
    // the page's ids first, then their rows: only 50 contacts are read in full
    const rows = await tx.execute<Record<string, unknown>>(sql`
      WITH page AS MATERIALIZED (
        SELECT ${contacts.id} AS id, ${contacts.sortName} AS sort_name FROM ${contacts} ${joins}
         WHERE ${where} ORDER BY ${contacts.sortName}, ${contacts.id} LIMIT ${PREVIEW_SIZE}
      )
      SELECT c.id, c.kind, c.first_name, c.last_name, c.company_name, c.email, c.mobile, c.postal_code, c.city,
             c.tags, i.tier, i.last_order_at, i.revenue_cents
        FROM page JOIN contacts c ON c.id = page.id
        LEFT JOIN ${contactIndicators} i ON i.contact_id = c.id
       ORDER BY page.sort_name, page.id`);
    return rows.map((r) => ({
      id: Number(r.id),
      kind: String(r.kind),
      firstName: r.first_name as string | null,
      lastName: r.last_name as string | null,
      companyName: r.company_name as string | null,
      email: r.email as string | null,
      mobile: r.mobile as string | null,
      postalCode: r.postal_code as string | null,
      city: r.city as string | null,
      tags: r.tags as string[],
      tier: r.tier as string | null,
      lastOrderAt: r.last_order_at ? new Date(r.last_order_at as string).toISOString() : null,
      revenueCents: r.revenue_cents === null ? null : Number(r.revenue_cents),
    }));
  });
}

// ── saved segments ──────────────────────────────────────────────────────────

export type SegmentRow = Omit<typeof segments.$inferSelect, 'definition'> & { definition: SegmentDefinition };
export interface SegmentInput {
  name: string;
  description?: string | null;
  definition: SegmentDefinition;
}

const asSegment = (row: typeof segments.$inferSelect): SegmentRow => row as SegmentRow;

/** Saved segments, most recently changed first. */
export async function listSegments(db: Db, limit = 500): Promise<SegmentRow[]> {
  const rows = await db.select().from(segments).orderBy(desc(segments.updatedAt)).limit(limit);
  return rows.map(asSegment);
}

export async function getSegment(db: Db, id: string): Promise<SegmentRow | null> {
  const [row] = await db.select().from(segments).where(eq(segments.id, id));
  return row ? asSegment(row) : null;
}

/** Saves a new segment once its rules compile (the same check the count makes). */
export async function createSegment(
  db: Db,
  input: SegmentInput & { ownerId: string | null },
): Promise<SegmentRow> {
  await prepareSegment(db, input.definition);
  const [row] = await db
    .insert(segments)
    .values({
      name: input.name,
      description: input.description ?? null,
      definition: input.definition,
      ownerId: input.ownerId,
    })
    .returning();
  return asSegment(row!);
}

/** Replaces a segment; `version` is the one the editor loaded (409 if someone saved in between). */
export async function replaceSegment(
  db: Db,
  id: string,
  input: SegmentInput,
  version: number,
): Promise<SegmentRow> {
  await prepareSegment(db, input.definition);
  return db.transaction(async (tx) => {
    const [current] = await tx.select().from(segments).where(eq(segments.id, id)).for('update');
    if (!current) throw AppError.notFound('This segment');
    if (current.version !== version)
      throw new AppError(
        'conflict',
        'Someone saved this segment since you opened it: reload it, then make your change again.',
        [{ field: 'version', message: `You have version ${version}, the saved one is ${current.version}` }],
      );
    const [row] = await tx
      .update(segments)
      .set({
        name: input.name,
        description: input.description ?? null,
        definition: input.definition,
        version: sql`${segments.version} + 1`,
        updatedAt: sql`now()`,
      })
      .where(and(eq(segments.id, id), eq(segments.version, version)))
      .returning();
    return asSegment(row!);
  });
}

/** The campaigns whose audience is this segment. */
export async function campaignsUsingSegment(db: Db, id: string): Promise<{ id: string; name: string }[]> {
  return db
    .select({ id: campaigns.id, name: campaigns.name })
    .from(campaigns)
    .where(
      sql`${campaigns.plan}->'audience'->>'type' = 'segment' AND ${campaigns.plan}->'audience'->>'id' = ${id}`,
    );
}

/** Deletes a segment no campaign uses. */
export async function deleteSegment(db: Db, id: string): Promise<void> {
  await db.transaction(async (tx) => {
    const [current] = await tx
      .select({ id: segments.id })
      .from(segments)
      .where(eq(segments.id, id))
      .for('update');
    if (!current) throw AppError.notFound('This segment');
    const users = await campaignsUsingSegment(tx as unknown as Db, id);
    if (users.length)
      throw new AppError(
        'conflict',
        `Campaigns use this segment as their audience (${users.map((c) => c.name).join(', ')}): choose another audience for them first.`,
      );
    await tx.delete(segments).where(eq(segments.id, id));
  });
}
