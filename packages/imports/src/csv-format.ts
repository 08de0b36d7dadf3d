/**
 * What kind of CSV a file is: its encoding (UTF-8 with or without BOM, else Windows-1252 as French Excel
 * writes it; UTF-16 is refused) and its delimiter (`;`, `,` or tab), and the decoding of its bytes to UTF-8
 * for the parser.
 */
import { isAscii, isUtf8 } from 'node:buffer';
import { Transform, type TransformCallback } from 'node:stream';
import iconv from 'iconv-lite';

export type FileEncoding = 'utf-8' | 'windows-1252';
export type Delimiter = ';' | ',' | '\t';

export type EncodingGuess =
  | { ok: true; encoding: FileEncoding; bom: boolean; decided: boolean }
  | { ok: false; failure: string };

const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/** Drops the bytes of a multi-byte UTF-8 character cut at the end of a chunk (at most 3). */
function completeUtf8(buf: Buffer): Buffer {
  let end = buf.length;
  for (let i = 1; i <= 3 && end - i >= 0; i++) {
    const b = buf[end - i]!;
    if ((b & 0xc0) === 0x80) continue; // continuation byte
    if (b >= 0xc0) {
      const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
      if (need > i) end -= i;
    }
    break;
  }
  return buf.subarray(0, end);
}

/**
 * Guesses the encoding from the first bytes of a file. `decided` is false when those bytes are all ASCII:
 * the decoder then decides at the first non-ASCII byte it meets.
 */
export function detectEncoding(head: Buffer): EncodingGuess {
  if (
    head.length >= 2 &&
    ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff))
  ) {
    return {
      ok: false,
      failure:
        'The file is in UTF-16 (Excel "Unicode text"). Save it as "CSV UTF-8 (comma delimited)" or as CSV, then import it again.',
    };
  }
  const sample = head.subarray(0, 4096);
  let zeros = 0;
  for (const b of sample) if (b === 0) zeros++;
  if (sample.length > 0 && zeros > sample.length / 10) {
    return {
      ok: false,
      failure:
        'The file contains NUL bytes: it is UTF-16 or not a text file. Save it as "CSV UTF-8" and import it again.',
    };
  }
  if (head.subarray(0, 3).equals(UTF8_BOM)) return { ok: true, encoding: 'utf-8', bom: true, decided: true };
  if (isAscii(head)) return { ok: true, encoding: 'utf-8', bom: false, decided: false };
  return {
    ok: true,
    encoding: isUtf8(completeUtf8(head)) ? 'utf-8' : 'windows-1252',
    bom: false,
    decided: true,
  };
}

/**
 * Bytes in the file's encoding → UTF-8 bytes for csv-parse. UTF-8 passes through (BOM removed);
 * Windows-1252 is transcoded. When the start of the file was all ASCII, the first chunk holding a
 * non-ASCII byte decides.
 */
export class Utf8Decoder extends Transform {
  encoding: FileEncoding;
  private decided: boolean;
  private bomPending: boolean;
  bytesIn = 0;

  constructor(guess: { encoding: FileEncoding; bom: boolean; decided: boolean }) {
    super();
    this.encoding = guess.encoding;
    this.decided = guess.decided;
    this.bomPending = guess.bom;
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.bytesIn += chunk.length;
    let buf = chunk;
    if (this.bomPending) {
      this.bomPending = false;
      if (buf.subarray(0, 3).equals(UTF8_BOM)) buf = buf.subarray(3);
    }
    if (!this.decided && !isAscii(buf)) {
      this.decided = true;
      this.encoding = isUtf8(completeUtf8(buf)) ? 'utf-8' : 'windows-1252';
    }
    if (this.encoding === 'windows-1252') buf = Buffer.from(iconv.decode(buf, 'win1252'), 'utf8');
    done(null, buf);
  }
}

/** Decodes a whole (small) buffer to text with the guessed encoding. */
export function decodeHead(head: Buffer, guess: { encoding: FileEncoding; bom: boolean }): string {
  const bytes = guess.bom ? head.subarray(3) : head;
  return guess.encoding === 'windows-1252' ? iconv.decode(bytes, 'win1252') : bytes.toString('utf8');
}

/** The delimiter that splits the header line most: `;` (French Excel), `,` or tab. */
export function detectDelimiter(text: string): Delimiter {
  const counts = { ';': 0, ',': 0, '\t': 0 };
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === '\n' || c === '\r')) break;
    else if (!quoted && (c === ';' || c === ',' || c === '\t')) counts[c]++;
  }
  if (counts['\t'] > counts[';'] && counts['\t'] > counts[',']) return '\t';
  return counts[','] > counts[';'] ? ',' : ';';
}

export function describeDelimiter(d: Delimiter): string {
  return d === '\t' ? 'tab' : d;
}
