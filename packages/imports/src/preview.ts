/**
 * The mapping step's preview: from the first ~64 KiB of a file, its encoding, delimiter, header, first
 * rows, the suggested mapping and what is missing.
 */
import { AppError } from '@relance/domain/errors';
import { IGNORE, type ImportMapping, missingRequired, suggestMapping } from '@relance/domain/import-fields';
import type { ImportKind } from '@relance/domain/vocabulary';
import { parse } from 'csv-parse/sync';
import {
  type Delimiter,
  decodeHead,
  describeDelimiter,
  detectDelimiter,
  detectEncoding,
  type FileEncoding,
} from './csv-format';
import { checkHeaders } from './headers';

export const PREVIEW_BYTES = 64 * 1024;
const PREVIEW_ROWS = 10;

export interface CsvPreview {
  encoding: FileEncoding;
  delimiter: Delimiter;
  headers: string[];
  /** the first data rows, one string per header */
  rows: string[][];
  suggestedMapping: ImportMapping;
  unmappedHeaders: string[];
  /** required fields (or groups: "lastName or companyName") no column maps to */
  missingRequired: string[];
  warnings: string[];
}

export function previewCsv(head: Buffer, kind: ImportKind): CsvPreview {
  if (head.length === 0)
    throw AppError.validation('The file is empty.', [{ field: 'file', message: 'empty file' }]);
  const guess = detectEncoding(head);
  if (!guess.ok) throw new AppError('unsupported_media_type', guess.failure);
  let text = decodeHead(head, guess);
  const warnings: string[] = [];
  // a slice of a bigger file ends in the middle of a line: keep whole lines only
  if (head.length >= PREVIEW_BYTES) {
    const lastBreak = Math.max(text.lastIndexOf('\n'), text.lastIndexOf('\r'));
    if (lastBreak > 0) text = text.slice(0, lastBreak + 1);
  }
  const delimiter = detectDelimiter(text);
  const records: string[][] = parse(text, {
    delimiter,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    to: PREVIEW_ROWS + 1,
    max_record_size: PREVIEW_BYTES,
    skip_records_with_error: true,
    on_skip: (err) => {
      if (err)
        warnings.push(
          err.code === 'CSV_QUOTE_NOT_CLOSED'
            ? 'A quote opened in the first lines is not closed before the end of the preview.'
            : err.message,
        );
    },
  });
  const check = checkHeaders(records[0] ?? []);
  if (!check.ok) throw AppError.validation(check.failure, [{ field: 'file', message: check.failure }]);
  const headers = check.headers;
  const rows = records.slice(1).map((r) => headers.map((_, i) => r[i] ?? ''));
  records.slice(1).forEach((r, i) => {
    if (r.length !== headers.length && r.some((v, j) => j >= headers.length && v.trim() !== '')) {
      warnings.push(
        `Row ${i + 1} has ${r.length} values for ${headers.length} columns: check the delimiter and the quotes.`,
      );
    }
  });
  if (guess.encoding === 'windows-1252' && guess.decided)
    warnings.push('The file is read as Windows-1252 (Excel "CSV"): check that accents look right.');
  if (rows.length === 0) warnings.push('The file has a header but no rows.');
  const suggestedMapping = suggestMapping(headers, kind);
  const unmappedHeaders = headers.filter((h) => suggestedMapping[h] === IGNORE);
  return {
    encoding: guess.encoding,
    delimiter,
    headers,
    rows,
    suggestedMapping,
    unmappedHeaders,
    missingRequired: missingRequired(suggestedMapping, kind),
    warnings: [
      ...(delimiter === ',' || delimiter === ';'
        ? []
        : [`Columns are separated by ${describeDelimiter(delimiter)}.`]),
      ...warnings,
    ],
  };
}
