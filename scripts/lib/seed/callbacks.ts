import type { Database } from '@relance/db/client';
import { feedCallbackQueues } from '@relance/db/queries/callback-feed';
import { createCallbackTasks } from '@relance/db/queries/callback-tasks';
import { DEFAULT_CALLING_RULES } from '@relance/domain/callbacks/calling-rules';

/**
 * The demo telemarketer's queues: the feed from the win-back state (candidates by score, probabilities of
 * leaving, warning signals, cancellation requests: about 20 each at most), and 15 calls for the win-back campaign's
 * phone step (contacts who opened its email), so that the call screen shows the campaign's script and offer.
 * Answers the tasks created.
 */
export async function seedDemoCallbacks(database: Database): Promise<number> {
  const rules = { ...DEFAULT_CALLING_RULES, feed: { ...DEFAULT_CALLING_RULES.feed, maxPerRun: 20 } };
  const fed = await feedCallbackQueues(database.db, rules, new Date(), [
    'winback',
    'churn_risk',
    'warning_signal',
    'cancellation',
  ]);
  const [step] = await database.sql<{ campaign_id: string; step_id: string; name: string }[]>`
    SELECT c.id AS campaign_id, s.id AS step_id, c.name FROM campaigns c
      JOIN campaign_steps s ON s.campaign_id = c.id AND s.channel = 'phone'
     ORDER BY c.created_at LIMIT 1`;
  let campaign = 0;
  if (step) {
    const prospects = await database.sql<{ id: number }[]>`
      SELECT c.id::float8 AS id FROM contacts c
       WHERE c.external_id LIKE 'DEMO-%' AND c.kind = 'person' AND c.mobile IS NOT NULL
         AND NOT EXISTS (SELECT 1 FROM callback_tasks t WHERE t.contact_id = c.id AND t.status = 'open')
         AND NOT EXISTS (SELECT 1 FROM suppressions s WHERE s.channel = 'phone' AND s.address = c.mobile)
       ORDER BY c.id LIMIT 15`;
    const created = await createCallbackTasks(
      database.db,
      prospects.map((p, i) => ({
        source: 'hot_prospect' as const,
        sourceKey: `${step.campaign_id}-${p.id}`,
        contactId: p.id,
        reason: `${i % 3 === 0 ? 'A cliqué' : 'A ouvert 3 fois'} : ${step.name}`,
        detail: { campaign: step.name, clicked: i % 3 === 0, opens: 3 },
        priority: i % 3 === 0 ? 10 : 0,
        campaignId: step.campaign_id,
        stepId: step.step_id,
      })),
    );
    campaign = created.length;
  }
  return Object.values(fed).reduce((a, b) => a + b, 0) + campaign;
}
