import { and, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { postalBatches } from '../schema/dispatch';

/**
 * Keeps a print batch's files (the engine's store for the postal adapter): its campaign and step are its first
 * send's; saved twice (a retried job), kept once.
 */
export async function savePostalBatch(
  db: Db,
  files: { idempotencyKey: string; reference: string; pdf: Buffer; csv: string; sendIds: readonly string[] },
): Promise<void> {
  const first = Number(files.sendIds[0]);
  await db.execute(sql`
    INSERT INTO postal_batches (campaign_id, step_id, reference, idempotency_key, letters, pdf, manifest)
    SELECT s.campaign_id, s.step_id, ${files.reference}, ${files.idempotencyKey}, ${files.sendIds.length},
           ${files.pdf}, ${files.csv}
      FROM sends s WHERE s.id = ${first}
    ON CONFLICT (idempotency_key) DO NOTHING`);
}

export interface PostalBatchSummary {
  id: string;
  stepId: string;
  reference: string;
  letters: number;
  bytes: number;
  createdAt: Date;
}

/** A campaign's print batches, newest first, without their files. */
export async function listPostalBatches(db: Db, campaignId: string): Promise<PostalBatchSummary[]> {
  return db
    .select({
      id: postalBatches.id,
      stepId: postalBatches.stepId,
      reference: postalBatches.reference,
      letters: postalBatches.letters,
      bytes: sql<number>`octet_length(${postalBatches.pdf})::int`,
      createdAt: postalBatches.createdAt,
    })
    .from(postalBatches)
    .where(eq(postalBatches.campaignId, campaignId))
    .orderBy(desc(postalBatches.createdAt));
}

/** One batch's PDF or manifest. */
export async function postalBatchFile(
  db: Db,
  campaignId: string,
  batchId: string,
  file: 'pdf' | 'manifest',
): Promise<{ reference: string; content: Buffer | string } | null> {
  const [row] = await db
    .select({
      reference: postalBatches.reference,
      content: file === 'pdf' ? postalBatches.pdf : postalBatches.manifest,
    })
    .from(postalBatches)
    .where(and(eq(postalBatches.campaignId, campaignId), eq(postalBatches.id, batchId)));
  return row ?? null;
}
