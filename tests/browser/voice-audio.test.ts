import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app-server';
import { makeWav } from '../support/audio-fixtures';
import { assertWebBuilt, launchChromium, logIn, newContext, watchErrors } from './support/browser';

/** A Mantine select: open it, pick the option by its label. */
async function choose(page: Page, select: Locator, option: string): Promise<void> {
  await select.click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

const text = async (locator: Locator) => (await locator.textContent())?.replace(/\s/g, ' ').trim() ?? '';

/** The duration Chromium reads from the <audio> element once it has fetched the file's metadata. */
const playerDuration = (player: Locator) =>
  player.evaluate(
    (audio: HTMLAudioElement) =>
      new Promise<number>((resolve, reject) => {
        if (audio.readyState >= 1) return resolve(audio.duration);
        audio.addEventListener('loadedmetadata', () => resolve(audio.duration), { once: true });
        audio.addEventListener('error', () => reject(new Error(`audio error ${audio.error?.code}`)), {
          once: true,
        });
        audio.load();
      }),
  );

describe('voice message from a recorded audio file', () => {
  let app: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    assertWebBuilt();
    app = await startTestApp({ env: { PUBLIC_URL: 'https://relance.example.com' } });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('uploads a WAV on a voice step, plays it, shows its duration, saves, and finds it again after a reload', async () => {
    const context = await newContext(browser, app.url, 'fr-FR');
    const page = await context.newPage();
    const errors = watchErrors(page);
    await logIn(page, 'marketer@relance.example');
    await page.goto('/campaigns/new');
    await page.getByTestId('campaign-builder').waitFor();
    await page.getByTestId('campaign-name').fill('Annonce enregistrée');
    const step = page.getByTestId('step').first();
    await choose(page, step.getByTestId('step-channel'), 'Message vocal');
    await step.getByTestId('step-content-toggle').click();
    await step.getByTestId('voice-script').waitFor();

    // the recorded file instead of the script
    await step.getByTestId('voice-kind-audio').click();
    const dropzone = step.getByTestId('voice-audio-dropzone');
    await dropzone.waitFor();
    expect(await text(step.getByTestId('step-content-status'))).toBe('À rédiger');

    // a text file named .mp3 is refused from its bytes, with what to do
    await dropzone.locator('input[type="file"]').setInputFiles({
      name: 'annonce.mp3',
      mimeType: 'audio/mpeg',
      buffer: Buffer.from('Ceci est un texte, pas un enregistrement.\n'.repeat(10)),
    });
    await expect
      .poll(() => text(step.getByTestId('voice-audio-error')), { timeout: 10_000 })
      .toBe(
        'This file is not an MP3 or WAV recording, whatever its name says: export the message as MP3 or WAV and upload it again.',
      );

    await dropzone.locator('input[type="file"]').setInputFiles({
      name: 'annonce-portes-ouvertes.wav',
      mimeType: 'audio/wav',
      buffer: makeWav(3.2),
    });
    await step.getByTestId('voice-audio-player').waitFor();
    expect(await text(step.getByTestId('voice-audio-filename'))).toBe('annonce-portes-ouvertes.wav');
    expect(await text(step.getByTestId('voice-audio-length'))).toBe('3,2 s, sur 60 s au plus');
    expect(await step.getByTestId('voice-audio-error').count()).toBe(0);
    // Chromium fetched the file from /media/:id without trouble and reads the same length
    expect(await playerDuration(step.getByTestId('voice-audio-player'))).toBeCloseTo(3.2, 1);
    expect(await text(step.getByTestId('step-content-status'))).toBe('Rédigé');

    // the live preview: the same recording for everyone, and the address the provider plays
    await expect
      .poll(() => text(step.getByTestId('preview-voice-seconds')), { timeout: 10_000 })
      .toBe('3,2 s');
    const url = await text(step.getByTestId('preview-voice-url'));
    expect(url).toMatch(/^https:\/\/relance\.example\.com\/media\/[0-9a-f-]{36}$/);
    await step.getByTestId('content-preview').screenshot({ path: '/tmp/voice-audio-preview.png' });

    await page.getByTestId('save-campaign').click();
    await page.waitForURL(/\/campaigns\/[0-9a-f-]{36}$/);
    const [stored] = await app.database.sql<{ content: Record<string, unknown> }[]>`
      SELECT s.definition->'content' AS content
        FROM campaign_steps s JOIN campaigns c ON c.id = s.campaign_id
       WHERE c.name = 'Annonce enregistrée'`;
    const mediaId = url.slice(url.lastIndexOf('/') + 1);
    expect(stored!.content).toEqual({
      kind: 'audio',
      mediaId,
      durationSeconds: 3.2,
      filename: 'annonce-portes-ouvertes.wav',
      maxSeconds: 60,
    });

    // reloaded: the recording is there, playable, with its length
    await page.reload();
    await page.getByTestId('campaign-builder').waitFor();
    expect(await text(step.getByTestId('step-content-status'))).toBe('Rédigé');
    await step.getByTestId('step-content-toggle').click();
    expect(await step.getByTestId('voice-kind-audio').isChecked()).toBe(true);
    expect(await text(step.getByTestId('voice-audio-filename'))).toBe('annonce-portes-ouvertes.wav');
    expect(await text(step.getByTestId('voice-audio-length'))).toBe('3,2 s, sur 60 s au plus');
    expect(await playerDuration(step.getByTestId('voice-audio-player'))).toBeCloseTo(3.2, 1);
    await step.screenshot({ path: '/tmp/voice-audio-step.png' });

    // removed: back to the dropzone, and the step has nothing written
    await step.getByTestId('voice-audio-remove').click();
    await step.getByTestId('voice-audio-dropzone').waitFor();
    expect(await text(step.getByTestId('step-content-status'))).toBe('À rédiger');

    // the refused upload answered 422 on purpose; nothing else went wrong
    expect(errors.filter((e) => !/status of 422/.test(e))).toEqual([]);
    await context.close();
  }, 120_000);
});
