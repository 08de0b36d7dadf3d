import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app-server';
import { apiClient } from '../support/http-client';
import { assertWebBuilt, launchChromium, logIn, newContext, watchErrors } from './support/browser';

/** A Mantine select: open it, pick the option by its label. */
async function choose(page: Page, select: Locator, option: string | RegExp): Promise<void> {
  await select.click();
  await page.getByRole('option', { name: option, exact: typeof option === 'string' }).click();
}

const text = async (locator: Locator) => (await locator.textContent())?.replace(/\s/g, ' ').trim() ?? '';

describe('campaign step content', () => {
  let app: TestApp;
  let browser: Browser;
  const campaignCount = async () =>
    (await app.database.sql<{ n: number }[]>`SELECT count(*)::int AS n FROM campaigns`)[0]!.n;

  beforeAll(async () => {
    assertWebBuilt();
    app = await startTestApp();
    browser = await launchChromium();
    const [row] = await app.database.sql<{ id: number }[]>`
      INSERT INTO contacts (civility, first_name, last_name, email, address_line1, postal_code, city)
      VALUES ('Mme', 'Hélène', 'Lefèvre', 'helene@exemple.fr', '3 rue Mercière', '69002', 'Lyon')
      RETURNING id`;
    await app.database.sql`
      INSERT INTO orders (contact_id, ordered_at, amount_cents) VALUES (${row!.id}, '2026-03-12T10:00:00Z', 5000)`;
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('writes an SMS, an email and a letter, previews them for a real contact, saves and finds them again', async () => {
    const context = await newContext(browser, app.url, 'fr-FR');
    const page = await context.newPage();
    const errors = watchErrors(page);
    await logIn(page, 'marketer@relance.example');
    await page.goto('/campaigns/new');
    await page.getByTestId('campaign-builder').waitFor();
    await page.getByTestId('campaign-name').fill('Reconquête contenus');
    const step = (i: number) => page.getByTestId('step').nth(i);

    // 1. an SMS: the counter follows the text, GSM-7 until a character forces UCS-2
    await choose(page, step(0).getByTestId('step-channel'), 'SMS');
    await step(0).getByTestId('step-content-toggle').click();
    const sms = step(0).getByTestId('sms-text');
    await sms.fill('Bonjour {{firstName}}, -20% ce week-end. STOP au 36180');
    expect(await text(step(0).getByTestId('sms-encoding'))).toBe('GSM-7');
    // "Bonjour Claire, -20% ce week-end. STOP au 36180" with the example contact: 47 characters
    expect(await text(step(0).getByTestId('sms-characters'))).toBe('47 caractères');
    expect(await text(step(0).getByTestId('sms-segments'))).toBe('1 SMS sur 10 au plus');
    await sms.press('End');
    await page.keyboard.type(' Fête 🎉');
    expect(await text(step(0).getByTestId('sms-encoding'))).toBe('UCS-2');
    expect(await text(step(0).getByTestId('sms-ucs2-reason'))).toContain('ê 🎉');
    expect(await text(step(0).getByTestId('sms-characters'))).toBe('54 caractères');
    // 11 SMS: over the limit, said at once
    await sms.fill('ê'.repeat(700));
    expect(await text(step(0).getByTestId('sms-segments'))).toBe('11 SMS sur 10 au plus');
    await step(0).getByTestId('sms-too-long').waitFor();
    await sms.fill('Bonjour {{firstName}}, -20% ce week-end. STOP au 36180');
    await step(0).getByTestId('sms-sender').fill('AB');
    // the live preview says what the API will refuse, next to the field
    await step(0).getByText('The sender name is 2 characters').waitFor();
    await step(0).getByTestId('sms-sender').fill('MARTINPAIN');
    await expect
      .poll(() => text(step(0).getByTestId('preview-sms')), { timeout: 10_000 })
      .toBe('Bonjour Claire, -20% ce week-end. STOP au 36180');
    expect(await step(0).getByText('The sender name is 2 characters').count()).toBe(0);

    // 2. an email from a starter template, with an unknown merge field in the subject
    await page.getByTestId('add-step').click();
    await step(1).getByTestId('step-content-toggle').click();
    await choose(page, step(1).getByTestId('starter-template'), /Vous nous manquez/);
    expect(await step(1).getByTestId('email-mjml').inputValue()).toContain('{{unsubscribeUrl}}');
    await step(1).getByTestId('email-subject').fill('{{civility}} {{nom}}, vous nous manquez');
    await step(1)
      .getByText('line 1, column 14: unknown merge field {{nom}}: did you mean {{lastName}}?')
      .waitFor({ timeout: 10_000 });
    expect(await text(step(1).getByTestId('step-content-status'))).toBe('À corriger');

    // saving now is refused as a whole: nothing stored; the folded email opens on its error
    await step(1).getByTestId('step-content-toggle').click();
    await step(1).getByTestId('email-subject').waitFor({ state: 'detached' });
    await page.getByTestId('save-campaign').click();
    await page.getByTestId('problem').waitFor();
    await step(1).getByTestId('email-subject').waitFor();
    expect(await campaignCount()).toBe(0);
    expect(new URL(page.url()).pathname).toBe('/campaigns/new');
    expect(
      await step(1)
        .getByText('unknown merge field {{nom}}: did you mean {{lastName}}?', { exact: false })
        .count(),
    ).toBeGreaterThan(0);

    // fixed with the merge field menu, at the caret
    const subject = step(1).getByTestId('email-subject');
    await subject.fill('{{civility}} , vous nous manquez');
    await subject.focus();
    await subject.evaluate((input: HTMLInputElement) => input.setSelectionRange(13, 13));
    await step(1).getByTestId('merge-field-menu').click();
    await page.getByTestId('merge-field-lastName').click();
    await expect.poll(() => subject.inputValue()).toBe('{{civility}} {{lastName}}, vous nous manquez');
    await expect
      .poll(() => step(1).getByText('unknown merge field {{nom}}', { exact: false }).count(), {
        timeout: 10_000,
      })
      .toBe(0);

    // previewed for Hélène Lefèvre, picked from the contact file
    await step(1).getByTestId('preview-contact').click();
    await step(1).getByTestId('preview-contact').fill('lefevre');
    await page.getByRole('option', { name: 'Mme Hélène Lefèvre · Lyon' }).click();
    await expect
      .poll(() => text(step(1).getByTestId('preview-subject')), { timeout: 10_000 })
      .toBe('Madame Lefèvre, vous nous manquez');
    const frame = step(1).frameLocator('[data-testid="preview-email-frame"]');
    await frame.getByText('Bonjour Hélène,').waitFor();
    await frame.getByText('12 mars 2026', { exact: false }).waitFor();
    expect(await step(1).getByTestId('preview-email-frame').getAttribute('sandbox')).toBe('');
    expect(await text(step(1).getByTestId('preview-text'))).toContain('Bonjour Hélène,');
    // the SMS preview follows the same contact
    await expect
      .poll(() => text(step(0).getByTestId('preview-sms')), { timeout: 10_000 })
      .toBe('Bonjour Hélène, -20% ce week-end. STOP au 36180');

    // 3. a letter: its PDF proof for the same contact
    await page.getByTestId('add-step').click();
    await choose(page, step(2).getByTestId('step-channel'), 'Courrier');
    await step(2).getByTestId('step-content-toggle').click();
    await step(2).getByTestId('letter-sender-name').fill('Boulangerie Martin');
    await step(2).getByTestId('letter-hook').fill('{{civility}} {{lastName}}, votre pain vous attend.');
    await step(2).getByTestId('letter-body').fill('Revenez nous voir avec ce courrier.');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      step(2).getByTestId('letter-proof').click(),
    ]);
    expect(download.suggestedFilename()).toBe('bat-etape-3.pdf');
    const pdf = await download.createReadStream();
    const chunks: Buffer[] = [];
    for await (const chunk of pdf) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).subarray(0, 5).toString()).toBe('%PDF-');

    await page.getByTestId('save-campaign').click();
    await page.waitForURL(/\/campaigns\/[0-9a-f-]{36}$/);
    const steps = await app.database.sql<{ content?: Record<string, unknown> }[]>`
      SELECT s.definition->'content' AS content
        FROM campaign_steps s JOIN campaigns c ON c.id = s.campaign_id
       WHERE c.name = 'Reconquête contenus' ORDER BY s.position`;
    expect(steps[0]!.content).toMatchObject({
      text: 'Bonjour {{firstName}}, -20% ce week-end. STOP au 36180',
      senderName: 'MARTINPAIN',
    });
    expect(steps[1]!.content).toMatchObject({ subject: '{{civility}} {{lastName}}, vous nous manquez' });
    expect(steps[2]!.content).toMatchObject({ hook: '{{civility}} {{lastName}}, votre pain vous attend.' });

    // reloaded: the content is there to edit again
    await page.reload();
    await page.getByTestId('campaign-builder').waitFor();
    expect(await text(step(0).getByTestId('step-content-status'))).toBe('Rédigé');
    await step(0).getByTestId('step-content-toggle').click();
    expect(await step(0).getByTestId('sms-text').inputValue()).toBe(
      'Bonjour {{firstName}}, -20% ce week-end. STOP au 36180',
    );
    await step(1).getByTestId('step-content-toggle').click();
    expect(await step(1).getByTestId('email-subject').inputValue()).toBe(
      '{{civility}} {{lastName}}, vous nous manquez',
    );
    await step(1).frameLocator('[data-testid="preview-email-frame"]').getByText('Bonjour Hélène,').waitFor();
    await page.screenshot({ path: '/tmp/campaign-content.png', fullPage: true });
    await step(1).getByTestId('content-preview').screenshot({ path: '/tmp/campaign-content-email.png' });

    // the refused saves and previews answered 422 on purpose; nothing else went wrong
    expect(errors.filter((e) => !/status of 422/.test(e))).toEqual([]);
    await context.close();
  }, 120_000);

  it('lets a telemarketer read a call script, read-only, as a contact will hear it', async () => {
    const client = apiClient(app.url);
    const marketer = await client.login('marketer@relance.example');
    const created = await client.request('POST', '/api/campaigns', {
      session: marketer,
      body: {
        name: 'Appels fidélité',
        kind: 'retention',
        objective: 'meeting',
        averageOrderValueCents: 10_000,
        marginRate: 0.3,
        steps: [
          {
            channel: 'phone',
            offsetDays: 0,
            content: {
              script: 'Bonjour {{civility}} {{lastName}}, je vous appelle de la part de la boulangerie.',
              offer: 'Une baguette offerte',
            },
          },
        ],
      },
    });
    expect(created.status).toBe(201);
    const { id } = created.body as { id: string };

    const context = await newContext(browser, app.url, 'fr-FR');
    const page = await context.newPage();
    const errors = watchErrors(page);
    await logIn(page, 'agent@relance.example');
    await page.goto(`/campaigns/${id}`);
    await page.getByTestId('campaign-builder').waitFor();
    const step = page.getByTestId('step').first();
    await step.getByTestId('step-content-toggle').click();
    expect(await step.getByTestId('phone-script').isDisabled()).toBe(true);
    await expect
      .poll(() => text(step.getByTestId('preview-phone-script')), { timeout: 10_000 })
      .toBe('Bonjour Madame Martin, je vous appelle de la part de la boulangerie.');
    expect(await text(step.getByTestId('preview-phone-offer'))).toBe('Une baguette offerte');
    expect(errors).toEqual([]);
    await context.close();
  });
});
