/**
 * Voice message (VMS) script, read in fr-FR by a text-to-speech voice and left on voicemail, with merge fields
 * and its estimated spoken duration against a maximum.
 *
 * Duration assumption: 150 words per minute (2.5 words a second), the slow end of French speech (about
 * 150–180 wpm in conversation) and close to the default rate of fr-FR neural TTS voices; plus 0.5 s after each
 * sentence (. ! ? …) and 0.25 s after each , ; : pause. A number counts one word per two digits ("36180" is read
 * "trente-six mille cent quatre-vingts"). It overestimates slightly on purpose: a message that is cut is worse
 * than one that is a little short. The duration is checked with the example contact's values.
 *
 * Or a recorded audio file (MP3 or WAV, uploaded to /api/media/audio, see audio-file.ts): the provider plays it
 * from its public URL (`voiceAudioUrl`), and its measured duration counts against the same maximum.
 */
import { AppError, type FieldError } from '@relance/domain/errors';
import { assertNever } from '@relance/domain/vocabulary';
import { z } from 'zod';
import {
  type CompiledTemplate,
  EXAMPLE_VALUES,
  type MergeFieldName,
  type MergeValues,
  render,
  tryCompileTemplate,
} from './merge-fields';

export const WORDS_PER_MINUTE = 150;
const SENTENCE_PAUSE_SECONDS = 0.5;
const CLAUSE_PAUSE_SECONDS = 0.25;
export const DEFAULT_MAX_VOICE_SECONDS = 60;

/** Fields that cannot be read aloud usefully: a listener cannot click or note a link. */
const UNSPEAKABLE: readonly MergeFieldName[] = ['trackingUrl', 'unsubscribeUrl', 'surveyUrl', 'email'];

/** The longest maximum a step may set (5 minutes). */
export const MAX_VOICE_SECONDS = 300;
const maxSecondsSchema = z.number().int().min(5).max(MAX_VOICE_SECONDS).default(DEFAULT_MAX_VOICE_SECONDS);

const scriptVoiceSchema = z.object({
  kind: z.literal('script'),
  script: z
    .string()
    .trim()
    .min(1, 'Write the script the voice will read.')
    .max(5000, 'The script is over 5000 characters.'),
  maxSeconds: maxSecondsSchema,
});
const audioVoiceSchema = z.object({
  kind: z.literal('audio'),
  mediaId: z.uuid({ error: 'Upload the recorded audio file (MP3 or WAV).' }),
  /** as measured on upload; the save checks it against the stored file */
  durationSeconds: z
    .number({ error: 'Send the durationSeconds the upload answered.' })
    .positive('Send the durationSeconds the upload answered.'),
  /** the uploaded file's name, to show it again */
  filename: z.string().max(255).optional(),
  maxSeconds: maxSecondsSchema,
});

export const voiceContentSchema = z.preprocess(
  // plans stored before recorded audio existed have no kind: they are scripts
  (v) => (v !== null && typeof v === 'object' && !('kind' in v) ? { ...v, kind: 'script' } : v),
  z.discriminatedUnion('kind', [scriptVoiceSchema, audioVoiceSchema], {
    error: 'Choose kind "script" (read by text-to-speech) or "audio" (a recorded file).',
  }),
);
/** A script; `kind` may be left out (the shape stored before recorded audio). */
export type ScriptVoiceContent = Omit<z.input<typeof scriptVoiceSchema>, 'kind'> & { kind?: 'script' };
export type AudioVoiceContent = z.input<typeof audioVoiceSchema>;
export type VoiceContent = ScriptVoiceContent | AudioVoiceContent;

export interface CompiledScriptVoice {
  kind: 'script';
  script: CompiledTemplate;
  maxSeconds: number;
  /** estimated duration with the example contact */
  exampleSeconds: number;
}
export interface CompiledAudioVoice {
  kind: 'audio';
  mediaId: string;
  durationSeconds: number;
  maxSeconds: number;
  filename?: string;
}
export type CompiledVoice = CompiledScriptVoice | CompiledAudioVoice;

/** One contact's voice message: the script to read, or the recording to play (the same for everyone). */
export type RenderedVoice =
  | { kind: 'script'; text: string; estimatedSeconds: number }
  | { kind: 'audio'; mediaId: string; audioPath: string; durationSeconds: number };

/** Where the API serves an uploaded file, without a session (the random uuid is the key). */
export function voiceAudioPath(mediaId: string): string {
  return `/media/${mediaId}`;
}

