import { type ChildProcess, fork } from 'node:child_process';
import path from 'node:path';
import { createChannelAdapters } from '@relance/channels/create-adapters';
import { getCampaign } from '@relance/db/queries/campaigns';
import { ContentCache } from '@relance/dispatch/content-cache';
import { runPhase } from '@relance/dispatch/control';
import { applyDispatchEvent } from '@relance/dispatch/lifecycle';
import { createRateLimiter } from '@relance/dispatch/rate-limiter';
import type { DispatchRuntime } from '@relance/dispatch/send-batch';
import { channelSenders } from '@relance/dispatch/senders';
import { createRedis } from '@relance/jobs/redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type DispatchEnv,
  sandboxSendIds,
  settled,
  startDispatchEnv,
  statusCounts,
  waitFor,
} from '../../../tests/support/dispatch-env';
import {
  abEmailPlan,
  alwaysOpen,
  createPlannedCampaign,
  smsContent,
} from '../../../tests/support/dispatch-fixtures';
import { testRedisUrl } from '../../../tests/support/test-database';
import { sendBatchProcessor } from './processors/sends';

/** An SMS to everyone in the audience, no test. */
const smsRollout = (name: string, sendWindow: unknown = alwaysOpen) =>
  abEmailPlan({
    name,
    testPlan: null,
    steps: [{ channel: 'sms', offsetDays: 0, content: smsContent(), sendWindow } as never],
  });

/**
 * A fault test forks worker processes (each a tsx start-up: seconds on a loaded 2-core CI machine) and waits for
 * up to 20 s then 60 s inside: the suite's 30 s default could not hold its own waits.
 */
const FAULT_TEST_TIMEOUT = 150_000;

const CHILD = path.resolve(import.meta.dirname, '../../../tests/support/dispatch-worker-child.ts');

function startChild(env: DispatchEnv, smsRate: number): Promise<ChildProcess> {
  const child = fork(CHILD, [], {
    execArgv: ['--import', 'tsx'],
    env: {
      ...process.env,
      DATABASE_URL: env.t.url,
      REDIS_URL: testRedisUrl(),
      QUEUE_PREFIX: env.prefix,
      SANDBOX_URL: env.sandbox.url,
      SMS_RATE: String(smsRate),
    },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    child.once('message', () => resolve(child));
    child.once('exit', (code) => reject(new Error(`the worker child exited (${code}) before it was ready`)));
  });
}

