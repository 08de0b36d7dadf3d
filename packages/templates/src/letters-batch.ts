/**
 * Many letters in one PDF (the file sent to the printer), streamed: each letter's page is written to `out` as
 * soon as the next one starts, so memory does not grow with the letters' content.
 *
 * Two things make that true, both measured (bench/render-speed.ts):
 * - the loop yields to the event loop after each letter and waits for `out` to drain: PDFKit pushes its output
 *   from a stream callback that a loop of resolved promises would starve, and the whole file would pile up in
 *   memory (650 MB of RSS for 20,000 letters before this);
 * - PDFKit keeps every finished page's dictionary for the page tree it writes at the end, about 1 KB a page;
 *   only the object number is needed then, so the dictionaries already written are emptied (about 0.2 KB a page
 *   remains: the cross-reference offsets and page references a PDF needs). This relies on PDFKit internals
 *   (`_root.data.Pages.data.Kids`); if they change, `releaseWrittenPages` does nothing and memory just grows
 *   by that 1 KB a page.
 */
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { setImmediate as nextTurn } from 'node:timers/promises';
import {
  beginDocument,
  type CompiledLetter,
  type Doc,
  drawLetter,
  type LetterRecipient,
  letterError,
  parseRecipient,
} from './letter';

interface PageTree {
  _root?: { data?: { Pages?: { data?: { Kids?: unknown } } } };
}

/** Empties the data of page dictionaries PDFKit has already written (all but the current page). */
function releaseWrittenPages(doc: Doc, from: number): number {
  const kids = (doc as unknown as PageTree)._root?.data?.Pages?.data?.Kids;
  if (!Array.isArray(kids)) return from;
  const upTo = kids.length - 1; // the last page is still being drawn
  for (let i = from; i < upTo; i++) {
    const ref = kids[i] as { data?: unknown } | undefined;
    if (ref && typeof ref === 'object' && 'data' in ref) ref.data = {};
  }
  return Math.max(from, upTo);
}

/**
 * Writes one PDF with a page per letter to `out`. A bad recipient stops the batch with an AppError naming it
 * (`recipients.<index>...`) and destroys `out`. Resolves once `out` has received the whole file.
 */
export async function renderLettersBatch(
  letter: CompiledLetter,
  recipients: Iterable<LetterRecipient> | AsyncIterable<LetterRecipient>,
  out: Writable,
): Promise<{ letters: number; pages: number }> {
  const doc = beginDocument(letter);
  const finished = new Promise<void>((resolve, reject) => {
    out.once('finish', resolve);
    out.once('error', reject);
    doc.once('error', reject);
  });
  finished.catch(() => {}); // awaited below; on a failed batch the error thrown is the recipient's
  doc.pipe(out);
  let letters = 0;
  let pages = 0;
  let released = 0;
  doc.on('pageAdded', () => {
    pages += 1;
  });
  try {
    for await (const recipient of recipients) {
      const r = parseRecipient(recipient, letters);
      drawLetter(doc, letter, r.address, r.values);
      letters += 1;
      released = releaseWrittenPages(doc, released);
      await nextTurn();
      if (out.destroyed) throw out.errored ?? new Error('The letters output was closed before the end.');
      if (out.writableNeedDrain) await once(out, 'drain');
    }
    if (letters === 0)
      throw letterError([{ field: 'recipients', message: 'No recipients: nothing to print.' }]);
  } catch (e) {
    doc.unpipe(out);
    out.destroy(e instanceof Error ? e : new Error(String(e)));
    throw e;
  }
  doc.end();
  await finished;
  return { letters, pages };
}
