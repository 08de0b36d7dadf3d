import type { Browser, Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app-server';
import { assertWebBuilt, launchChromium, logIn, newContext, watchErrors } from './support/browser';

const CONTACTS = 130;

async function names(page: Page): Promise<string[]> {
  return page.locator('[data-testid="contact-row"] td:first-child a').allTextContents();
}

describe('the contacts list', () => {
  let app: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    assertWebBuilt();
    app = await startTestApp();
    // 130 people: Nom001..Nom130, even ones in Lyon (69003) tagged "vip", odd ones in Nantes (44000)
    await app.database.sql`
      INSERT INTO contacts (civility, first_name, last_name, email, postal_code, city, tags)
      SELECT CASE WHEN i % 2 = 0 THEN 'Mme' ELSE 'M.' END, 'Prénom' || i, 'Nom' || lpad(i::text, 3, '0'),
             'p' || i || '@example.fr',
             CASE WHEN i % 2 = 0 THEN '69003' ELSE '44000' END,
             CASE WHEN i % 2 = 0 THEN 'Lyon' ELSE 'Nantes' END,
             CASE WHEN i % 2 = 0 THEN ARRAY['vip'] ELSE ARRAY[]::text[] END
        FROM generate_series(1, ${CONTACTS}) AS i`;
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('pages with the cursor, searches, filters and sorts on the server', async () => {
    const context = await newContext(browser, app.url);
    const page = await context.newPage();
    const errors = watchErrors(page);
    const listCalls: URL[] = [];
    page.on('request', (req: Request) => {
      const url = new URL(req.url());
      if (url.pathname === '/api/contacts') listCalls.push(url);
    });
    await logIn(page, 'manager@relance.example');
    await page.getByTestId('contact-row').first().waitFor();

    // 50 at a time, by name, then "load more" with the cursor until the end
    let shown = await names(page);
    expect(shown).toHaveLength(50);
    expect(shown[0]).toBe('M. Prénom1 Nom001');
    await page.getByTestId('load-more').click();
    await page.locator('[data-testid="contact-row"]').nth(99).waitFor();
    await page.getByTestId('load-more').click();
    await page
      .locator('[data-testid="contact-row"]')
      .nth(CONTACTS - 1)
      .waitFor();
    shown = await names(page);
    expect(shown).toHaveLength(CONTACTS);
    expect(new Set(shown).size).toBe(CONTACTS);
    expect(shown.at(-1)).toBe('Mme Prénom130 Nom130');
    expect(await page.getByTestId('load-more').count()).toBe(0);
    expect(listCalls.map((u) => u.searchParams.has('cursor'))).toEqual([false, true, true]);
    expect(listCalls.every((u) => u.searchParams.get('limit') === '50')).toBe(true);

    // typing is debounced: one request for the whole word
    listCalls.length = 0;
    await page.getByTestId('contacts-search').pressSequentially('Nom12', { delay: 30 });
    await page.waitForURL(/q=Nom12/);
    await page.locator('[data-testid="contact-row"] a', { hasText: 'Nom001' }).waitFor({ state: 'detached' });
    // Nom120..Nom129, and Prénom12 (Nom012) whose first name matches
    expect(await page.getByTestId('contact-row').count()).toBe(11);
    expect(listCalls.map((u) => u.searchParams.get('q'))).toEqual(['Nom12']);
    expect(await names(page)).toContain('Mme Prénom120 Nom120');

    // filters and sort travel in the URL and in the API query
    await page.goto('/contacts?city=Lyon&sort=name&order=desc');
    await page.getByTestId('contact-row').first().waitFor();
    shown = await names(page);
    expect(shown[0]).toBe('Mme Prénom130 Nom130');
    expect(shown.every((n) => n.startsWith('Mme'))).toBe(true);
    const last = listCalls.at(-1)!;
    expect(Object.fromEntries(last.searchParams)).toMatchObject({
      city: 'Lyon',
      sort: 'name',
      order: 'desc',
    });

    // the export link carries the same filters
    const href = await page.getByTestId('contacts-export').getAttribute('href');
    const exportUrl = new URL(href!, app.url);
    expect(exportUrl.pathname).toBe('/api/contacts/export.csv');
    expect(Object.fromEntries(exportUrl.searchParams)).toEqual({ city: 'Lyon', sort: 'name', order: 'desc' });
    const csv = await page.request.get(href!);
    expect(csv.status()).toBe(200);
    const lines = (await csv.text()).trim().split(/\r?\n/);
    expect(lines).toHaveLength(CONTACTS / 2 + 1);

    // nothing matches: an empty state, not an empty table
    await page.goto('/contacts?q=zzzz-nobody');
    await page.getByTestId('empty').waitFor();

    expect(errors).toEqual([]);
    await context.close();
  });

  it('lets consents be changed only by roles that may, and reads typed dates as Paris time', async () => {
    const [row] = await app.database.sql<
      { id: string }[]
    >`SELECT id FROM contacts WHERE last_name = 'Nom001'`;
    const contactPath = `/contacts/${row!.id}`;

    // a manager reads consents but cannot change them
    const managerContext = await newContext(browser, app.url);
    const manager = await managerContext.newPage();
    await logIn(manager, 'manager@relance.example');
    await manager.goto(contactPath);
    await manager.getByTestId('consents-table').waitFor();
    expect(
      await manager.getByTestId('consents-table').getByRole('button', { name: 'Modifier' }).count(),
    ).toBe(0);
    await managerContext.close();

    // a telemarketer in New York may, and logs a complaint typed as 09:30 Paris time
    const agentContext = await newContext(browser, app.url, 'fr-FR', 'America/New_York');
    const agent = await agentContext.newPage();
    const errors = watchErrors(agent);
    await logIn(agent, 'agent@relance.example');
    await agent.goto(contactPath);
    await agent.getByTestId('consents-table').waitFor();
    expect(await agent.getByTestId('consents-table').getByRole('button', { name: 'Modifier' }).count()).toBe(
      5,
    );
    await agent.getByRole('tab', { name: 'Échanges' }).click();
    const form = agent.getByTestId('interaction-form');
    await form.getByText('Réclamation', { exact: true }).click();
    await form.getByLabel('Objet').fill('Colis abîmé');
    await form.getByLabel('Date').fill('2026-03-10T09:30');
    await form.getByRole('button', { name: 'Ajouter au journal' }).click();
    await agent.getByTestId('interactions').getByText('Colis abîmé').waitFor();
    const [stored] = await app.database.sql<{ utc: string; kind: string }[]>`
      SELECT to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI') AS utc, kind
        FROM interactions WHERE subject = 'Colis abîmé'`;
    expect(stored).toEqual({ utc: '2026-03-10T08:30', kind: 'complaint' });
    // and shown back in Paris time, not New York's
    expect(await agent.getByTestId('interactions').textContent()).toContain('10 mars 2026, 09:30');
    expect(errors).toEqual([]);
    await agentContext.close();
  });
});
