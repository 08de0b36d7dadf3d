import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app-server';
import { threeSteps } from '../support/campaign-fixtures';
import { apiClient } from '../support/http-client';
import { assertWebBuilt, launchChromium, logIn, newContext, watchErrors } from './support/browser';

/** A Mantine select: open it, pick the option by its label. */
async function choose(page: Page, select: Locator, option: string): Promise<void> {
  await select.click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

/** Text with the French narrow and non-breaking spaces made plain. */
const plain = (text: string | null) => (text ?? '').replace(/\s/g, ' ').trim();

describe('campaign builder', () => {
  let app: TestApp;
  let browser: Browser;
  const campaignCount = async () =>
    (await app.database.sql<{ n: number }[]>`SELECT count(*)::int AS n FROM campaigns`)[0]!.n;

  beforeAll(async () => {
    assertWebBuilt();
    app = await startTestApp();
    browser = await launchChromium();
    // 1,000 former customers tagged "ancien-client", 500 other contacts
    await app.database.sql`
      INSERT INTO contacts (last_name, tags)
      SELECT 'Client ' || i, CASE WHEN i <= 1000 THEN ARRAY['ancien-client'] ELSE ARRAY[]::text[] END
        FROM generate_series(1, 1500) i`;
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('builds a letter, an email to non-responders at D+7 and a call to its clickers at D+10, reads the forecast, saves it', async () => {
    const context = await newContext(browser, app.url, 'fr-FR');
    const page = await context.newPage();
    const errors = watchErrors(page);
    await logIn(page, 'marketer@relance.example');
    await page.getByTestId('nav-campaigns').click();
    await page.getByTestId('new-campaign').click();
    const builder = page.getByTestId('campaign-builder');
    await builder.waitFor();

    await page.getByTestId('campaign-name').fill('Reconquête printemps');
    await choose(page, page.getByTestId('campaign-kind'), 'Reconquête');
    await choose(page, page.getByTestId('campaign-objective'), 'Vente');
    await builder.getByText('Un tag', { exact: true }).click();
    await page.getByTestId('audience-tag').fill('ancien-client');
    await page.getByTestId('average-order-value').fill('120');
    await page.getByTestId('margin-rate').fill('30');

    const step = (i: number) => page.getByTestId('step').nth(i);
    // 1. a letter to everyone at D+0 (postal defaults: 2 % response), 25 % of responders buy
    expect(await step(0).getByTestId('step-channel').inputValue()).toBe('Courrier');
    await step(0).getByTestId('step-conversion-rate').fill('25');
    // 2. an email to non-responders at D+7 (email defaults: 1 % response, 10 % conversion)
    await page.getByTestId('add-step').click();
    await choose(page, step(1).getByTestId('step-channel'), 'E-mail');
    await step(1).getByTestId('step-offset').fill('7');
    await choose(page, step(1).getByTestId('step-target'), 'Les non-répondants');
    expect(await step(1).getByTestId('step-response-rate').inputValue()).toBe('1 %');
    // 3. a call at D+10 to the clickers of the email (20 % of its sends), 30 % respond, 20 % of them buy
    await page.getByTestId('add-step').click();
    await choose(page, step(2).getByTestId('step-channel'), 'Téléphone');
    await step(2).getByTestId('step-offset').fill('10');
    await choose(page, step(2).getByTestId('step-target'), "Ouvreurs ou cliqueurs de l'étape…");
    await step(2).getByTestId('step-target-step').fill('2');
    await step(2).getByTestId('step-response-rate').fill('30');
    await step(2).getByTestId('step-conversion-rate').fill('20');

    // volumes: letter 1,000; email to the 1,000 − 20 responders = 980; call to 20 % of 980 = 196
    const text = async (testId: string) => plain(await page.getByTestId(testId).textContent());
    await expect.poll(() => text('forecast-volume-3'), { timeout: 10_000 }).toBe('196');
    expect(await text('forecast-audience')).toBe('1 000');
    expect(await text('forecast-volume-1')).toBe('1 000');
    expect(await text('forecast-volume-2')).toBe('980');
    // sales 1,000 × 2 % × 25 % + 980 × 1 % × 10 % + 196 × 30 % × 20 % = 5 + 0.98 + 11.76 = 17.74
    expect(await text('forecast-sales')).toBe('17,74');
    // costs: letters 1,000 × (25 + 8 + 87 c) = 1,200 € + NPAI 1,000 × 4 % × 30 c = 12 €;
    // emails 980 × 1 €/1,000 = 0.98 €; calls 196 × 4 min × 70 c = 548.80 €; total 1,761.78 €
    expect(await text('forecast-total-cost')).toBe('1 761,78 €');
    // revenue 17.74 × 120 € = 2,128.80 €, margin 30 % = 638.64 €; ROI (638.64 − 1,761.78) / 1,761.78
    // = −1,123.14 / 1,761.78 = −63.750 % (a hair over 63.75), shown to one decimal: −63,8 %
    expect(await text('forecast-margin')).toBe('638,64 €');
    expect(await text('forecast-roi')).toBe('-63,8 %');
    // milestones, each step on its own curve from its own day: letter 20 returns, email (D+7) 9.8, call (D+10)
    // 58.8. D+7: the letter's 55 % = 11, the email just sent, the call not yet → 11.
    // D+14: letter 85 % = 17; email at its D+7, 93 % = 9.114; the call's outcome is known on the day = 58.8
    // → 84.9 → 85. D+40 (30 days after the last send): everything, 88.6 → 89.
    expect(await page.getByTestId('milestone-d7').getAttribute('data-returns')).toBe('11');
    expect(await page.getByTestId('milestone-d14').getAttribute('data-returns')).toBe('85');
    expect(await page.getByTestId('milestone-d40').getAttribute('data-returns')).toBe('89');
    // the inverse: 50 customers on the letter's rates, 2 % × 25 % = 0.5 % → 10,000 sends, more than the 1,000
    expect(plain(await page.getByTestId('sends-needed-answer').textContent())).toContain('10 000 envois');
    expect(await page.getByTestId('sends-needed-too-many').isVisible()).toBe(true);
    await page.getByTestId('sends-needed-customers').fill('4');
    // 4 / 0.005 = 800 sends: within the audience
    expect(plain(await page.getByTestId('sends-needed-answer').textContent())).toContain('800 envois');
    expect(await page.getByTestId('sends-needed-too-many').count()).toBe(0);
    await page.screenshot({ path: '/tmp/campaign-builder.png', fullPage: true });

    await page.getByTestId('save-campaign').click();
    await page.waitForURL(/\/campaigns\/[0-9a-f-]{36}$/);
    const [row] = await app.database.sql<{ name: string; status: string }[]>`
      SELECT name, status FROM campaigns ORDER BY created_at DESC LIMIT 1`;
    expect(row).toEqual({ name: 'Reconquête printemps', status: 'draft' });

    await page.getByTestId('nav-campaigns').click();
    const listed = page.getByTestId('campaign-row').filter({ hasText: 'Reconquête printemps' });
    await listed.waitFor();
    expect(plain(await listed.getByTestId('campaign-budget').textContent())).toBe('1 761,78 €');
    expect(plain(await listed.getByTestId('campaign-status').textContent())).toBe('Brouillon');
    await page.screenshot({ path: '/tmp/campaign-list.png' });

    // clone: the new name is asked, prefilled
    await listed.getByTestId('clone-campaign').click();
    expect(await page.getByTestId('clone-name').inputValue()).toBe('Copie de Reconquête printemps');
    await page.getByTestId('clone-submit').click();
    await page.waitForURL(/\/campaigns\/[0-9a-f-]{36}$/);
    await page.getByText('Copie de Reconquête printemps').first().waitFor();
    expect(await campaignCount()).toBe(2);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('shows a step aimed at responders of a step that does not exist next to the field, and saves nothing', async () => {
    const before = await campaignCount();
    const context = await newContext(browser, app.url, 'fr-FR');
    const page = await context.newPage();
    await logIn(page, 'marketer@relance.example');
    await page.goto('/campaigns/new');
    await page.getByTestId('campaign-builder').waitFor();
    await page.getByTestId('campaign-name').fill('Relance SMS');
    await page.getByTestId('add-step').click();
    const second = page.getByTestId('step').nth(1);
    await choose(page, second.getByTestId('step-target'), "Répondants de l'étape…");
    await second.getByTestId('step-target-step').fill('5');
    await page.getByTestId('save-campaign').click();
    await second.getByText('There is no step 5').waitFor();
    expect(await page.getByTestId('forecast-invalid').isVisible()).toBe(true);
    expect(new URL(page.url()).pathname).toBe('/campaigns/new');
    expect(await campaignCount()).toBe(before);
    await context.close();
  });

  it('keeps "of step n" pointing at the same step when steps move or go', async () => {
    const context = await newContext(browser, app.url, 'fr-FR');
    const page = await context.newPage();
    await logIn(page, 'marketer@relance.example');
    await page.goto('/campaigns/new');
    await page.getByTestId('campaign-builder').waitFor();
    const step = (i: number) => page.getByTestId('step').nth(i);
    // 1 letter, 2 email, 3 call to the email's clickers
    await page.getByTestId('add-step').click();
    await page.getByTestId('add-step').click();
    await choose(page, step(2).getByTestId('step-channel'), 'Téléphone');
    await choose(page, step(2).getByTestId('step-target'), "Ouvreurs ou cliqueurs de l'étape…");
    await step(2).getByTestId('step-target-step').fill('2');
    // the email moves first: the call now aims at step 1
    await step(1).getByRole('button', { name: 'Monter' }).click();
    expect(await step(0).getByTestId('step-channel').inputValue()).toBe('E-mail');
    expect(await step(2).getByTestId('step-target-step').inputValue()).toBe('1');
    // the letter (now step 2) goes: the call becomes step 2 and still aims at the email, step 1
    await step(1).getByTestId('remove-step').click();
    expect(await page.getByTestId('step').count()).toBe(2);
    expect(await step(1).getByTestId('step-channel').inputValue()).toBe('Téléphone');
    expect(await step(1).getByTestId('step-target-step').inputValue()).toBe('1');
    await context.close();
  });

  it('says when someone else saved in between and reloads their version; a telemarketer only reads', async () => {
    const client = apiClient(app.url);
    const marketer = await client.login('marketer@relance.example');
    const created = await client.request<{ id: string }>('POST', '/api/campaigns', {
      session: marketer,
      body: { ...threeSteps, name: 'Relance salon' },
    });
    expect(created.status).toBe(201);
    const id = created.body.id;

    const context = await newContext(browser, app.url, 'fr-FR');
    const page = await context.newPage();
    await logIn(page, 'marketer@relance.example');
    await page.goto(`/campaigns/${id}`);
    await page.getByTestId('campaign-builder').waitFor();
    expect(await page.getByTestId('campaign-name').inputValue()).toBe('Relance salon');
    expect(await page.getByTestId('step').count()).toBe(3);

    // a colleague saves version 2 while the page still holds version 1
    const other = await client.request('PUT', `/api/campaigns/${id}`, {
      session: marketer,
      body: { version: 1, plan: { ...threeSteps, name: 'Relance salon (collègue)' } },
    });
    expect(other.status).toBe(200);
    await page.getByTestId('campaign-name').fill('Relance salon (moi)');
    await page.getByTestId('save-campaign').click();
    await page.getByTestId('conflict').waitFor();
    const [row] = await app.database.sql<{ name: string }[]>`SELECT name FROM campaigns WHERE id = ${id}`;
    expect(row?.name).toBe('Relance salon (collègue)');
    await page.getByRole('button', { name: 'Recharger la dernière version' }).click();
    await expect.poll(() => page.getByTestId('campaign-name').inputValue()).toBe('Relance salon (collègue)');
    // saving again now goes through, on version 2
    await page.getByTestId('campaign-name').fill('Relance salon (moi)');
    await page.getByTestId('save-campaign').click();
    await page.getByText('Campagne « Relance salon (moi) » enregistrée').waitFor();
    const [saved] = await app.database.sql<
      { name: string; version: number }[]
    >`SELECT name, version FROM campaigns WHERE id = ${id}`;
    expect(saved).toEqual({ name: 'Relance salon (moi)', version: 3 });
    await context.close();

    const agentContext = await newContext(browser, app.url, 'fr-FR');
    const agentPage = await agentContext.newPage();
    await logIn(agentPage, 'agent@relance.example');
    await agentPage.goto(`/campaigns/${id}`);
    await agentPage.getByTestId('campaign-builder').waitFor();
    expect(await agentPage.getByTestId('campaign-name').isDisabled()).toBe(true);
    expect(await agentPage.getByTestId('save-campaign').count()).toBe(0);
    expect(await agentPage.getByTestId('add-step').count()).toBe(0);
    await agentPage.goto('/campaigns');
    await agentPage.getByTestId('campaign-row').first().waitFor();
    expect(await agentPage.getByTestId('new-campaign').count()).toBe(0);
    expect(await agentPage.getByTestId('clone-campaign').count()).toBe(0);
    await agentContext.close();
  });
});
