/**
 * Checks a file's header row: names trimmed, no empty name between named columns (empty trailing columns,
 * as some spreadsheets write, are dropped), no two columns with the same name, no control characters.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: refusing them is the point
const CONTROL = /[\u0000-\u001f\u007f]/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: refusing them is the point
const CONTROL_ALL = /[\u0000-\u001f\u007f]/g;

export type HeaderCheck = { ok: true; headers: string[] } | { ok: false; failure: string };

export function checkHeaders(record: readonly string[]): HeaderCheck {
  const headers = record.map((h) => h.trim());
  while (headers.length > 0 && headers[headers.length - 1] === '') headers.pop();
  if (headers.length === 0)
    return {
      ok: false,
      failure: 'The first line (the header) is empty: the file must start with the column names.',
    };
  const empty = headers.indexOf('');
  if (empty !== -1) {
    return {
      ok: false,
      failure: `Column ${empty + 1} has no name in the header (line 1): name it, or delete the column.`,
    };
  }
  const bad = headers.find((h) => CONTROL.test(h));
  if (bad !== undefined) {
    return {
      ok: false,
      failure: `The column name "${bad.replace(CONTROL_ALL, '?')}" contains control characters or a line break: rename it.`,
    };
  }
  const seen = new Set<string>();
  for (const h of headers) {
    if (seen.has(h))
      return { ok: false, failure: `Two columns are named "${h}" in the header (line 1): rename one.` };
    seen.add(h);
  }
  return { ok: true, headers };
}
