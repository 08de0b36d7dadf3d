/**
 * Merge fields: the `{{name}}` placeholders that campaign content (email, SMS, voice, letter, phone script)
 * takes from the contact file and from the campaign (tracking code, offer, unsubscribe link).
 *
 * Syntax: `{{firstName}}`, spaces allowed inside (`{{ firstName }}`), and a fallback for an empty value:
 * `{{firstName|cher client}}` (the fallback is plain text, escaped like a value).
 *
 * Compile once, render many: `compileTemplate` parses the source into static chunks and slots; `render`
 * only concatenates, so the worker can merge a million sends from one compiled template.
 */
import { AppError, type FieldError } from '@relance/domain/errors';
import { closest, distance } from 'fastest-levenshtein';
import { z } from 'zod';

export interface MergeFieldDefinition {
  name: string;
  label: { en: string; fr: string };
  description: string;
  example: string;
  /** other names people type for it (French or the contact file's column): suggested when used */
  aliases: readonly string[];
}

export const MERGE_FIELDS = [
  mf('civility', 'Civility', 'Civilité', 'Madame, Monsieur… as in the contact file.', 'Madame', ['civilite']),
  mf('firstName', 'First name', 'Prénom', 'The contact’s first name.', 'Claire', ['prenom']),
  mf('lastName', 'Last name', 'Nom', 'The contact’s last name.', 'Martin', ['nom', 'name']),
  mf(
    'company',
    'Company',
    'Société',
    'The contact’s company (companyName in the contact file).',
    'Boulangerie Martin',
    ['companyName', 'societe', 'entreprise'],
  ),
  mf('email', 'Email', 'E-mail', 'The contact’s email address.', 'claire.martin@exemple.fr', [
    'courriel',
    'mail',
  ]),
  mf('phone', 'Phone', 'Téléphone', 'The contact’s phone number.', '06 12 34 56 78', ['telephone', 'mobile']),
  mf('addressLine1', 'Address', 'Adresse', 'First line of the postal address.', '12 rue des Lilas', [
    'adresse',
  ]),
  mf('postalCode', 'Postal code', 'Code postal', 'The postal code.', '69003', ['codePostal', 'cp']),
  mf('city', 'City', 'Ville', 'The city.', 'Lyon', ['ville', 'commune']),
  mf(
    'lastOrderDate',
    'Last order date',
    'Date de dernière commande',
    'Date of the last order, spelled in French.',
    '12 mars 2026',
    ['dateDerniereCommande', 'lastOrder'],
  ),
  mf(
    'trackingCode',
    'Tracking code',
    'Code de suivi',
    'The contact’s own response code for this send (printed, read on the phone, typed at a counter).',
    'RL7K-2Q9M',
    ['code'],
  ),
  mf(
    'couponCode',
    'Coupon code',
    'Code promo',
    'The campaign offer’s coupon code, the same for every recipient (empty when the offer has none).',
    'BIENVENUE10',
    ['codePromo', 'coupon'],
  ),
  mf(
    'trackingUrl',
    'Tracked link',
    'Lien suivi',
    'The contact’s tracked link to the offer.',
    'https://r.relance.fr/c/RL7K2Q9M',
    ['url', 'link', 'lien'],
  ),
  mf(
    'surveyUrl',
    'Survey link',
    'Lien du questionnaire',
    'The contact’s own link to answer the survey wave this step invites to.',
    'https://r.relance.fr/s/RL7K2Q9M',
    ['questionnaire', 'enquete', 'survey'],
  ),
  mf(
    'offer',
    'Offer',
    'Offre',
    'The offer of this step or variant, as worded in the plan.',
    '-20 % sur votre prochaine commande',
    ['offre'],
  ),
  mf(
    'offerEndDate',
    'Offer end date',
    'Fin de l’offre',
    'Last day of the offer, spelled in French.',
    '30 avril 2026',
    ['dateFinOffre'],
  ),
  mf(
    'unsubscribeUrl',
    'Unsubscribe link',
    'Lien de désinscription',
    'The contact’s one-click unsubscribe link.',
    'https://r.relance.fr/u/RL7K2Q9M',
    ['unsubscribe', 'desinscription', 'optOutUrl'],
  ),
  mf(
    'senderName',
    'Sender name',
    'Nom de l’expéditeur',
    'Who signs the message (person or brand).',
    'Julie, de la Boulangerie Martin',
    ['expediteur', 'signature'],
  ),
] as const satisfies readonly MergeFieldDefinition[];

