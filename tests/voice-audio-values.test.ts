import { compileVoice } from '@relance/templates/voice';
import { describe, expect, it } from 'vitest';
import {
  type ContentByChannel,
  contentForPlan,
  contentFromPlan,
  emptyContent,
  isUnwritten,
  unplacedMessages,
} from '../apps/web/src/features/campaigns/components/content/content-values';

const mediaId = '3f1c2a4e-8b7d-4c6e-9a1f-2b3c4d5e6f70';

describe("the builder's voice message values", () => {
  it('reads a script stored before recordings existed (no kind) as a script, and sends it back with its kind', () => {
    const values = contentFromPlan('voice', { script: 'Bonjour {{firstName}}.', maxSeconds: 45 });
    expect(values).toEqual({
      kind: 'script',
      script: 'Bonjour {{firstName}}.',
      maxSeconds: 45,
      mediaId: '',
      durationSeconds: 0,
      filename: '',
    });
    const plan = contentForPlan('voice', values);
    expect(plan).toEqual({ kind: 'script', script: 'Bonjour {{firstName}}.', maxSeconds: 45 });
    // what the builder sends, the API compiles
    expect(compileVoice(plan as never).kind).toBe('script');
    expect(contentFromPlan('voice', { kind: 'video', script: 'x' }).kind).toBe('script');
  });

  it('round-trips a recording, leaving the script typed before out of the plan', () => {
    const stored = { kind: 'audio', mediaId, durationSeconds: 4.2, filename: 'annonce.wav', maxSeconds: 60 };
    const values = contentFromPlan('voice', stored);
    expect(values).toMatchObject({ kind: 'audio', mediaId, durationSeconds: 4.2, filename: 'annonce.wav' });
    const withScript: ContentByChannel['voice'] = { ...values, script: 'Un texte essayé avant.' };
    expect(contentForPlan('voice', withScript)).toEqual(stored);
    expect(compileVoice(contentForPlan('voice', withScript) as never)).toMatchObject({
      kind: 'audio',
      mediaId,
    });
  });

  it('counts "recorded audio" chosen with nothing uploaded as unwritten, and shows recording errors in the editor', () => {
    const chosen: ContentByChannel['voice'] = { ...emptyContent('voice'), kind: 'audio' };
    expect(isUnwritten('voice', chosen)).toBe(true);
    expect(contentForPlan('voice', chosen)).toBeUndefined();
    expect(isUnwritten('voice', { ...chosen, mediaId, durationSeconds: 3 })).toBe(false);
    expect(
      unplacedMessages('voice', {
        mediaId: ['This recording was not found'],
        durationSeconds: ['x'],
        kind: ['y'],
      }),
    ).toEqual([]);
  });
});
