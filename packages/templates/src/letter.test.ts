import { Writable } from 'node:stream';
import { AppError, type FieldError } from '@relance/domain/errors';
import { extractText, extractTextItems } from 'unpdf';
import { describe, expect, it } from 'vitest';
import { compileLetter, type LetterContent, type LetterRecipient, renderLetterPdf } from './letter';
import { A4, ADDRESS_WINDOW, MM } from './letter-layout';
import { renderLettersBatch } from './letters-batch';
import { EXAMPLE_VALUES } from './merge-fields';

const content: LetterContent = {
  sender: { name: 'Boulangerie Martin', addressLines: ['8 place Bellecour', '69002 Lyon'] },
  place: 'Lyon',
  subject: 'Une attention pour vous',
  hook: '{{civility|Madame, Monsieur}}, votre pain du dimanche nous manque !',
  body: 'Depuis le {{lastOrderDate}}, nous avons pensé à vous.\n\nVotre offre : {{offer}}, pour {{company|vous}}.',
  footer: 'Boulangerie Martin SARL — RCS Lyon 123 456 789',
};
const date = new Date('2026-11-22T10:00:00Z');

const recipient = (n: number, extra: Partial<LetterRecipient['values']> = {}): LetterRecipient => ({
  address: [`Madame Claire Martin ${n}`, '12 rue des Lilas', '69003 Lyon'],
  values: {
    ...EXAMPLE_VALUES,
    trackingCode: `CODE-${n}`,
    trackingUrl: `https://r.relance.fr/c/${n}`,
    ...extra,
  },
});

function errorsOf(fn: () => unknown): FieldError[] {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    return (e as AppError).fieldErrors;
  }
  throw new Error('expected a validation error');
}

async function collect(run: (out: Writable) => Promise<unknown>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const out = new Writable({
    highWaterMark: 1024, // small, so the batch meets back-pressure
    write(chunk: Buffer, _enc, cb) {
      chunks.push(chunk);
      setImmediate(cb);
    },
  });
  await run(out);
  return Buffer.concat(chunks);
}

