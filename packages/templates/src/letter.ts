/**
 * Postal letter: an A4 PDF with the sender, the recipient's address in the DL window (see letter-layout.ts
 * for the placement and its sources), the date, an optional subject, the hook (accroche, in bold: the most-read
 * part of a letter), the body paragraphs, the tracking or coupon code in large characters with a QR code to the
 * tracked link, the signature and a footer. Merge fields everywhere the author writes text.
 *
 * Values are drawn as text by PDFKit, not interpreted as markup: a value `<script>` is printed as those
 * characters, so no escaping is needed (or wanted) here. The 14 standard PDF fonts are used (WinAnsi: French
 * accents, œ, €, curly quotes; not emoji).
 *
 * `renderLetterPdf` makes one letter (a proof to download); letters-batch.ts streams many into one PDF.
 */
import { once } from 'node:events';
import { AppError, type FieldError } from '@relance/domain/errors';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { z } from 'zod';
import {
  A4,
  ADDRESS_FONT_SIZE,
  ADDRESS_MAX_LINES,
  ADDRESS_MIN_FONT_SIZE,
  ADDRESS_WINDOW,
  addressLinesForWindow,
  dateLine,
  FOLD_MARKS,
  FONTS,
  LAYOUT,
  MM,
  mm,
  paragraphs,
  SIZES,
} from './letter-layout';
import {
  type CompiledTemplate,
  EXAMPLE_VALUES,
  type MergeValues,
  mergeValuesSchema,
  render,
  tryCompileTemplate,
} from './merge-fields';

export const letterContentSchema = z.object({
  sender: z.object({
    name: z.string().trim().min(1, 'Write the sender’s name.').max(60),
    addressLines: z.array(z.string().trim().max(60)).max(4, 'At most 4 sender address lines.').default([]),
  }),
  /** the town written before the date: "Lyon, le 22 novembre 2026" */
  place: z.string().trim().max(40).optional(),
  subject: z.string().trim().max(200).default(''),
  hook: z
    .string()
    .trim()
    .min(1, 'Write the hook (accroche): the first, bold sentence that makes the reader go on.')
    .max(300, 'Keep the hook under 300 characters: it is one or two sentences.'),
  body: z.string().trim().min(1, 'Write the letter body.').max(6000),
  codeLabel: z.string().trim().min(1).max(60).default('Votre code personnel'),
  qrCaption: z.string().trim().max(60).default('Scannez-moi pour en profiter'),
  signature: z.string().trim().max(200).default('{{senderName}}'),
  footer: z.string().trim().max(400).default(''),
});
export type LetterContent = z.input<typeof letterContentSchema>;

/** One recipient: the address lines as printed in the window (2 to 6 lines) and the merge values. */
export const letterRecipientSchema = z.object({
  address: z
    .array(z.string().max(80, 'An address line is over 80 characters.'))
    .transform(addressLinesForWindow)
    .pipe(
      z
        .array(z.string())
        .min(2, 'An address needs at least a name and a postal code + city line.')
        .max(ADDRESS_MAX_LINES, `An address has at most ${ADDRESS_MAX_LINES} lines (NF Z 10-011).`),
    ),
  values: mergeValuesSchema.refine((v) => Boolean(v.trackingCode?.trim()), {
    message: 'A letter needs the contact’s trackingCode (printed on it).',
  }),
});
export type LetterRecipient = z.input<typeof letterRecipientSchema>;

type Content = z.output<typeof letterContentSchema>;
type Templates = Record<'subject' | 'hook' | 'body' | 'signature' | 'footer', CompiledTemplate>;

export interface CompiledLetter {
  content: Content;
  templates: Templates;
  /** the date printed on the letters */
  date: Date;
}

export type Doc = PDFKit.PDFDocument;

function newDocument(title: string): Doc {
  return new PDFDocument({
    size: 'A4',
    autoFirstPage: false,
    margins: { top: 0, left: 0, right: 0, bottom: mm(5) },
    info: { Title: title, Creator: 'Relance' },
    lang: 'fr-FR',
  });
}

