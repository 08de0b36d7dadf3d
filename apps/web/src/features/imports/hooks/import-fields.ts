import {
  ATTRIBUTE_PREFIX,
  importFields as fieldsOf,
  IGNORE,
  type ImportMapping,
  missingRequired as missingOf,
} from '@relance/domain/import-fields';
import type { ImportKind } from '@relance/domain/vocabulary';
import type { Language } from '../../../lib/i18n';
import type { Preview } from '../api/schemas';

export { ATTRIBUTE_PREFIX, IGNORE };

export interface FieldOption {
  key: string;
  label: string;
  required: boolean;
}

/** The target fields of the mapping (the same list the server validates against), labelled in the UI's language. */
export function fieldOptions(kind: ImportKind, language: Language): FieldOption[] {
  return fieldsOf(kind).map((f) => ({
    key: f.key,
    label: f.label[language],
    required: f.required !== false,
  }));
}

/** Every header starts with the server's suggestion, or 'ignore' when there is none. */
export function initialMapping(preview: Preview): ImportMapping {
  return Object.fromEntries(preview.headers.map((h) => [h, preview.suggestedMapping[h] ?? IGNORE]));
}

/** Required fields (or groups: "last name or company") no column maps to, as labels. */
export function missingRequired(
  kind: ImportKind,
  mapping: ImportMapping,
  language: Language,
  or: string,
): string[] {
  const labels = new Map(fieldsOf(kind).map((f) => [f.key, f.label[language]]));
  return missingOf(mapping, kind).map((missing) =>
    missing
      .split(' or ')
      .map((key) => labels.get(key) ?? key)
      .join(` ${or} `),
  );
}

/** Fields chosen by more than one column. */
export function duplicateTargets(mapping: ImportMapping): Set<string> {
  const seen = new Set<string>();
  const dup = new Set<string>();
  for (const value of Object.values(mapping)) {
    if (value === IGNORE) continue;
    if (seen.has(value)) dup.add(value);
    seen.add(value);
  }
  return dup;
}
