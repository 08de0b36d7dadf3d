import { getImport, listImportErrors, listImports, streamImportErrors } from '@relance/db/queries/imports';
import { AppError } from '@relance/domain/errors';
import type { Permission } from '@relance/domain/permissions';
import type { ImportKind } from '@relance/domain/vocabulary';
import { previewCsv } from '@relance/imports/preview';
import { storeUpload } from '@relance/imports/store-upload';
import { enqueueImport } from '@relance/jobs/enqueue';
import { stringify } from 'csv-stringify';
import { z } from 'zod';
import type { AppDeps } from '../../deps';
import { spreadsheetSafe } from '../../http/csv';
import { readHead, receiveUpload } from '../../http/multipart';
import { actorId } from '../../http/principal';
import type { ApiRegistry } from '../../http/registry';
import { importIdParams, importListSchema, importSchema, previewSchema, toImportAnswer } from './schemas';

const PREVIEW_BYTES = 64 * 1024;

/** The same four endpoints for each kind of file: /api/contacts/imports and /api/orders/imports. */
export function importRoutes(api: ApiRegistry, deps: AppDeps): void {
  const kinds: { kind: ImportKind; base: string; access: Permission }[] = [
    { kind: 'contacts', base: '/api/contacts/imports', access: 'contacts:import' },
    { kind: 'orders', base: '/api/orders/imports', access: 'orders:import' },
  ];
  const maxBytes = deps.env.MAX_UPLOAD_MB * 1024 * 1024;
  const { db, sql } = deps.database;

  for (const { kind, base, access } of kinds) {
    const tag = `${kind} imports`;
    const find = async (id: string) => {
      const row = await getImport(db, id);
      if (!row || row.kind !== kind) throw AppError.notFound('This import');
      return row;
    };

    api.add(
      {
        method: 'post',
        path: `${base}/preview`,
        summary: `Detect encoding and delimiter, read the headers and first rows, and suggest a column mapping (${kind})`,
        tag,
        access,
        multipart: { file: 'The CSV file, or just its first 64 KiB' },
        response: previewSchema,
      },
      ({ req }) =>
        receiveUpload(req, {
          maxBytes,
          handleFile: async (stream) => previewCsv(await readHead(stream, PREVIEW_BYTES), kind),
        }),
    );

    api.add(
      {
        method: 'post',
        path: base,
        summary: `Upload a CSV of ${kind}; it is imported by the worker (202 with the import's id)`,
        tag,
        access,
        multipart: {
          mapping:
            'Optional JSON object {csvHeader: fieldKey | "ignore" | "attribute:name"}; must come before file',
          file: 'The CSV file (UTF-8 or Windows-1252, ; or , separated)',
        },
        response: z.object({ id: z.string(), status: z.string() }),
        status: 202,
      },
      async ({ req, principal }) => {
        const { id } = await receiveUpload(req, {
          maxBytes,
          handleFile: (stream, info, fields) =>
            storeUpload(sql, {
              kind,
              filename: info.filename,
              mapping: parseMapping(fields.mapping),
              createdBy: actorId(principal),
              stream,
              maxBytes,
            }),
        });
        await enqueueImport(deps.queues, { importId: id });
        return { id, status: 'queued' };
      },
    );

    api.add(
      {
        method: 'get',
        path: base,
        summary: `Recent ${kind} imports`,
        tag,
        access,
        response: importListSchema,
      },
      async () => ({ items: (await listImports(db, kind, 50)).map((row) => toImportAnswer(row, [])) }),
    );

    api.add(
      {
        method: 'get',
        path: `${base}/:id`,
        summary: 'Status, progress, counts and the first 200 row errors',
        tag,
        access,
        params: importIdParams,
        response: importSchema,
      },
      async ({ params }) => {
        const row = await find(params.id);
        return toImportAnswer(row, await listImportErrors(db, row.id, { limit: 200 }));
      },
    );

    api.add(
      {
        method: 'get',
        path: `${base}/:id/errors.csv`,
        summary: 'The full per-row error report as CSV',
        tag,
        access,
        params: importIdParams,
        response: { contentType: 'text/csv', description: 'line; column; reason; value' },
      },
      async ({ params, res }) => {
        const row = await find(params.id);
        res.status(200);
        res.setHeader('Content-Type', 'text/csv; charset=utf-8');
        res.setHeader(
          'Content-Disposition',
          `attachment; filename="errors-${row.filename.replace(/[^\w.-]+/g, '_')}.csv"`,
        );
        const csv = stringify({
          header: true,
          columns: ['line', 'column', 'reason', 'value'],
          delimiter: ';',
          bom: true,
          cast: { string: spreadsheetSafe },
        });
        csv.pipe(res);
        for await (const batch of streamImportErrors(sql, row.id)) {
          for (const error of batch) if (!csv.write(error)) await new Promise((r) => csv.once('drain', r));
        }
        csv.end();
        await new Promise((r) => res.once('finish', r));
      },
    );
  }
}

function parseMapping(raw: string | undefined): Record<string, string> | undefined {
  if (raw === undefined || raw.trim() === '') return undefined;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    throw AppError.validation('The mapping is not valid JSON.', [
      { field: 'mapping', message: 'Send a JSON object {"CSV header": "field"}' },
    ]);
  }
  const parsed = z.record(z.string(), z.string()).safeParse(value);
  if (!parsed.success) {
    throw AppError.validation('The mapping must map CSV headers to field names.', [
      { field: 'mapping', message: 'Send a JSON object {"CSV header": "field"}' },
    ]);
  }
  return parsed.data;
}
