import { createCallbackTasks } from '@relance/db/queries/callback-tasks';
import { saveCallingRules } from '@relance/db/queries/calling-rules';
import { DEFAULT_CALLING_RULES } from '@relance/domain/callbacks/calling-rules';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app-server';
import { abEmailPlan, alwaysOpen, createPlannedCampaign } from '../support/dispatch-fixtures';
import { assertWebBuilt, launchChromium, logIn, newContext, watchErrors } from './support/browser';

describe('the call screen in the browser', () => {
  let app: TestApp;
  let browser: Browser;
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    assertWebBuilt();
    app = await startTestApp({ worker: false });
    browser = await launchChromium();
    const { sql, db } = app.database;
    // calls allowed at any hour, so that the test runs whatever the time
    await saveCallingRules(db, { ...DEFAULT_CALLING_RULES, window: alwaysOpen as never });
    const campaign = await createPlannedCampaign(
      db,
      abEmailPlan({
        name: 'Reconquête printemps',
        offer: { type: 'material', giftValueCents: 500, expectedTakeUp: 0.5, couponCode: 'PRINTEMPS15' },
        steps: [
          {
            channel: 'phone',
            offsetDays: 0,
            content: {
              script: 'Bonjour {{firstName}}, ici Maison Relance. Code {{couponCode|aucun}}.',
              offer: '-15 % sur votre commande',
            },
            sendWindow: alwaysOpen,
          },
        ],
      } as never),
    );
    for (const [first, last, mobile] of [
      ['Alice', 'Alpha', '+33611111111'],
      ['Bruno', 'Bravo', '+33622222222'],
      ['Chloé', 'Charlie', '+33633333333'],
    ] as const) {
      const [row] = await sql<{ id: number }[]>`
        INSERT INTO contacts (first_name, last_name, mobile) VALUES (${first}, ${last}, ${mobile}) RETURNING id::float8 AS id`;
      ids[last] = row!.id;
    }
    await createCallbackTasks(db, [
      {
        source: 'hot_prospect',
        sourceKey: 'alpha',
        contactId: ids.Alpha!,
        reason: 'A cliqué : Reconquête printemps',
        priority: 30,
        campaignId: campaign.campaign.id,
        stepId: campaign.steps[0]!.id,
      },
      {
        source: 'winback',
        sourceKey: 'bravo',
        contactId: ids.Bravo!,
        reason: 'Score de réactivation 8/10',
        priority: 20,
      },
      {
        source: 'manual',
        sourceKey: 'charlie',
        contactId: ids.Charlie!,
        reason: 'Demande de rappel',
        priority: 0,
      },
    ]);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('lets an agent work through three calls with the keyboard only', async () => {
    const context = await newContext(browser, app.url, 'fr-FR');
    const page = await context.newPage();
    const errors = watchErrors(page);
    await logIn(page, 'agent@relance.example');
    await page.goto('/calls');
    await page.getByTestId('call-next').waitFor();
    const name = page.getByTestId('call-contact-name');
    const saved = page.getByTestId('call-saved');

    // 1. the hottest first: a sale of 120,50 €
    await page.keyboard.press('n');
    await name.getByText('Alice Alpha').waitFor();
    expect(await page.getByTestId('call-script-text').textContent()).toBe(
      // the campaign's coupon code, as every channel prints it
      'Bonjour Alice, ici Maison Relance. Code PRINTEMPS15.',
    );
    expect(await page.getByTestId('call-offer').textContent()).toBe('-15 % sur votre commande');
    await page.keyboard.press('6');
    await page.getByTestId('outcome-amount').waitFor();
    await page.keyboard.type('120,50');
    await page.keyboard.press('Enter');
    await saved.getByText('Enregistré : Vente.', { exact: false }).waitFor();

    // 2. a note, then "call back at…" with the time proposed
    await page.keyboard.press('n');
    await name.getByText('Bruno Bravo').waitFor();
    await page.keyboard.press('m');
    await page.keyboard.type('Rappeler après 18 h');
    await page.keyboard.press('Escape');
    await page.keyboard.press('4');
    await page.getByTestId('outcome-next-call').waitFor();
    await page.keyboard.press('Enter');
    await saved.getByText('Enregistré : Rappeler à…', { exact: false }).waitFor();

    // 3. not interested, with the reason
    await page.keyboard.press('n');
    await name.getByText('Chloé Charlie').waitFor();
    await page.keyboard.press('7');
    await page.getByTestId('outcome-reason').waitFor();
    await page.keyboard.type('Déjà équipée');
    await page.keyboard.press('Enter');
    await saved.getByText('Enregistré : Pas intéressé.', { exact: false }).waitFor();

    // nothing left to call now (Bravo is to be called back later)
    await page.keyboard.press('n');
    await page.getByTestId('empty').getByText('Rien à appeler pour l’instant'.replace('’', "'")).waitFor();

    const calls = await app.database.sql<
      {
        last_name: string;
        outcome: string;
        amount_cents: string | null;
        note: string | null;
        reason: string | null;
      }[]
    >`SELECT c.last_name, a.outcome, a.amount_cents, a.note, a.reason FROM call_attempts a
        JOIN contacts c ON c.id = a.contact_id ORDER BY a.id`;
    expect(calls).toEqual([
      { last_name: 'Alpha', outcome: 'sale', amount_cents: '12050', note: null, reason: null },
      {
        last_name: 'Bravo',
        outcome: 'callback',
        amount_cents: null,
        note: 'Rappeler après 18 h',
        reason: null,
      },
      {
        last_name: 'Charlie',
        outcome: 'not_interested',
        amount_cents: null,
        note: null,
        reason: 'Déjà équipée',
      },
    ]);
    const tasks = await app.database.sql<{ source: string; status: string; later: boolean }[]>`
      SELECT source, status, due_at > now() AS later FROM callback_tasks ORDER BY source_key`;
    expect(tasks).toEqual([
      { source: 'hot_prospect', status: 'done', later: false },
      { source: 'winback', status: 'open', later: true },
      { source: 'manual', status: 'done', later: false },
    ]);
    const locks = await app.database.sql`SELECT 1 FROM callback_contact_locks WHERE locked_until > now()`;
    expect(locks.length).toBe(0);
    expect(errors, JSON.stringify(errors)).toEqual([]);
    await context.close();
  });

  it('shows the manager the agent’s calls, and lets them change the calling rules', async () => {
    const context = await newContext(browser, app.url, 'en-GB');
    const page = await context.newPage();
    const errors = watchErrors(page);
    await logIn(page, 'manager@relance.example');
    await page.goto('/call-centre');
    const agents = page.getByTestId('calls-agents');
    await agents.getByText('Karim Benali').waitFor();
    const row = agents.locator('tr', { hasText: 'Karim Benali' });
    // 3 calls, all reached; 1 sale (120,50 €) out of 3 reached
    expect(await row.locator('td').allTextContents()).toEqual(
      expect.arrayContaining(['3', '100 %', '33.3 %', '1', '€120.50']),
    );
    const rules = page.getByTestId('calling-rules');
    await rules.getByLabel('Calls per contact at most').fill('5');
    await rules.getByLabel('Calling hours').fill('09:30-12:30, 14:00-19:00');
    await rules.getByTestId('calling-rules-save').click();
    await rules.getByText('Saved.').waitFor();
    const [stored] = await app.database.sql<{ value: { maxAttempts: number; window: { hours: unknown } } }[]>`
      SELECT value FROM settings WHERE key = 'calling-rules'`;
    expect(stored!.value.maxAttempts).toBe(5);
    expect(stored!.value.window.hours).toEqual([
      { from: '09:30', to: '12:30' },
      { from: '14:00', to: '19:00' },
    ]);
    expect(errors, JSON.stringify(errors)).toEqual([]);
    await context.close();
  });
});
