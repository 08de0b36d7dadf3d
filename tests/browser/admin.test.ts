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

const NEW_USER = { email: 'lea.roux@relance.example', name: 'Léa Roux', password: 'un-mot-de-passe-long' };

/** Tries a login in a fresh context; answers what the login page then shows. */
async function tryLogin(browser: Browser, url: string, email: string, password: string) {
  const context = await newContext(browser, url);
  const page = await context.newPage();
  await page.goto('/login');
  await page.locator('input[name="email"]').fill(email);
  await page.locator('input[name="password"]').fill(password);
  await page.locator('button[type="submit"]').click();
  const outcome = await Promise.race([
    page
      .getByTestId('current-user')
      .waitFor()
      .then(() => 'logged in' as const),
    page
      .getByTestId('bad-credentials')
      .waitFor()
      .then(() => 'refused' as const),
    page
      .getByTestId('rate-limited')
      .waitFor()
      .then(() => 'rate limited' as const),
  ]);
  await context.close();
  return outcome;
}

async function userRow(page: Page, email: string) {
  return page.locator(`[data-testid="user-row"][data-email="${email}"]`);
}

describe('administration', () => {
  let app: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    assertWebBuilt();
    app = await startTestApp({ env: { LOGIN_RATE_LIMIT: '3' } });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('says plainly when logins are rate-limited', async () => {
    const outcomes: string[] = [];
    for (let i = 0; i < 5; i++)
      outcomes.push(await tryLogin(browser, app.url, 'agent@relance.example', 'wrong-password'));
    expect(outcomes.slice(0, 3)).toEqual(['refused', 'refused', 'refused']);
    expect(outcomes.at(-1)).toBe('rate limited');
  });

  it('creates a user with errors next to the fields, changes the role, deactivates, resets the password', async () => {
    const context = await newContext(browser, app.url);
    const page = await context.newPage();
    const errors = watchErrors(page);
    await logIn(page, 'admin@relance.example');
    await page.getByTestId('nav-users').click();
    await page.getByTestId('users-table').waitFor();

    await page.getByTestId('create-user').click();
    const form = page.getByTestId('create-user-form');
    await form.getByLabel('Adresse e-mail').fill('marketer@relance.example');
    await form.getByLabel('Nom').fill(NEW_USER.name);
    await form.getByLabel('Mot de passe initial').fill('court');
    await form.getByRole('button', { name: "Créer l'utilisateur" }).click();
    // checked in the browser first
    await form.getByText('Au moins 12 caractères', { exact: true }).last().waitFor();
    await form.getByLabel('Mot de passe initial').fill(NEW_USER.password);
    await form.getByRole('button', { name: "Créer l'utilisateur" }).click();
    // then by the server: the email is taken (409 with a field error, shown under the field)
    const emailInput = form.getByLabel('Adresse e-mail');
    await form.getByText('Already used').waitFor();
    expect(await emailInput.getAttribute('aria-invalid')).toBe('true');
    await emailInput.fill(NEW_USER.email);
    await form.getByRole('button', { name: "Créer l'utilisateur" }).click();
    await form.waitFor({ state: 'detached' });
    const row = await userRow(page, NEW_USER.email);
    await row.waitFor();
    expect(await row.textContent()).toContain(NEW_USER.name);
    expect(await tryLogin(browser, app.url, NEW_USER.email, NEW_USER.password)).toBe('logged in');

    // role: telemarketer → marketer
    await row.getByRole('textbox', { name: `Rôle de ${NEW_USER.name}` }).click();
    await page.getByRole('option', { name: 'Chargé de marketing' }).click();
    await page.getByText(`${NEW_USER.name} a été mis à jour`).waitFor();
    const roles = await app.database.sql<
      { role: string }[]
    >`SELECT role FROM users WHERE email = ${NEW_USER.email}`;
    expect(roles[0]?.role).toBe('marketer');

    // deactivated: cannot log in any more; reactivated: can
    await row.getByRole('button', { name: 'Actions' }).click();
    await page.getByRole('menuitem', { name: 'Désactiver' }).click();
    await row.getByText('Désactivé').waitFor();
    expect(await tryLogin(browser, app.url, NEW_USER.email, NEW_USER.password)).toBe('refused');
    await row.getByRole('button', { name: 'Actions' }).click();
    await page.getByRole('menuitem', { name: 'Réactiver' }).click();
    await row.getByText('Actif').waitFor();

    // a new password replaces the old one
    await row.getByRole('button', { name: 'Actions' }).click();
    await page.getByRole('menuitem', { name: 'Réinitialiser le mot de passe' }).click();
    await page.getByRole('dialog').getByLabel('Nouveau mot de passe').fill('encore-plus-long-2026');
    await page.getByRole('dialog').getByRole('button', { name: 'Enregistrer le mot de passe' }).click();
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    expect(await tryLogin(browser, app.url, NEW_USER.email, 'encore-plus-long-2026')).toBe('logged in');
    expect(await tryLogin(browser, app.url, NEW_USER.email, NEW_USER.password)).toBe('refused');

    // the admin cannot demote or deactivate themselves from this page
    const me = await userRow(page, 'admin@relance.example');
    expect(await me.getByRole('textbox', { name: /Rôle de/ }).isDisabled()).toBe(true);
    await me.getByRole('button', { name: 'Actions' }).click();
    expect(await page.getByRole('menuitem', { name: 'Désactiver' }).count()).toBe(0);
    await page.keyboard.press('Escape');

    // the one failed request the flow asked for: the taken email
    expect(errors).toEqual([expect.stringMatching(/status of 409 .*\/api\/users\)$/)]);
    await context.close();
  }, 60_000);

  it('creates an API key whose token is shown once and works, then revokes it', async () => {
    const context = await newContext(browser, app.url);
    const page = await context.newPage();
    const errors = watchErrors(page);
    await logIn(page, 'admin@relance.example');
    await page.getByTestId('nav-api-keys').click();
    await page.getByTestId('empty').waitFor();

    await page.getByTestId('create-api-key').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Nom').fill('Boutique en ligne');
    await dialog.getByRole('button', { name: 'Créer la clé' }).click();
    const token = (await page.getByTestId('token').textContent())?.trim() ?? '';
    expect(token).toMatch(/^rlk_/);
    await page.screenshot({ path: '/tmp/relance-api-key-token.png' });

    const withKey = await page.request.get('/api/contacts', {
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(withKey.status()).toBe(200);

    await dialog.getByRole('button', { name: "J'ai copié la clé" }).click();
    await dialog.waitFor({ state: 'detached' });
    const row = page.getByTestId('api-key-row').filter({ hasText: 'Boutique en ligne' });
    await row.waitFor();
    expect(await row.textContent()).toContain(token.slice(0, 8));
    // the token itself is nowhere on the page any more
    expect(await page.locator('body').textContent()).not.toContain(token);

    await row.getByRole('button', { name: 'Révoquer' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Révoquer' }).click();
    await row.getByText(/Révoquée le/).waitFor();
    const revoked = await page.request.get('/api/contacts', {
      headers: { Authorization: `Bearer ${token}`, Cookie: '' },
    });
    expect(revoked.status()).toBe(401);

    expect(errors).toEqual([]);
    await context.close();
  });

  it('shows a file-level import failure plainly', async () => {
    const context = await newContext(browser, app.url);
    const page = await context.newPage();
    await logIn(page, 'admin@relance.example');
    await page.goto('/imports/new/contacts');
    const csv = [
      'Nom;E-mail',
      'Martin;martin@example.fr',
      '"Durand;durand@example.fr',
      'Petit;petit@example.fr',
      '',
    ].join('\r\n');
    await page.locator('input[type="file"]').setInputFiles({
      name: 'casse.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(csv, 'utf8'),
    });
    await untilDoneOrProblem(page, page.getByTestId('mapping-table').waitFor());
    await page.getByTestId('start-import').click();
    await untilDoneOrProblem(page, page.waitForURL(/\/imports\/contacts\/[0-9a-f-]{36}$/));
    await page.locator('[data-testid="import-status"][data-status="failed"]').waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('import-failure').textContent()).toBe(
      "L'import a échoué" +
        'A quote (") opened on line 3 is never closed. Close it or remove it, then import the file again; the rows before line 3 were imported.',
    );
    expect(await page.getByTestId('count-inserted').textContent()).toBe('1');
    await page.screenshot({ path: '/tmp/relance-import-failed.png' });
    await context.close();
  }, 60_000);
});
