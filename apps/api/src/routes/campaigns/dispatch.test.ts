import { parseProviderConfig } from '@relance/channels/provider-config';
import { type RunningSandbox, startSandbox } from '@relance/sandbox/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../../../tests/support/app-server';
import { QUIET_BEHAVIOUR, settled, statusCounts, waitFor } from '../../../../../tests/support/dispatch-env';
import {
  abEmailPlan,
  alwaysOpen,
  emailContent,
  seedDispatchContacts,
  smsContent,
} from '../../../../../tests/support/dispatch-fixtures';
import { apiClient, type Session } from '../../../../../tests/support/http-client';

interface Campaign {
  id: string;
  status: string;
  version: number;
}
interface Counts {
  total: number;
  pending: number;
  sent: number;
  skipped: number;
  failed: number;
  unknown: number;
  skippedBy: { no_consent: number; suppressed: number; no_address: number; excluded: number };
}
interface Progress {
  status: string;
  totals: Counts;
  phases: { phase: string; members: number }[];
  steps: { position: number; counts: Counts; waves: { phase: string; variant: string; counts: Counts }[] }[];
  postalBatches: { id: string; letters: number }[];
}

const letter = {
  sender: { name: 'Boulangerie Martin', addressLines: ['8 place Bellecour', '69002 Lyon'] },
  hook: '{{civility|Madame, Monsieur}}, votre pain du dimanche nous manque !',
  body: 'Votre offre vous attend avec le code {{trackingCode}}.',
};

