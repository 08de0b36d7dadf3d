import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app-server';
import {
  assertWebBuilt,
  launchChromium,
  logIn,
  newContext,
  untilDoneOrProblem,
  watchErrors,
} from './support/browser';
import type { DomElement } from './support/dom';
import { encodeWindows1252 } from './support/windows-1252';

/**
 * A file as a French back office exports it: Windows-1252, `;`, CRLF, accents in headers and values,
 * an invalid email, an invalid phone, a row repeated, and names carrying HTML.
 */
const MESSY_CSV = [
  'Référence;Civilité;Prénom;Nom;E-mail;Portable;Code postal;Ville;Fidélité',
  'C001;Mme;Hélène;Lefèvre;helene.lefevre@example.fr;06 12 34 56 78;75011;Paris;or',
  'C002;M.;François;Garçon;francois@@example;06 98 76 54 32;69003;Lyon;argent',
  'C003;Mme;Zoé;Bœuf;zoe.boeuf@example.fr;12345;13001;Marseille;',
  'C001;Mme;Hélène;Lefèvre;helene.lefevre@example.fr;06 12 34 56 78;75011;Paris;or',
  'C004;M.;<script>window.__pwned=1</script>;<img src=x onerror=window.__pwned=2>Durand;durand@example.fr;06 45 78 12 90;33000;Bordeaux;',
  '',
].join('\r\n');

/** The cells of a table's body rows, once the table is there. */
async function rows(page: Page, selector: string): Promise<string[][]> {
  await page.locator(selector).waitFor();
  return page
    .locator(`${selector} tbody tr`)
    .evaluateAll((trs) =>
      (trs as unknown as DomElement[]).map((tr) =>
        Array.from(tr.querySelectorAll('td')).map((td) => (td.textContent ?? '').trim()),
      ),
    );
}

