/**
 * Where things go on an A4 letter (210 × 297 mm) folded in three for a DL window envelope, in millimetres
 * from the top-left corner of the sheet.
 *
 * The window: a DL envelope (110 × 220 mm, ISO 269) with the usual French window of 45 × 100 mm placed 20 mm
 * from the right edge and 15 mm from the bottom of the envelope. La Poste's guidance for letters sent in such
 * envelopes (Guide pratique courrier, "la rédaction et l'impression de l'adresse") puts the recipient's address
 * in a zone 85 mm wide × 33 mm high, 110 mm from the left edge and 55 mm from the top of the sheet: inside the
 * window with a margin when the sheet moves in the envelope, and leaving room above it for a registered-mail
 * barcode. The address itself follows NF Z 10-011: at most 6 lines (7 abroad), at most 38 characters a line,
 * no blank line, the last line (postal code and city) in capitals, in a 9–12 pt sans-serif font (10 pt here).
 * Check the first print run against your envelope supplier's window: some French DL windows sit at 45–50 mm.
 *
 * Folds for the DL: at 99 mm and 198 mm (a third of 297 mm), marked in the left margin.
 */

export const MM = 72 / 25.4;
export const mm = (value: number): number => value * MM;

export const A4 = { width: 210, height: 297 } as const;

export const ADDRESS_WINDOW = { x: 110, y: 55, width: 85, height: 33 } as const;
export const ADDRESS_MAX_LINES = 6;
export const ADDRESS_FONT_SIZE = 10;
export const ADDRESS_MIN_FONT_SIZE = 8;

export const FOLD_MARKS = [99, 198] as const;

export const LAYOUT = {
  sender: { x: 20, y: 15, width: 80 },
  dateLine: { y: 95 },
  body: { x: 25, width: 165, top: 104 },
  footer: { y: 282, height: 10 },
  /** the body, code box and signature must end above this line to stay on one page */
  bottomLimit: 278,
  codeBox: { height: 40, qrSize: 30 },
} as const;

export const FONTS = {
  regular: 'Helvetica',
  bold: 'Helvetica-Bold',
  code: 'Courier-Bold',
} as const;

export const SIZES = {
  sender: 9,
  date: 10,
  subject: 10.5,
  hook: 13,
  body: 10.5,
  codeLabel: 10,
  code: 24,
  codeUrl: 8.5,
  qrCaption: 8,
  footer: 7.5,
} as const;

/**
 * The address lines as printed: trimmed, blank lines dropped, the last line in capitals (postal code and
 * city). Too many lines are refused by the schema before this.
 */
export function addressLinesForWindow(lines: readonly string[]): string[] {
  const kept = lines.map((l) => l.replace(/\s+/g, ' ').trim()).filter((l) => l !== '');
  if (kept.length > 0) kept[kept.length - 1] = kept[kept.length - 1]!.toLocaleUpperCase('fr-FR');
  return kept;
}

/** "Lyon, le 22 novembre 2026" (Paris time), or "Le 22 novembre 2026" without a place. */
export function dateLine(date: Date, place?: string): string {
  const day = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeZone: 'Europe/Paris' }).format(date);
  return place ? `${place}, le ${day}` : `Le ${day}`;
}

/** Paragraphs of a letter body: separated by a blank line; single line breaks are kept inside a paragraph. */
export function paragraphs(text: string): string[] {
  return text
    .split(/\r?\n\s*\r?\n/)
    .map((p) => p.trim())
    .filter((p) => p !== '');
}
