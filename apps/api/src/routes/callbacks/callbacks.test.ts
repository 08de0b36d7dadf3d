import { DEMO_PASSWORD } from '@relance/db/demo-users';
import { createUser } from '@relance/db/queries/users';
import { DEFAULT_CALLING_RULES } from '@relance/domain/callbacks/calling-rules';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../../../tests/support/app-server';
import { apiClient, ROLE_LOGINS, type Session } from '../../../../../tests/support/http-client';

const AGENTS = 10;
const alwaysOpen = {
  timeZone: 'Europe/Paris',
  days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'],
  hours: [{ from: '00:00', to: '24:00' }],
  closedOnPublicHolidays: false,
};

interface Screen {
  item: {
    task: { id: number; reason: string; source: string; phone: string | null; queue: { key: string } };
    contact: { id: number; lastName: string };
  } | null;
}

describe('callback queues over HTTP', () => {
  let app: TestApp;
  let client: ReturnType<typeof apiClient>;
  let manager: Session;
  let agent: Session;
  const agents: Session[] = [];

  beforeAll(async () => {
    app = await startTestApp({ worker: false });
    client = apiClient(app.url);
    manager = await client.login(ROLE_LOGINS.manager);
    agent = await client.login(ROLE_LOGINS.telemarketer);
    for (let i = 0; i < AGENTS; i++) {
      await createUser(app.database.db, {
        email: `agent${i}@relance.example`,
        name: `Agent ${i}`,
        role: 'telemarketer',
        password: DEMO_PASSWORD,
      });
      agents.push(await client.login(`agent${i}@relance.example`));
    }
    const saved = await client.request('PUT', '/api/settings/calling-rules', {
      session: manager,
      body: { ...DEFAULT_CALLING_RULES, window: alwaysOpen },
    });
    expect(saved.status).toBe(200);
    // 40 contacts with a mobile; every 4th has a second task (another source) for the same person
    const { sql } = app.database;
    await sql`
      INSERT INTO contacts (last_name, mobile)
      SELECT 'Nom' || i, '+3361' || lpad(i::text, 7, '0') FROM generate_series(1, 40) i`;
    const contacts = await sql<{ id: number }[]>`SELECT id::float8 AS id FROM contacts ORDER BY id`;
    for (const [i, c] of contacts.entries()) {
      const res = await client.request('POST', '/api/callbacks/tasks', {
        session: agent,
        body: { contactId: c.id, reason: `Rappel ${i}`, queue: 'care' },
      });
      expect(res.status).toBe(201);
      if (i % 4 === 0)
        await client.request('POST', '/api/callbacks/tasks', {
          session: manager,
          body: { contactId: c.id, reason: `Résiliation ${i}`, source: 'cancellation' },
        });
    }
  });
  afterAll(() => app.close());

  it('gives agents asking for "next" at the same moment different tasks and different contacts', async () => {
    const seen: number[] = [];
    for (let round = 0; round < 3; round++) {
      const answers = await Promise.all(
        agents.map((session) => client.request<Screen>('POST', '/api/callbacks/next', { session, body: {} })),
      );
      expect(answers.map((a) => a.status)).toEqual(agents.map(() => 200));
      const items = answers.map((a) => a.body.item!);
      expect(items.every(Boolean)).toBe(true);
      expect(new Set(items.map((i) => i.contact.id)).size).toBe(AGENTS);
      seen.push(...items.map((i) => i.task.id));
      // each agent records a wrong number and asks again
      const outcomes = await Promise.all(
        items.map((item, k) =>
          client.request('POST', `/api/callbacks/tasks/${item.task.id}/outcome`, {
            session: agents[k]!,
            body: { outcome: 'wrong_number', note: '' },
          }),
        ),
      );
      expect(outcomes.map((o) => o.status)).toEqual(agents.map(() => 201));
    }
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('records outcomes only on a task the agent holds, each with what it needs', async () => {
    const mine = await client.request<Screen>('POST', '/api/callbacks/next', { session: agent, body: {} });
    const task = mine.body.item!.task;
    expect(task.reason).toBeTruthy();
    expect(task.phone).toMatch(/^\+336/);
    const stolen = await client.request('POST', `/api/callbacks/tasks/${task.id}/outcome`, {
      session: agents[0]!,
      body: { outcome: 'no_answer', note: '' },
    });
    expect(stolen.status).toBe(409);
    const noAmount = await client.request<{ errors: { field: string }[] }>(
      'POST',
      `/api/callbacks/tasks/${task.id}/outcome`,
      { session: agent, body: { outcome: 'sale', note: '' } },
    );
    expect(noAmount.status).toBe(422);
    expect(JSON.stringify(noAmount.body)).toContain('amountCents');
    const later = new Date(Date.now() + 2 * 86_400_000).toISOString();
    const callback = await client.request<{ taskStatus: string; dueAt: string }>(
      'POST',
      `/api/callbacks/tasks/${task.id}/outcome`,
      { session: agent, body: { outcome: 'callback', nextCallAt: later, note: 'après 18 h' } },
    );
    expect(callback.status).toBe(201);
    expect(callback.body).toMatchObject({ taskStatus: 'open', dueAt: later });
    const interactions = await app.database.sql<{ subject: string; body: string }[]>`
      SELECT subject, body FROM interactions WHERE kind = 'call' AND body = 'après 18 h'`;
    expect(interactions).toEqual([{ subject: 'Appel : à rappeler', body: 'après 18 h' }]);
  });

  it('shows managers their figures, and only managers', async () => {
    const stats = await client.request<{
      queues: { key: string; open: number }[];
      agents: { name: string; calls: number; reachRate: number; callsPerHour: number }[];
      campaigns: { calls: number; outcomes: Record<string, number> }[];
    }>('GET', '/api/callbacks/stats', { session: manager });
    expect(stats.status).toBe(200);
    expect(stats.body.agents.length).toBe(AGENTS + 1);
    expect(stats.body.agents.reduce((n, a) => n + a.calls, 0)).toBe(3 * AGENTS + 1);
    expect(stats.body.campaigns[0]!.outcomes.wrong_number).toBe(3 * AGENTS);
    expect(stats.body.queues.map((q) => q.key).sort()).toEqual(['team:care']);
    const forbidden = await client.request('GET', '/api/callbacks/stats', { session: agent });
    expect(forbidden.status).toBe(403);
  });
});
