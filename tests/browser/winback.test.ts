import { refreshIndicators } from '@relance/db/queries/indicators';
import { refreshWinback } from '@relance/db/queries/winback-refresh';
import { DEFAULT_INDICATOR_SETTINGS } from '@relance/domain/indicators';
import { DEFAULT_WINBACK_SETTINGS } from '@relance/domain/winback/settings';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app-server';
import { assertWebBuilt, launchChromium, logIn, newContext, watchErrors } from './support/browser';

/** A Mantine select: open it, pick the option by its label. */
async function choose(page: Page, select: Locator, option: string): Promise<void> {
  await select.click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

describe('win-back in the browser', () => {
  let app: TestApp;
  let browser: Browser;
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    assertWebBuilt();
    app = await startTestApp();
    browser = await launchChromium();
    const { sql } = app.database;
    const [agent] = await sql<{ id: string }[]>`SELECT id FROM users WHERE email = 'agent@relance.example'`;
    for (const name of ['Bernard', 'Yvon', 'Xavier', 'Dupont']) {
      const [row] = await sql<{ id: number }[]>`
        INSERT INTO contacts (first_name, last_name, owner_id) VALUES ('Client', ${name}, ${agent!.id}) RETURNING id`;
      ids[name] = Number(row!.id);
    }
    const order = (who: string, daysAgo: number, cents: number, promo = false) =>
      sql`INSERT INTO orders (contact_id, ordered_at, amount_cents, margin_cents, promo)
          VALUES (${ids[who]!}, now() - make_interval(days => ${daysAgo}), ${cents}, ${Math.round(cents / 3)}, ${promo})`;
    // Bernard: a good customer silent for 14 months; Yvon: a small one silent for 17 months;
    // Xavier: one order on promotion 15 months ago (an occasional buyer); Dupont: active, spending less, complaining
    for (const d of [425, 600, 800]) await order('Bernard', d, 60_000);
    for (const d of [520, 700]) await order('Yvon', d, 5_000);
    await order('Xavier', 450, 8_000, true);
    await order('Dupont', 250, 40_000);
    await order('Dupont', 60, 10_000);
    await sql`INSERT INTO interactions (contact_id, kind, occurred_at) VALUES
      (${ids.Dupont!}, 'complaint', now() - interval '20 days'),
      (${ids.Dupont!}, 'after_sales', now() - interval '10 days')`;
    await refreshIndicators(sql, DEFAULT_INDICATOR_SETTINGS);
    // a first refresh when Bernard was the only customer (it records, raises no alert), then today's
    const before = new Date(Date.now() - 790 * 86_400_000);
    await refreshWinback(sql, DEFAULT_WINBACK_SETTINGS, DEFAULT_INDICATOR_SETTINGS, before);
    await refreshWinback(sql, DEFAULT_WINBACK_SETTINGS, DEFAULT_INDICATOR_SETTINGS);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('captures a lost reason on the contact, then shows the candidates, the occasional buyers and the barometer', async () => {
    const context = await newContext(browser, app.url, 'fr-FR');
    const page = await context.newPage();
    const errors = watchErrors(page);
    await logIn(page, 'agent@relance.example');

    await page.goto(`/contacts/${ids.Bernard}`);
    const winback = page.getByTestId('contact-winback');
    await winback.waitFor();
    expect(await page.getByTestId('winback-status').textContent()).toBe('Ancien client');
    expect(await page.getByTestId('winback-since').textContent()).toMatch(
      /^Depuis le .+ \(plus de commande\)$/,
    );
    expect(await page.getByTestId('criterion-purchase_history').textContent()).toContain(
      "Historique d'achat",
    );
    const form = page.getByTestId('lost-reason-form');
    await choose(page, form.getByTestId('lost-reason-select'), 'Concurrent');
    await form.getByTestId('lost-competitor').fill('Discount Direct');
    await form.getByTestId('lost-reason-save').click();
    await page.getByTestId('lost-reason-current').getByText('Concurrent — Discount Direct').waitFor();
    const [stored] = await app.database
      .sql`SELECT reason::text, competitor FROM lost_reasons WHERE contact_id = ${ids.Bernard!}`;
    expect(stored).toEqual({ reason: 'competitor', competitor: 'Discount Direct' });

    await page.getByTestId('nav-winback').click();
    const candidates = page.getByTestId('winback-candidates');
    await candidates.waitFor();
    // Bernard (1,800 €) outranks Yvon (100 €); Xavier is an occasional buyer, kept apart
    expect(await candidates.getByTestId('winback-name').allTextContents()).toEqual([
      'Client Bernard',
      'Client Yvon',
    ]);
    expect(await candidates.getByTestId('winback-row').first().textContent()).toContain('Concurrent');
    expect(await page.getByTestId('winback-count-occasional').textContent()).toBe('1');
    await page.getByTestId('winback-tab-occasional').click();
    const occasional = page.getByTestId('winback-occasional');
    await occasional.waitFor();
    expect(await occasional.getByTestId('winback-name').allTextContents()).toEqual(['Client Xavier']);
    expect(await occasional.textContent()).toContain('une seule commande');

    // the barometer: this month, one customer lost to a competitor, Discount Direct
    const barometer = page.getByTestId('barometer');
    await barometer.getByTestId('barometer-legend').waitFor();
    const months = barometer.getByTestId('barometer-month');
    expect(await months.count()).toBe(12);
    expect(await months.last().getAttribute('data-total')).toBe('1');
    expect(await barometer.getByTestId('barometer-legend').textContent()).toContain('Concurrent (1)');
    expect(await barometer.getByTestId('barometer-competitors').textContent()).toContain(
      'Discount Direct (1)',
    );
    expect(await page.getByTestId('model-status').textContent()).toMatch(
      /^Pas encore de modèle : il faut au moins 20 clients partis/,
    );
    expect(errors).toEqual([]);
    await context.close();
  });

  it("shows an active customer's warning signals with their evidence, and the alert feed", async () => {
    const context = await newContext(browser, app.url, 'en-GB');
    const page = await context.newPage();
    const errors = watchErrors(page);
    await logIn(page, 'agent@relance.example');

    await page.goto(`/contacts/${ids.Dupont}`);
    await page.getByTestId('signals').waitFor();
    expect(await page.getByTestId('winback-status').textContent()).toBe('Active customer');
    // 100 € over the last 180 days against 400 € the 180 before
    expect(await page.getByTestId('signal-trend_down').textContent()).toMatch(
      /Revenue down.*€100\.00 over the last period against €400\.00 before \(-75%\)/,
    );
    expect(await page.getByTestId('signal-complaints_up').textContent()).toContain(
      '2 complaints and after-sales contacts (1 + 1) against 0 the period before',
    );
    expect(await page.getByTestId('reactivation-total').textContent()).toMatch(/^\d\.\d \/ 10$/);

    await page.goto('/winback/alerts');
    const alerts = page.getByTestId('alert');
    await alerts.first().waitFor();
    // Dupont's two signals, and the three customers who became former
    expect(await alerts.count()).toBe(5);
    const trend = alerts.filter({ hasText: 'Revenue down' });
    expect(await trend.getByTestId('alert-evidence').textContent()).toContain('€400.00');
    await trend.getByTestId('alert-dismiss').click();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="alert"]').length === 4);
    const [dismissed] = await app.database
      .sql`SELECT count(*)::int AS n FROM winback_alerts WHERE dismissed_at IS NOT NULL`;
    expect(dismissed!.n).toBe(1);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('lets a manager change the win-back settings, with errors next to the fields', async () => {
    const context = await newContext(browser, app.url, 'en-GB');
    const page = await context.newPage();
    await logIn(page, 'manager@relance.example');
    await page.getByTestId('nav-winback-settings').click();
    const form = page.getByTestId('winback-settings');
    await form.waitFor();
    await form.getByTestId('rule-months').first().fill('0');
    await page.getByTestId('winback-settings-save').click();
    await form.getByText('At least 1 months').waitFor();
    expect(
      (await app.database.sql`SELECT count(*)::int AS n FROM settings WHERE key = 'winback'`)[0]?.n,
    ).toBe(0);
    await form.getByTestId('rule-months').first().fill('18');
    await page.getByTestId('winback-settings-save').click();
    await page.getByText('Saved: every customer is being recomputed').waitFor();
    const [row] = await app.database.sql`SELECT value FROM settings WHERE key = 'winback'`;
    expect(row?.value).toMatchObject({ inactivity: { default: { noOrderMonths: 18 } } });
    await context.close();
  });
});