/** The address a provider fetches the recording from (`<Play>`). */
export function voiceAudioUrl(publicUrl: string, mediaId: string): string {
  return `${publicUrl.replace(/\/+$/, '')}${voiceAudioPath(mediaId)}`;
}

/** Estimated spoken duration in seconds (one decimal) of a fr-FR text, under the assumption above. */
export function estimateSpokenSeconds(text: string, wordsPerMinute = WORDS_PER_MINUTE): number {
  let words = 0;
  for (const token of text.split(/[\s'’-]+/)) {
    if (!/[\p{L}\p{N}]/u.test(token)) continue;
    const digits = token.replace(/\D/g, '').length;
    words += digits > 0 ? Math.max(1, Math.ceil(digits / 2)) : 1;
  }
  const sentences = (text.match(/[.!?…]+(?=\s|$)/g) ?? []).length;
  const clauses = (text.match(/[,;:](?=\s|$)/g) ?? []).length;
  const seconds =
    (words * 60) / wordsPerMinute + sentences * SENTENCE_PAUSE_SECONDS + clauses * CLAUSE_PAUSE_SECONDS;
  return Math.round(seconds * 10) / 10;
}

const invalidVoice = (errors: FieldError[]) =>
  AppError.validation('The voice message has errors: fix the fields listed.', errors);

/** Validates and compiles a voice message; throws AppError validation with every problem found. */
export function compileVoice(input: ScriptVoiceContent): CompiledScriptVoice;
export function compileVoice(input: VoiceContent): CompiledVoice;
export function compileVoice(input: VoiceContent): CompiledVoice {
  const parsed = voiceContentSchema.safeParse(input);
  if (!parsed.success) {
    throw invalidVoice(
      parsed.error.issues.map((i) => ({ field: i.path.join('.') || 'voice', message: i.message })),
    );
  }
  const content = parsed.data;
  switch (content.kind) {
    case 'script':
      return compileScript(content.script, content.maxSeconds);
    case 'audio': {
      const { mediaId, durationSeconds, maxSeconds, filename } = content;
      if (durationSeconds > maxSeconds) {
        throw invalidVoice([
          {
            field: 'durationSeconds',
            message: `The recording lasts ${durationSeconds} s, over the ${maxSeconds} s maximum: upload a shorter one or raise the maximum.`,
          },
        ]);
      }
      return { kind: 'audio', mediaId, durationSeconds, maxSeconds, ...(filename ? { filename } : {}) };
    }
    default:
      return assertNever(content);
  }
}

function compileScript(script: string, maxSeconds: number): CompiledScriptVoice {
  const errors: FieldError[] = [];
  const template = tryCompileTemplate(script, 'script');
  if (!template.ok) throw invalidVoice(template.fieldErrors);

  for (const name of template.template.fields.filter((f) => UNSPEAKABLE.includes(f))) {
    errors.push({
      field: 'script',
      message: `{{${name}}} cannot be read aloud usefully: give {{trackingCode}} or a phone number instead.`,
    });
  }
  const exampleSeconds = estimateSpokenSeconds(render(template.template, EXAMPLE_VALUES, { escape: 'none' }));
  if (exampleSeconds > maxSeconds) {
    errors.push({
      field: 'script',
      message: `The message lasts about ${Math.ceil(exampleSeconds)} s read aloud (at ${WORDS_PER_MINUTE} words a minute), over the ${maxSeconds} s maximum: cut about ${Math.ceil(((exampleSeconds - maxSeconds) * WORDS_PER_MINUTE) / 60)} words.`,
    });
  }
  if (errors.length > 0) throw invalidVoice(errors);
  return { kind: 'script', script: template.template, maxSeconds, exampleSeconds };
}

/** One contact's message: the script as plain text for the TTS engine with its estimated duration, or the recording. */
export function renderVoice(
  voice: CompiledScriptVoice,
  values: MergeValues,
): Extract<RenderedVoice, { kind: 'script' }>;
export function renderVoice(voice: CompiledVoice, values: MergeValues): RenderedVoice;
export function renderVoice(voice: CompiledVoice, values: MergeValues): RenderedVoice {
  switch (voice.kind) {
    case 'script': {
      const text = render(voice.script, values, { escape: 'none' });
      return { kind: 'script', text, estimatedSeconds: estimateSpokenSeconds(text) };
    }
    case 'audio':
      return {
        kind: 'audio',
        mediaId: voice.mediaId,
        audioPath: voiceAudioPath(voice.mediaId),
        durationSeconds: voice.durationSeconds,
      };
    default:
      return assertNever(voice);
  }
}
