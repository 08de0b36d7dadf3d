import { type CallingRules, DEFAULT_CALLING_RULES } from '@relance/domain/callbacks/calling-rules';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../tests/support/test-database';
import { takeNextTask } from './callback-next';
import { recordCallOutcome } from './callback-outcomes';
import { createCallbackTasks } from './callback-tasks';

/** Tuesday 10 March 2026, 11:00 in Paris (UTC+1 before the spring change). */
const TUESDAY_11H = new Date('2026-03-10T10:00:00Z');
const rules: CallingRules = DEFAULT_CALLING_RULES;

describe('callback queues: "next", calling hours and attempt limits', () => {
  let t: TestDatabase;
  const agents: string[] = [];
  let contactIds: number[] = [];

  async function contact(name: string, country = 'FR', mobile: string | null = null): Promise<number> {
    const [row] = await t.sql<{ id: number }[]>`
      INSERT INTO contacts (last_name, country, mobile)
      VALUES (${name}, ${country}, ${mobile ?? `+3361${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`})
      RETURNING id::float8 AS id`;
    return row!.id;
  }
  const task = (contactId: number, key: string, priority = 0) =>
    createCallbackTasks(t.db, [
      {
        source: 'manual',
        sourceKey: key,
        contactId,
        reason: `call ${key}`,
        priority,
        dueAt: new Date('2026-01-01'),
      },
    ]);
  const next = (agentId: string, at = TUESDAY_11H, r = rules) =>
    takeNextTask(t.db, { agentId, queueIds: null, rules: r, at });

  beforeAll(async () => {
    t = await createTestDatabase();
    for (let i = 0; i < 12; i++) {
      const [u] = await t.sql<{ id: string }[]>`
        INSERT INTO users (email, name, role, password_hash) VALUES (${`agent${i}@x.test`}, ${`Agent ${i}`}, 'telemarketer', 'x')
        RETURNING id`;
      agents.push(u!.id);
    }
  });
  afterAll(() => t.drop());
  beforeEach(async () => {
    await t.sql`TRUNCATE callback_tasks, callback_contact_locks, call_attempts, suppressions, contacts CASCADE`;
    contactIds = [];
  });

  it('never gives the same task, nor the same contact, to agents asking at the same moment', async () => {
    // 30 contacts, some with two or three tasks (a phone step and a win-back signal for the same person)
    for (let i = 0; i < 30; i++) contactIds.push(await contact(`C${i}`));
    const tasks = contactIds.flatMap((id, i) =>
      Array.from({ length: 1 + (i % 3) }, (_, k) => ({
        source: 'manual' as const,
        sourceKey: `${id}-${k}`,
        contactId: id,
        reason: 'test',
        priority: (i * 7) % 11,
        dueAt: new Date('2026-01-01'),
      })),
    );
    expect((await createCallbackTasks(t.db, tasks)).length).toBe(tasks.length);
    // twelve agents, three rounds of "next" all at once
    const taken: { agent: string; task: number }[] = [];
    for (let round = 0; round < 3; round++) {
      const ids = await Promise.all(agents.map((a) => next(a)));
      ids.forEach((id, i) => {
        if (id !== null) taken.push({ agent: agents[i]!, task: id });
      });
      // the agents record an outcome (no answer) and ask again
      if (round < 2)
        await Promise.all(
          taken.slice(-agents.length).map((x) =>
            recordCallOutcome(t.db, {
              taskId: x.task,
              agentId: x.agent,
              input: { outcome: 'wrong_number', note: '' },
              rules,
              at: TUESDAY_11H,
            }),
          ),
        );
    }
    expect(taken.length).toBe(36);
    expect(new Set(taken.map((x) => x.task)).size).toBe(taken.length);
    // the last round's twelve tasks are held at once: twelve different contacts
    const held = await t.sql<{ contact_id: string; locked_by: string }[]>`
      SELECT contact_id, locked_by FROM callback_tasks WHERE locked_by IS NOT NULL`;
    expect(held.length).toBe(12);
    expect(new Set(held.map((h) => h.contact_id)).size).toBe(12);
    expect(new Set(held.map((h) => h.locked_by)).size).toBe(12);
  });

  it('gives an agent back the task they hold; the lock expires and another agent gets it', async () => {
    const id = await contact('Lock');
    await task(id, 'lock');
    const first = await next(agents[0]!);
    expect(first).not.toBeNull();
    expect(await next(agents[0]!)).toBe(first);
    expect(await next(agents[1]!)).toBeNull();
    const later = new Date(TUESDAY_11H.getTime() + (rules.lockMinutes + 1) * 60_000);
    expect(await next(agents[1]!, later)).toBe(first);
  });

  it('calls only within the calling hours of the contact’s time zone, never on a public holiday', async () => {
    const paris = await contact('Paris', 'FR');
    const reunion = await contact('Réunion', 'RE');
    await task(paris, 'paris', 10);
    await task(reunion, 'reunion', 0);
    const taskOf = async (at: Date) => {
      const id = await next(agents[0]!, at);
      if (id === null) return null;
      const [row] = await t.sql<{ last_name: string }[]>`
        SELECT c.last_name FROM callback_tasks t JOIN contacts c ON c.id = t.contact_id WHERE t.id = ${id}`;
      await t.sql`UPDATE callback_tasks SET locked_by = NULL, locked_until = NULL`;
      await t.sql`DELETE FROM callback_contact_locks`;
      return row!.last_name;
    };
    // Tuesday 11:00 in Paris (15:00 in Réunion): Paris first (higher priority)
    expect(await taskOf(TUESDAY_11H)).toBe('Paris');
    // Tuesday 13:30 in Paris (lunch break), 16:30 in Réunion
    expect(await taskOf(new Date('2026-03-10T12:30:00Z'))).toBe('Réunion');
    // Tuesday 09:30 in Paris, 12:30 in Réunion
    expect(await taskOf(new Date('2026-03-10T08:30:00Z'))).toBe('Réunion');
    // Tuesday 20:30 in Paris, 23:30 in Réunion: nobody
    expect(await taskOf(new Date('2026-03-10T19:30:00Z'))).toBeNull();
    // Saturday 11:00 in Paris
    expect(await taskOf(new Date('2026-03-14T10:00:00Z'))).toBeNull();
    // Friday 1 May 2026 (Labour Day), 11:00 in Paris
    expect(await taskOf(new Date('2026-05-01T09:00:00Z'))).toBeNull();
    // the same day with a window that ignores holidays
    const noHolidays = { ...rules, window: { ...rules.window, closedOnPublicHolidays: false } };
    expect(await next(agents[0]!, new Date('2026-05-01T09:00:00Z'), noHolidays)).not.toBeNull();
  });

  it('stops after 4 calls in 30 days, for 60 days after a refusal, and for good on the do-not-call list', async () => {
    const a = await contact('Attempts');
    await task(a, 'attempts');
    let at = TUESDAY_11H;
    for (let i = 0; i < 4; i++) {
      const id = await next(agents[0]!, at);
      expect(id, `call ${i + 1}`).not.toBeNull();
      await recordCallOutcome(t.db, {
        taskId: id!,
        agentId: agents[0]!,
        input: { outcome: 'no_answer', note: '', nextCallAt: at },
        rules,
        at,
      });
      at = new Date(at.getTime() + 86_400_000); // Tuesday to Friday, 11:00
    }
    // Monday 16 March: four calls in the last 30 days
    expect(await next(agents[0]!, new Date('2026-03-16T10:00:00Z'))).toBeNull();
    // Thursday 9 April 2026, 12:30 in Paris: the first call is over 30 days old
    expect(await next(agents[0]!, new Date('2026-04-09T10:30:00Z'))).not.toBeNull();

    await t.sql`TRUNCATE callback_tasks, callback_contact_locks, call_attempts CASCADE`;
    const r = await contact('Refusal');
    await task(r, 'refusal');
    const id = await next(agents[0]!);
    await recordCallOutcome(t.db, {
      taskId: id!,
      agentId: agents[0]!,
      input: { outcome: 'not_interested', note: '', reason: 'déjà équipé' },
      rules,
      at: TUESDAY_11H,
    });
    await task(r, 'refusal-2');
    expect(await next(agents[0]!, new Date('2026-04-21T09:00:00Z'))).toBeNull(); // 42 days later
    expect(await next(agents[0]!, new Date('2026-05-12T09:00:00Z'))).not.toBeNull(); // 63 days later

    const d = await contact('DoNotCall', 'FR', '+33699999999');
    await t.sql`INSERT INTO suppressions (channel, address, reason, source) VALUES ('phone', '+33699999999', 'do_not_call', 'test')`;
    await t.sql`UPDATE callback_tasks SET status = 'done'`;
    await task(d, 'dnc');
    expect(await next(agents[1]!)).toBeNull();
  });

  it('creates each task once, whatever retries create it', async () => {
    const id = await contact('Once');
    const input = {
      source: 'voice_answered' as const,
      sourceKey: 'CA123',
      contactId: id,
      reason: 'answered',
    };
    const [a, b] = await Promise.all([
      createCallbackTasks(t.db, [input]),
      createCallbackTasks(t.db, [input, { ...input }]),
    ]);
    expect(a!.length + b!.length).toBe(1);
    const [{ n }] = (await t.sql`SELECT count(*)::int AS n FROM callback_tasks`) as unknown as [
      { n: number },
    ];
    expect(n).toBe(1);
  });
});