function drawQr(doc: Doc, url: string, x: number, y: number, size: number): void {
  const qr = QRCode.create(url, { errorCorrectionLevel: 'M' });
  const n = qr.modules.size;
  const cell = size / (n + 8); // a quiet zone of 4 modules on each side, as the QR standard asks
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; c++)
      if (qr.modules.get(r, c)) doc.rect(x + (c + 4) * cell, y + (r + 4) * cell, cell, cell);
  }
  doc.fillColor('#000000').fill();
}

/** Address lines in the window, each on one line: the font shrinks (down to 8 pt) for a long line. */
function drawAddress(doc: Doc, lines: readonly string[]): void {
  const width = mm(ADDRESS_WINDOW.width - 4);
  let y = mm(ADDRESS_WINDOW.y + 2);
  for (const line of lines) {
    let size = ADDRESS_FONT_SIZE;
    doc.font(FONTS.regular).fontSize(size);
    while (size > ADDRESS_MIN_FONT_SIZE && doc.widthOfString(line) > width) {
      size -= 0.5;
      doc.fontSize(size);
    }
    doc.text(line, mm(ADDRESS_WINDOW.x + 2), y, {
      width,
      lineBreak: false,
      ellipsis: true,
      height: size * 1.3,
    });
    y += ADDRESS_FONT_SIZE * 1.3;
  }
}

/** Draws one letter on a new page and returns where its content ends, in mm from the top. */
export function drawLetter(
  doc: Doc,
  letter: CompiledLetter,
  address: readonly string[],
  values: MergeValues,
): number {
  const { content, templates } = letter;
  const text = (t: CompiledTemplate) => render(t, values, { escape: 'none' });
  doc.addPage();

  doc.lineWidth(0.5).strokeColor('#999999');
  for (const fold of FOLD_MARKS) doc.moveTo(mm(4), mm(fold)).lineTo(mm(9), mm(fold)).stroke();

  const { sender, body, dateLine: dl } = LAYOUT;
  doc.fillColor('#000000').font(FONTS.bold).fontSize(SIZES.sender);
  doc.text(content.sender.name, mm(sender.x), mm(sender.y), { width: mm(sender.width) });
  doc.font(FONTS.regular);
  for (const line of content.sender.addressLines) doc.text(line, { width: mm(sender.width) });

  drawAddress(doc, address);

  doc.font(FONTS.regular).fontSize(SIZES.date);
  doc.text(dateLine(letter.date, content.place), mm(body.x), mm(dl.y), {
    width: mm(body.width),
    align: 'right',
  });

  let y = mm(body.top);
  const x = mm(body.x);
  const width = mm(body.width);
  const subject = text(templates.subject);
  if (subject) {
    doc.font(FONTS.bold).fontSize(SIZES.subject).text(`Objet : ${subject}`, x, y, { width });
    y = doc.y + mm(5);
  }
  doc.font(FONTS.bold).fontSize(SIZES.hook).text(text(templates.hook), x, y, { width, lineGap: 2 });
  y = doc.y + mm(4);
  doc.font(FONTS.regular).fontSize(SIZES.body);
  for (const p of paragraphs(text(templates.body))) {
    doc.text(p, x, y, { width, lineGap: 1.5 });
    y = doc.y + mm(3);
  }

  y = drawCodeBox(doc, content, values, y + mm(2)) + mm(6);
  const signature = text(templates.signature);
  if (signature) {
    doc
      .font(FONTS.bold)
      .fontSize(SIZES.body)
      .text(signature, mm(120), y, { width: mm(70) });
    y = doc.y;
  }
  const end = y / MM;

  const footer = text(templates.footer);
  if (footer) {
    doc.font(FONTS.regular).fontSize(SIZES.footer).fillColor('#555555');
    doc.text(footer, x, mm(LAYOUT.footer.y), { width, align: 'center', height: mm(LAYOUT.footer.height) });
    doc.fillColor('#000000');
  }
  return end;
}

