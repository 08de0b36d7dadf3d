/**
 * SMS content: text with merge fields, the sender name, and for commercial messages the STOP mention the
 * French operators and the CNIL require (the recipient opts out by texting STOP to a short number).
 * Length in segments is counted by @relance/domain/planning/sms-segments, on the text merged with the
 * example contact (a real contact's values can make it longer or shorter: the preview shows theirs).
 */
import { AppError, type FieldError } from '@relance/domain/errors';
import { countSmsSegments, type SmsSegmentCount, smsTextSchema } from '@relance/domain/planning/sms-segments';
import { z } from 'zod';
import {
  type CompiledTemplate,
  EXAMPLE_VALUES,
  type MergeValues,
  render,
  tryCompileTemplate,
} from './merge-fields';

export const smsContentSchema = z.object({
  text: z.string().trim().min(1, 'Write the SMS text.'),
  senderName: z.string().trim(),
  /** a commercial message (prospecting, offers) must carry a STOP mention; a purely transactional one need not */
  commercial: z.boolean().default(true),
});
export type SmsContent = z.input<typeof smsContentSchema>;

export interface CompiledSms {
  text: CompiledTemplate;
  senderName: string;
  /** the length with the example contact's values */
  exampleLength: SmsSegmentCount;
}

/**
 * The usual French opt-out mentions: "STOP au 36180", "STOP 36180", "Stop SMS : 36 180", "STOP SMS au 36111",
 * "Stop: 36180", "STOP=36180" (a 5-digit short number), or "Répondez STOP" / "Envoyez STOP" (two-way numbers).
 */
const STOP_WITH_NUMBER = /\bstop\b(?:\s*sms)?\s*(?:[:=-]\s*)?(?:(?:au|to)\s*:?\s*)?\d{2}\s?\d{3}\b/i;
const STOP_REPLY = /\b(?:r[ée]pond(?:ez|re)|envoy(?:ez|er)|tapez|texto)\s*:?\s+stop\b/i;

export function hasStopMention(text: string): boolean {
  return STOP_WITH_NUMBER.test(text) || STOP_REPLY.test(text);
}

/** Alphanumeric sender (what the phone shows instead of a number): 3 to 11 letters or digits, at least one letter. */
export function senderNameError(name: string): string | null {
  if (name.length < 3 || name.length > 11) {
    return `The sender name is ${name.length} characters: it must be 3 to 11 letters or digits (e.g. MARTINPAIN).`;
  }
  if (!/^[A-Za-z0-9]+$/.test(name)) {
    return 'The sender name may only use letters A–Z and digits: no spaces, accents or punctuation (e.g. MARTINPAIN).';
  }
  if (!/[A-Za-z]/.test(name))
    return 'The sender name needs at least one letter: operators refuse an all-digit name.';
  return null;
}

/** Validates and compiles an SMS variant; throws AppError validation with every problem found. */
export function compileSms(input: SmsContent): CompiledSms {
  const parsed = smsContentSchema.safeParse(input);
  if (!parsed.success) {
    throw AppError.validation(
      'The SMS has errors: fix the fields listed.',
      parsed.error.issues.map((i) => ({ field: i.path.join('.') || 'sms', message: i.message })),
    );
  }
  const { text, senderName, commercial } = parsed.data;
  const errors: FieldError[] = [];
  const template = tryCompileTemplate(text, 'text');
  if (!template.ok) errors.push(...template.fieldErrors);
  const senderError = senderNameError(senderName);
  if (senderError) errors.push({ field: 'senderName', message: senderError });
  // the mention must be in the text itself, not in a fallback or a contact's value
  const staticText = template.ok ? template.template.statics.join(' ') : text;
  if (commercial && !hasStopMention(staticText)) {
    errors.push({
      field: 'text',
      message: 'A commercial SMS needs an opt-out mention, e.g. "STOP au 36180" or "Stop SMS : 36180".',
    });
  }
  let exampleLength: SmsSegmentCount | null = null;
  if (template.ok) {
    const example = render(template.template, EXAMPLE_VALUES, { escape: 'none' });
    const length = smsTextSchema.safeParse(example);
    if (!length.success) {
      errors.push(
        ...length.error.issues.map((i) => ({
          field: 'text',
          message: `With the example contact: ${i.message}`,
        })),
      );
    }
    exampleLength = countSmsSegments(example);
  }
  if (errors.length > 0 || !template.ok || !exampleLength) {
    throw AppError.validation('The SMS has errors: fix the fields listed.', errors);
  }
  return { text: template.template, senderName, exampleLength };
}

/** One contact's SMS text (no escaping: an SMS is plain text). */
export function renderSms(sms: CompiledSms, values: MergeValues): string {
  return render(sms.text, values, { escape: 'none' });
}
