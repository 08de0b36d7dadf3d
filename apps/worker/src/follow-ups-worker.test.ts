import { applySendEvents } from '@relance/db/queries/send-events-apply';
import { createRedis } from '@relance/jobs/redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestDatabase,
  type TestDatabase,
  testKeyPrefix,
  testRedisUrl,
} from '../../../tests/support/test-database';
import { sentEmailCampaign } from '../../../tests/support/tracking-fixtures';
import { startFollowUpsWorker } from './follow-ups-worker';

describe('the follow-ups worker', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(async () => {
    await t.drop();
  });

  it('sweeps as soon as it starts: an open follow-up gets its automatic reminder, a closed one none', async () => {
    const f = await sentEmailCampaign(t.db, t.sql, 2);
    await applySendEvents(t.db, [
      { sendId: f.sends[0]!.id, kind: 'responded', source: 'survey', sourceId: 'w-1' },
      { sendId: f.sends[1]!.id, kind: 'sold', source: 'redemption', sourceId: 'w-2', amountCents: 1_000 },
    ]);
    const connection = createRedis(testRedisUrl(), 'worker');
    const lines: string[] = [];
    const worker = startFollowUpsWorker({
      database: t,
      connection,
      prefix: testKeyPrefix(),
      log: (line) => lines.push(line),
    });
    try {
      await worker.ready();
      const deadline = Date.now() + 20_000;
      let reminders: { send_id: string; automatic: boolean }[] = [];
      while (Date.now() < deadline && reminders.length === 0) {
        await new Promise((r) => setTimeout(r, 200));
        reminders = await t.sql<{ send_id: string; automatic: boolean }[]>`
          SELECT f.send_id, r.automatic FROM follow_up_reminders r JOIN follow_ups f ON f.id = r.follow_up_id`;
      }
      expect(reminders).toEqual([{ send_id: String(f.sends[0]!.id), automatic: true }]);
      await expect.poll(() => lines.join('\n')).toContain('1 reminder(s) scheduled');
    } finally {
      await worker.close();
      await connection.quit();
    }
  });
});
