import { refreshIndicators } from '@relance/db/queries/indicators';
import { DEFAULT_INDICATOR_SETTINGS } from '@relance/domain/indicators';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app-server';
import { assertWebBuilt, launchChromium, logIn, newContext } from './support/browser';

describe('customer indicators on the contact page', () => {
  let app: TestApp;
  let browser: Browser;
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    assertWebBuilt();
    app = await startTestApp();
    browser = await launchChromium();
    // two customers: Lefèvre spends ten times more than Martin, whose spend halved; Petit never ordered
    for (const name of ['Lefèvre', 'Martin', 'Petit']) {
      const [row] = await app.database.sql<
        { id: number }[]
      >`INSERT INTO contacts (last_name) VALUES (${name}) RETURNING id`;
      ids[name] = Number(row!.id);
    }
    const day = (daysAgo: number) => new Date(Date.now() - daysAgo * 86_400_000).toISOString();
    await app.database.sql`
      INSERT INTO orders (contact_id, ordered_at, amount_cents, margin_cents) VALUES
        (${ids.Lefèvre!}, ${day(10)}, 100000, 30000),
        (${ids.Martin!}, ${day(20)}, 5000, 1000),
        (${ids.Martin!}, ${day(200)}, 10000, 2000)`;
    await app.database
      .sql`INSERT INTO interactions (contact_id, kind, occurred_at) VALUES (${ids.Martin!}, 'complaint', ${day(5)})`;
    await refreshIndicators(app.database.sql, DEFAULT_INDICATOR_SETTINGS);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('shows the tier, RFM, trend and complaints, in French', async () => {
    const context = await newContext(browser, app.url, 'fr-FR');
    const page = await context.newPage();
    await logIn(page, 'manager@relance.example');

    await page.goto(`/contacts/${ids.Lefèvre}`);
    await page.getByTestId('indicators').waitFor();
    expect(await page.getByTestId('tier').textContent()).toBe('Or');
    expect(await page.getByTestId('rfm').textContent()).toBe('2 1 2');

    await page.goto(`/contacts/${ids.Martin}`);
    await page.getByTestId('indicators').waitFor();
    expect(await page.getByTestId('tier').textContent()).toBe('Faible');
    // 50 € over the last 180 days against 100 € in the 180 before: −50 %
    expect((await page.getByTestId('trend').textContent())?.replace(/\s/g, ' ')).toMatch(/^-50 %$/);
    expect(await page.getByTestId('indicators').textContent()).toContain('Réclamations (12 mois)1');

    await page.goto(`/contacts/${ids.Petit}`);
    await page.getByTestId('indicators').waitFor();
    expect(await page.getByTestId('tier').textContent()).toBe('Pas encore client');
    await context.close();
  });

  it('lets a manager change how tiers are computed, with errors next to the fields', async () => {
    const context = await newContext(browser, app.url, 'fr-FR');
    const page = await context.newPage();
    await logIn(page, 'manager@relance.example');
    await page.getByTestId('nav-indicators').click();
    const form = page.getByTestId('indicator-settings');
    await form.waitFor();
    // 60 % gold and 50 % low leave no room for the basic tier: said next to the field, nothing saved
    await form.getByLabel('Part « or » (les meilleurs clients)').fill('60');
    await form.getByLabel('Part « faible » (les derniers)').fill('50');
    await form.getByRole('button', { name: 'Enregistrer' }).click();
    await form.getByText('Gold and low shares together must leave room for the basic tier').waitFor();
    expect((await app.database.sql`SELECT count(*)::int AS n FROM settings`)[0]?.n).toBe(0);

    await form.getByLabel('Part « or » (les meilleurs clients)').fill('20');
    await form.getByLabel('Part « faible » (les derniers)').fill('20');

    await form.getByLabel('Période de tendance (jours)').fill('90');
    await form.getByText('Marge').click();
    await form.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByText('Réglages enregistrés').waitFor();
    const [row] = await app.database.sql`SELECT value FROM settings WHERE key = 'indicators'`;
    expect(row?.value).toMatchObject({ tierBasis: 'margin', trendWindowDays: 90, goldShare: 0.2 });
    await context.close();
  });
});