describe('letter PDF', () => {
  it('renders one A4 page with the address, date, hook, merged body, code and footer; values printed as text', async () => {
    const letter = compileLetter(content, { date });
    const pdf = await renderLetterPdf(letter, recipient(1, { company: '<script>x</script>' }));
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const { totalPages, text } = await extractText(new Uint8Array(pdf));
    expect(totalPages).toBe(1);
    const page = text[0]!;
    for (const expected of [
      'Boulangerie Martin',
      'Madame Claire Martin 1',
      '69003 LYON', // the last address line in capitals
      'Lyon, le 22 novembre 2026',
      'Objet : Une attention pour vous',
      'Madame, votre pain du dimanche nous manque !',
      'Depuis le 12 mars 2026, nous avons pensé à vous.',
      'pour <script>x</script>.',
      'Votre code personnel',
      'CODE-1',
      'https://r.relance.fr/c/1',
      'Julie, de la Boulangerie Martin',
      'RCS Lyon 123 456 789',
    ]) {
      expect(page).toContain(expected);
    }
  });

  it('places the address block inside the DL window zone (110 mm from the left, 55 mm from the top)', async () => {
    expect(ADDRESS_WINDOW).toEqual({ x: 110, y: 55, width: 85, height: 33 });
    const pdf = await renderLetterPdf(compileLetter(content, { date }), recipient(7));
    const { items } = await extractTextItems(new Uint8Array(pdf));
    const address = ['Madame Claire Martin 7', '12 rue des Lilas', '69003 LYON'].map((line) => {
      const item = items[0]!.find((i) => i.str === line);
      expect(item, line).toBeDefined();
      return {
        left: item!.x / MM,
        top: A4.height - (item!.y + item!.height) / MM,
        bottom: A4.height - item!.y / MM,
      };
    });
    for (const a of address) {
      expect(a.left).toBeGreaterThanOrEqual(ADDRESS_WINDOW.x);
      expect(a.left).toBeLessThan(ADDRESS_WINDOW.x + 5);
      expect(a.top).toBeGreaterThanOrEqual(ADDRESS_WINDOW.y);
      expect(a.bottom).toBeLessThanOrEqual(ADDRESS_WINDOW.y + ADDRESS_WINDOW.height);
    }
  });

  it('refuses unknown merge fields with their position, a missing hook, and a letter longer than a page', () => {
    expect(errorsOf(() => compileLetter({ ...content, body: 'Bonjour\n{{nom}}' }))).toEqual([
      { field: 'body', message: 'line 2, column 1: unknown merge field {{nom}}: did you mean {{lastName}}?' },
    ]);
    expect(errorsOf(() => compileLetter({ ...content, hook: ' ' }))).toEqual([
      {
        field: 'hook',
        message: 'Write the hook (accroche): the first, bold sentence that makes the reader go on.',
      },
    ]);
    const long = errorsOf(() =>
      compileLetter({ ...content, body: 'Une phrase assez longue pour remplir. '.repeat(150) }),
    );
    expect(long).toHaveLength(1);
    expect(long[0]!.message).toMatch(
      /^The letter runs over one page \(by (about|more than) \d+ mm\): shorten the body or the hook\.$/,
    );
  });

  it('refuses a recipient without a code or with too many address lines, naming it', async () => {
    const letter = compileLetter(content, { date });
    await expect(renderLetterPdf(letter, recipient(1, { trackingCode: '' }))).rejects.toMatchObject({
      fieldErrors: [
        {
          field: 'recipients.0.values',
          message: 'A letter needs the contact’s trackingCode (printed on it).',
        },
      ],
    });
    await expect(
      renderLetterPdf(letter, { address: ['a', 'b', 'c', 'd', 'e', 'f', 'g'], values: EXAMPLE_VALUES }),
    ).rejects.toMatchObject({
      fieldErrors: [
        { field: 'recipients.0.address', message: 'An address has at most 6 lines (NF Z 10-011).' },
      ],
    });
  });

  it('streams a batch into one PDF, one page per letter, each with its own recipient and code', async () => {
    const letter = compileLetter(content, { date });
    let result: { letters: number; pages: number } | undefined;
    async function* recipients() {
      for (let n = 1; n <= 40; n++) yield recipient(n);
    }
    const pdf = await collect(async (out) => {
      result = await renderLettersBatch(letter, recipients(), out);
    });
    expect(result).toEqual({ letters: 40, pages: 40 });
    const { totalPages, text } = await extractText(new Uint8Array(pdf));
    expect(totalPages).toBe(40);
    expect(text[16]).toContain('Madame Claire Martin 17');
    expect(text[16]).toContain('CODE-17');
    expect(text[39]).toContain('CODE-40');
  });

  it('stops when the output fails (disk full, closed socket) instead of drawing on', async () => {
    const letter = compileLetter(content, { date });
    let drawn = 0;
    function* recipients() {
      for (let n = 1; n <= 1000; n++) {
        drawn = n;
        yield recipient(n);
      }
    }
    const out = new Writable({
      write(_chunk, _enc, cb) {
        cb(new Error('ENOSPC: no space left on device'));
      },
    });
    await expect(renderLettersBatch(letter, recipients(), out)).rejects.toThrow('ENOSPC');
    expect(drawn).toBeLessThan(10);
  });

  it('stops a batch at a bad recipient with its index, and refuses an empty batch', async () => {
    const letter = compileLetter(content, { date });
    const list = [recipient(1), recipient(2), recipient(3, { trackingCode: null })];
    await expect(collect((out) => renderLettersBatch(letter, list, out))).rejects.toMatchObject({
      code: 'validation',
      fieldErrors: [{ field: 'recipients.2.values' }],
    });
    await expect(collect((out) => renderLettersBatch(letter, [], out))).rejects.toMatchObject({
      fieldErrors: [{ field: 'recipients', message: 'No recipients: nothing to print.' }],
    });
  });
});
