/**
 * Voice message (VMS) script, read in fr-FR by a text-to-speech voice and left on voicemail, with merge fields
 * and its estimated spoken duration against a maximum.
 *
 * Duration assumption: 150 words per minute (2.5 words a second), the slow end of French speech (about
 * 150–180 wpm in conversation) and close to the default rate of fr-FR neural TTS voices; plus 0.5 s after each
 * sentence (. ! ? …) and 0.25 s after each , ; : pause. A number counts one word per two digits ("36180" is read
 * "trente-six mille cent quatre-vingts"). It overestimates slightly on purpose: a message that is cut is worse
 * than one that is a little short. The duration is checked with the example contact's values.
 */
import { AppError, type FieldError } from '@relance/domain/errors';
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
const UNSPEAKABLE: readonly MergeFieldName[] = ['trackingUrl', 'unsubscribeUrl', 'email'];

export const voiceContentSchema = z.object({
  script: z
    .string()
    .trim()
    .min(1, 'Write the script the voice will read.')
    .max(5000, 'The script is over 5000 characters.'),
  maxSeconds: z.number().int().min(5).max(300).default(DEFAULT_MAX_VOICE_SECONDS),
});
export type VoiceContent = z.input<typeof voiceContentSchema>;

export interface CompiledVoice {
  script: CompiledTemplate;
  maxSeconds: number;
  /** estimated duration with the example contact */
  exampleSeconds: number;
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

/** Validates and compiles a voice script; throws AppError validation with every problem found. */
export function compileVoice(input: VoiceContent): CompiledVoice {
  const parsed = voiceContentSchema.safeParse(input);
  if (!parsed.success) {
    throw AppError.validation(
      'The voice message has errors: fix the fields listed.',
      parsed.error.issues.map((i) => ({ field: i.path.join('.') || 'voice', message: i.message })),
    );
  }
  const { script, maxSeconds } = parsed.data;
  const errors: FieldError[] = [];
  const template = tryCompileTemplate(script, 'script');
  if (!template.ok)
    throw AppError.validation('The voice message has errors: fix the fields listed.', template.fieldErrors);

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
  if (errors.length > 0)
    throw AppError.validation('The voice message has errors: fix the fields listed.', errors);
  return { script: template.template, maxSeconds, exampleSeconds };
}

/** One contact's script, as plain text for the TTS engine, with its estimated duration. */
export function renderVoice(
  voice: CompiledVoice,
  values: MergeValues,
): { text: string; estimatedSeconds: number } {
  const text = render(voice.script, values, { escape: 'none' });
  return { text, estimatedSeconds: estimateSpokenSeconds(text) };
}
