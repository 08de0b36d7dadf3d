import { existsSync } from 'node:fs';
import path from 'node:path';
import { DEMO_PASSWORD } from '@relance/db/demo-users';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';

const DIST_INDEX = path.resolve(import.meta.dirname, '../../../apps/web/dist/index.html');

/** The tests drive the BUILT app: fail with the command to run rather than a blank page. */
export function assertWebBuilt(): void {
  if (!existsSync(DIST_INDEX)) {
    throw new Error(
      'apps/web/dist is missing: run `pnpm --filter @relance/web build` (or `pnpm test:browser`).',
    );
  }
}

/** Debian's Chromium, headless, with nothing that calls home. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
}

/** A context whose navigator.language is `locale`, in a time zone (Paris by default), with a desktop viewport. */
export async function newContext(
  browser: Browser,
  baseURL: string,
  locale = 'fr-FR',
  timezoneId = 'Europe/Paris',
): Promise<BrowserContext> {
  const context = await browser.newContext({
    baseURL,
    locale,
    timezoneId,
    viewport: { width: 1360, height: 900 },
  });
  // fail on the step that waits, well before the test's own timeout
  context.setDefaultTimeout(10_000);
  return context;
}

/**
 * Collects uncaught page errors and console errors, to assert that a flow ran clean. The 401 of the
 * session check before login is expected (Chromium logs every failed request), nothing else is.
 */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    if (/status of 401/.test(msg.text()) && msg.location().url.endsWith('/api/auth/me')) return;
    errors.push(`console: ${msg.text()} (${msg.location().url})`);
  });
  return errors;
}

/** Logs in through the login form and waits for the shell. */
export async function logIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/login');
  await page.locator('input[name="email"]').fill(email);
  await page.locator('input[name="password"]').fill(password);
  await page.locator('button[type="submit"]').click();
  await page.getByTestId('current-user').waitFor({ state: 'attached' });
}

/**
 * Waits for `done` (a step's success), but fails at once with the message of the app's problem alert
 * when the API refuses the step, instead of timing out.
 */
export async function untilDoneOrProblem(page: Page, done: Promise<unknown>): Promise<void> {
  const problem = page.getByTestId('problem');
  await Promise.race([
    done,
    problem.waitFor().then(async () => {
      throw new Error(`the app shows a problem: ${await problem.textContent()}`);
    }),
  ]);
}
