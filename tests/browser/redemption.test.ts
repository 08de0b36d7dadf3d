import { formatTrackingCode, generateTrackingCodes } from '@relance/domain/tracking-code';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app-server';
import { type SentFixture, sentEmailCampaign } from '../support/tracking-fixtures';
import { assertWebBuilt, launchChromium, logIn, newContext, watchErrors } from './support/browser';

const plain = (text: string | null) => (text ?? '').replace(/\s/g, ' ').trim();

describe('a sale recorded by code at the counter, seen on the board', () => {
  let app: TestApp;
  let browser: Browser;
  let fixture: SentFixture;
  let codes: string[];

  beforeAll(async () => {
    assertWebBuilt();
    app = await startTestApp({ worker: false });
    fixture = await sentEmailCampaign(app.database.db, app.database.sql, 3);
    codes = generateTrackingCodes(3);
    // real codes, as the dispatch engine draws them (the fixture's are readable placeholders)
    await app.database.sql`
      UPDATE sends s SET tracking_code = v.code
        FROM unnest(${fixture.sends.map((s) => s.id)}::bigint[], ${codes}::text[]) AS v(id, code)
       WHERE s.id = v.id`;
    // the campaign's offer carries a coupon code
    await app.database.sql`
      UPDATE campaigns SET plan = jsonb_set(plan, '{offer}',
        '{"type":"material","giftValueCents":500,"expectedTakeUp":0.5,"couponCode":"BIENVENUE10"}')
       WHERE id = ${fixture.campaign.campaign.id}`;
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('types a code (lower case, dashes), sees whom it is, records a sale, then a coupon sale; the manager sees both on the board', async () => {
    const context = await newContext(browser, app.url);
    const page = await context.newPage();
    const errors = watchErrors(page);
    await logIn(page, 'agent@relance.example');
    await page.getByTestId('nav-redeem').first().click();

    // a typing mistake first: said so, nothing recorded
    const code = codes[1]!;
    const typo = code.slice(0, 9) + (code[9] === 'A' ? 'B' : 'A');
    await page.getByTestId('redeem-code').fill(typo);
    await page.getByTestId('redeem-code').press('Enter');
    await page.getByTestId('redeem-typo').waitFor();

    // as a scanner would: the code, then Enter
    await page.getByTestId('redeem-code').fill(formatTrackingCode(code).toLowerCase());
    await page.getByTestId('redeem-code').press('Enter');
    await page.getByTestId('redeem-details').waitFor();
    expect(plain(await page.getByTestId('redeem-contact').textContent())).toBe('Prénom2 Nom2');
    expect(plain(await page.getByTestId('redeem-campaign').textContent())).toBe(
      fixture.campaign.campaign.name,
    );
    await page.getByTestId('redeem-nothing-yet').waitFor();

    await page.getByTestId('redeem-amount').fill('129,90');
    await page.getByTestId('redeem-amount').press('Enter');
    await page.getByTestId('redeem-done').waitFor();
    expect(plain(await page.getByTestId('redeem-done').textContent())).toMatch(/129,90/);
    // ready for the next code
    expect(await page.getByTestId('redeem-code').inputValue()).toBe('');

    // the same code again shows what is recorded on it
    await page.getByTestId('redeem-code').fill(code);
    await page.getByTestId('redeem-code').press('Enter');
    await page.getByTestId('redeem-already').waitFor();
    expect(plain(await page.getByTestId('redeem-already').textContent())).toMatch(/Vente · 129,90/);

    // the campaign's coupon, typed for a customer nobody can name: a sale credited to the campaign, to no send
    await page.getByTestId('redeem-code').fill('bienvenue 10');
    await page.getByTestId('redeem-code').press('Enter');
    await page.getByTestId('redeem-details').waitFor();
    expect(plain(await page.getByTestId('redeem-campaign').textContent())).toBe(
      fixture.campaign.campaign.name,
    );
    await page.getByTestId('redeem-amount').fill('50');
    await page.getByTestId('redeem-confirm').click();
    await page.getByTestId('redeem-done').waitFor();
    expect(errors).toEqual([]);
    await context.close();

    const managerContext = await newContext(browser, app.url);
    const manager = await managerContext.newPage();
    await logIn(manager, 'manager@relance.example');
    await manager.goto(`/campaigns/${fixture.campaign.campaign.id}/board`);
    await manager.getByTestId('board-totals').waitFor();
    // the code's sale on its step, the coupon's on the "Coupon, no send" row; both in the totals
    expect(plain(await manager.getByTestId('board-sales').textContent())).toBe('2');
    expect(plain(await manager.getByTestId('board-revenue').textContent())).toMatch(/179,90/);
    expect(plain(await manager.getByTestId('steps-1-revenue').textContent())).toMatch(/129,90/);
    expect(plain(await manager.getByTestId('steps-row-direct').textContent())).toMatch(/^Coupon, sans envoi/);
    expect(plain(await manager.getByTestId('steps-direct-revenue').textContent())).toMatch(/50,00/);
    await manager.getByTestId('steps-footnote').waitFor();
    await managerContext.close();
  });
});
