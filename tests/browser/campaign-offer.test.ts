import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app-server';
import { assertWebBuilt, launchChromium, logIn, newContext, watchErrors } from './support/browser';

/** Text with the French narrow and non-breaking spaces made plain. */
const plain = (text: string | null) => (text ?? '').replace(/\s/g, ' ').trim();

describe('planning defaults and offers', () => {
  let app: TestApp;
  let browser: Browser;
  const storedSettings = async () =>
    (
      await app.database.sql<
        {
          value: {
            unitCosts: { email: { pricePerThousandCents: number } };
            rates: { email: { responseRate: number } };
          };
        }[]
      >`
      SELECT value FROM settings WHERE key = 'planning'`
    )[0]?.value;

  beforeAll(async () => {
    assertWebBuilt();
    app = await startTestApp();
    browser = await launchChromium();
    // six customers tagged "promo-client": 1, 2 and 3 bought with a promotion or a voucher 10, 20 and 40 days ago,
    // 4 with a promotion 200 days ago (outside the 90-day window), 5 at full price last week, 6 never;
    // one untagged contact bought with a promotion yesterday (not in the audience)
    const ids = await app.database.sql<{ id: string }[]>`
      INSERT INTO contacts (last_name, tags)
      SELECT 'Client ' || i, CASE WHEN i <= 6 THEN ARRAY['promo-client'] ELSE ARRAY[]::text[] END
        FROM generate_series(1, 7) i
      RETURNING id`;
    const id = (n: number) => Number(ids[n - 1]!.id);
    await app.database.sql`
      INSERT INTO orders (contact_id, ordered_at, amount_cents, promo, voucher) VALUES
        (${id(1)}, now() - interval '10 days', 9000, true, false),
        (${id(2)}, now() - interval '20 days', 9000, false, true),
        (${id(3)}, now() - interval '40 days', 9000, true, true),
        (${id(4)}, now() - interval '200 days', 9000, true, false),
        (${id(5)}, now() - interval '7 days', 9000, false, false),
        (${id(7)}, now() - interval '1 day', 9000, true, false)`;
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('an admin raises a default unit cost, refused while negative', async () => {
    const context = await newContext(browser, app.url, 'fr-FR');
    const page = await context.newPage();
    const errors = watchErrors(page);
    await logIn(page, 'admin@relance.example');
    await page.getByTestId('nav-planning-settings').click();
    const form = page.getByTestId('planning-settings');
    await form.waitFor();
    const emailPrice = form.getByTestId('unit-email-pricePerThousandCents');
    expect(await emailPrice.inputValue()).toBe('1,00 €');

    // a negative price and an absurd one: said next to each field, nothing saved
    await emailPrice.fill('-2');
    const smsPrice = form.getByTestId('unit-sms-pricePerSegmentCents');
    await smsPrice.fill('600');
    await form.getByTestId('save-planning-settings').click();
    await form.getByText('The price per thousand emails cannot be negative').waitFor();
    await form.getByText('The price per SMS segment cannot exceed 1 €: check the figure').waitFor();
    expect(await storedSettings()).toBeUndefined();

    await smsPrice.fill('0,06');
    await emailPrice.fill('4');
    // and the expected response rate of an email, from past campaigns
    await form.getByTestId('rates-email-responseRate').fill('3');
    await form.getByTestId('save-planning-settings').click();
    await page.getByText('Valeurs de planification enregistrées').waitFor();
    expect((await storedSettings())?.unitCosts.email.pricePerThousandCents).toBe(400);
    expect((await storedSettings())?.rates.email.responseRate).toBe(0.03);
    await page.screenshot({ path: '/tmp/planning-settings.png', fullPage: true });
    expect(errors).toEqual([]);
    await context.close();
  });

  it('a marketer gets the new cost on a new step, and the offer warnings live', async () => {
    const context = await newContext(browser, app.url, 'fr-FR');
    const page = await context.newPage();
    const errors = watchErrors(page);
    await logIn(page, 'marketer@relance.example');
    // a marketer cannot change the defaults
    expect(await page.getByTestId('nav-planning-settings').count()).toBe(0);
    await page.goto('/campaigns/new');
    const builder = page.getByTestId('campaign-builder');
    await builder.waitFor();
    await page.getByTestId('campaign-name').fill('Fidèles −30 %');
    await builder.getByText('Un tag', { exact: true }).click();
    await page.getByTestId('audience-tag').fill('promo-client');
    await page.getByTestId('average-order-value').fill('100');
    await page.getByTestId('margin-rate').fill('40');

    await page.getByTestId('add-step').click();
    const email = page.getByTestId('step').nth(1);
    const price = email.getByLabel('Prix pour 1 000 e-mails');
    expect(await price.inputValue()).toBe('4,00 €');
    expect(await email.getByText('par défaut : 4,00 €', { exact: true }).count()).toBe(1);
    expect(await email.getByTestId('step-response-rate').inputValue()).toBe('3 %');
    expect(await email.getByText('par défaut : 3 %', { exact: true }).count()).toBe(1);

    // a 30 % discount: above the 15 % threshold, and three contacts of the audience were discounted in 90 days
    await page.getByTestId('offer-enabled').click();
    const offer = page.getByTestId('offer-card');
    await offer.getByTestId('offer-discount-percent').fill('30');
    const addiction = offer.getByTestId('offer-warning-discount_addiction');
    await addiction.waitFor();
    expect(plain(await addiction.textContent())).toContain('Une remise de 30 % dépasse le seuil de 15 %');
    const recent = offer.getByTestId('offer-warning-recently_discounted');
    await recent.waitFor();
    expect(plain(await recent.textContent())).toBe(
      "Contacts de cette audience ayant déjà bénéficié d'une remise ces 90 derniers jours : 3.",
    );
    // 30 % of a 100 € order
    expect(plain(await offer.getByTestId('offer-incentive-value').textContent())).toBe('30,00 €');
    await page.screenshot({ path: '/tmp/campaign-offer.png', fullPage: true });

    // 10 %: under the threshold, the recently discounted stay
    await offer.getByTestId('offer-discount-percent').fill('10');
    await expect
      .poll(() => offer.getByTestId('offer-warning-discount_addiction').count(), { timeout: 10_000 })
      .toBe(0);
    expect(await offer.getByTestId('offer-warning-recently_discounted').count()).toBe(1);

    // a gift instead: no warning at all
    await offer.getByText('Matérielle', { exact: true }).click();
    await expect
      .poll(() => offer.getByTestId('offer-warning-recently_discounted').count(), { timeout: 10_000 })
      .toBe(0);

    // a coupon code: one too short is refused next to the field on saving (the domain's message), then a good one
    const coupon = offer.getByTestId('offer-coupon-code');
    await coupon.fill('x');
    await page.getByTestId('save-campaign').click();
    await offer.getByText('A coupon code has 3 to 30 letters', { exact: false }).waitFor();
    expect(page.url()).toMatch(/\/campaigns\/new$/);
    await coupon.fill('bienvenue-10');
    expect(await offer.getByText('A coupon code has 3 to 30 letters', { exact: false }).count()).toBe(0);

    await page.getByTestId('save-campaign').click();
    await page.waitForURL(/\/campaigns\/[0-9a-f-]{36}$/);
    const campaignId = page.url().split('/').at(-1)!;
    const [row] = await app.database.sql<{ plan: { offer: { type: string; couponCode: string } } }[]>`
      SELECT plan FROM campaigns WHERE id = ${campaignId}`;
    expect(row?.plan.offer.type).toBe('material');
    // kept across the change of offer type, stored in upper case
    expect(row?.plan.offer.couponCode).toBe('BIENVENUE-10');
    const [step] = await app.database.sql<{ definition: { unit: { pricePerThousandCents: number } } }[]>`
      SELECT definition FROM campaign_steps WHERE campaign_id = ${campaignId} AND position = 2`;
    expect(step?.definition.unit.pricePerThousandCents).toBe(400);
    expect(errors).toEqual([]);
    await context.close();
  });
});
