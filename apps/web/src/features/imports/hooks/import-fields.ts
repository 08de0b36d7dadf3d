import type { Language } from '../../../lib/i18n';
import type { Preview, RawField } from '../api/schemas';

export interface ImportField {
  key: string;
  required: boolean;
  label: string;
}

export const IGNORE = 'ignore';
export const ATTRIBUTE_PREFIX = 'attribute:';

function labelOf(raw: Exclude<RawField, string>, language: Language): string {
  const l = raw.labels ?? raw.label;
  if (!l) return raw.key;
  if (typeof l === 'string') return l;
  return l[language] ?? l.fr ?? l.en ?? raw.key;
}

/**
 * The target fields of the mapping, from the preview's `fields`. When the answer has none, the fields
 * are read from the suggestions and the missing required ones, so that the mapping still works.
 */
export function importFields(preview: Preview, language: Language): ImportField[] {
  const required = new Set(preview.missingRequired);
  if (preview.fields && preview.fields.length > 0) {
    return preview.fields.map((raw) =>
      typeof raw === 'string'
        ? { key: raw, required: required.has(raw), label: raw }
        : { key: raw.key, required: raw.required ?? required.has(raw.key), label: labelOf(raw, language) },
    );
  }
  const keys = new Set<string>();
  for (const value of Object.values(preview.suggestedMapping)) {
    if (value !== IGNORE && !value.startsWith(ATTRIBUTE_PREFIX)) keys.add(value);
  }
  for (const key of preview.missingRequired) keys.add(key);
  return [...keys].map((key) => ({ key, required: required.has(key), label: key }));
}

/** Every header starts with the suggestion, or 'ignore' when there is none. */
export function initialMapping(preview: Preview): Record<string, string> {
  return Object.fromEntries(preview.headers.map((h) => [h, preview.suggestedMapping[h] ?? IGNORE]));
}

/** Required fields that no column maps to. */
export function missingRequired(fields: ImportField[], mapping: Record<string, string>): ImportField[] {
  const mapped = new Set(Object.values(mapping));
  return fields.filter((f) => f.required && !mapped.has(f.key));
}

/** Fields chosen by more than one column. */
export function duplicateTargets(mapping: Record<string, string>): Set<string> {
  const seen = new Set<string>();
  const dup = new Set<string>();
  for (const value of Object.values(mapping)) {
    if (value === IGNORE) continue;
    if (seen.has(value)) dup.add(value);
    seen.add(value);
  }
  return dup;
}
