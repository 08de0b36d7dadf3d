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
 * In the caller's transaction: locks batch `id` (waiting while another intake holds it, so that its outcome is
 * seen) and, if it is still unprocessed, up to `more` other unprocessed batches of the same source that no one
 * holds (SKIP LOCKED), oldest first: the intake records them together. Empty: no such batch.
 */
export async function claimInboundBatches(tx: Db, id: number, more: number): Promise<InboundBatch[]> {
  const [own] = await tx.execute<BatchRow>(sql`
    SELECT id, source, payload, received_at, processed_at FROM inbound_batches WHERE id = ${id} FOR UPDATE`);
  if (!own) return [];
  if (own.processed_at || more <= 0) return [toBatch(own)];
  const others = await tx.execute<BatchRow>(sql`
    SELECT id, source, payload, received_at, processed_at FROM inbound_batches
     WHERE processed_at IS NULL AND source = ${own.source} AND id <> ${id}
     ORDER BY received_at, id LIMIT ${more} FOR UPDATE SKIP LOCKED`);
  return [toBatch(own), ...others.map(toBatch)];
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
