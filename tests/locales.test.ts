import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../apps/web/src/locales');

function keys(value: unknown, prefix = ''): string[] {
  if (value === null || typeof value !== 'object') return [prefix];
  return Object.entries(value).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

/** The messages of one language as the app loads them: the core file and one file per feature area. */
function messages(language: 'fr' | 'en'): Record<string, unknown> {
  const merged = JSON.parse(readFileSync(join(root, `${language}.json`), 'utf8')) as Record<string, unknown>;
  for (const file of readdirSync(join(root, language)).filter((f) => f.endsWith('.json'))) {
    const key = file.replace(/\.json$/, '');
    expect(merged, `${language}/${file} repeats a core key`).not.toHaveProperty(key);
    merged[key] = JSON.parse(readFileSync(join(root, language, file), 'utf8'));
  }
  return merged;
}

describe('locales', () => {
  // plural forms differ by language (French has a `_many`), so keys are compared without their plural suffix
  const base = (language: 'fr' | 'en') => [
    ...new Set(keys(messages(language)).map((k) => k.replace(/_(zero|one|two|few|many|other)$/, ''))),
  ];

  it('French and English have exactly the same messages', () => {
    const fr = base('fr');
    const en = base('en');
    expect(
      fr.filter((k) => !en.includes(k)),
      'missing in English',
    ).toEqual([]);
    expect(
      en.filter((k) => !fr.includes(k)),
      'missing in French',
    ).toEqual([]);
  });

  it('no message is empty', () => {
    for (const language of ['fr', 'en'] as const) {
      const empty = keys(messages(language)).filter((path) => {
        const value = path
          .split('.')
          .reduce<unknown>((v, k) => (v as Record<string, unknown>)[k], messages(language));
        return typeof value !== 'string' || value.trim() === '';
      });
      expect(empty, `${language}: empty or non-text messages`).toEqual([]);
    }
  });
});