describe('importing a messy CSV through the wizard', () => {
  let app: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    assertWebBuilt();
    app = await startTestApp();
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('previews, maps, imports, reports the bad rows, and shows HTML names as text', async () => {
    const context = await newContext(browser, app.url, 'fr-FR');
    const page = await context.newPage();
    const errors = watchErrors(page);
    await logIn(page, 'marketer@relance.example');

    await page.getByTestId('nav-imports').click();
    await page.getByTestId('new-import-contacts').click();
    await page.waitForURL(/\/imports\/new\/contacts$/);

    // (a) choose the file; (b) the preview reads its head
    const buffer = encodeWindows1252(MESSY_CSV);
    await page
      .locator('input[type="file"]')
      .setInputFiles({ name: 'clients.csv', mimeType: 'text/csv', buffer });
    await untilDoneOrProblem(page, page.getByTestId('mapping-table').waitFor());
    expect((await page.getByTestId('detected-encoding').textContent())?.toLowerCase()).toMatch(/1252/);
    expect(await page.getByTestId('detected-delimiter').textContent()).toContain(';');

    // the first rows are decoded: accents are right
    const preview = await rows(page, '[data-testid="preview-rows"]');
    expect(preview[0]).toEqual([
      'C001',
      'Mme',
      'Hélène',
      'Lefèvre',
      'helene.lefevre@example.fr',
      '06 12 34 56 78',
      '75011',
      'Paris',
      'or',
    ]);
    expect(preview[2]?.[3]).toBe('Bœuf');

    // the mapping is prefilled from the headers; the unknown column becomes a free attribute
    const mapped = await page
      .locator('[data-testid="mapping-row"]')
      .evaluateAll((trs) =>
        (trs as unknown as DomElement[]).map((tr) => [
          tr.getAttribute('data-header'),
          tr.querySelector('input')?.value,
        ]),
      );
    expect(Object.fromEntries(mapped)).toMatchObject({
      Référence: 'Référence client',
      Civilité: 'Civilité',
      Prénom: 'Prénom',
      Nom: 'Nom *',
      'E-mail': 'E-mail',
      Portable: 'Portable',
      'Code postal': 'Code postal',
      Ville: 'Ville',
      Fidélité: 'Ignorer cette colonne',
    });
    expect(await page.getByTestId('missing-required').count()).toBe(0);
    await page.getByRole('textbox', { name: 'Champ de destination pour Fidélité' }).click();
    await page.getByRole('option', { name: 'Attribut libre « Fidélité »' }).click();

    // unmapping the name flags the missing required field
    await page.getByRole('textbox', { name: 'Champ de destination pour Nom' }).click();
    await page.getByRole('option', { name: 'Ignorer cette colonne' }).click();
    expect(await page.getByTestId('missing-required').textContent()).toContain('Nom ou Société');
    expect(await page.getByTestId('start-import').isDisabled()).toBe(true);
    await page.screenshot({ path: '/tmp/relance-import-mapping.png', fullPage: true });
    await page.getByRole('textbox', { name: 'Champ de destination pour Nom' }).click();
    await page.getByRole('option', { name: 'Nom *', exact: true }).click();
    expect(await page.getByTestId('missing-required').count()).toBe(0);

    // (c) upload; (d) the import page polls until the worker is done
    await page.getByTestId('start-import').click();
    await untilDoneOrProblem(page, page.waitForURL(/\/imports\/contacts\/[0-9a-f-]{36}$/));
    await page.locator('[data-testid="import-status"][data-status="completed"]').waitFor({ timeout: 20_000 });
    await page.screenshot({ path: '/tmp/relance-import-page.png', fullPage: true });

    expect(await page.getByTestId('count-inserted').textContent()).toBe('2');
    expect(await page.getByTestId('count-failed').textContent()).toBe(EXPECTED_FAILED);
    expect(await rows(page, '[data-testid="import-errors"]')).toEqual(EXPECTED_ERRORS);
    const csvHref = await page.getByTestId('errors-csv').getAttribute('href');
    expect(csvHref).toMatch(/^\/api\/contacts\/imports\/[0-9a-f-]{36}\/errors\.csv$/);
    const report = await page.request.get(csvHref!);
    expect(report.status()).toBe(200);
    expect(await report.text()).toContain('line;column;reason;value');

    // the contact whose name carries HTML: shown as text, nothing executed
    await page.getByTestId('nav-contacts').click();
    await page.getByTestId('contacts-search').fill('durand');
    const link = page.locator('[data-testid="contact-row"] a', { hasText: 'Durand' });
    await link.waitFor();
    await link.click();
    await page.getByTestId('contact-name').waitFor();
    expect(await page.getByTestId('contact-name').textContent()).toBe(
      'M. <script>window.__pwned=1</script> <img src=x onerror=window.__pwned=2>Durand',
    );
    expect(await page.locator('main script, main img[src="x"]').count()).toBe(0);
    expect(await page.evaluate(() => (globalThis as { __pwned?: number }).__pwned)).toBeUndefined();
    await page.screenshot({ path: '/tmp/relance-contact-page.png', fullPage: true });

    expect(errors).toEqual([]);
    await context.close();
  }, 60_000);

  it('imports orders, shows them on the contact page in euros, and records a note and a consent there', async () => {
    const context = await newContext(browser, app.url, 'fr-FR');
    const page = await context.newPage();
    const errors = watchErrors(page);
    await logIn(page, 'marketer@relance.example');

    await page.goto('/imports/new/orders');
    await page.locator('input[type="file"]').setInputFiles({
      name: 'commandes.csv',
      mimeType: 'text/csv',
      buffer: encodeWindows1252(ORDERS_CSV),
    });
    await untilDoneOrProblem(page, page.getByTestId('mapping-table').waitFor());
    // orders have no free attributes: an unknown column can only be ignored
    await page.getByRole('textbox', { name: 'Champ de destination pour Commentaire' }).click();
    expect(await page.getByRole('option', { name: /Attribut libre/ }).count()).toBe(0);
    await page.keyboard.press('Escape');
    await page.getByTestId('start-import').click();
    await untilDoneOrProblem(page, page.waitForURL(/\/imports\/orders\/[0-9a-f-]{36}$/));
    await page.locator('[data-testid="import-status"][data-status="completed"]').waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('count-inserted').textContent()).toBe('2');
    expect(await rows(page, '[data-testid="import-errors"]')).toEqual(EXPECTED_ORDER_ERRORS);

    // the recent imports list has both files
    await page.getByTestId('nav-imports').click();
    await page.getByTestId('imports-orders').waitFor();
    expect(await page.getByTestId('imports-contacts').textContent()).toContain('clients.csv');
    expect(await page.getByTestId('imports-orders').textContent()).toContain('commandes.csv');

    await page.goto('/contacts?q=lefevre');
    await page.locator('[data-testid="contact-row"] a', { hasText: 'Lefèvre' }).click();
    await page.getByTestId('contact-name').waitFor();
    const text = async (id: string) => (await page.getByTestId(id).textContent())?.replace(/\s/g, ' ');
    // the column mapped to a free attribute in the first import
    expect(await page.getByTestId('contact-attributes').textContent()).toBe('Fidélité: or');
    expect(await text('stat-orders')).toBe('2');
    expect(await text('stat-revenue')).toBe('1 324,46 €');
    await page.getByRole('tab', { name: 'Commandes' }).click();
    const orders = await rows(page, '[data-testid="orders-table"]');
    expect(orders.map((r) => r.map((cell) => cell.replace(/\s/g, ' ')))).toEqual([
      ['2 avr. 2026', 'CMD-2', '89,90 €', '—', '', ''],
      ['15 mars 2026', 'CMD-1', '1 234,56 €', '300,00 €', 'Promo', ''],
    ]);

    // a note, logged through the form (a cookie-authenticated write: the CSRF header is sent)
    await page.getByRole('tab', { name: 'Échanges' }).click();
    await page.getByTestId('interaction-form').waitFor();
    await page.getByTestId('interaction-form').getByText('Appel', { exact: true }).click();
    await page.getByLabel('Objet').fill('Relance devis <urgent>');
    await page.getByLabel('Compte rendu').fill('Rappeler jeudi.');
    await page.getByRole('button', { name: 'Ajouter au journal' }).click();
    await page.getByTestId('interactions').getByText('Relance devis <urgent>').waitFor();
    expect(await page.getByTestId('interactions').textContent()).toContain('Rappeler jeudi.');

    // the SMS consent, changed by a marketer
    await page.getByTestId('consent-sms').getByRole('button', { name: 'Modifier' }).click();
    await page.getByRole('dialog').getByRole('textbox', { name: 'Statut' }).click();
    await page.getByRole('option', { name: 'Refusé' }).click();
    await page.getByRole('dialog').getByLabel('Source').fill('appel du jour');
    await page.getByRole('dialog').getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    await page.getByTestId('consent-sms').getByText('Refusé').waitFor();
    expect(await page.getByTestId('consent-sms').textContent()).toContain('appel du jour');

    // the timeline merges the order, the call and the consent change
    await page.getByRole('tab', { name: 'Historique' }).click();
    // the cached timeline shows at once and is refreshed: wait for the fresh one
    await page.getByTestId('timeline').getByText('SMS : Refusé').waitFor();
    const timeline = (await page.getByTestId('timeline').textContent())?.replace(/\s/g, ' ') ?? '';
    expect(timeline).toContain('SMS : Refusé');
    expect(timeline).toContain('Appel — Relance devis <urgent>');
    expect(timeline).toContain('Commande de 1 234,56 €');
    expect(timeline).toContain('Commande · 15 mars 2026');
    await page.screenshot({ path: '/tmp/relance-contact-orders.png', fullPage: true });

    expect(errors).toEqual([]);
    await context.close();
  }, 60_000);
});

const ORDERS_CSV = [
  'N° commande;Référence client;Date;Montant TTC;Marge;Promo;Commentaire',
  'CMD-1;C001;15/03/2026;1 234,56;300,00;oui;première commande',
  'CMD-2;C001;02/04/2026 10:30;89,90;;non;',
  'CMD-3;C999;02/04/2026;10,00;;;client inconnu',
  'CMD-4;C001;31/02/2026;10,00;;;date impossible',
  '',
].join('\r\n');

const EXPECTED_ORDER_ERRORS: string[][] = [
  ['4', 'Référence client', 'no contact with external id C999: import the contacts first', 'C999'],
  ['5', 'Date', '"31/02/2026" is not a date: use dd/mm/yyyy', '31/02/2026'],
];

/** One line per refused row: the file's line (1 = header), the column, why, and the value as read. */
const EXPECTED_FAILED = '3';
const EXPECTED_ERRORS: string[][] = [
  ['3', 'E-mail', 'invalid email: more than one @ sign', 'francois@@example'],
  ['4', 'Portable', 'phone not valid for FR: too short', '12345'],
  ['5', '—', 'duplicate of line 2', ''],
];
