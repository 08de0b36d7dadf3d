import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app-server';
import { assertWebBuilt, launchChromium, logIn, newContext } from './support/browser';

/** The UI follows the browser's language: English when it says en, French otherwise (and by default). */
const CASES = [
  {
    locale: 'en-US',
    lang: 'en',
    login: 'Log in',
    email: 'Email address',
    nav: {
      'nav-contacts': 'Contacts',
      'nav-imports': 'Imports',
      'nav-users': 'Users',
      'nav-api-keys': 'API keys',
    },
    role: 'Administrator',
    logout: 'Log out',
    search: 'Search',
  },
  {
    locale: 'fr-FR',
    lang: 'fr',
    login: 'Se connecter',
    email: 'Adresse e-mail',
    nav: {
      'nav-contacts': 'Contacts',
      'nav-imports': 'Imports',
      'nav-users': 'Utilisateurs',
      'nav-api-keys': "Clés d'API",
    },
    role: 'Administrateur',
    logout: 'Se déconnecter',
    search: 'Rechercher',
  },
  // a language the app does not speak falls back to French
  {
    locale: 'de-DE',
    lang: 'fr',
    login: 'Se connecter',
    email: 'Adresse e-mail',
    nav: {
      'nav-contacts': 'Contacts',
      'nav-imports': 'Imports',
      'nav-users': 'Utilisateurs',
      'nav-api-keys': "Clés d'API",
    },
    role: 'Administrateur',
    logout: 'Se déconnecter',
    search: 'Rechercher',
  },
] as const;

describe('language', () => {
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

  for (const c of CASES) {
    it(`speaks ${c.lang} to a browser set to ${c.locale}`, async () => {
      const context = await newContext(browser, app.url, c.locale);
      const page = await context.newPage();
      await page.goto('/login');
      await page.locator('button[type="submit"]').waitFor();
      expect((await page.locator('button[type="submit"]').textContent())?.trim()).toBe(c.login);
      expect(await page.locator('label', { hasText: c.email }).count()).toBe(1);
      expect(await page.locator('html').getAttribute('lang')).toBe(c.lang);

      await logIn(page, 'admin@relance.example');
      for (const [id, label] of Object.entries(c.nav)) {
        expect((await page.getByTestId(id).textContent())?.trim(), id).toBe(label);
      }
      expect(await page.getByTestId('current-role').textContent()).toBe(c.role);
      expect((await page.getByTestId('logout').textContent())?.trim()).toBe(c.logout);
      // the contacts page is loaded on first visit (its own chunk): wait for its search field's label
      await page.locator('label', { hasText: c.search }).first().waitFor();
      expect(await page.locator('label', { hasText: c.search }).count()).toBeGreaterThan(0);
      await context.close();
    });
  }
});
