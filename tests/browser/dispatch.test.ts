import { parseProviderConfig } from '@relance/channels/provider-config';
import { type RunningSandbox, startSandbox } from '@relance/sandbox/server';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app-server';
import { QUIET_BEHAVIOUR, settled, statusCounts, waitFor } from '../support/dispatch-env';
import { abEmailPlan, alwaysOpen, emailContent, seedDispatchContacts } from '../support/dispatch-fixtures';
import { apiClient } from '../support/http-client';
import { assertWebBuilt, launchChromium, logIn, newContext, watchErrors } from './support/browser';

const plain = (text: string | null) => (text ?? '').replace(/\s/g, ' ').trim();

describe('sending, seen from the campaign page', () => {
  let app: TestApp;
  let sandbox: RunningSandbox;
  let browser: Browser;

  beforeAll(async () => {
    assertWebBuilt();
    sandbox = await startSandbox({ port: 0, seed: 5, behaviour: QUIET_BEHAVIOUR });
    const providers = parseProviderConfig({ SANDBOX_URL: sandbox.url, PUBLIC_URL: 'http://127.0.0.1:9' });
    if (!providers.ok) throw new Error(providers.problems.join('; '));
    app = await startTestApp({
      env: { SANDBOX_URL: sandbox.url },
      dispatch: { providers: providers.config, sweep: false },
    });
    await seedDispatchContacts(app.database.sql, 300);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await sandbox?.close();
  });

  it('launches the test, follows its progress in sandbox mode, reads it and rolls the winner out', async () => {
    const client = apiClient(app.url);
    const marketer = await client.login('marketer@relance.example');
    const created = await client.request<{ id: string }>('POST', '/api/campaigns', {
      session: marketer,
      body: abEmailPlan({
        name: 'Printemps A/B',
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
          sample: { mode: 'absolute', size: 100 },
          winnerMetric: 'response_rate',
          rollout: 'manual',
        },
      }),
    });
    expect(created.status).toBe(201);
    const id = created.body.id;

    const context = await newContext(browser, app.url, 'fr-FR');
    const page = await context.newPage();
    const errors = watchErrors(page);
    await logIn(page, 'marketer@relance.example');
    await page.goto(`${app.url}/campaigns/${id}`);
    // the workspace sends to the sandbox, and says so on every page
    expect(plain(await page.getByTestId('sandbox-banner').textContent())).toContain('Mode bac à sable');

    await page.getByTestId('event-launch_test').click();
    await page.getByTestId('confirm-event').click();
    const done = await waitFor(() => statusCounts(app.database, id), settled, 30_000);
    expect(done.total).toBe(100);
    // the panel follows by itself: totals with the reasons of the skipped, one row per variant
    const panel = page.getByTestId('dispatch-panel');
    await expect
      .poll(async () => plain(await panel.getByTestId('dispatch-totals-sent').textContent()), {
        timeout: 10_000,
      })
      .toBe(`envoyés ${done.sent}`);
    expect(plain(await panel.getByTestId('dispatch-totals-skipped').textContent())).toMatch(
      /^écartés \d+ \(.*sans consentement \d+/,
    );
    expect(await panel.getByTestId('dispatch-wave-1-test-A').count()).toBe(1);
    expect(await panel.getByTestId('dispatch-wave-1-test-B').count()).toBe(1);
    expect(plain(await panel.getByTestId('dispatch-phase-test').textContent())).toContain('100 contacts');

    // B's answers are far better; the test is closed by hand
    await app.database.sql`
      INSERT INTO send_events (send_id, kind, source, source_id)
      SELECT id, 'responded', 'test', 'b-' || id FROM sends
       WHERE campaign_id = ${id} AND status = 'sent' AND ((variant = 'B' AND id % 4 < 3) OR (variant = 'A' AND id % 10 = 0))`;
    await page.getByTestId('event-test_done').click();
    await expect
      .poll(async () => plain(await page.getByTestId('test-winner').textContent()), { timeout: 10_000 })
      .toBe('B gagne (confiance 95 %)');
    expect(plain(await page.getByTestId('rollout-choice').textContent())).toContain('Recommandée : B');
    await page.getByTestId('rollout-variant-button').click();
    // (the click's request may not have reached the API yet: wait for the rollout's sends, not just a quiet moment)
    const all = await waitFor(
      () => statusCounts(app.database, id),
      (c) => settled(c) && c.total === 300,
      30_000,
    );
    expect(all.sent + all.skipped + all.failed + all.unknown).toBe(300);
    await expect
      .poll(async () => plain(await panel.getByTestId('dispatch-phase-rollout').textContent()), {
        timeout: 10_000,
      })
      .toContain('variante B');
    await expect.poll(() => panel.getByTestId('dispatch-wave-1-rollout-B').count()).toBe(1);
    expect(errors).toEqual([]);
    await context.close();
  });
});
