/**
 * COPY ... FROM STDIN in PostgreSQL's text format: one tab-separated line per row, `\N` for null.
 */
import { once } from 'node:events';
import type { TransactionSql } from 'postgres';

export type CopyValue = string | number | boolean | null;

const SPECIAL = /[\\\t\n\r]/;
const SPECIAL_ALL = /[\\\t\n\r]/g;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

export function copyText(value: string): string {
  return SPECIAL.test(value) ? value.replace(SPECIAL_ALL, (c) => ESCAPES[c]!) : value;
}

export function copyValue(value: CopyValue): string {
  if (value === null) return '\\N';
  if (typeof value === 'string') return copyText(value);
  if (typeof value === 'boolean') return value ? 't' : 'f';
  return String(value);
}

/** A PostgreSQL array literal of text (`{"a","b"}`), ready for `copyValue`. */
export function textArrayLiteral(values: readonly string[]): string {
  return `{${values.map((v) => `"${v.replace(/["\\]/g, (c) => `\\${c}`)}"`).join(',')}}`;
}

/** Streams `lines` (already COPY-encoded, each ending with \n) into `table (columns)`. */
export async function copyLines(
  tx: TransactionSql,
  table: string,
  columns: readonly string[],
  lines: readonly string[],
): Promise<void> {
  if (lines.length === 0) return;
  const writable = await tx.unsafe(`COPY ${table} (${columns.join(', ')}) FROM STDIN`).writable();
  const slice = 2000;
  for (let i = 0; i < lines.length; i += slice) {
    if (!writable.write(lines.slice(i, i + slice).join(''))) await once(writable, 'drain');
  }
  // postgres.js never settles the writable when the server refuses the data after the last write. So once
  // the stream has sent CopyDone (its `final`), queue a query behind the COPY: it fails if the COPY failed.
  const finalSent = new Promise<void>((resolve) => {
    const original = writable._final!.bind(writable);
    writable._final = (callback) => {
      original(callback);
      resolve();
    };
  });
  const finished = once(writable, 'finish');
  writable.end();
  await finalSent;
  try {
    await Promise.all([finished, tx`SELECT 1`]);
  } catch (err) {
    throw new Error(`COPY into ${table} was refused by PostgreSQL (${(err as Error).message})`);
  }
}
