import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../../../tests/support/app-server';
import { apiClient, type Session } from '../../../../../tests/support/http-client';

interface Answer {
  id: string;
  status: string;
  resumeTo: string | null;
  version: number;
  allowedEvents: string[];
}
interface Problem {
  detail: string;
  errors: { field: string; message: string }[];
}

const sms = { text: 'Bonjour {{lastName}}, -20 % ce week-end. STOP au 36180', senderName: 'RELANCE' };
const plan = (content: unknown) => ({
  name: 'Relance SMS',
  kind: 'retention',
  objective: 'sale',
  averageOrderValueCents: 5_000,
  marginRate: 0.3,
  steps: [{ channel: 'sms', offsetDays: 0, ...(content ? { content } : {}) }],
});

describe('campaign lifecycle through the API', () => {
  let app: TestApp;
  let client: ReturnType<typeof apiClient>;
  let marketer: Session;

  const create = async (content: unknown) => {
    const res = await client.request<Answer>('POST', '/api/campaigns', {
      session: marketer,
      body: plan(content),
    });
    expect(res.status).toBe(201);
    return res.body;
  };
  const send = (id: string, event: string, version: number) =>
    client.request<Answer & Problem>('POST', `/api/campaigns/${id}/events`, {
      session: marketer,
      body: { event, version },
    });

  beforeAll(async () => {
    app = await startTestApp();
    client = apiClient(app.url);
    marketer = await client.login('marketer@relance.example');
    await app.database.sql`INSERT INTO contacts (last_name, mobile) VALUES ('Martin', '+33612345678')`;
  });
  afterAll(() => app.close());

  it('says which events a draft allows, and walks rollout → pause → resume → complete', async () => {
    const draft = await create(sms);
    expect(draft.allowedEvents.sort()).toEqual(['cancel', 'launch_test', 'rollout']);

    const running = await send(draft.id, 'rollout', draft.version);
    expect(running.status).toBe(200);
    expect(running.body.status).toBe('running');
    expect(running.body.allowedEvents.sort()).toEqual(['cancel', 'complete', 'pause']);

    const paused = await send(draft.id, 'pause', running.body.version);
    expect([paused.body.status, paused.body.resumeTo]).toEqual(['paused', 'running']);
    const resumed = await send(draft.id, 'resume', paused.body.version);
    expect([resumed.body.status, resumed.body.resumeTo]).toEqual(['running', null]);
    const done = await send(draft.id, 'complete', resumed.body.version);
    expect(done.body.status).toBe('completed');
    expect(done.body.allowedEvents).toEqual([]);

    const again = await send(draft.id, 'cancel', done.body.version);
    expect(again.status).toBe(409);
    expect(again.body.detail).toContain('completed');
  });

  it('refuses an event the state machine does not allow, and changes nothing', async () => {
    const draft = await create(sms);
    const res = await send(draft.id, 'pause', draft.version);
    expect(res.status).toBe(409);
    expect(res.body.detail).toMatch(/Only a campaign that is sending/);
    const after = await client.request<Answer>('GET', `/api/campaigns/${draft.id}`, { session: marketer });
    expect([after.body.status, after.body.version]).toEqual(['draft', draft.version]);
  });

  it('refuses to start sending a plan without content or test plan, naming each problem', async () => {
    const draft = await create(null);
    const res = await send(draft.id, 'launch_test', draft.version);
    expect(res.status).toBe(422);
    expect(res.body.errors.map((e) => e.field)).toEqual(['steps.0.content', 'testPlan']);
    const after = await client.request<Answer>('GET', `/api/campaigns/${draft.id}`, { session: marketer });
    expect(after.body.status).toBe('draft');
  });

  it('refuses an event decided on a stale screen (version), and a plan change once the campaign left draft', async () => {
    const draft = await create(sms);
    const stale = await send(draft.id, 'rollout', draft.version + 5);
    expect(stale.status).toBe(409);
    expect(stale.body.errors[0]!.field).toBe('version');

    const running = await send(draft.id, 'rollout', draft.version);
    const edit = await client.request<Problem>('PUT', `/api/campaigns/${draft.id}`, {
      session: marketer,
      body: { version: running.body.version, plan: plan(sms) },
    });
    expect(edit.status).toBe(409);
    expect(edit.body.detail).toContain('only a draft');
  });

  it('lets only those who may change campaigns move them', async () => {
    const draft = await create(sms);
    const manager = await client.login('manager@relance.example');
    const res = await client.request('POST', `/api/campaigns/${draft.id}/events`, {
      session: manager,
      body: { event: 'cancel', version: draft.version },
    });
    expect(res.status).toBe(403);
  });
});
