import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app-server';
import { assertWebBuilt, launchChromium, logIn, newContext, watchErrors } from './support/browser';

/** What each demo role must and must not see in the navigation, and the pages it may open. */
const ROLES = [
  {
    email: 'admin@relance.example',
    role: 'Administrateur',
    nav: ['nav-contacts', 'nav-campaigns', 'nav-imports', 'nav-users', 'nav-api-keys', 'nav-indicators'],
    allowed: [
      '/contacts',
      '/campaigns',
      '/campaigns/new',
      '/imports',
      '/users',
      '/api-keys',
      '/settings/indicators',
    ],
    forbidden: [],
    export: true,
  },
  {
    email: 'manager@relance.example',
    role: 'Responsable',
    nav: ['nav-contacts', 'nav-campaigns', 'nav-indicators'],
    allowed: ['/contacts', '/campaigns', '/settings/indicators'],
    forbidden: ['/campaigns/new', '/imports', '/users', '/api-keys'],
    export: true,
  },
  {
    email: 'marketer@relance.example',
    role: 'Chargé de marketing',
    nav: ['nav-contacts', 'nav-campaigns', 'nav-imports'],
    allowed: ['/contacts', '/campaigns', '/campaigns/new', '/imports', '/imports/new/contacts'],
    forbidden: ['/users', '/api-keys', '/settings/indicators'],
    export: true,
  },
  {
    email: 'agent@relance.example',
    role: 'Téléconseiller',
    nav: ['nav-contacts', 'nav-campaigns'],
    allowed: ['/contacts', '/campaigns'],
    forbidden: [
      '/campaigns/new',
      '/imports',
      '/imports/new/contacts',
      '/users',
      '/api-keys',
      '/settings/indicators',
    ],
    export: false,
  },
] as const;

const ALL_NAV = [
  'nav-contacts',
  'nav-campaigns',
  'nav-imports',
  'nav-users',
  'nav-api-keys',
  'nav-indicators',
];

describe('roles in the web app', () => {
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

  it('sends a visitor without a session to the login page, and back where they were going after login', async () => {
    const context = await newContext(browser, app.url);
    const page = await context.newPage();
    await page.goto('/contacts?q=martin');
    await page.waitForURL(/\/login\?next=/);
    expect(new URL(page.url()).searchParams.get('next')).toBe('/contacts?q=martin');
    await page.locator('input[name="email"]').fill('manager@relance.example');
    await page.locator('input[name="password"]').fill('relance-demo');
    await page.locator('button[type="submit"]').click();
    await page.waitForURL(/\/contacts\?q=martin$/);
    await expect(page.getByTestId('contacts-search').inputValue()).resolves.toBe('martin');
    await context.close();
  });

  it('shows a wrong password next to the form, without leaving the login page', async () => {
    const context = await newContext(browser, app.url);
    const page = await context.newPage();
    await page.goto('/login');
    await page.locator('input[name="email"]').fill('agent@relance.example');
    await page.locator('input[name="password"]').fill('not-the-password');
    await page.locator('button[type="submit"]').click();
    await page.getByTestId('bad-credentials').waitFor();
    expect(await page.getByTestId('bad-credentials').textContent()).toContain(
      'E-mail ou mot de passe incorrect',
    );
    expect(new URL(page.url()).pathname).toBe('/login');
    await context.close();
  });

  it('goes back to the login page when the session ends under an open page (401 from any call)', async () => {
    const context = await newContext(browser, app.url);
    const page = await context.newPage();
    await logIn(page, 'admin@relance.example');
    await page.getByTestId('contacts-search').waitFor();
    await context.clearCookies();
    await page.getByTestId('nav-users').click();
    await page.waitForURL(/\/login\?next=%2Fusers$/);
    await page.locator('button[type="submit"]').waitFor();
    await context.close();
  });

  for (const r of ROLES) {
    it(`${r.email} sees only what the role can use`, async () => {
      const context = await newContext(browser, app.url);
      const page = await context.newPage();
      const errors = watchErrors(page);
      await logIn(page, r.email);
      expect(await page.getByTestId('current-role').textContent()).toBe(r.role);

      for (const id of ALL_NAV) {
        const visible = await page.getByTestId(id).isVisible();
        expect(visible, `${id} for ${r.email}`).toBe((r.nav as readonly string[]).includes(id));
      }

      for (const pathname of r.allowed) {
        await page.goto(pathname);
        await page.getByTestId('current-user').waitFor();
        expect(await page.getByTestId('not-allowed').count(), `${pathname} for ${r.email}`).toBe(0);
      }
      for (const pathname of r.forbidden) {
        await page.goto(pathname);
        await page.getByTestId('not-allowed').waitFor();
        expect(await page.getByTestId('not-allowed').textContent()).toContain('Accès non autorisé');
      }

      await page.goto('/contacts');
      await page.getByTestId('contacts-search').waitFor();
      expect(await page.getByTestId('contacts-export').count()).toBe(r.export ? 1 : 0);

      // logging out ends the session: the app goes back to the login page and stays there
      await page.getByTestId('logout').click();
      await page.waitForURL(/\/login$/);
      await page.goto('/contacts');
      await page.waitForURL(/\/login\?next=/);
      expect(errors).toEqual([]);
      await context.close();
    });
  }
});
