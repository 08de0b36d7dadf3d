/**
 * The file of returned letters a mail house sends back (NPAI): read with the imports' CSV rules (UTF-8 or
 * Windows-1252, `;` `,` or tab), one code per line. The code is taken from the column whose header names it
 * (tracking_code as in the manifest we send, code, code suivi, référence...), else, in a file without such a
 * header, from the first cell of each line that reads as a tracking code or a tracked URL (else its first cell,
 * reported as not found). Empty lines are skipped; every other line is answered.
 */

import { AppError } from '@relance/domain/errors';
import { codeCandidate } from '@relance/domain/tracking/code-input';
import { parse } from 'csv-parse/sync';
import { decodeHead, detectDelimiter, detectEncoding } from './csv-format';

export interface ReturnedMailLine {
  /** the line in the file, 1-based */
  line: number;
  input: string;
}

/** The most lines one file may have (a mail house's return file holds a few thousand). */
export const MAX_RETURNED_LINES = 100_000;

const CODE_HEADERS =
  /^(tracking[ _-]?code|code([ _-]?(suivi|de suivi|tracking|barre|barcode))?|barcode|r[ée]f([ée]rence)?|reference|qr)$/i;

function headerKey(cell: string): string {
  return cell
    .trim()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
}

export function readReturnedMailCsv(file: Buffer): ReturnedMailLine[] {
  if (file.length === 0)
    throw AppError.validation('The file is empty.', [{ field: 'file', message: 'empty file' }]);
  const guess = detectEncoding(file);
  if (!guess.ok) throw new AppError('unsupported_media_type', guess.failure);
  const text = decodeHead(file, guess);
  const records = parse(text, {
    delimiter: detectDelimiter(text),
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    skip_records_with_empty_values: true,
    info: true,
  }) as unknown as { record: string[]; info: { lines: number } }[];
  if (records.length > MAX_RETURNED_LINES + 1) {
    throw AppError.validation(`The file has more than ${MAX_RETURNED_LINES} lines: split it.`, [
      { field: 'file', message: `at most ${MAX_RETURNED_LINES} lines` },
    ]);
  }
  const first = records[0]?.record ?? [];
  const column = first.findIndex((cell) => CODE_HEADERS.test(headerKey(cell)));
  const looksLikeHeader =
    column >= 0 || (first.length > 0 && first.every((c) => codeCandidate(c).kind === 'other'));
  const body = looksLikeHeader ? records.slice(1) : records;
  return body.map(({ record, info }) => {
    const cells = record.map((c) => c.trim());
    const input =
      column >= 0
        ? (cells[column] ?? '')
        : (cells.find((c) => codeCandidate(c).kind !== 'other') ?? cells.find((c) => c !== '') ?? '');
    return { line: info.lines, input };
  });
}
