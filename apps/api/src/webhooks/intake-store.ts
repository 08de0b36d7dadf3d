import { storeInboundBatch } from '@relance/db/queries/inbound-batches';
import type { InboundSource } from '@relance/domain/tracking/inbound';
import { enqueueIntake } from '@relance/jobs/intake';
import type { AppDeps } from '../deps';

/**
 * Keeps a verified payload (one INSERT) and enqueues its intake job. Once the row is written the webhook is safe:
 * were Redis unreachable, the worker's minute sweep finds the batch, so the provider still gets its 2xx.
 */
export async function keepAndEnqueue(
  deps: AppDeps,
  source: InboundSource,
  payload: { json: string } | { value: unknown },
): Promise<number> {
  const { id, error } = await storeInboundBatch(deps.database.db, source, payload);
  if (error) return id;
  try {
    await enqueueIntake(deps.queues.intake, id);
  } catch (err) {
    console.error(
      `[api] webhook batch ${id} kept; its intake job could not be enqueued (the sweep will): ${(err as Error).message}`,
    );
  }
  return id;
}
