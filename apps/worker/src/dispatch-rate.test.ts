import { getCampaign } from '@relance/db/queries/campaigns';
import { applyDispatchEvent } from '@relance/dispatch/lifecycle';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type DispatchEnv,
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
import { perSecond, slopePerSecond } from '../../../tests/support/pace';

const RATE = 50;

describe('the SMS pace', () => {
  let env: DispatchEnv;
  beforeAll(async () => {
    // 600 contacts, 320 of them reachable by SMS; two batch jobs processed at once must still share one pace
    env = await startDispatchEnv({
      contacts: 600,
      dispatch: { paces: { sms: { perSecond: RATE } }, concurrency: { sms: 2 } },
    });
  });
  afterAll(async () => {
    await env?.close();
  });

  // Only the pace's ceiling is asserted: how close to it a run gets is the machine's speed (on 2 loaded cores the
  // in-process worker, sandbox and test reach 25–40 a second, with or without the board's counter triggers), and
  // speed is proved by benchmarks. The limiter's sharing is proved apart from the machine (rate-limiter.test.ts).
  it(`never goes faster than the configured ${RATE} SMS a second, two batches at once`, async () => {
    const c = await createPlannedCampaign(
      env.t.db,
      abEmailPlan({
        name: 'SMS pace',
        testPlan: null,
        steps: [{ channel: 'sms', offsetDays: 0, content: smsContent(), sendWindow: alwaysOpen }],
      }),
    );
    const stored = (await getCampaign(env.t.db, c.campaign.id))!;
    await applyDispatchEvent(env.scheduler, {
      campaignId: c.campaign.id,
      event: 'rollout',
      version: stored.campaign.version,
      actorId: null,
    });
    const done = await waitFor(() => statusCounts(env.t, c.campaign.id), settled, 100_000);
    expect(done.sent).toBe(320);
    const times = env.sandbox.store
      .list('twilio-sms')
      .map((m) => Date.parse(m.receivedAt))
      .sort((a, b) => a - b);
    expect(times.length).toBe(320);
    // the pace is the slope of messages over time (least squares: one late first request, waiting for its
    // connection, does not decide it)
    expect(slopePerSecond(times)).toBeLessThan(RATE * 1.05);
    // and, once the first second's connections are open, no second holds more than the pace + 5 %
    const steady = perSecond(times).slice(1);
    expect(Math.max(...steady)).toBeLessThanOrEqual(Math.ceil(RATE * 1.05));
  }, 120_000);
});
