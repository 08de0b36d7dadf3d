/**
 * Email content: MJML source → responsive HTML + the plain-text part, a subject and a preheader, all with
 * merge fields. The MJML is compiled once per variant (`compileEmail`, async: mjml 5 is) and the result is
 * merged per contact afterwards (`renderEmail`, synchronous and cheap).
 *
 * Problems come back as AppError validation with field errors (`subject`, `preheader`, `mjml`, `text`), the MJML
 * ones with their line: MJML errors are returned, never thrown as a crash.
 */
import { AppError, type FieldError } from '@relance/domain/errors';
import { convert } from 'html-to-text';
import mjml2html from 'mjml';
import { z } from 'zod';
import {
  type CompiledTemplate,
  concatTemplates,
  escapeHtml,
  literalTemplate,
  type MergeFieldName,
  type MergeValues,
  mapStatics,
  parseTemplate,
  render,
  tryCompileTemplate,
} from './merge-fields';

export const emailContentSchema = z.object({
  subject: z.string().trim().min(1, 'Write a subject.').max(200, 'Keep the subject under 200 characters.'),
  preheader: z.string().trim().max(250, 'Keep the preheader under 250 characters.').default(''),
  mjml: z.string().min(1, 'Write the email (MJML).').max(500_000, 'The MJML source is over 500 kB.'),
  /** the plain-text part as the author wrote it; empty: generated from the HTML */
  text: z.string().max(100_000, 'The plain-text part is over 100 kB.').default(''),
});
export type EmailContent = z.input<typeof emailContentSchema>;

export interface CompiledEmail {
  subject: CompiledTemplate;
  /** the HTML part, with the preheader as hidden text at the top of the body */
  html: CompiledTemplate;
  text: CompiledTemplate;
  /** every merge field the email uses (subject, preheader, body) */
  fields: MergeFieldName[];
}

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

