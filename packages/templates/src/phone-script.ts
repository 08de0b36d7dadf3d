/**
 * Phone call content for telemarketers: the call script and the offer to propose, with merge fields. Both are
 * plain text written by the campaign author; `renderPhoneScript` gives the plain text and a version escaped for
 * HTML display (author text and contact values both escaped, line breaks kept).
 */
import { AppError, type FieldError } from '@relance/domain/errors';
import { z } from 'zod';
import {
  type CompiledTemplate,
  escapeHtml,
  type MergeFieldName,
  type MergeValues,
  mapStatics,
  render,
  tryCompileTemplate,
} from './merge-fields';

export const phoneScriptSchema = z.object({
  script: z
    .string()
    .trim()
    .min(1, 'Write the call script.')
    .max(20_000, 'The call script is over 20,000 characters.'),
  offer: z.string().trim().max(2000, 'The offer is over 2000 characters.').default(''),
});
export type PhoneScriptContent = z.input<typeof phoneScriptSchema>;

interface Part {
  text: CompiledTemplate;
  html: CompiledTemplate;
}

export interface CompiledPhoneScript {
  script: Part;
  offer: Part;
  fields: MergeFieldName[];
}

export interface RenderedPhoneScript {
  script: { text: string; html: string };
  offer: { text: string; html: string };
}

function toHtmlStatics(text: string): string {
  return escapeHtml(text).replace(/\r?\n/g, '<br>\n');
}

/** Validates and compiles a call script and its offer; throws AppError validation with every problem found. */
export function compilePhoneScript(input: PhoneScriptContent): CompiledPhoneScript {
  const parsed = phoneScriptSchema.safeParse(input);
  if (!parsed.success) {
    throw AppError.validation(
      'The call script has errors: fix the fields listed.',
      parsed.error.issues.map((i) => ({ field: i.path.join('.') || 'phone', message: i.message })),
    );
  }
  const script = tryCompileTemplate(parsed.data.script, 'script');
  const offer = tryCompileTemplate(parsed.data.offer, 'offer');
  if (!script.ok || !offer.ok) {
    const errors: FieldError[] = [
      ...(script.ok ? [] : script.fieldErrors),
      ...(offer.ok ? [] : offer.fieldErrors),
    ];
    throw AppError.validation('The call script has errors: fix the fields listed.', errors);
  }
  const part = (t: CompiledTemplate): Part => ({ text: t, html: mapStatics(t, toHtmlStatics) });
  return {
    script: part(script.template),
    offer: part(offer.template),
    fields: [...new Set([...script.template.fields, ...offer.template.fields])],
  };
}

/** One contact's script and offer, as plain text and as HTML-safe text (values escaped, line breaks as <br>). */
export function renderPhoneScript(phone: CompiledPhoneScript, values: MergeValues): RenderedPhoneScript {
  const both = (p: Part) => ({
    text: render(p.text, values, { escape: 'none' }),
    html: render(p.html, values, { escape: 'html' }),
  });
  return { script: both(phone.script), offer: both(phone.offer) };
}