describe('dispatch faults', () => {
  let env: DispatchEnv;
  beforeAll(async () => {
    // 600 contacts: 320 reachable by SMS (a mobile and an opt-in), the others skipped with their reason
    env = await startDispatchEnv({ contacts: 600, workers: false });
  });
  afterAll(async () => {
    await env?.close();
  });

  const launchRollout = async (campaignId: string) => {
    const stored = (await getCampaign(env.t.db, campaignId))!;
    await applyDispatchEvent(env.scheduler, {
      campaignId,
      event: 'rollout',
      version: stored.campaign.version,
      actorId: null,
    });
  };

  it(
    'a worker killed with SIGKILL in the middle of a batch: after a restart nobody got it twice, nobody is lost',
    async () => {
      const c = await createPlannedCampaign(env.t.db, smsRollout('SIGKILL'));
      const before = sandboxSendIds(env.sandbox).length;
      let child = await startChild(env, 40);
      await launchRollout(c.campaign.id);
      // killed mid-way: some SMS sent, a batch in the middle of its calls
      await waitFor(
        async () => sandboxSendIds(env.sandbox).length - before,
        (n) => n >= 60,
        20_000,
      );
      child.kill('SIGKILL');
      await new Promise((r) => child.once('exit', r));
      const atKill = await statusCounts(env.t, c.campaign.id);
      expect(atKill.pending + atKill.sending).toBeGreaterThan(0);
      // another worker takes over the killed one's batch once its lock expires
      child = await startChild(env, 40);
      try {
        const done = await waitFor(() => statusCounts(env.t, c.campaign.id), settled, 60_000);
        expect(done.total).toBe(600);
        expect(done.sent + done.skipped + done.failed + done.unknown).toBe(600);
        expect(done.skipped).toBe(600 - 320);
        // nobody twice: each send id reached the provider at most once
        const received = sandboxSendIds(env.sandbox).slice(before);
        expect(new Set(received).size).toBe(received.length);
        // nobody lost: every SMS that reached the provider is recorded sent, or unknown (the calls in flight at the
        // kill, at most the 8 a batch makes at once), and every sent one reached it
        const rows = await env.t.sql<{ id: string; status: string }[]>`
        SELECT id::text, status FROM sends WHERE campaign_id = ${c.campaign.id} AND status IN ('sent', 'unknown')`;
        const sent = rows.filter((r) => r.status === 'sent').map((r) => r.id);
        const unknown = rows.filter((r) => r.status === 'unknown').map((r) => r.id);
        const got = new Set(received);
        for (const id of sent) expect(got.has(id)).toBe(true);
        for (const id of received) expect(sent.includes(id) || unknown.includes(id)).toBe(true);
        expect(unknown.length).toBeLessThanOrEqual(8);
        expect(done.sent + done.unknown).toBe(320);
      } finally {
        child.kill('SIGTERM');
        await new Promise((r) => child.once('exit', r));
      }
    },
    FAULT_TEST_TIMEOUT,
  );

  it(
    'SIGTERM: the worker hands its batch back and stops within seconds; another one finishes, nothing in doubt',
    async () => {
      const c = await createPlannedCampaign(env.t.db, smsRollout('SIGTERM'));
      const before = sandboxSendIds(env.sandbox).length;
      let child = await startChild(env, 40);
      await launchRollout(c.campaign.id);
      await waitFor(
        async () => sandboxSendIds(env.sandbox).length - before,
        (n) => n >= 40,
        20_000,
      );
      const asked = Date.now();
      child.kill('SIGTERM');
      const code = await new Promise((r) => child.once('exit', r));
      expect(code).toBe(0);
      expect(Date.now() - asked).toBeLessThan(5_000);
      const stopped = await statusCounts(env.t, c.campaign.id);
      expect(stopped.sending).toBe(0);
      expect(stopped.unknown).toBe(0);
      expect(stopped.pending).toBeGreaterThan(0);
      child = await startChild(env, 40);
      try {
        const done = await waitFor(() => statusCounts(env.t, c.campaign.id), settled, 60_000);
        expect(done.sent).toBe(320);
        expect(done.unknown).toBe(0);
        expect(done.sent + done.skipped).toBe(600);
        const received = sandboxSendIds(env.sandbox).slice(before);
        expect(received.length).toBe(320);
        expect(new Set(received).size).toBe(320);
      } finally {
        child.kill('SIGTERM');
        await new Promise((r) => child.once('exit', r));
      }
    },
    FAULT_TEST_TIMEOUT,
  );

  it(
    'two worker processes at once share the batches and the pace: everyone once, the rate kept',
    async () => {
      const c = await createPlannedCampaign(env.t.db, smsRollout('Two workers'));
      const before = env.sandbox.store.list('twilio-sms').length;
      const children = await Promise.all([startChild(env, 60), startChild(env, 60)]);
      try {
        await launchRollout(c.campaign.id);
        const done = await waitFor(() => statusCounts(env.t, c.campaign.id), settled, 60_000);
        expect(done.sent).toBe(320);
        expect(done.sent + done.skipped).toBe(600);
        const received = env.sandbox.store.list('twilio-sms').slice(before);
        const ids = sandboxSendIds(env.sandbox).slice(-320);
        expect(received.length).toBe(320);
        expect(new Set(ids).size).toBe(320);
        // one pace for both processes (kept in Redis): at most 60 a second, not 120 (how close to 60 a run gets is
        // the machine's speed, for benchmarks; the sharing itself is proved on the slots in rate-limiter.test.ts)
        const times = received.map((m) => Date.parse(m.receivedAt)).sort((a, b) => a - b);
        const rate = (times.length - 1) / ((times.at(-1)! - times[0]!) / 1000);
        expect(rate).toBeLessThan(70);
      } finally {
        for (const child of children) {
          child.kill('SIGTERM');
          await new Promise((r) => child.once('exit', r));
        }
      }
    },
    FAULT_TEST_TIMEOUT,
  );

  it('the send window closes in the middle of a batch: the rest waits for the next opening (a holiday skipped)', async () => {
    const window = {
      timeZone: 'Europe/Paris',
      days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat'],
      hours: [{ from: '08:00', to: '20:00' }],
      closedOnPublicHolidays: true,
    };
    const c = await createPlannedCampaign(env.t.db, smsRollout('Window closing', window));
    const stored = (await getCampaign(env.t.db, c.campaign.id))!;
    await applyDispatchEvent(env.scheduler, {
      campaignId: c.campaign.id,
      event: 'rollout',
      version: stored.campaign.version,
      actorId: null,
    });
    await runPhase(env.scheduler, c.campaign.id, 'rollout', 'test');
    const pending = await env.t.sql<{ id: string }[]>`
      SELECT id::text FROM sends WHERE campaign_id = ${c.campaign.id} AND status = 'pending' ORDER BY contact_id LIMIT 60`;
    // Thursday 24 December 2026, 19:59:50 in Paris: open for the first claim, closed (20:00) for the next;
    // Friday 25 is Christmas, so the next opening is Saturday 26 at 08:00 (07:00 UTC)
    const times = [new Date('2026-12-24T18:59:50Z')];
    const later = new Date('2026-12-24T19:00:01Z');
    const redis = createRedis(testRedisUrl(), 'worker');
    const runtime: DispatchRuntime = {
      db: env.t.db,
      senders: channelSenders(createChannelAdapters(env.dispatchOptions.providers)),
      content: new ContentCache(),
      limiter: createRateLimiter(redis, env.prefix, {}),
      publicUrl: 'http://127.0.0.1:9',
      now: () => times.shift() ?? later,
    };
    try {
      const processor = sendBatchProcessor(runtime, env.scheduler, 'sms');
      const job = {
        id: 'window-test',
        data: {
          campaignId: c.campaign.id,
          waveId: (await waveOf(c.campaign.id))!,
          sendIds: pending.map((p) => Number(p.id)),
        },
      };
      const report = (await processor(job as never)) as {
        sent: number;
        skipped: number;
        deferred: { n: number; reason: string };
      };
      // the first claim (20 SMS) went out before 20:00; the other 40 wait
      expect(report.sent + report.skipped).toBe(20);
      expect(report.deferred).toEqual({ n: 40, reason: 'window' });
      const delayed = await env.queues.sends.sms.getDelayed();
      // (the wave's own batches wait in the queue too, for the window's real next opening: not these)
      const next = delayed.find((j) => j.id?.startsWith(`send-${job.data.waveId}-${pending[20]!.id}-w`))!;
      expect(next.data.sendIds).toEqual(pending.slice(20).map((p) => Number(p.id)));
      const expectedDelay = new Date('2026-12-26T07:00:00Z').getTime() - later.getTime();
      expect(next.opts.delay).toBe(expectedDelay);
      const left = await env.t.sql<{ status: string; n: number }[]>`
        SELECT status, count(*)::int AS n FROM sends WHERE id IN ${env.t.sql(pending.slice(20).map((p) => p.id))} GROUP BY status`;
      expect(left).toEqual([{ status: 'pending', n: 40 }]);
      await next.remove();
    } finally {
      await redis.quit();
    }
  });

  async function waveOf(campaignId: string) {
    const [row] = await env.t.sql<
      { id: string }[]
    >`SELECT id FROM send_waves WHERE campaign_id = ${campaignId}`;
    return row?.id;
  }
});
