import type { InboundSource } from '@relance/domain/tracking/inbound';
import { sql } from 'drizzle-orm';
import type { Db } from '../client';

/**
 * Keeps a verified webhook's payload, in one INSERT, before the webhook is answered. A JSON body (SendGrid's) is
 * handed over as its raw text and kept as `json` (PostgreSQL
 * only checks its syntax: no jsonb built on the webhook's path); a body that is no JSON at all is kept as a JSON string
 * with its error, so that a bad post after a valid signature is kept and seen, never lost or retried forever.
 */
export async function storeInboundBatch(
  db: Db,
  source: InboundSource,
  payload: { json: string } | { value: unknown },
): Promise<{ id: number; error: string | null }> {
  const text = 'json' in payload ? payload.json : JSON.stringify(payload.value);
  try {
    const [row] = await db.execute<{ id: string }>(sql`
      INSERT INTO inbound_batches (source, payload) VALUES (${source}, ${text}::json) RETURNING id`);
    return { id: Number(row!.id), error: null };
  } catch (err) {
    // drizzle wraps the driver's error: PostgreSQL's code is on its cause
    const cause = ((err as { cause?: unknown }).cause ?? err) as { code?: string; message?: string };
    if (cause.code !== '22P02') throw err;
    const error = `The payload is not JSON: ${cause.message}`;
    const [row] = await db.execute<{ id: string }>(sql`
      INSERT INTO inbound_batches (source, payload, processed_at, recorded, ignored, error)
      VALUES (${source}, to_json(${text}::text), now(), 0, 0, ${error}) RETURNING id`);
    return { id: Number(row!.id), error };
  }
}

export interface InboundBatch {
  id: number;
  source: string;
  /** as posted; null from the intake's locks once the batch is processed (not read again) */
  payload: unknown;
  receivedAt: Date;
  processedAt: Date | null;
}

export async function getInboundBatch(db: Db, id: number): Promise<InboundBatch | null> {
  const [row] = await db.execute<{
    id: string;
    source: string;
    payload: unknown;
    received_at: string;
    processed_at: string | null;
  }>(sql`SELECT id, source, payload, received_at, processed_at FROM inbound_batches WHERE id = ${id}`);
  if (!row) return null;
  return {
    id: Number(row.id),
    source: row.source,
    payload: row.payload,
    receivedAt: new Date(row.received_at),
    processedAt: row.processed_at ? new Date(row.processed_at) : null,
  };
}

/**
 * Marks a batch processed with its counts, or its error (a payload the normaliser refused). The first processing
 * to finish wins: a second run of the same batch (a re-enqueued job) leaves the counts of the first.
 */
export async function markInboundProcessed(
  db: Db,
  id: number,
  outcome: { recorded: number; ignored: number; error?: string | null },
): Promise<void> {
  await db.execute(sql`
    UPDATE inbound_batches
       SET processed_at = now(), recorded = ${outcome.recorded}, ignored = ${outcome.ignored},
           error = ${outcome.error ?? null}
     WHERE id = ${id} AND processed_at IS NULL`);
}

/** Batches still unprocessed `olderThanMs` after they came (their job was lost with Redis), oldest first. */
export async function staleInboundBatches(db: Db, olderThanMs: number, limit = 1000): Promise<number[]> {
  const rows = await db.execute<{ id: string }>(sql`
    SELECT id FROM inbound_batches
     WHERE processed_at IS NULL AND received_at < now() - make_interval(secs => ${olderThanMs / 1000})
     ORDER BY received_at LIMIT ${limit}`);
  return rows.map((r) => Number(r.id));
}

/**
 * A locked batch's columns: its payload only while it is unprocessed (an intake job that finds its batch recorded by
 * another does not read, nor PostgreSQL decompress, its few hundred kilobytes again).
 */
const lockedColumns = sql.raw(
  'id, source, CASE WHEN processed_at IS NULL THEN payload END AS payload, received_at, processed_at',
);

/**
 * In the caller's transaction: locks batch `id`, waiting while another intake holds it (so that its outcome is
 * seen: processed, or left to this one if the other failed). Null: no such batch.
 */
export async function lockInboundBatch(tx: Db, id: number): Promise<InboundBatch | null> {
  const [own] = await tx.execute<BatchRow>(sql`
    SELECT ${lockedColumns} FROM inbound_batches WHERE id = ${id} FOR UPDATE`);
  return own ? toBatch(own) : null;
}

/**
 * In the caller's transaction: locks batch `id` unless another transaction holds it (SKIP LOCKED: no waiting).
 * The batch; `{ heldBy: 'other', source }` when another intake holds it (it took it with its own to record them
 * together); null when there is no such batch.
 */
export async function tryLockInboundBatch(
  tx: Db,
  id: number,
): Promise<InboundBatch | { heldBy: 'other'; source: string } | null> {
  const [own] = await tx.execute<BatchRow>(sql`
    SELECT ${lockedColumns} FROM inbound_batches WHERE id = ${id} FOR UPDATE SKIP LOCKED`);
  if (own) return toBatch(own);
  const [held] = await tx.execute<{ source: string }>(
    sql`SELECT source FROM inbound_batches WHERE id = ${id}`,
  );
  return held ? { heldBy: 'other', source: held.source } : null;
}

/**
 * In the caller's transaction: up to `limit` unprocessed batches of `source` that no other transaction holds,
 * oldest first, locked (FOR UPDATE SKIP LOCKED), `except` left out.
 */
export async function claimWaitingBatches(
  tx: Db,
  source: string,
  limit: number,
  except?: number,
): Promise<InboundBatch[]> {
  if (limit <= 0) return [];
  const rows = await tx.execute<BatchRow>(sql`
    SELECT id, source, payload, received_at, processed_at FROM inbound_batches
     WHERE processed_at IS NULL AND source = ${source} AND id <> ${except ?? 0}
     ORDER BY received_at, id LIMIT ${limit} FOR UPDATE SKIP LOCKED`);
  return rows.map(toBatch);
}

type BatchRow = {
  id: string;
  source: string;
  payload: unknown;
  received_at: string;
  processed_at: string | null;
};

const toBatch = (row: BatchRow): InboundBatch => ({
  id: Number(row.id),
  source: row.source,
  payload: row.payload,
  receivedAt: new Date(row.received_at),
  processedAt: row.processed_at ? new Date(row.processed_at) : null,
});

/** markInboundProcessed for several batches, in one statement. */
export async function markInboundBatchesProcessed(
  db: Db,
  outcomes: readonly { id: number; recorded: number; ignored: number; error: string | null }[],
): Promise<void> {
  if (outcomes.length === 0) return;
  const list = (values: readonly (string | null)[]) => sql`${sql.param(values)}::text[]`;
  await db.execute(sql`
    UPDATE inbound_batches b
       SET processed_at = now(), recorded = v.recorded, ignored = v.ignored, error = v.error
      FROM unnest(${list(outcomes.map((o) => String(o.id)))}::bigint[], ${list(outcomes.map((o) => String(o.recorded)))}::int[],
                  ${list(outcomes.map((o) => String(o.ignored)))}::int[], ${list(outcomes.map((o) => o.error))})
           AS v(id, recorded, ignored, error)
     WHERE b.id = v.id AND b.processed_at IS NULL`);
}
