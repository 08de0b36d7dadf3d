type Messages = Record<string, unknown>;

/**
 * The core messages (`locales/<lang>.json`) plus one file per feature area (`locales/<lang>/<key>.json`), each
 * file's content under the top-level key named after it: `locales/fr/campaignContent.json` is read as
 * `t('campaignContent.…')`. Files keep features out of each other's way; a key defined twice is a mistake.
 */
export function mergeLocaleFiles(core: Messages, files: Record<string, unknown>): Messages {
  const merged: Messages = { ...core };
  for (const [path, module] of Object.entries(files)) {
    const key = path.replace(/^.*\//, '').replace(/\.json$/, '');
    if (key in merged) throw new Error(`Locale key "${key}" is defined twice (${path})`);
    merged[key] = (module as { default?: unknown }).default ?? module;
  }
  return merged;
}
