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

const plain = (text: string | null) => (text ?? '').replace(/\s/g, ' ').trim();

/**
 * The win-back segment of issue 4, built in the browser: "former customers with a reactivation score of at least
 * 6, excluding occasional buyers", on customers whose win-back state the real refresh computes (default
 * settings: former after 12 months without an order):
 * - 12 loyal customers gone 14 months ago (3 orders of 600 €): former, scoring high — the segment;
 * - 5 one-order customers of 2,000 € gone 14 months ago: former and scoring high, but occasional buyers;
 * - 7 small customers gone 14 months ago (2 orders of 50 €): former, scoring low;
 * - 9 loyal customers who ordered last month: active.
 * Half of the 12 (the even ones) opted in to email, so the segment reaches 6 by email.
 */
describe('segment builder', () => {
  let app: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    assertWebBuilt();
    app = await startTestApp();
    browser = await launchChromium();
    const sql = app.database.sql;
    await sql`
      INSERT INTO contacts (last_name, email, tags)
      SELECT CASE WHEN i <= 12 THEN 'Fidèle ' WHEN i <= 17 THEN 'Unique ' WHEN i <= 24 THEN 'Petit ' ELSE 'Actif ' END
               || lpad(i::text, 2, '0'),
             'client' || i || '@exemple.fr', ARRAY['test-' || i]
        FROM generate_series(1, 33) i`;
    const ids = await sql<{ id: string; n: number }[]>`
      SELECT id, substring(last_name from '\\d+$')::int AS n FROM contacts WHERE email LIKE 'client%'`;
    const order = (who: number[], months: number[], amount: number, margin: number) =>
      sql`INSERT INTO orders (contact_id, ordered_at, amount_cents, margin_cents)
          SELECT c.id, now() - make_interval(months => m), ${amount}, ${margin}
            FROM contacts c CROSS JOIN unnest(${months}::int[]) AS m
           WHERE c.id = ANY(${ids.filter((r) => who.includes(r.n)).map((r) => r.id)}::bigint[])`;
    const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
    await order(range(1, 12), [14, 20, 26], 60_000, 20_000);
    await order(range(13, 17), [14], 200_000, 60_000);
    await order(range(18, 24), [14, 20], 5_000, 0);
    await order(range(25, 33), [1, 20, 26], 60_000, 20_000);
    await sql`
      INSERT INTO consents (contact_id, channel, status, source)
      SELECT id, 'email', 'opt_in', 'test' FROM contacts
       WHERE last_name LIKE 'Fidèle %' AND substring(last_name from '\\d+$')::int % 2 = 0`;
    await refreshIndicators(sql, DEFAULT_INDICATOR_SETTINGS);
    await refreshWinback(sql, DEFAULT_WINBACK_SETTINGS, DEFAULT_INDICATOR_SETTINGS);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('builds the win-back segment, reads its count, reach and preview, saves it and targets a campaign with it', async () => {
    // what the win-back refresh decided, read straight from its table: the 12 loyal former customers
    const [row] = await app.database.sql<{ n: number }[]>`
      SELECT count(*)::int AS n FROM contact_winback
       WHERE former_since IS NOT NULL AND reactivation_score >= 6 AND cardinality(occasional_reasons) = 0`;
    const expected = row!.n;
    expect(expected).toBe(12);

    const context = await newContext(browser, app.url, 'fr-FR');
    const page = await context.newPage();
    const errors = watchErrors(page);
    await logIn(page, 'marketer@relance.example');
    await page.getByTestId('nav-segments').click();
    await page.getByTestId('new-segment').click();
    await page.getByTestId('segment-name').fill('Anciens clients à reconquérir');
    await expect.poll(() => page.getByTestId('segment-count-incomplete').isVisible()).toBe(true);

    // 1. former customers
    await choose(page, page.getByTestId('rule-field-0'), 'Ancien client');
    expect(await page.getByTestId('rule-operator-0').inputValue()).toBe('oui');
    // 33 customers, 24 of them former: the count follows the edits
    const count = page.getByTestId('segment-count');
    const countIs = async () =>
      (await count.getAttribute('data-fresh')) === 'true'
        ? Number(await count.getAttribute('data-count'))
        : null;
    await expect.poll(countIs, { timeout: 10_000 }).toBe(24);
    // 2. with a reactivation score of at least 6
    await page.getByTestId('add-rule-root').click();
    await choose(page, page.getByTestId('rule-field-1'), 'Score de réactivation');
    await choose(page, page.getByTestId('rule-operator-1'), 'au moins');
    await page.getByTestId('rule-value-1').fill('6');
    await expect.poll(countIs, { timeout: 10_000 }).toBe(17);
    // 3. excluding occasional buyers
    await page.getByTestId('add-rule-root').click();
    await choose(page, page.getByTestId('rule-field-2'), 'Acheteur occasionnel');
    await choose(page, page.getByTestId('rule-operator-2'), 'non');
    await expect.poll(countIs, { timeout: 10_000 }).toBe(expected);
    expect(plain(await count.textContent())).toBe('12');
    // reachable: half of them opted in to email; nobody has a mobile, a phone or a postal address
    const reach = async (channel: string) => {
      const cell = page.getByTestId(`reach-${channel}`);
      return (await cell.getAttribute('data-fresh')) === 'true' ? plain(await cell.textContent()) : null;
    };
    await expect.poll(() => reach('email'), { timeout: 10_000 }).toBe('6');
    expect(await reach('postal')).toBe('0');

    // the first 50: the 12 loyal customers, by name
    await page.getByTestId('preview-toggle').click();
    await expect.poll(() => page.getByTestId('preview-row').count(), { timeout: 10_000 }).toBe(12);
    expect(plain(await page.getByTestId('preview-row').first().textContent())).toMatch(/^Fidèle 01/);

    await page.getByTestId('save-segment').click();
    await page.waitForURL(/\/segments\/[0-9a-f-]{36}$/);
    const [saved] = await app.database.sql<
      { id: string; name: string; definition: { children: unknown[] } }[]
    >`
      SELECT id, name, definition FROM segments`;
    expect(saved!.name).toBe('Anciens clients à reconquérir');
    expect(saved!.definition.children).toEqual([
      { kind: 'rule', field: 'winback.formerCustomer', operator: 'is_true' },
      { kind: 'rule', field: 'winback.reactivationScore', operator: 'gte', value: 6 },
      { kind: 'rule', field: 'winback.occasionalBuyer', operator: 'is_false' },
    ]);

    // the saved segment reopens as built, and is listed
    await page.reload();
    await expect.poll(countIs, { timeout: 10_000 }).toBe(12);
    expect(await page.getByTestId('rule-value-1').inputValue()).toBe('6');
    await page.getByTestId('nav-segments').click();
    await page.getByTestId('segments-table').getByText('Anciens clients à reconquérir').waitFor();

    // a campaign's audience can be the saved segment: its forecast counts the 12
    await page.getByTestId('nav-campaigns').click();
    await page.getByTestId('new-campaign').click();
    await page.getByTestId('campaign-builder').waitFor();
    await page.getByTestId('campaign-name').fill('Reconquête des fidèles');
    await page.getByTestId('campaign-builder').getByText('Segment enregistré', { exact: true }).click();
    await choose(page, page.getByTestId('audience-segment'), 'Anciens clients à reconquérir');
    await expect
      .poll(async () => plain(await page.getByTestId('forecast-audience').textContent()), { timeout: 10_000 })
      .toBe('12');

    expect(errors).toEqual([]);
    await context.close();
  });

  it('says what to fix under the rule, counts nothing meanwhile, and excludes a nested group', async () => {
    const context = await newContext(browser, app.url, 'en-GB');
    const page = await context.newPage();
    await logIn(page, 'marketer@relance.example');
    await page.goto('/segments/new');
    await choose(page, page.getByTestId('rule-field-0'), 'Lifetime revenue (€)');
    await choose(page, page.getByTestId('rule-operator-0'), 'between');
    await page.getByTestId('rule-value-0').fill('1500');
    await page.getByTestId('rule-value2-0').fill('1000');
    await page.getByTestId('rule-error-0').waitFor();
    expect(await page.getByTestId('rule-error-0').textContent()).toBe('The lowest value comes first');
    expect(await page.getByTestId('segment-count-errors').isVisible()).toBe(true);
    // 1,800 €: the 12 loyal former customers and the 9 active ones
    await page.getByTestId('rule-value2-0').fill('1900');
    const count = page.getByTestId('segment-count');
    await count.waitFor();
    await expect.poll(() => count.getAttribute('data-count'), { timeout: 10_000 }).toBe('21');

    // a nested group, then excluded: all 21 have 3 orders, so excluding "3 orders or more" leaves nobody
    await page.getByTestId('add-group-root').click();
    await choose(page, page.getByTestId('rule-field-1-0'), 'Orders (all time)');
    await choose(page, page.getByTestId('rule-operator-1-0'), 'at least');
    await page.getByTestId('rule-value-1-0').fill('3');
    const fresh = async () =>
      (await count.getAttribute('data-fresh')) === 'true' ? count.getAttribute('data-count') : null;
    await expect.poll(fresh, { timeout: 10_000 }).toBe('21');
    await page.getByTestId('group-1').getByLabel('Exclude these contacts').check();
    await expect.poll(fresh, { timeout: 10_000 }).toBe('0');
    await context.close();
  });
});
