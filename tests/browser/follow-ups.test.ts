import { applySendEvents } from '@relance/db/queries/send-events-apply';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app-server';
import { type SentFixture, sentEmailCampaign } from '../support/tracking-fixtures';
import { assertWebBuilt, launchChromium, logIn, newContext, watchErrors } from './support/browser';

/** Drags with the mouse in small steps, as a person does (dnd-kit starts a drag after a few pixels). */
async function drag(page: Page, from: Locator, to: Locator): Promise<void> {
  const a = (await from.boundingBox())!;
  const b = (await to.boundingBox())!;
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move(a.x + a.width / 2 + 10, a.y + a.height / 2, { steps: 3 });
  await page.mouse.move(b.x + b.width / 2, b.y + 60, { steps: 15 });
  await page.mouse.up();
}

describe('the follow-up board in the browser', () => {
  let app: TestApp;
  let browser: Browser;
  let f: SentFixture;

  beforeAll(async () => {
    assertWebBuilt();
    app = await startTestApp({ worker: false });
    browser = await launchChromium();
    f = await sentEmailCampaign(app.database.db, app.database.sql, 3);
    await applySendEvents(
      app.database.db,
      f.sends.map((s) => ({ sendId: s.id, kind: 'responded', source: 'survey', sourceId: `r-${s.id}` })),
    );
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  const followUpOf = async (sendId: number) => {
    const [row] = await app.database.sql<{ id: string; stage: string; quote_cents: string | null }[]>`
      SELECT id, stage, quote_cents FROM follow_ups WHERE send_id = ${sendId}`;
    return row!;
  };

  it('drags a card from response to quote with an amount', async () => {
    const context = await newContext(browser, app.url, 'fr-FR');
    const page = await context.newPage();
    const errors = watchErrors(page);
    await logIn(page, 'agent@relance.example');
    await page.getByTestId('nav-follow-ups').click();
    await page.getByTestId('follow-up-board').waitFor();
    expect(await page.getByTestId('column-response-count').textContent()).toBe('3');

    const fu = await followUpOf(f.sends[0]!.id);
    const card = page.getByTestId(`follow-up-card-${fu.id}`);
    await drag(page, card, page.getByTestId('column-quote'));
    const dialog = page.getByRole('dialog');
    await dialog.getByText('Suivi de').waitFor();
    await dialog.getByTestId('move-amount').fill('1250,50');
    await dialog.getByTestId('move-submit').click();
    await page.getByTestId('column-quote').getByTestId(`follow-up-card-${fu.id}`).waitFor();
    expect(await page.getByTestId('column-quote').getByTestId('card-amount').textContent()).toMatch(
      /1\s?250,50\s€/,
    );
    expect(await followUpOf(f.sends[0]!.id)).toMatchObject({ stage: 'quote', quote_cents: '125050' });
    const [event] = await app.database.sql<{ kind: string; amount_cents: string }[]>`
      SELECT kind, amount_cents FROM send_events WHERE send_id = ${f.sends[0]!.id} AND source = 'follow_up'`;
    expect(event).toEqual({ kind: 'quoted', amount_cents: '125050' });

    // the contact's timeline: the send, the response and the move on the board
    await page.goto(`/contacts/${f.sends[0]!.contactId}`);
    const timeline = page.getByTestId('timeline');
    await timeline.getByText(/^Suivi : devis · 1\s?250,50\s€$/).waitFor();
    await timeline.getByText('A répondu').waitFor();
    await timeline
      .getByText(/^E-mail envoyé : /)
      .first()
      .waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });

  it('moves a card with the keyboard through its move menu, with a field error first', async () => {
    const context = await newContext(browser, app.url, 'en-GB');
    const page = await context.newPage();
    const errors = watchErrors(page);
    await logIn(page, 'agent@relance.example');
    await page.goto(`/follow-ups?campaign=${f.campaign.campaign.id}`);
    await page.getByTestId('follow-up-board').waitFor();

    const fu = await followUpOf(f.sends[1]!.id);
    const card = page.getByTestId(`follow-up-card-${fu.id}`);
    // Tab to the card's menu button, open it with Enter, pick "Sale" with the arrows
    await card.getByTestId('card-move-menu').focus();
    await page.keyboard.press('Enter');
    await page.getByRole('menu').waitFor();
    // the menu takes the focus once its opening transition is over: arrows pressed before are lost
    await page.waitForFunction(() => document.activeElement?.closest('[role="menu"]') != null);
    await page.keyboard.press('ArrowDown');
    await page.waitForFunction(() => document.activeElement?.hasAttribute('data-menu-item') === true);
    await page.keyboard.press('ArrowDown');
    const focused = await page.evaluate(() => document.activeElement?.textContent);
    expect(focused).toBe('Sale');
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog');
    await dialog.getByTestId('move-amount').waitFor();
    // an amount far too large is refused next to the field
    await dialog.getByTestId('move-amount').fill('999999999');
    await page.keyboard.press('Enter');
    await dialog.getByText('At most 100,000,000 €').waitFor();
    await dialog.getByTestId('move-amount').fill('480');
    await page.keyboard.press('Enter');
    await page.getByTestId('column-sale').getByTestId(`follow-up-card-${fu.id}`).waitFor();
    expect(await followUpOf(f.sends[1]!.id)).toMatchObject({ stage: 'sale' });

    // the card's details: the move is in its history
    await page
      .getByTestId('column-sale')
      .getByTestId(`follow-up-card-${fu.id}`)
      .getByTestId('card-open')
      .click();
    const drawer = page.getByTestId('follow-up-drawer');
    await drawer.getByText('480.00').first().waitFor();
    expect(await drawer.getByTestId('detail-stage').textContent()).toBe('Sale');
    // the one failure is the refused amount (422), shown next to its field
    expect(errors.filter((e) => !e.includes('422'))).toEqual([]);
    await context.close();
  });
});
