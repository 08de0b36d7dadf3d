import { Writable } from 'node:stream';
import { letterRecipientSchema } from '@relance/templates/letter';
import { renderLettersBatch } from '@relance/templates/letters-batch';
import { addressLines, type OutgoingLetter } from './postal-message';

export interface PrintBatchFiles {
  /** the print-ready PDF: one A4 page per letter, in the manifest's order */
  pdf: Buffer;
  pages: number;
  /** the mail house's manifest: one line per letter (semicolon-separated, UTF-8) */
  csv: string;
  /** the letters in the PDF, in order, with their first page */
  printed: { message: OutgoingLetter; page: number }[];
  /** letters that cannot be printed (an address too long, no tracking code...), by send id, with the reason */
  refused: Map<string, string>;
}

const MANIFEST_COLUMNS = [
  'send_id',
  'page',
  'tracking_code',
  'name',
  'company',
  'line1',
  'line2',
  'postal_code',
  'city',
  'country',
  'postage',
] as const;

function csvField(value: string): string {
  return /[;"\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** The manifest a mail house reads next to the PDF: who gets which page, with which postage. */
export function manifestCsv(printed: PrintBatchFiles['printed']): string {
  const rows = printed.map(({ message: m, page }) =>
    [
      m.sendId,
      String(page),
      m.values.trackingCode ?? '',
      m.address.name,
      m.address.company ?? '',
      m.address.line1,
      m.address.line2 ?? '',
      m.address.postalCode,
      m.address.city,
      (m.address.country ?? 'FR').toUpperCase(),
      m.postage ?? 'lettre-verte',
    ]
      .map(csvField)
      .join(';'),
  );
  return `${[MANIFEST_COLUMNS.join(';'), ...rows].join('\r\n')}\r\n`;
}

/**
 * Renders the letters of one batch (they share a compiled letter) into one print-ready PDF, through
 * @relance/templates' streaming batch renderer, and its CSV manifest. A letter that cannot be printed is left
 * out with its reason instead of failing the batch.
 */
export async function renderPrintBatch(messages: readonly OutgoingLetter[]): Promise<PrintBatchFiles> {
  const refused = new Map<string, string>();
  const printable: OutgoingLetter[] = [];
  for (const m of messages) {
    const check = letterRecipientSchema.safeParse({ address: addressLines(m.address), values: m.values });
    if (check.success) printable.push(m);
    else refused.set(m.sendId, check.error.issues.map((i) => i.message).join('; '));
  }
  const letter = printable[0]?.letter;
  if (!letter) return { pdf: Buffer.alloc(0), pages: 0, csv: manifestCsv([]), printed: [], refused };
  if (printable.some((m) => m.letter !== letter))
    throw new Error('A print batch takes letters of one compiled letter: group them first.');

  const chunks: Buffer[] = [];
  const out = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk);
      done();
    },
  });
  const { pages, letters } = await renderLettersBatch(
    letter,
    printable.map((m) => ({ address: addressLines(m.address), values: m.values })),
    out,
  );
  // the layout keeps a letter on one page (compileLetter refuses longer ones): letter i starts on page i + 1
  if (pages !== letters) throw new Error(`The batch PDF has ${pages} pages for ${letters} letters.`);
  const printed = printable.map((message, i) => ({ message, page: i + 1 }));
  return { pdf: Buffer.concat(chunks), pages, csv: manifestCsv(printed), printed, refused };
}