/** The code in large monospaced characters (0 and O told apart), its link, and the QR code. Returns the bottom. */
function drawCodeBox(doc: Doc, content: Content, values: MergeValues, top: number): number {
  const { body, codeBox } = LAYOUT;
  const x = mm(body.x);
  const height = mm(codeBox.height);
  const qrSize = mm(codeBox.qrSize);
  doc.lineWidth(1.2).strokeColor('#000000').roundedRect(x, top, mm(body.width), height, 6).stroke();
  const code = values.trackingCode?.trim() ?? '';
  const url = values.trackingUrl?.trim() ?? '';
  const textWidth = mm(body.width - codeBox.qrSize - 14);
  doc.fillColor('#000000').font(FONTS.regular).fontSize(SIZES.codeLabel);
  doc.text(content.codeLabel, x + mm(6), top + mm(6), { width: textWidth });
  doc
    .font(FONTS.code)
    .fontSize(SIZES.code)
    .text(code, x + mm(6), doc.y + mm(2), { width: textWidth, characterSpacing: 2 });
  if (url) {
    doc
      .font(FONTS.regular)
      .fontSize(SIZES.codeUrl)
      .text(url, x + mm(6), doc.y + mm(2), { width: textWidth });
    const qrX = x + mm(body.width) - qrSize - mm(8);
    drawQr(doc, url, qrX, top + mm(1), qrSize);
    doc.font(FONTS.regular).fontSize(SIZES.qrCaption);
    doc.text(content.qrCaption, qrX - mm(4), top + qrSize + mm(1), {
      width: qrSize + mm(8),
      align: 'center',
    });
  }
  return top + height;
}

export function beginDocument(letter: CompiledLetter): Doc {
  return newDocument(letter.content.subject || letter.content.hook.slice(0, 80));
}

export function letterError(fieldErrors: FieldError[]): AppError {
  return AppError.validation('The letter has errors: fix the fields listed.', fieldErrors);
}

/**
 * Validates and compiles a letter: merge fields in every text, and it must fit on one page with the example
 * contact's values. Throws AppError validation with every problem found.
 */
export function compileLetter(input: LetterContent, options: { date?: Date } = {}): CompiledLetter {
  const parsed = letterContentSchema.safeParse(input);
  if (!parsed.success) {
    throw letterError(
      parsed.error.issues.map((i) => ({ field: i.path.join('.') || 'letter', message: i.message })),
    );
  }
  const content = parsed.data;
  const errors: FieldError[] = [];
  const templates = {} as Templates;
  for (const key of ['subject', 'hook', 'body', 'signature', 'footer'] as const) {
    const t = tryCompileTemplate(content[key], key);
    if (t.ok) templates[key] = t.template;
    else errors.push(...t.fieldErrors);
  }
  if (errors.length > 0) throw letterError(errors);
  const letter: CompiledLetter = { content, templates, date: options.date ?? new Date() };

  const doc = beginDocument(letter);
  let pages = 0;
  doc.on('pageAdded', () => {
    pages += 1;
  });
  const end = drawLetter(
    doc,
    letter,
    ['Madame Claire MARTIN', '12 rue des Lilas', '69003 LYON'],
    EXAMPLE_VALUES,
  );
  doc.end();
  if (pages > 1 || end > LAYOUT.bottomLimit) {
    // past the page, PDFKit has moved on to a new one: "by about" is then at least the bottom margin
    const over = pages > 1 ? A4.height - LAYOUT.bottomLimit : Math.ceil(end - LAYOUT.bottomLimit);
    throw letterError([
      {
        field: 'body',
        message: `The letter runs over one page (by ${pages > 1 ? 'more than' : 'about'} ${over} mm): shorten the body or the hook.`,
      },
    ]);
  }
  return letter;
}

export function parseRecipient(
  recipient: LetterRecipient,
  index: number,
): z.output<typeof letterRecipientSchema> {
  const parsed = letterRecipientSchema.safeParse(recipient);
  if (!parsed.success) {
    throw letterError(
      parsed.error.issues.map((i) => ({
        field: `recipients.${index}.${i.path.join('.')}`,
        message: i.message,
      })),
    );
  }
  return parsed.data;
}

/** One letter as a PDF (the proof to download). */
export async function renderLetterPdf(letter: CompiledLetter, recipient: LetterRecipient): Promise<Buffer> {
  const r = parseRecipient(recipient, 0);
  const doc = beginDocument(letter);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = once(doc, 'end');
  drawLetter(doc, letter, r.address, r.values);
  doc.end();
  await done;
  return Buffer.concat(chunks);
}
