import { AppError, type FieldError } from '@relance/domain/errors';
import { describe, expect, it } from 'vitest';
import { compileStepContent, renderStepContent } from './step-content';
import { compileVoice, estimateSpokenSeconds, renderVoice, voiceAudioUrl } from './voice';

function errorsOf(fn: () => unknown): FieldError[] {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    return (e as AppError).fieldErrors;
  }
  throw new Error('expected a validation error');
}

describe('voice message', () => {
  it('estimates the spoken duration at 150 words a minute plus pauses', () => {
    // 10 words = 4 s; one sentence end = 0.5 s
    expect(estimateSpokenSeconds('un deux trois quatre cinq six sept huit neuf dix.')).toBe(4.5);
    // "Bonjour, c'est Julie" → Bonjour c est Julie = 4 words (1.6 s) + one comma (0.25 s) = 1.85 → 1.9
    expect(estimateSpokenSeconds("Bonjour, c'est Julie")).toBe(1.9);
    // a 5-digit number counts 3 words: "appelez le 36180" = 2 + 3 = 5 words = 2 s
    expect(estimateSpokenSeconds('appelez le 36180')).toBe(2);
    expect(estimateSpokenSeconds('')).toBe(0);
  });

  it('compiles a script, estimates it with the example contact and merges plain text', () => {
    const voice = compileVoice({
      script:
        'Bonjour {{civility}} {{lastName}}, ici {{senderName}}. Nos portes ouvertes ont lieu samedi. Votre code : {{trackingCode}}.',
    });
    expect(voice.maxSeconds).toBe(60);
    expect(voice.exampleSeconds).toBeGreaterThan(5);
    expect(voice.exampleSeconds).toBeLessThan(15);
    const out = renderVoice(voice, {
      civility: 'Madame',
      lastName: 'Durand & fils',
      senderName: 'Julie',
      trackingCode: 'AB12',
    });
    expect(out.text).toBe(
      'Bonjour Madame Durand & fils, ici Julie. Nos portes ouvertes ont lieu samedi. Votre code : AB12.',
    );
    expect(out.estimatedSeconds).toBeGreaterThan(0);
  });

  it('refuses a script longer than the maximum, saying by how much', () => {
    const script = `Bonjour {{firstName}}. ${'Nous avons une offre exceptionnelle pour vous. '.repeat(25)}`;
    const errors = errorsOf(() => compileVoice({ script, maxSeconds: 60 }));
    expect(errors).toHaveLength(1);
    expect(errors[0]!.field).toBe('script');
    expect(errors[0]!.message).toMatch(
      /^The message lasts about \d+ s read aloud \(at 150 words a minute\), over the 60 s maximum: cut about \d+ words\.$/,
    );
    expect(compileVoice({ script, maxSeconds: 120 }).exampleSeconds).toBeGreaterThan(60);
  });

  it('refuses links in a spoken script, unknown fields and an empty script', () => {
    expect(errorsOf(() => compileVoice({ script: 'Rendez-vous sur {{trackingUrl}}.' }))).toEqual([
      {
        field: 'script',
        message:
          '{{trackingUrl}} cannot be read aloud usefully: give {{trackingCode}} or a phone number instead.',
      },
    ]);
    expect(errorsOf(() => compileVoice({ script: 'Bonjour {{nom}}' }))[0]!.message).toMatch(
      /did you mean \{\{lastName\}\}/,
    );
    expect(errorsOf(() => compileVoice({ script: '   ' }))).toEqual([
      { field: 'script', message: 'Write the script the voice will read.' },
    ]);
  });

  it('reads a stored script without a kind as a script, and the same with kind "script"', () => {
    const legacy = compileVoice({ script: 'Bonjour {{firstName}}.' });
    const tagged = compileVoice({ kind: 'script', script: 'Bonjour {{firstName}}.' });
    expect(legacy).toEqual(tagged);
    expect(legacy.kind).toBe('script');
    expect(renderVoice(legacy, { firstName: 'Hélène' })).toEqual({
      kind: 'script',
      text: 'Bonjour Hélène.',
      estimatedSeconds: 1.3,
    });
  });

  it('compiles a recorded message: its recording, its measured duration against the maximum', async () => {
    const mediaId = '3f1c2a4e-8b7d-4c6e-9a1f-2b3c4d5e6f70';
    const voice = compileVoice({ kind: 'audio', mediaId, durationSeconds: 42.5, filename: 'annonce.mp3' });
    expect(voice).toEqual({
      kind: 'audio',
      mediaId,
      durationSeconds: 42.5,
      maxSeconds: 60,
      filename: 'annonce.mp3',
    });
    // the same recording for every contact, whatever their values
    expect(renderVoice(voice, { firstName: 'Hélène' })).toEqual({
      kind: 'audio',
      mediaId,
      audioPath: `/media/${mediaId}`,
      durationSeconds: 42.5,
    });
    const step = await compileStepContent('voice', { kind: 'audio', mediaId, durationSeconds: 3 });
    expect(await renderStepContent(step, {})).toMatchObject({ channel: 'voice', kind: 'audio', mediaId });
    expect(voiceAudioUrl('https://relance.example.com/', mediaId)).toBe(
      `https://relance.example.com/media/${mediaId}`,
    );
  });

  it('refuses a recording over the maximum, without a file, or of an unknown kind', async () => {
    const mediaId = '3f1c2a4e-8b7d-4c6e-9a1f-2b3c4d5e6f70';
    expect(errorsOf(() => compileVoice({ kind: 'audio', mediaId, durationSeconds: 75 }))).toEqual([
      {
        field: 'durationSeconds',
        message:
          'The recording lasts 75 s, over the 60 s maximum: upload a shorter one or raise the maximum.',
      },
    ]);
    expect(compileVoice({ kind: 'audio', mediaId, durationSeconds: 75, maxSeconds: 90 }).maxSeconds).toBe(90);
    expect(errorsOf(() => compileVoice({ kind: 'audio', mediaId: '', durationSeconds: 3 }))).toEqual([
      { field: 'mediaId', message: 'Upload the recorded audio file (MP3 or WAV).' },
    ]);
    expect(errorsOf(() => compileVoice({ kind: 'video' } as never))).toEqual([
      {
        field: 'kind',
        message: 'Choose kind "script" (read by text-to-speech) or "audio" (a recorded file).',
      },
    ]);
    // under a step's path, like every channel's errors
    await expect(
      compileStepContent('voice', { kind: 'audio', durationSeconds: 3 }, 'steps.1.content'),
    ).rejects.toMatchObject({
      fieldErrors: [
        { field: 'steps.1.content.mediaId', message: 'Upload the recorded audio file (MP3 or WAV).' },
      ],
    });
  });
});
