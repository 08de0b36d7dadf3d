import { formatTrackingCode, generateTrackingCode } from '@relance/domain/tracking-code';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app-server';
import { apiClient, ROLE_LOGINS } from '../support/http-client';
import { type SentFixture, sentEmailCampaign } from '../support/tracking-fixtures';
import { assertWebBuilt, launchChromium, logIn, newContext, watchErrors } from './support/browser';

const plain = (text: string | null) => (text ?? '').replace(/\s/g, ' ').trim();

describe('surveys: answered on a phone, read by a marketer', () => {
  let app: TestApp;
  let browser: Browser;
  let f: SentFixture;
  let surveyId: string;
  let waveId: string;
  let link: string;

  beforeAll(async () => {
    assertWebBuilt();
    app = await startTestApp({ worker: false });
    f = await sentEmailCampaign(app.database.db, app.database.sql, 5);
    const http = apiClient(app.url);
    const marketer = await http.login(ROLE_LOGINS.marketer);
    const survey = await http.request<{ id: string }>('POST', '/api/surveys', {
      session: marketer,
      body: { name: 'Satisfaction printemps', purpose: 'satisfaction' },
    });
    surveyId = survey.body.id;
    // the email step of the campaign invites: each send's {{surveyUrl}} is PUBLIC_URL/s/<its tracking code>
    const wave = await http.request<{ id: string }>('POST', `/api/surveys/${surveyId}/waves`, {
      session: marketer,
      body: { source: 'campaign', name: 'Vague de printemps', stepId: f.campaign.steps[0]!.id },
    });
    waveId = wave.body.id;
    const code = generateTrackingCode();
    await app.database.sql`UPDATE sends SET tracking_code = ${code} WHERE id = ${f.sends[0]!.id}`;
    link = `/s/${formatTrackingCode(code)}`;
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('answers the survey through its link on a 390 px phone, once, even with a double tap', async () => {
    const context = await browser.newContext({
      baseURL: app.url,
      locale: 'fr-FR',
      timezoneId: 'Europe/Paris',
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
    });
    context.setDefaultTimeout(10_000);
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(link);
    await page.getByTestId('survey-title').waitFor();
    expect(await page.getByTestId('survey-title').textContent()).toBe('Votre avis compte');
    // one column: nothing wider than the screen
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    // the respondent's language, switched to English
    await page.getByTestId('survey-language').getByText('EN').click();
    await page.getByText('Your opinion matters').waitFor();
    expect(plain(await page.getByTestId('answer-overall-3').textContent())).toBe('Rather satisfied');

    // sending with nothing answered: said at each question, nothing sent
    await page.getByTestId('submit-answers').click();
    await page.getByTestId('question-error-overall').waitFor();
    expect(await page.getByTestId('question-error-overall').textContent()).toBe(
      'Please answer this question.',
    );

    const tap = (key: string, value: string | number) => page.getByTestId(`answer-${key}-${value}`).tap();
    await tap('customer_kind', 'private');
    await tap('overall', 3);
    await tap('price_importance', 4);
    await tap('price_level', 2);
    await tap('price_clarity', 'dont_know');
    await tap('delays_importance', 2);
    await tap('delivery_time', 4);
    await tap('promises_kept', 4);
    await tap('support_importance', 3);
    await tap('support_reach', 3);
    await tap('problem_solving', 3);
    await tap('frequency', 'monthly');
    await tap('buy_again', 3);
    await tap('recommend', 9);
    await page.getByTestId('answer-comment').fill('Livraison plus rapide, s’il vous plaît');
    expect(await page.getByTestId('question-error-overall').count()).toBe(0);
    expect(plain(await page.getByTestId('survey-progress').textContent())).toBe('15 of 15 answered');
    // touch targets a thumb can hit
    const box = await page.getByTestId('answer-overall-4').boundingBox();
    expect(box!.height).toBeGreaterThanOrEqual(44);
    expect(box!.width).toBeGreaterThan(300);

    await page.getByTestId('submit-answers').dblclick();
    await page.getByTestId('survey-end-thanks').waitFor();
    const stored = await app.database.sql<{ n: number; locale: string; via: string }[]>`
      SELECT count(*)::int AS n, min(locale) AS locale, min(via) AS via FROM survey_answers WHERE wave_id = ${waveId}`;
    expect(stored[0]).toEqual({ n: 1, locale: 'en', via: 'web' });

    // the same link again (in the browser's language again): already answered
    await page.goto(link);
    await page.getByTestId('survey-end-already').waitFor();
    expect(await page.getByTestId('survey-end-already').textContent()).toContain(
      'Merci, nous avons déjà vos réponses',
    );
    // a link with one character changed
    await page.goto(`${link.slice(0, -1)}${link.endsWith('A') ? 'B' : 'A'}`);
    await page.getByTestId('survey-end-invalid').waitFor();
    // the API's 404 of the tampered link is expected in the console, nothing else
    expect(errors.filter((e) => !/status of 404/.test(e))).toEqual([]);
    await context.close();
  });

  it('shows the answer in the wave’s results to the marketer', async () => {
    const context = await newContext(browser, app.url, 'fr-FR');
    const page = await context.newPage();
    const errors = watchErrors(page);
    await logIn(page, ROLE_LOGINS.marketer);
    await page.getByTestId('nav-surveys').click();
    await page.getByTestId(`survey-row-${surveyId}`).waitFor();
    expect(plain(await page.getByTestId(`survey-answers-${surveyId}`).textContent())).toBe('1');
    await page.getByText('Satisfaction printemps').click();
    await page.getByTestId(`wave-results-${waveId}`).click();
    await page.getByTestId('wave-results').waitFor();
    // 1 answer of 5 sends
    expect(plain(await page.getByTestId('result-response-rate').textContent())).toBe('20 %');
    expect(plain(await page.getByTestId('result-overall-mean').textContent())).toBe('3,0 / 4');
    expect(plain(await page.getByTestId('result-overall-satisfied').textContent())).toBe('100 %');
    expect(plain(await page.getByTestId('result-nps').textContent())).toBe('+100');
    expect(plain(await page.getByTestId('result-buy-again').textContent())).toBe('100 %');
    expect(plain(await page.getByTestId('result-low').textContent())).toBe('0');
    // price: important (100) and unsatisfying (33): to fix first, on top
    expect(plain(await page.getByTestId('component-price').textContent())).toContain('À corriger d’abord');
    expect(plain(await page.getByTestId('component-price-satisfaction').textContent())).toBe('33');
    expect(plain(await page.getByTestId('criterion-price_clarity').textContent())).toContain(
      '1 ne savent pas',
    );
    await page.locator('[data-testid="priorities"] .recharts-surface').first().waitFor();
    expect(await page.getByTestId('open-answers-comment').textContent()).toBe(
      'Livraison plus rapide, s’il vous plaît',
    );
    expect(await page.getByTestId('answers-csv').getAttribute('href')).toBe(
      `/api/survey-waves/${waveId}/answers.csv`,
    );
    const csv = await page.request.get(`${app.url}/api/survey-waves/${waveId}/answers.csv`);
    expect(await csv.text()).toContain(';monthly;3;9;Livraison plus rapide, s’il vous plaît');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('saves the questionnaire from the editor: a field error at its field, a stale save said so', {
    timeout: 90_000,
  }, async () => {
    const context = await newContext(browser, app.url, 'fr-FR');
    // the whole questionnaire is one form of some 200 fields: slower to render on a loaded machine
    context.setDefaultTimeout(20_000);
    const page = await context.newPage();
    await logIn(page, ROLE_LOGINS.marketer);
    await page.goto(`/surveys/${surveyId}`);
    await page.getByTestId('tab-questionnaire').click();
    await page.getByTestId('questionnaire-editor').waitFor();
    // a new criterion for the price, left without its question: refused at the field
    await page.getByTestId('editor-component-0-add-criterion').click();
    await page.getByTestId('save-survey').click();
    const field = page.getByTestId('editor-component-0-criterion-2-label-fr');
    await expect.poll(() => field.getAttribute('aria-invalid')).toBe('true');
    await page.getByText('Write the question').first().waitFor();
    await field.fill('La clarté de nos devis');
    await page.getByTestId('editor-title-fr').fill('Votre avis nous aide');
    await page.getByTestId('save-survey').click();
    await expect
      .poll(
        async () =>
          (await app.database.sql`SELECT version, definition FROM surveys WHERE id = ${surveyId}`)[0],
      )
      .toMatchObject({ version: 2, definition: { title: { fr: 'Votre avis nous aide' } } });
    const [saved] = await app.database.sql<{ keys: string[] }[]>`
      SELECT array(SELECT c->>'key' FROM jsonb_array_elements(definition->'components'->0->'criteria') c) AS keys
        FROM surveys WHERE id = ${surveyId}`;
    expect(saved!.keys).toEqual(['price_level', 'price_clarity', 'price_criterion']);

    // the editor now holds version 2 (saved, then reloaded)
    await page.locator('[data-testid="survey-editor"][data-version="2"]').waitFor();
    // someone else saves meanwhile: this editor's save is refused and says so
    await app.database.sql`UPDATE surveys SET version = version + 1 WHERE id = ${surveyId}`;
    await page.getByTestId('editor-title-fr').fill('Encore un titre');
    await page.getByTestId('save-survey').click();
    await page.getByTestId('save-conflict').waitFor();
    await page.getByTestId('reload-survey').click();
    await expect.poll(() => page.getByTestId('editor-title-fr').inputValue()).toBe('Votre avis nous aide');
    await context.close();
  });
});
