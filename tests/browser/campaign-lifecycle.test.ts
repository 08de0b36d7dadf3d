import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app-server';
import { apiClient } from '../support/http-client';
import { assertWebBuilt, launchChromium, logIn, newContext, watchErrors } from './support/browser';

const plain = (text: string | null) => (text ?? '').replace(/\s/g, ' ').trim();

const smsPlan = (content: unknown) => ({
  name: 'Relance fidélité SMS',
  kind: 'retention',
  objective: 'sale',
  averageOrderValueCents: 5_000,
  marginRate: 0.3,
  steps: [{ channel: 'sms', offsetDays: 0, ...(content ? { content } : {}) }],
});

describe('campaign send window and lifecycle', () => {
  let app: TestApp;
  let browser: Browser;
  const statusOf = async (id: string) =>
    (await app.database.sql<{ status: string }[]>`SELECT status FROM campaigns WHERE id = ${id}`)[0]!.status;

  const createCampaign = async (content: unknown) => {
    const client = apiClient(app.url);
    const marketer = await client.login('marketer@relance.example');
    const res = await client.request<{ id: string }>('POST', '/api/campaigns', {
      session: marketer,
      body: smsPlan(content),
    });
    expect(res.status).toBe(201);
    return res.body.id;
  };

  beforeAll(async () => {
    assertWebBuilt();
    app = await startTestApp();
    browser = await launchChromium();
    await app.database.sql`INSERT INTO contacts (last_name, mobile) VALUES ('Martin', '+33612345678')`;
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('edits an SMS send window, is warned about Sunday, saves it, then rolls out, pauses and resumes', async () => {
    const id = await createCampaign({
      text: 'Bonjour {{lastName}}, -20 % ce week-end. STOP au 36180',
      senderName: 'RELANCE',
    });
    const context = await newContext(browser, app.url, 'fr-FR');
    const page = await context.newPage();
    const errors = watchErrors(page);
    await logIn(page, 'marketer@relance.example');
    await page.goto(`${app.url}/campaigns/${id}`);

    const window = page.getByTestId('send-window');
    const summary = async () => plain(await window.getByTestId('send-window-summary').textContent());
    expect(await summary()).toBe('lun mar mer jeu ven sam · 08:00–20:00 · hors jours fériés');
    expect(await window.getByTestId('send-window-warning').count()).toBe(0);

    await window.getByTestId('edit-window').click();
    await window.getByText('sam', { exact: true }).click();
    await window.getByText('dim', { exact: true }).click();
    await window.getByTestId('window-to-0').fill('19:00');
    expect(await summary()).toBe('lun mar mer jeu ven dim · 08:00–19:00 · hors jours fériés');
    expect(plain(await window.getByTestId('send-window-warning').textContent())).toContain(
      'dim sort des jours autorisés',
    );
    // the lifecycle waits for the change to be saved
    expect(await page.getByTestId('event-rollout').isDisabled()).toBe(true);
    await page.getByTestId('save-campaign').click();
    await expect.poll(() => page.getByTestId('event-rollout').isDisabled()).toBe(false);
    const [stored] = await app.database.sql<
      { definition: { sendWindow: { days: string[]; hours: unknown } } }[]
    >`
      SELECT definition FROM campaign_steps WHERE campaign_id = ${id}`;
    expect(stored!.definition.sendWindow.days).toEqual(['mon', 'tue', 'wed', 'thu', 'fri', 'sun']);
    expect(stored!.definition.sendWindow.hours).toEqual([{ from: '08:00', to: '19:00' }]);

    await page.getByTestId('event-rollout').click();
    await page.getByTestId('confirm-event').click();
    await expect.poll(() => page.getByTestId('campaign-status').textContent()).toBe('En cours');
    expect(await statusOf(id)).toBe('running');
    // a running campaign's plan is read-only
    expect(await page.getByTestId('save-campaign').count()).toBe(0);

    await page.getByTestId('event-pause').click();
    await expect.poll(() => page.getByTestId('campaign-status').textContent()).toBe('En pause');
    await page.getByTestId('event-resume').click();
    await expect.poll(() => page.getByTestId('campaign-status').textContent()).toBe('En cours');
    expect(await statusOf(id)).toBe('running');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('refuses to launch a test of a plan without content, and says why', async () => {
    const id = await createCampaign(null);
    const context = await newContext(browser, app.url, 'en-GB');
    const page = await context.newPage();
    await logIn(page, 'marketer@relance.example');
    await page.goto(`${app.url}/campaigns/${id}`);
    await page.getByTestId('event-launch_test').click();
    await page.getByTestId('confirm-event').click();
    await page.getByText('Step 1 (sms) has no content yet', { exact: false }).first().waitFor();
    expect(await statusOf(id)).toBe('draft');
    expect(await page.getByTestId('campaign-status').textContent()).toBe('Draft');
    await context.close();
  });
});
