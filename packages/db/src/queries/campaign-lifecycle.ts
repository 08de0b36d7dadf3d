import { AppError } from '@relance/domain/errors';
import {
  applyTransition,
  type CampaignEvent,
  type CampaignState,
} from '@relance/domain/planning/campaign-lifecycle';
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { campaigns } from '../schema/campaigns';

export type CampaignRow = typeof campaigns.$inferSelect;

/** The lifecycle state of a stored campaign, as the domain's state machine reads it. */
export function stateOf(row: Pick<CampaignRow, 'status' | 'resumeTo'>): CampaignState {
  if (row.status === 'paused') return { status: 'paused', resumeTo: row.resumeTo ?? 'running' };
  return { status: row.status };
}

/**
 * Moves a campaign through its lifecycle. The row is locked, the version is the one the user saw (an event
 * decided on a stale screen is refused), and the domain's state machine says whether the event is allowed
 * here: a refused event changes nothing and answers 409 with the reason. `version` null: the system's own event
 * (the dispatch engine ending a test), whatever the version. `within` runs in the same transaction after the
 * change (the dispatch engine writes the phase it starts), so that both happen or neither.
 */
export async function applyCampaignEvent(
  db: Db,
  id: string,
  event: CampaignEvent,
  version: number | null,
  within?: (tx: Db, before: CampaignRow, after: CampaignRow) => Promise<void>,
): Promise<CampaignRow> {
  return db.transaction(async (tx) => {
    const [current] = await tx.select().from(campaigns).where(eq(campaigns.id, id)).for('update');
    if (!current) throw AppError.notFound('This campaign');
    if (version !== null && current.version !== version) {
      throw new AppError(
        'conflict',
        'This campaign changed since you opened it: reload it, then try again.',
        [{ field: 'version', message: `You have version ${version}, the saved one is ${current.version}` }],
      );
    }
    const next = applyTransition(stateOf(current), event);
    const [updated] = await tx
      .update(campaigns)
      .set({
        status: next.status,
        resumeTo: next.status === 'paused' ? next.resumeTo : null,
        version: sql`${campaigns.version} + 1`,
        updatedAt: sql`now()`,
      })
      .where(eq(campaigns.id, id))
      .returning();
    if (within) await within(tx as unknown as Db, current, updated!);
    return updated!;
  });
}
