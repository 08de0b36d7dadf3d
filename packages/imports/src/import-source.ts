/**
 * Reads a stored upload back from `import_chunks` as a stream of CSV records, each with the physical line
 * it starts on (header = line 1; a quoted field with line breaks spans several lines). Detects the encoding
 * and the delimiter from the first chunk. Problems with the file as a whole become a `FileFailure` whose
 * message says what to fix.
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Sql } from '@relance/db/client';
import { type CsvError, type Parser, parse } from 'csv-parse';
import { type Delimiter, decodeHead, detectDelimiter, detectEncoding, Utf8Decoder } from './csv-format';

/** A record (or a quoted field) longer than this is refused: a quote left open, or not a CSV file. */
export const MAX_RECORD_BYTES = 1024 * 1024;

export class FileFailure extends Error {
  override readonly name = 'FileFailure';
}

export interface CsvRecord {
  fields: string[];
  line: number;
}

export interface ImportSource {
  delimiter: Delimiter;
  decoder: Utf8Decoder;
  records: AsyncGenerator<CsvRecord>;
}

async function readChunk(sql: Sql, importId: string, seq: number): Promise<Buffer | undefined> {
  const [row] = await sql<{ data: Buffer }[]>`
    SELECT data FROM import_chunks WHERE import_id = ${importId} AND seq = ${seq}`;
  return row?.data;
}

/** The chunks in order, the next one fetched while the current one is parsed. */
async function* chunks(sql: Sql, importId: string, first: Buffer): AsyncGenerator<Buffer> {
  let seq = 1;
  let next = readChunk(sql, importId, seq);
  yield first;
  for (;;) {
    const chunk = await next;
    if (!chunk) return;
    seq++;
    next = readChunk(sql, importId, seq);
    yield chunk;
  }
}

const BREAK = /[\r\n]/;

/** Line breaks inside a field: \r\n, \r and \n each count as one. */
function countBreaks(field: string): number {
  let n = 0;
  for (let i = 0; i < field.length; i++) {
    const c = field.charCodeAt(i);
    if (c === 10) n++;
    else if (c === 13) {
      n++;
      if (field.charCodeAt(i + 1) === 10) i++;
    }
  }
  return n;
}

function describeCsvError(err: unknown, line: number): FileFailure {
  const code = (err as CsvError).code;
  if (code === 'CSV_QUOTE_NOT_CLOSED') {
    return new FileFailure(
      `A quote (") opened on line ${line} is never closed. Close it or remove it, then import the file again; the rows before line ${line} were imported.`,
    );
  }
  if (code === 'CSV_MAX_RECORD_SIZE') {
    return new FileFailure(
      `Line ${line} starts a record longer than ${MAX_RECORD_BYTES / 1024 / 1024} MiB: a quote (") opened there is probably never closed, or the line is not CSV. Fix it, then import the file again; the rows before line ${line} were imported.`,
    );
  }
  return new FileFailure(
    `The file could not be read as CSV at line ${line}: ${(err as Error).message}. The rows before it were imported.`,
  );
}

export async function openImportSource(sql: Sql, importId: string): Promise<ImportSource> {
  const first = await readChunk(sql, importId, 0);
  if (!first || first.length === 0) throw new FileFailure('The file is empty: there is nothing to import.');
  const guess = detectEncoding(first);
  if (!guess.ok) throw new FileFailure(guess.failure);
  const delimiter = detectDelimiter(decodeHead(first.subarray(0, 64 * 1024), guess));
  const decoder = new Utf8Decoder(guess);
  // A CSV error (a quote never closed, a record over the size limit) must not drop the records parsed
  // before it: csv-parse reports it through on_skip, which queues a marker after those records.
  let reported = false;
  const parser: Parser = parse({
    delimiter,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: false,
    max_record_size: MAX_RECORD_BYTES,
    skip_records_with_error: true,
    on_skip: (err) => {
      if (reported || !err) return;
      reported = true;
      parser.push({ csvError: err });
    },
  });
  const flowing = pipeline(Readable.from(chunks(sql, importId, first)), decoder, parser);
  let pipelineError: unknown;
  flowing.catch((err) => {
    pipelineError = err;
  });

  async function* records(): AsyncGenerator<CsvRecord> {
    let nextLine = 1;
    try {
      for await (const item of parser as AsyncIterable<string[] | { csvError: CsvError }>) {
        if (!Array.isArray(item)) throw describeCsvError(item.csvError, nextLine);
        const fields = item;
        const line = nextLine;
        let breaks = 0;
        for (const f of fields) if (BREAK.test(f)) breaks += countBreaks(f);
        nextLine = line + 1 + breaks;
        yield { fields, line };
      }
      await flowing;
    } catch (err) {
      if (err instanceof FileFailure) throw err;
      const cause = pipelineError ?? err;
      if ((cause as CsvError).code?.startsWith('CSV_')) throw describeCsvError(cause, nextLine);
      throw cause;
    } finally {
      if (!parser.destroyed) parser.destroy();
    }
  }

  return { delimiter, decoder, records: records() };
}