export type MergeFieldName = (typeof MERGE_FIELDS)[number]['name'];
export const MERGE_FIELD_NAMES = MERGE_FIELDS.map((f) => f.name) as [MergeFieldName, ...MergeFieldName[]];
export const mergeFieldNameSchema = z.enum(MERGE_FIELD_NAMES);

/** The values of one contact's send; a missing, null or blank value renders as the fallback, or nothing. */
export const mergeValuesSchema = z.partialRecord(mergeFieldNameSchema, z.string().max(2000).nullable());
export type MergeValues = z.infer<typeof mergeValuesSchema>;

/** Every field's example value: the preview's stand-in contact and the worst-case length estimates. */
export const EXAMPLE_VALUES: Readonly<Record<MergeFieldName, string>> = Object.fromEntries(
  MERGE_FIELDS.map((f) => [f.name, f.example]),
) as Record<MergeFieldName, string>;

export interface FieldUse {
  name: MergeFieldName;
  fallback: string | null;
  /** 1-based line and column of the opening `{{` */
  line: number;
  column: number;
}

export interface TemplateProblem {
  line: number;
  column: number;
  message: string;
}

export interface ParsedTemplate {
  /** every use, in source order */
  uses: FieldUse[];
  /** the distinct fields used, in order of first use */
  fields: MergeFieldName[];
  problems: TemplateProblem[];
}

interface Slot {
  name: MergeFieldName;
  fallback: string;
}

/** A parsed template: statics[0] slot[0] statics[1] slot[1] … statics[n]. Immutable; share it freely. */
export interface CompiledTemplate {
  readonly statics: readonly string[];
  readonly slots: readonly Slot[];
  readonly fields: readonly MergeFieldName[];
}

export type EscapeMode = 'html' | 'none';

const KNOWN = new Set<string>(MERGE_FIELD_NAMES);
const SUGGESTABLE = new Map<string, MergeFieldName>();
for (const f of MERGE_FIELDS as readonly MergeFieldDefinition[]) {
  for (const n of [f.name, ...f.aliases]) SUGGESTABLE.set(n.toLowerCase(), f.name as MergeFieldName);
}

/** The known field nearest to an unknown name (case, French aliases, then edit distance), or null. */
export function nearestMergeField(name: string): MergeFieldName | null {
  const lower = name.toLowerCase().replace(/[_\s-]/g, '');
  const direct = SUGGESTABLE.get(lower);
  if (direct) return direct;
  const keys = [...SUGGESTABLE.keys()];
  const best = closest(lower, keys);
  return distance(lower, best) <= Math.max(2, Math.floor(best.length / 3)) ? SUGGESTABLE.get(best)! : null;
}

interface Token {
  start: number;
  end: number;
  use: FieldUse;
}

function scan(source: string): { tokens: Token[]; problems: TemplateProblem[] } {
  const lineStarts = [0];
  for (let i = 0; i < source.length; i++) if (source.charCodeAt(i) === 10) lineStarts.push(i + 1);
  const position = (offset: number) => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - lineStarts[lo]! + 1 };
  };

  const tokens: Token[] = [];
  const problems: TemplateProblem[] = [];
  let from = 0;
  for (;;) {
    const open = source.indexOf('{{', from);
    if (open < 0) break;
    const at = position(open);
    const close = source.indexOf('}}', open + 2);
    const nextOpen = source.indexOf('{{', open + 2);
    if (close < 0 || (nextOpen >= 0 && nextOpen < close)) {
      problems.push({ ...at, message: 'this {{ is never closed: end the merge field with }}' });
      if (close < 0) break;
      from = nextOpen;
      continue;
    }
    const inner = source.slice(open + 2, close);
    const bar = inner.indexOf('|');
    const rawName = (bar < 0 ? inner : inner.slice(0, bar)).trim();
    const fallback = bar < 0 ? null : inner.slice(bar + 1).trim();
    from = close + 2;
    if (rawName === '') {
      problems.push({
        ...at,
        message: 'empty merge field {{}}: put a field name inside, e.g. {{firstName}}',
      });
    } else if (!KNOWN.has(rawName)) {
      const near = rawName.length <= 40 ? nearestMergeField(rawName) : null;
      const shown = rawName.length > 40 ? `${rawName.slice(0, 40)}…` : rawName;
      problems.push({
        ...at,
        message: `unknown merge field {{${shown}}}${near ? `: did you mean {{${near}}}?` : ''}`,
      });
    } else {
      tokens.push({ start: open, end: close + 2, use: { name: rawName as MergeFieldName, fallback, ...at } });
    }
  }
  return { tokens, problems };
}