/** `href="{{unsubscribeUrl}}"` (or with single quotes / spaces): the link every commercial email must carry */
const UNSUBSCRIBE_LINK = /href\s*=\s*(["'])\s*\{\{\s*unsubscribeUrl\s*\}\}\s*\1/;

const BODY_OPEN = /<body\b[^>]*>/i;

/** How email clients show a preheader and hide it in the body (the markup `mj-preview` produces). */
const PREHEADER_OPEN =
  '<div style="display:none;font-size:1px;color:#ffffff;line-height:1px;max-height:0px;max-width:0px;opacity:0;overflow:hidden;">';

function validationError(fieldErrors: FieldError[]): AppError {
  return AppError.validation('The email has errors: fix the fields listed.', fieldErrors);
}

/** MJML → HTML, or the MJML errors with their line. `mj-include` is ignored: it would read server files. */
async function mjmlToHtml(
  source: string,
): Promise<{ ok: true; html: string } | { ok: false; errors: FieldError[] }> {
  try {
    const result = await mjml2html(source, {
      validationLevel: 'soft',
      keepComments: false,
      ignoreIncludes: true,
    });
    if (result.errors.length > 0) {
      return {
        ok: false,
        errors: result.errors.map((e) => ({ field: 'mjml', message: `line ${e.line}: ${e.message}` })),
      };
    }
    if (!BODY_OPEN.test(result.html)) {
      return {
        ok: false,
        errors: [{ field: 'mjml', message: 'The MJML must start with <mjml> and have an <mj-body>.' }],
      };
    }
    return { ok: true, html: result.html };
  } catch (e) {
    const message = e instanceof Error ? e.message.trim() : String(e);
    return { ok: false, errors: [{ field: 'mjml', message: `The MJML could not be read: ${message}` }] };
  }
}

/** The plain-text part from the compiled HTML (merge fields pass through as `{{…}}` text). */
export function htmlToPlainText(html: string): string {
  const heading = { options: { uppercase: false } };
  return convert(html, {
    wordwrap: false,
    selectors: [
      { selector: 'img', format: 'skip' },
      { selector: 'a', options: { hideLinkHrefIfSameAsText: true } },
      ...['h1', 'h2', 'h3', 'h4', 'h5', 'h6'].map((selector) => ({ selector, ...heading })),
    ],
  })
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/**
 * Validates and compiles an email variant. Throws AppError validation listing every problem found:
 * subject/preheader/MJML merge field errors, MJML errors with their line, a missing unsubscribe link.
 */
export async function compileEmail(input: EmailContent): Promise<CompiledEmail> {
  const parsedInput = emailContentSchema.safeParse(input);
  if (!parsedInput.success) {
    throw validationError(
      parsedInput.error.issues.map((i) => ({ field: i.path.join('.') || 'email', message: i.message })),
    );
  }
  const content = parsedInput.data;
  const errors: FieldError[] = [];

  const subject = tryCompileTemplate(content.subject, 'subject');
  if (!subject.ok) errors.push(...subject.fieldErrors);
  if (/[\r\n]/.test(content.subject))
    errors.push({ field: 'subject', message: 'The subject must fit on one line.' });
  const preheader = tryCompileTemplate(content.preheader, 'preheader');
  if (!preheader.ok) errors.push(...preheader.fieldErrors);

  const mjmlFields = parseTemplate(content.mjml);
  errors.push(
    ...mjmlFields.problems.map((p) => ({
      field: 'mjml',
      message: `line ${p.line}, column ${p.column}: ${p.message}`,
    })),
  );
  if (!UNSUBSCRIBE_LINK.test(content.mjml)) {
    errors.push({
      field: 'mjml',
      message:
        'Add the unsubscribe link: <a href="{{unsubscribeUrl}}">Se désinscrire</a> (required in every email).',
    });
  }
  const customText = content.text.trim() === '' ? null : tryCompileTemplate(content.text, 'text');
  if (customText && !customText.ok) errors.push(...customText.fieldErrors);
  if (customText?.ok && !customText.template.fields.includes('unsubscribeUrl')) {
    errors.push({
      field: 'text',
      message:
        'Add the unsubscribe link {{unsubscribeUrl}} to the plain-text part too, or leave it empty to generate it from the email.',
    });
  }
  const compiled = await mjmlToHtml(content.mjml);
  if (!compiled.ok) errors.push(...compiled.errors);
  if (errors.length > 0 || !compiled.ok || !subject.ok || !preheader.ok) throw validationError(errors);

  const body = tryCompileTemplate(compiled.html, 'mjml');
  const text = customText ?? tryCompileTemplate(htmlToPlainText(compiled.html), 'mjml');
  if (!body.ok || !text.ok) {
    // the source's fields were valid: MJML output that breaks them is a bug here, not the user's input
    throw new AppError('internal', 'The compiled email lost its merge fields.');
  }

  const html = insertPreheader(body.template, preheader.template);
  const fields = [
    ...new Set([...subject.template.fields, ...preheader.template.fields, ...body.template.fields]),
  ];
  return { subject: subject.template, html, text: text.template, fields };
}

/** Puts the preheader as hidden text right after `<body …>`; its static text is HTML-escaped, its fields kept. */
function insertPreheader(body: CompiledTemplate, preheader: CompiledTemplate): CompiledTemplate {
  if (preheader.statics.length === 1 && preheader.statics[0] === '') return body;
  const first = body.statics[0]!;
  const match = BODY_OPEN.exec(first);
  if (!match) return body; // MJML always writes <body> before any content; no merge field precedes it
  const cut = match.index + match[0].length;
  const head = literalTemplate(first.slice(0, cut) + PREHEADER_OPEN);
  const tail = { ...body, statics: [`</div>${first.slice(cut)}`, ...body.statics.slice(1)] };
  return concatTemplates(head, mapStatics(preheader, escapeHtml), tail);
}

/** One contact's email. The subject is a header, not HTML: its values are not escaped. */
export function renderEmail(email: CompiledEmail, values: MergeValues): RenderedEmail {
  return {
    subject: render(email.subject, values, { escape: 'none' }).replace(/[\r\n]+/g, ' '),
    html: render(email.html, values, { escape: 'html' }),
    text: render(email.text, values, { escape: 'none' }),
  };
}
