import { applySendEvents } from '@relance/db/queries/send-events-apply';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app-server';
import { type SentFixture, sentEmailCampaign } from '../support/tracking-fixtures';
import { assertWebBuilt, launchChromium, logIn, newContext, watchErrors } from './support/browser';

const plain = (text: string | null) => (text ?? '').replace(/\s/g, ' ').trim();

describe('the board, seen by a manager', () => {
  let app: TestApp;
  let browser: Browser;
  let f: SentFixture;

  beforeAll(async () => {
    assertWebBuilt();
    app = await startTestApp({ worker: false });
    const { db, sql } = app.database;
    f = await sentEmailCampaign(db, sql, 40);
    const id = f.campaign.campaign.id;
    await sql`UPDATE campaigns SET status = 'testing', name = 'Relance printemps' WHERE id = ${id}`;
    await sql`UPDATE send_waves SET due_at = now() - interval '2 days' WHERE campaign_id = ${id}`;
    await sql`INSERT INTO campaign_phases (campaign_id, phase, started_at) VALUES (${id}, 'test', now() - interval '2 days')`;
    const s = f.sends;
    await applySendEvents(db, [
      { sendId: s[0]!.id, kind: 'responded', source: 'link', sourceId: 'r0' },
      { sendId: s[1]!.id, kind: 'responded', source: 'link', sourceId: 'r1' },
      { sendId: s[0]!.id, kind: 'sold', source: 'redemption', sourceId: 's0', amountCents: 12_345 },
      { sendId: s[2]!.id, kind: 'sold', source: 'redemption', sourceId: 's2', amountCents: 10_000 },
    ]);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('opens a campaign’s board from the campaign page and reads its figures, chart and CSV links', async () => {
    const context = await newContext(browser, app.url, 'fr-FR');
    const page = await context.newPage();
    const errors = watchErrors(page);
    await logIn(page, 'manager@relance.example');
    await page.goto(`${app.url}/campaigns/${f.campaign.campaign.id}`);
    await page.getByTestId('open-board').click();
    await page.getByTestId('campaign-board').waitFor();
    expect(page.url()).toContain(`/campaigns/${f.campaign.campaign.id}/board`);
    expect(plain(await page.getByTestId('board-sent').textContent())).toBe('40');
    // responders: sends 1, 2 and 3 (a sale without a response is a responder too)
    expect(plain(await page.getByTestId('board-responses').textContent())).toBe('3');
    expect(plain(await page.getByTestId('board-sales').textContent())).toBe('2');
    expect(plain(await page.getByTestId('board-revenue').textContent())).toBe('223,45 €');
    expect(plain(await page.getByTestId('board-return-rate').textContent())).toBe('7,5 %');
    // per channel and per variant (sends 1 and 3 in group A, send 2 in group B)
    expect(plain(await page.getByTestId('channels-email-sales').textContent())).toBe('2');
    expect(plain(await page.getByTestId('variants-A-revenue').textContent())).toBe('223,45 €');
    expect(plain(await page.getByTestId('variants-B-responses').textContent())).toBe('1');
    // the returns chart is drawn by the chart library
    await page.locator('[data-testid="board-returns"] .recharts-surface').first().waitFor();
    expect(await page.getByTestId('channels-csv').getAttribute('href')).toBe(
      `/api/campaigns/${f.campaign.campaign.id}/board.csv?table=channels`,
    );
    const csv = await page.request.get(
      `${app.url}/api/campaigns/${f.campaign.campaign.id}/board.csv?table=channels`,
    );
    expect(await csv.text()).toContain('Relance printemps;email;40;');
    // (the campaign page's live forecast refuses the fixture's plan, written without content: not the board's)
    expect(errors.filter((e) => !e.includes('/api/campaigns/forecast'))).toEqual([]);
    await context.close();
  });

  it('shows the portfolio in the menu, in English too', async () => {
    const context = await newContext(browser, app.url, 'en-GB');
    const page = await context.newPage();
    await logIn(page, 'manager@relance.example');
    await page.getByTestId('nav-board').click();
    await page.getByTestId('portfolio').waitFor();
    const row = `portfolio-campaigns-${f.campaign.campaign.id}`;
    expect(plain(await page.getByTestId(`${row}-sales`).textContent())).toBe('2');
    expect(plain(await page.getByTestId(`${row}-revenue`).textContent())).toBe('€223.45');
    expect(plain(await page.getByTestId('portfolio-channels-email-sent').textContent())).toBe('40');
    await context.close();
  });
});
