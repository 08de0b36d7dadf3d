import type { Browser, Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app-server';
import { assertWebBuilt, launchChromium, logIn, newContext, watchErrors } from './support/browser';

/** Text with the French narrow and non-breaking spaces made plain. */
const plain = (text: string | null) => (text ?? '').replace(/\s/g, ' ').trim();

describe('campaign test plan', () => {
  let app: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    assertWebBuilt();
    app = await startTestApp();
    browser = await launchChromium();
    await app.database.sql`
      INSERT INTO contacts (last_name) SELECT 'Client ' || i FROM generate_series(1, 20000) i`;
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('sets a test plan with the calculator and a variant B on the offer, saves it, finds it again; refuses a sample larger than the audience at its field', async () => {
    const context = await newContext(browser, app.url, 'fr-FR');
    const page = await context.newPage();
    const errors = watchErrors(page);
    await logIn(page, 'marketer@relance.example');
    await page.goto('/campaigns/new');
    await page.getByTestId('campaign-builder').waitFor();
    await page.getByTestId('campaign-name').fill('Reconquête parapluie');
    const text = async (where: Locator) => plain(await where.textContent());
    const byId = (id: string) => page.getByTestId(id);

    // the test plan: the calculator starts from the letter's expected 2 % response rate and a +30 % lift
    const card = byId('test-plan-card');
    await byId('test-plan-enabled').check();
    expect(await byId('test-baseline').inputValue()).toBe('2 %');
    expect(await byId('test-lift').inputValue()).toBe('+30 %');
    // 2 % → 2.6 %: 9,798 contacts per variant, 19,596 for A and B, 98 % of the 20,000 contacts
    await expect.poll(() => text(byId('test-min-share')), { timeout: 10_000 }).toBe('98 %');
    expect(await text(byId('test-min-per-variant'))).toBe('9 798');
    expect(await text(byId('test-min-total'))).toBe('19 596');
    // +20 %: 21,109 per variant, 42,218 in all: more than the audience
    await byId('test-lift').fill('20');
    await byId('test-calculator-warning').waitFor();
    expect(await text(byId('test-calculator-warning'))).toContain('42 218');
    expect(await byId('test-use-minimum').isDisabled()).toBe(true);
    // +50 %: 2 % → 3 % needs 3,826 per variant, 7,652 in all (38.3 %); taken as the sample
    await byId('test-lift').fill('50');
    await expect.poll(() => text(byId('test-min-total'))).toBe('7 652');
    expect(await text(byId('test-min-share'))).toBe('38,3 %');
    expect(await byId('test-calculator-warning').count()).toBe(0);
    await byId('test-use-minimum').click();
    expect(await byId('test-sample-size').inputValue()).toBe('7 652');
    await card.getByText('Automatique', { exact: true }).click();
    // the letter's curve: 80 % of the returns by D+13
    expect(await byId('test-duration').getAttribute('placeholder')).toBe('13');

    // variant B of the letter offers an umbrella worth 15 €
    const step = byId('step').nth(0);
    await step.getByTestId('add-variant').click();
    const variant = step.getByTestId('variant');
    expect(await variant.getAttribute('data-label')).toBe('B');
    expect(await variant.getByTestId('variant-parameter').inputValue()).toBe("L'offre");
    await variant.getByText('Matérielle', { exact: true }).click();
    await variant.getByTestId('variant-offer-description').fill('Un parapluie offert');
    await variant.getByTestId('variant-offer-gift').fill('15');

    // the forecast: the 7,652 of the test go first, 3,826 each; the 12,348 others after D+13
    await expect.poll(() => text(byId('forecast-test-sample')), { timeout: 10_000 }).toBe('7 652 (38,3 %)');
    expect(await text(byId('forecast-test-variants'))).toBe('A 3 826 · B 3 826');
    expect(await text(byId('forecast-test-rollout'))).toBe('12 348 après J+13');
    await page.screenshot({ path: '/tmp/campaign-test-plan.png', fullPage: true });

    await byId('save-campaign').click();
    await page.waitForURL(/\/campaigns\/[0-9a-f-]{36}$/);
    const id = new URL(page.url()).pathname.split('/').at(-1)!;
    const [row] = await app.database.sql<
      { version: number; test_plan: unknown; variants: unknown }[]
    >`SELECT c.version, c.plan->'testPlan' AS test_plan, s.definition->'variants' AS variants
        FROM campaigns c JOIN campaign_steps s ON s.campaign_id = c.id AND s.position = 1
       WHERE c.id = ${id}`;
    expect(row).toEqual({
      version: 1,
      test_plan: {
        sample: { mode: 'absolute', size: 7652 },
        winnerMetric: 'response_rate',
        rollout: 'automatic',
        calculator: { baselineRate: 0.02, relativeLift: 0.5 },
      },
      variants: [
        {
          label: 'B',
          differsOn: 'offer',
          offer: {
            type: 'material',
            description: 'Un parapluie offert',
            giftValueCents: 1500,
            expectedTakeUp: 0.5,
          },
        },
      ],
    });

    // reloaded, the page shows what was saved
    await page.reload();
    await page.getByTestId('campaign-builder').waitFor();
    expect(await byId('test-sample-size').inputValue()).toBe('7 652');
    expect(await byId('test-lift').inputValue()).toBe('+50 %');
    expect(await card.getByRole('radio', { name: 'Automatique' }).isChecked()).toBe(true);
    const reloaded = byId('step').nth(0).getByTestId('variant');
    expect(await reloaded.getByTestId('variant-parameter').inputValue()).toBe("L'offre");
    expect(await reloaded.getByTestId('variant-offer-description').inputValue()).toBe('Un parapluie offert');
    expect(await reloaded.getByTestId('variant-offer-gift').inputValue()).toBe('15,00 €');

    // 25,000 contacts for a 20,000-contact audience: refused at the field, before and on save
    await byId('test-sample-size').fill('25000');
    const sampleError = card.getByText('The audience has 20000 contacts: choose at most 20000');
    await sampleError.waitFor();
    const refused = page.waitForResponse(
      (r) => r.url().endsWith(`/api/campaigns/${id}`) && r.request().method() === 'PUT',
    );
    await byId('save-campaign').click();
    expect((await refused).status()).toBe(422);
    expect(await sampleError.count()).toBe(1);
    const [after] = await app.database.sql<{ version: number; size: number }[]>`
      SELECT version, (plan->'testPlan'->'sample'->>'size')::int AS size FROM campaigns WHERE id = ${id}`;
    expect(after).toEqual({ version: 1, size: 7652 });
    expect(errors.filter((e) => !/status of 422/.test(e))).toEqual([]);
    await context.close();
  });
});