/** The merge fields a source uses, with their positions, and what is wrong with it (unknown or unclosed fields). */
export function parseTemplate(source: string): ParsedTemplate {
  const { tokens, problems } = scan(source);
  const uses = tokens.map((t) => t.use);
  return { uses, fields: [...new Set(uses.map((u) => u.name))], problems };
}

/** A problem as a field error: `line 3, column 5: unknown merge field {{nom}}: did you mean {{lastName}}?` */
export function problemToFieldError(field: string, p: TemplateProblem): FieldError {
  return { field, message: `line ${p.line}, column ${p.column}: ${p.message}` };
}

/** Parses and compiles, or returns the field errors (for callers that gather errors from several parts). */
export function tryCompileTemplate(
  source: string,
  field: string,
): { ok: true; template: CompiledTemplate } | { ok: false; fieldErrors: FieldError[] } {
  const { tokens, problems } = scan(source);
  if (problems.length > 0)
    return { ok: false, fieldErrors: problems.map((p) => problemToFieldError(field, p)) };
  const statics: string[] = [];
  const slots: Slot[] = [];
  let last = 0;
  for (const t of tokens) {
    statics.push(source.slice(last, t.start));
    slots.push({ name: t.use.name, fallback: t.use.fallback ?? '' });
    last = t.end;
  }
  statics.push(source.slice(last));
  const fields = [...new Set(slots.map((s) => s.name))];
  return { ok: true, template: Object.freeze({ statics, slots, fields }) };
}

/** Compiles a source; unknown or unclosed fields throw AppError validation with one field error each. */
export function compileTemplate(source: string, field = 'template'): CompiledTemplate {
  const result = tryCompileTemplate(source, field);
  if (!result.ok) throw AppError.validation(`The ${field} has merge field errors.`, result.fieldErrors);
  return result.template;
}

/** Joins compiled templates end to end (e.g. an HTML body with a preheader inserted). */
export function concatTemplates(...parts: readonly CompiledTemplate[]): CompiledTemplate {
  const statics: string[] = [''];
  const slots: Slot[] = [];
  for (const p of parts) {
    statics[statics.length - 1] += p.statics[0]!;
    for (let i = 0; i < p.slots.length; i++) {
      slots.push(p.slots[i]!);
      statics.push(p.statics[i + 1]!);
    }
  }
  return Object.freeze({ statics, slots, fields: [...new Set(slots.map((s) => s.name))] });
}

/** A template whose static text is transformed (e.g. HTML-escaped) while its merge fields stay as they are. */
export function mapStatics(template: CompiledTemplate, fn: (text: string) => string): CompiledTemplate {
  return Object.freeze({ ...template, statics: template.statics.map(fn) });
}

/** A template of static text only, with no merge fields. */
export function literalTemplate(text: string): CompiledTemplate {
  return Object.freeze({ statics: [text], slots: [], fields: [] });
}

const HTML_SPECIAL = /[&<>"']/;
const HTML_SPECIAL_ALL = /[&<>"']/g;
const HTML_ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for HTML content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return HTML_SPECIAL.test(text) ? text.replace(HTML_SPECIAL_ALL, (c) => HTML_ENTITIES[c]!) : text;
}

function isBlank(value: string | null | undefined): value is null | undefined {
  if (value == null) return true;
  for (let i = 0; i < value.length; i++) if (value.charCodeAt(i) > 32) return false;
  return true;
}

/**
 * Merges one contact's values. `escape: 'html'` for email and letters (a value `<script>` becomes
 * `&lt;script&gt;`), `'none'` for SMS, voice and plain text. Values are never re-parsed: a value containing
 * `{{…}}` is printed as it is.
 */
export function render(
  template: CompiledTemplate,
  values: MergeValues,
  options: { escape: EscapeMode },
): string {
  const { statics, slots } = template;
  const html = options.escape === 'html';
  let out = statics[0]!;
  for (let i = 0; i < slots.length; i++) {
    const slot = slots[i]!;
    const value = values[slot.name];
    const text = isBlank(value) ? slot.fallback : value;
    out += (html ? escapeHtml(text) : text) + statics[i + 1]!;
  }
  return out;
}

/** The fields a template uses that have no value and no fallback for this contact (the preview warns). */
export function missingFields(template: CompiledTemplate, values: MergeValues): MergeFieldName[] {
  const missing = new Set<MergeFieldName>();
  for (const slot of template.slots)
    if (slot.fallback === '' && isBlank(values[slot.name])) missing.add(slot.name);
  return [...missing];
}

function mf<N extends string>(
  name: N,
  en: string,
  fr: string,
  description: string,
  example: string,
  aliases: readonly string[],
) {
  return { name, label: { en, fr }, description, example, aliases } as const;
}
