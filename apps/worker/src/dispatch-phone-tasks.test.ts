import { takeNextTask } from '@relance/db/queries/callback-next';
import { recordCallOutcome } from '@relance/db/queries/callback-outcomes';
import { recordPhoneStepTasks } from '@relance/db/queries/callback-tasks';
import { getCampaign } from '@relance/db/queries/campaigns';
import { applyDispatchEvent } from '@relance/dispatch/lifecycle';
import { DEFAULT_CALLING_RULES } from '@relance/domain/callbacks/calling-rules';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type DispatchEnv,
  settled,
  startDispatchEnv,
  statusCounts,
  waitFor,
} from '../../../tests/support/dispatch-env';
import { abEmailPlan, alwaysOpen, createPlannedCampaign } from '../../../tests/support/dispatch-fixtures';

const alwaysCallable = { ...DEFAULT_CALLING_RULES, window: alwaysOpen } as typeof DEFAULT_CALLING_RULES;

describe('phone steps become callback tasks, and call outcomes come back to the send', () => {
  let env: DispatchEnv;
  beforeAll(async () => {
    env = await startDispatchEnv({ contacts: 90 });
  });
  afterAll(async () => {
    await env?.close();
  });

  it('writes one task per phone send (set-based, tied to the send), once, and a sale by phone is a sold event', async () => {
    const c = await createPlannedCampaign(
      env.t.db,
      abEmailPlan({
        name: 'Phoning',
        steps: [
          {
            channel: 'phone',
            offsetDays: 0,
            content: { script: 'Bonjour {{firstName}}, ici Relance.', offer: '-20 % sur {{offer|tout}}' },
            sendWindow: alwaysOpen,
          },
        ],
        testPlan: {
          sample: { mode: 'absolute', size: 60 },
          winnerMetric: 'response_rate',
          rollout: 'manual',
        },
      } as never),
    );
    const stored = (await getCampaign(env.t.db, c.campaign.id))!;
    await applyDispatchEvent(env.scheduler, {
      campaignId: c.campaign.id,
      event: 'launch_test',
      version: stored.campaign.version,
      actorId: null,
    });
    const counts = await waitFor(() => statusCounts(env.t, c.campaign.id), settled);
    expect(counts.sent).toBeGreaterThan(0);
    const tasks = await env.t.sql<
      { send_id: string; campaign_id: string; step_id: string; source: string }[]
    >`
      SELECT t.send_id, t.campaign_id, t.step_id, t.source FROM callback_tasks t`;
    const sent = await env.t.sql<{ id: string; step_id: string; provider_id: string }[]>`
      SELECT id, step_id, provider_id FROM sends WHERE campaign_id = ${c.campaign.id} AND status = 'sent'`;
    expect(tasks.length).toBe(sent.length);
    expect(new Set(tasks.map((t) => t.send_id))).toEqual(new Set(sent.map((s) => s.id)));
    expect(tasks.every((t) => t.campaign_id === c.campaign.id && t.source === 'phone_step')).toBe(true);
    expect(tasks.every((t) => t.step_id === sent[0]!.step_id)).toBe(true);
    expect(sent.every((s) => s.provider_id === 'callback-task')).toBe(true);
    const [queue] = await env.t.sql<
      { key: string; name: string }[]
    >`SELECT key, name FROM callback_queues WHERE kind = 'campaign'`;
    expect(queue).toEqual({ key: `campaign:${c.campaign.id}`, name: 'Phoning' });

    // the same batch again (a retried job whose first run crashed after the insert): no duplicate task
    await env.t
      .sql`UPDATE sends SET status = 'sending', claim_token = 'retry~1' WHERE campaign_id = ${c.campaign.id} AND status = 'sent'`;
    const again = await recordPhoneStepTasks(
      env.t.db,
      'retry~1',
      sent.map((s) => ({ sendId: Number(s.id), contactId: 0, phone: null, dueAt: null, priority: 0 })),
    );
    expect(again).toBe(sent.length);
    const [{ n }] = (await env.t.sql`SELECT count(*)::int AS n FROM callback_tasks`) as unknown as [
      { n: number },
    ];
    expect(n).toBe(sent.length);

    // an agent calls and sells: the sale is an event on the send (source phone), counted for the phone channel
    const [agent] = await env.t.sql<{ id: string }[]>`
      INSERT INTO users (email, name, role, password_hash) VALUES ('a@x.test', 'A', 'telemarketer', 'x') RETURNING id`;
    const taskId = await takeNextTask(env.t.db, {
      agentId: agent!.id,
      queueIds: null,
      rules: alwaysCallable,
    });
    expect(taskId).not.toBeNull();
    const outcome = await recordCallOutcome(env.t.db, {
      taskId: taskId!,
      agentId: agent!.id,
      input: { outcome: 'sale', amountCents: 12_500, note: 'Commande du salon' },
      rules: alwaysCallable,
    });
    expect(outcome.event).toBe('sold');
    const events = await env.t.sql<
      { kind: string; source: string; source_id: string; amount_cents: string }[]
    >`
      SELECT kind, source, source_id, amount_cents FROM send_events`;
    expect(events).toEqual([
      { kind: 'sold', source: 'phone', source_id: String(outcome.attemptId), amount_cents: '12500' },
    ]);
    const rollups = await env.t.sql<{ channel: string; kind: string; amount_cents: string }[]>`
      SELECT channel, kind, amount_cents FROM send_rollups WHERE kind = 'sold'`;
    expect(rollups).toEqual([{ channel: 'phone', kind: 'sold', amount_cents: '12500' }]);
    const [call] = await env.t.sql<{ subject: string; body: string }[]>`
      SELECT subject, body FROM interactions WHERE kind = 'call'`;
    expect(call!.subject).toBe('Appel : vente');
    expect(call!.body).toContain('125,00');
  });
});
