import {
  RETURNED_LINE_STATUSES,
  type ReturnedLineResult,
  recordReturnedMail,
} from '@relance/db/queries/returned-mail';
import { returnedMailAnswer } from '@relance/domain/api/redemptions';
import { AppError } from '@relance/domain/errors';
import { readReturnedMailCsv } from '@relance/imports/returned-mail-csv';
import type { AppDeps } from '../../deps';
import { receiveUpload } from '../../http/multipart';
import { actorId } from '../../http/principal';
import type { ApiRegistry } from '../../http/registry';
import { returnedMailBody } from '../redemptions/schemas';

const MAX_FILE_MB = 10;

function answer(lines: ReturnedLineResult[]) {
  const counts = Object.fromEntries(RETURNED_LINE_STATUSES.map((s) => [s, 0])) as Record<
    (typeof RETURNED_LINE_STATUSES)[number],
    number
  >;
  for (const l of lines) counts[l.status]++;
  return { counts, lines };
}

/**
 * Returned mail (NPAI): codes scanned or typed one after the other, or the mail house's file of returned letters.
 * Each letter found gets its `returned` event (its postal address is suppressed); every line is answered.
 */
export function returnedMailRoutes(api: ApiRegistry, deps: AppDeps): void {
  const { db } = deps.database;

  api.add(
    {
      method: 'post',
      path: '/api/returned-mail',
      summary:
        'Record returned letters (NPAI) from typed or scanned codes (or tracked URLs); each code is answered: recorded, already recorded, typo, unknown, not a letter',
      tag: 'returned mail',
      access: 'returned-mail:record',
      body: returnedMailBody,
      response: returnedMailAnswer,
    },
    async ({ body, principal }) =>
      answer(
        await recordReturnedMail(
          db,
          body.codes.map((input, i) => ({ line: i + 1, input })),
          { userId: actorId(principal) },
        ),
      ),
  );

  api.add(
    {
      method: 'post',
      path: '/api/returned-mail/upload',
      summary: `Record returned letters (NPAI) from the mail house's CSV file (a code column or one code per line, up to ${MAX_FILE_MB} MB); each line is answered`,
      tag: 'returned mail',
      access: 'returned-mail:record',
      multipart: { file: 'The CSV of returned letters (UTF-8 or Windows-1252; ; , or tab separated)' },
      response: returnedMailAnswer,
    },
    async ({ req, principal }) => {
      const { lines, filename } = await receiveUpload(req, {
        maxBytes: MAX_FILE_MB * 1024 * 1024,
        missingFile: 'Attach the CSV file of returned letters.',
        tooLarge: () =>
          new AppError('payload_too_large', `The file is larger than ${MAX_FILE_MB} MB: split it.`),
        handleFile: async (stream, info) => {
          const chunks: Buffer[] = [];
          for await (const chunk of stream) chunks.push(chunk as Buffer);
          return { lines: readReturnedMailCsv(Buffer.concat(chunks)), filename: info.filename };
        },
      });
      return answer(await recordReturnedMail(db, lines, { userId: actorId(principal), file: filename }));
    },
  );
}
