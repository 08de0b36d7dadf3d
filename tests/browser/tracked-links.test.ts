import { formatTrackingCode, generateTrackingCodes } from '@relance/domain/tracking-code';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app-server';
import { abEmailPlan, createPlannedCampaign } from '../support/dispatch-fixtures';
import { type SentFixture, sentEmailCampaign } from '../support/tracking-fixtures';
import { assertWebBuilt, launchChromium, logIn, newContext, watchErrors } from './support/browser';

describe('tracked links and landing pages', () => {
  let app: TestApp;
  let browser: Browser;
  let f: SentFixture;
  let codes: string[];

  beforeAll(async () => {
    assertWebBuilt();
    app = await startTestApp({ worker: false });
    browser = await launchChromium();
    f = await sentEmailCampaign(app.database.db, app.database.sql, 4);
    codes = generateTrackingCodes(f.sends.length);
    await app.database.sql`
      UPDATE sends s SET tracking_code = v.code
        FROM unnest(${f.sends.map((s) => s.id)}::bigint[], ${codes}::text[]) AS v(id, code)
       WHERE s.id = v.id`;
    // the campaign's offer, no landing page anywhere: its links lead to the page Relance hosts
    await app.database.sql`
      UPDATE campaigns SET plan = plan || ${JSON.stringify({
        offer: {
          type: 'financial',
          description: '-20 % sur votre prochaine commande',
          discount: { kind: 'percent', rate: 0.2 },
          expectedTakeUp: 0.3,
        },
        endsOn: '2026-06-30',
      })}::jsonb
       WHERE id = ${f.campaign.campaign.id}`;
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('a recipient opens a tracked link, lands on the hosted page, says "interested": the send is a response', async () => {
    const context = await newContext(browser, app.url, 'fr-FR');
    const page = await context.newPage();
    const errors = watchErrors(page);
    const send = f.sends[2]!;
    // the code as printed on a letter, typed by hand: lower case, with its dash
    await page.goto(`/r/${formatTrackingCode(codes[2]!).toLowerCase()}`);
    await page.waitForURL(new RegExp(`/l/${codes[2]}$`));
    expect(await page.locator('h1').textContent()).toBe('Votre offre');
    expect(await page.locator('.offer').textContent()).toBe('-20 % sur votre prochaine commande');
    expect(await page.getByText('Valable jusqu’au 30 juin 2026.').count()).toBe(1);
    await page.screenshot({ path: '/tmp/hosted-landing.png' });

    await page.getByRole('button', { name: 'Je suis intéressé(e)' }).click();
    await page.locator('h1[data-state="responded"]').waitFor();
    expect(await page.locator('h1').textContent()).toBe('Merci !');
    expect(page.url()).toBe(`${app.url}/l/${codes[2]}`);
    // back and press again: still one response
    await page.goBack();
    const again = page.getByRole('button', { name: 'Je suis intéressé(e)' });
    if (await again.count()) await again.click();

    const outcomes = await app.database.sql<{ kind: string }[]>`
      SELECT kind::text FROM send_outcomes WHERE send_id = ${send.id} ORDER BY kind`;
    expect(outcomes.map((o) => o.kind)).toEqual(expect.arrayContaining(['clicked', 'responded']));
    const responses = await app.database.sql<{ n: number }[]>`
      SELECT count(*)::int AS n FROM send_events WHERE send_id = ${send.id} AND kind = 'responded'`;
    expect(responses[0]!.n).toBe(1);
    const [rollup] = await app.database.sql<{ contacts: number }[]>`
      SELECT contacts FROM send_rollups
       WHERE step_id = ${f.campaign.steps[0]!.id} AND variant = ${send.variant} AND kind = 'responded'`;
    expect(rollup!.contacts).toBe(1);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('the unsubscribe page in English asks to confirm; confirming unsubscribes', async () => {
    const context = await newContext(browser, app.url, 'en-GB');
    const page = await context.newPage();
    const send = f.sends[3]!;
    await page.goto(`/unsubscribe/${codes[3]}`);
    expect(await page.locator('h1').textContent()).toBe('Unsubscribe');
    const count = async () =>
      (
        await app.database.sql<{ n: number }[]>`
          SELECT count(*)::int AS n FROM send_events WHERE send_id = ${send.id} AND kind = 'unsubscribed'`
      )[0]!.n;
    expect(await count()).toBe(0);
    await page.getByRole('button', { name: 'Confirm unsubscribe' }).click();
    await page.locator('h1[data-state="unsubscribed"]').waitFor();
    expect(await count()).toBe(1);
    await context.close();
  });

  it('a marketer sets the landing pages of a campaign, a step and a message variant in the builder', async () => {
    // one email step with a message variant B
    const base = abEmailPlan({
      name: 'Landing pages',
      // a sample that fits the fixture's audience, so that the plan saves
      testPlan: { sample: { mode: 'absolute', size: 2 }, winnerMetric: 'response_rate', rollout: 'manual' },
    });
    const draft = await createPlannedCampaign(app.database.db, { ...base, steps: [base.steps[0]!] });
    const context = await newContext(browser, app.url, 'fr-FR');
    const page = await context.newPage();
    const errors = watchErrors(page);
    await logIn(page, 'marketer@relance.example');
    await page.goto(`/campaigns/${draft.campaign.id}`);
    const step1 = page.locator('[data-testid="step"][data-index="0"]');
    await step1.getByTestId('landing-url-step').fill('http://boutique.example/printemps');
    await page.getByTestId('save-campaign').click();
    // an http address is refused next to the field
    await step1.getByText('full https address').waitFor();

    await page.getByTestId('landing-url-campaign').fill('https://boutique.example/');
    await step1.getByTestId('landing-url-step').fill('https://boutique.example/printemps?ref=mail');
    await step1.getByTestId('landing-url-variant').fill('https://boutique.example/b');
    await page.getByTestId('save-campaign').click();
    const stored = async () =>
      (
        await app.database.sql<{ campaign: string | null; step: string | null; variant: string | null }[]>`
          SELECT c.plan->>'landingUrl' AS campaign, st.definition->>'landingUrl' AS step,
                 st.definition->'variants'->0->>'landingUrl' AS variant
            FROM campaigns c JOIN campaign_steps st ON st.campaign_id = c.id AND st.position = 1
           WHERE c.id = ${draft.campaign.id}`
      )[0];
    const until = Date.now() + 10_000;
    while ((await stored())?.variant == null && Date.now() < until) await page.waitForTimeout(100);
    expect(await stored()).toEqual({
      campaign: 'https://boutique.example/',
      step: 'https://boutique.example/printemps?ref=mail',
      variant: 'https://boutique.example/b',
    });
    // the saved values come back in the form
    await page.reload();
    await page.getByTestId('landing-url-campaign').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('landing-url-campaign').inputValue()).toBe('https://boutique.example/');
    expect(await step1.getByTestId('landing-url-step').inputValue()).toBe(
      'https://boutique.example/printemps?ref=mail',
    );
    expect(errors).toEqual([]);
    await context.close();
  }, 60_000);
});