describe('sending through the API: launch, progress, pause and resume, postal batches, the queue dashboard', () => {
  let app: TestApp;
  let sandbox: RunningSandbox;
  let client: ReturnType<typeof apiClient>;
  let marketer: Session;

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, seed: 3, behaviour: QUIET_BEHAVIOUR });
    const providers = parseProviderConfig({
      SANDBOX_URL: sandbox.url,
      PUBLIC_URL: 'http://127.0.0.1:9',
      PROVIDER_TIMEOUT_MS: '5000',
    });
    if (!providers.ok) throw new Error(providers.problems.join('; '));
    app = await startTestApp({
      env: { SANDBOX_URL: sandbox.url },
      dispatch: { providers: providers.config, paces: { sms: { perSecond: 25 } }, sweep: false },
    });
    await seedDispatchContacts(app.database.sql, 300);
    client = apiClient(app.url);
    marketer = await client.login('marketer@relance.example');
  });
  afterAll(async () => {
    await app?.close();
    await sandbox?.close();
  });

  const create = async (plan: unknown) => {
    const res = await client.request<Campaign>('POST', '/api/campaigns', { session: marketer, body: plan });
    expect(res.status, res.text).toBe(201);
    return res.body;
  };
  const event = (id: string, name: string, version: number, extra: object = {}) =>
    client.request<Campaign>('POST', `/api/campaigns/${id}/events`, {
      session: marketer,
      body: { event: name, version, ...extra },
    });
  const progress = async (id: string) =>
    (await client.request<Progress>('GET', `/api/campaigns/${id}/dispatch`, { session: marketer })).body;

  it('the same launch clicked twice at once: one starts the test, the other is refused; the sample is written once', async () => {
    const draft = await create(
      abEmailPlan({
        name: 'Double launch',
        steps: [
          {
            channel: 'email',
            offsetDays: 0,
            content: emailContent('Bonjour'),
            variants: [{ differsOn: 'message', content: emailContent('Salut') }],
            sendWindow: alwaysOpen,
          },
        ],
        testPlan: {
          sample: { mode: 'absolute', size: 90 },
          winnerMetric: 'response_rate',
          rollout: 'manual',
        },
      }),
    );
    const [a, b] = await Promise.all([
      event(draft.id, 'launch_test', draft.version),
      event(draft.id, 'launch_test', draft.version),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const done = await waitFor(() => statusCounts(app.database, draft.id), settled, 30_000);
    expect(done.total).toBe(90);
    const p = await progress(draft.id);
    expect(p.status).toBe('testing');
    expect(p.phases).toEqual([expect.objectContaining({ phase: 'test', members: 90 })]);
    expect(p.totals.total).toBe(90);
    expect(p.totals.sent + p.totals.skipped + p.totals.failed + p.totals.unknown).toBe(90);
    expect(p.totals.skipped).toBe(
      p.totals.skippedBy.no_consent + p.totals.skippedBy.suppressed + p.totals.skippedBy.no_address,
    );
    expect(p.steps[0]!.waves.map((w) => `${w.phase}/${w.variant}/${w.counts.total}`)).toEqual([
      'test/A/45',
      'test/B/45',
    ]);
    // the rollout of B, chosen by hand, goes to the other 210
    const now = (await client.request<Campaign>('GET', `/api/campaigns/${draft.id}`, { session: marketer }))
      .body;
    const ended = await event(draft.id, 'test_done', now.version);
    expect(ended.status).toBe(200);
    expect((await event(draft.id, 'rollout', ended.body.version, { variant: 'D' })).status).toBe(422);
    const rolled = await event(draft.id, 'rollout', ended.body.version, { variant: 'B' });
    expect(rolled.status).toBe(200);
    const all = await waitFor(() => statusCounts(app.database, draft.id), settled, 30_000);
    expect(all.total).toBe(300);
  });

  it('pause stops the sending within seconds; resume finishes it; the counts add up to the audience', async () => {
    const draft = await create(
      abEmailPlan({
        name: 'Pause and resume',
        testPlan: null,
        steps: [{ channel: 'sms', offsetDays: 0, content: smsContent(), sendWindow: alwaysOpen }],
      }),
    );
    const before = sandbox.store.list('twilio-sms').length;
    const running = await event(draft.id, 'rollout', draft.version);
    expect(running.status).toBe(200);
    await waitFor(
      async () => sandbox.store.list('twilio-sms').length - before,
      (n) => n >= 20,
    );
    const paused = await event(draft.id, 'pause', running.body.version);
    expect(paused.status).toBe(200);
    // within 2 seconds nothing more leaves
    await new Promise((r) => setTimeout(r, 2000));
    const atPause = sandbox.store.list('twilio-sms').length;
    await new Promise((r) => setTimeout(r, 1500));
    expect(sandbox.store.list('twilio-sms').length).toBe(atPause);
    const halfway = await statusCounts(app.database, draft.id);
    expect(halfway.pending).toBeGreaterThan(0);
    const resumed = await event(draft.id, 'resume', paused.body.version);
    expect(resumed.status).toBe(200);
    const done = await waitFor(() => statusCounts(app.database, draft.id), settled, 30_000);
    // 300 contacts, 160 reachable by SMS (a mobile and an opt-in)
    expect(done.total).toBe(300);
    expect(done.sent).toBe(160);
    expect(done.sent + done.skipped).toBe(300);
    expect(sandbox.store.list('twilio-sms').length - before).toBe(160);
  });

  it('cancel: what was still pending is cancelled, nothing more leaves', async () => {
    const draft = await create(
      abEmailPlan({
        name: 'Cancel',
        testPlan: null,
        steps: [{ channel: 'sms', offsetDays: 0, content: smsContent(), sendWindow: alwaysOpen }],
      }),
    );
    const running = await event(draft.id, 'rollout', draft.version);
    await waitFor(
      () => statusCounts(app.database, draft.id),
      (c) => c.sent >= 10,
    );
    const cancelled = await event(draft.id, 'cancel', running.body.version);
    expect(cancelled.status).toBe(200);
    await new Promise((r) => setTimeout(r, 1500));
    const after = await statusCounts(app.database, draft.id);
    expect(after.pending).toBe(0);
    expect(after.cancelled).toBeGreaterThan(0);
    expect(after.sent + after.skipped + after.cancelled + after.unknown + after.sending).toBe(300);
  });

  it('letters: the print batch’s PDF and its manifest are kept downloadable on the campaign', async () => {
    const draft = await create(
      abEmailPlan({
        name: 'Letters',
        testPlan: null,
        audience: { type: 'tag', tag: 'spring' },
        steps: [{ channel: 'postal', offsetDays: 0, content: letter, sendWindow: alwaysOpen }],
      }),
    );
    await event(draft.id, 'rollout', draft.version);
    const done = await waitFor(() => statusCounts(app.database, draft.id), settled, 60_000);
    // 150 tagged contacts (the even ones); those with a full postal address (i % 4 ≠ 0: half of them) are printed
    expect(done.total).toBe(150);
    expect(done.sent).toBe(75);
    expect(done.skipped).toBe(75);
    const p = await progress(draft.id);
    expect(p.postalBatches.reduce((n, b) => n + b.letters, 0)).toBe(done.sent);
    const batch = p.postalBatches[0]!;
    const pdf = await client.request(
      'GET',
      `/api/campaigns/${draft.id}/postal-batches/${batch.id}/letters.pdf`,
      {
        session: marketer,
      },
    );
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(pdf.text.startsWith('%PDF')).toBe(true);
    const csv = await client.request(
      'GET',
      `/api/campaigns/${draft.id}/postal-batches/${batch.id}/manifest.csv`,
      {
        session: marketer,
      },
    );
    expect(csv.status).toBe(200);
    expect(csv.text.split('\r\n')[0]).toContain('tracking_code');
    expect(csv.text.trim().split('\r\n').length).toBe(batch.letters + 1);
  });

  it('says the workspace is in sandbox mode; the queue dashboard is for administrators only', async () => {
    const mode = await client.request<{ sandbox: boolean; channels: Record<string, string> }>(
      'GET',
      '/api/dispatch/mode',
      { session: marketer },
    );
    expect(mode.body.sandbox).toBe(true);
    expect(mode.body.channels.email).toBe('sandbox');
    expect((await client.request('GET', '/api/admin/queues')).status).toBe(401);
    expect((await client.request('GET', '/api/admin/queues', { session: marketer })).status).toBe(403);
    const admin = await client.login('admin@relance.example');
    const page = await client.request('GET', '/api/admin/queues', { session: admin });
    expect(page.status).toBe(200);
    expect(page.text).toContain('Relance queues');
    const queues = await client.request<{ queues: { name: string }[] }>(
      'GET',
      '/api/admin/queues/api/queues',
      {
        session: admin,
      },
    );
    expect(queues.body.queues.map((q) => q.name)).toEqual(expect.arrayContaining(['send-email', 'dispatch']));
  });

  it('sends in doubt: listed, and settled by hand (a bad request is refused with what to fix)', async () => {
    const [row] = await app.database.sql<{ id: string; campaign_id: string }[]>`
      UPDATE sends SET status = 'unknown', error = 'test' WHERE id = (SELECT min(id) FROM sends WHERE status = 'sent')
      RETURNING id::text, campaign_id::text`;
    const list = await client.request<{ items: { id: number }[] }>(
      'GET',
      `/api/campaigns/${row!.campaign_id}/sends/unknown`,
      { session: marketer },
    );
    expect(list.body.items.map((i) => i.id)).toEqual([Number(row!.id)]);
    const bad = await client.request<{ errors: { field: string }[] }>(
      'POST',
      `/api/campaigns/${row!.campaign_id}/sends/reconcile`,
      { session: marketer, body: { sendIds: [], outcome: 'maybe' } },
    );
    expect(bad.status).toBe(422);
    expect(bad.body.errors.map((e) => e.field).sort()).toEqual(['outcome', 'sendIds']);
    const ok = await client.request<{ settled: number }>(
      'POST',
      `/api/campaigns/${row!.campaign_id}/sends/reconcile`,
      {
        session: marketer,
        body: { sendIds: [Number(row!.id)], outcome: 'sent' },
      },
    );
    expect(ok.body.settled).toBe(1);
  });
});
