import { EXPORT_COLUMNS, exportContacts } from '@relance/db/queries/contacts-export';
import { stringify } from 'csv-stringify';
import type { AppDeps } from '../../deps';
import { spreadsheetSafe } from '../../http/csv';
import type { ApiRegistry } from '../../http/registry';
import { contactFiltersQuery } from './schemas';

/** CSV export for Excel users: UTF-8 with a BOM, `;`, and cells that a spreadsheet would run as formulas neutralised. */
export function exportRoute(api: ApiRegistry, deps: AppDeps): void {
  api.add(
    {
      method: 'get',
      path: '/api/contacts/export.csv',
      summary: 'Export contacts as CSV (same filters as the list)',
      tag: 'contacts',
      access: 'contacts:export',
      query: contactFiltersQuery,
      response: { contentType: 'text/csv', description: 'UTF-8 with BOM, semicolon-separated' },
    },
    async ({ query, res }) => {
      const date = new Date().toISOString().slice(0, 10);
      res.status(200);
      res.setHeader('Content-Type', 'text/csv; charset=utf-8');
      res.setHeader('Content-Disposition', `attachment; filename="contacts-${date}.csv"`);
      const csv = stringify({
        header: true,
        columns: [...EXPORT_COLUMNS],
        delimiter: ';',
        bom: true,
        cast: {
          string: spreadsheetSafe,
          date: (d) => d.toISOString(),
          boolean: (b) => (b ? 'true' : 'false'),
        },
      });
      csv.pipe(res);
      for await (const rows of exportContacts(deps.database.sql, query)) {
        for (const row of rows) {
          if (!csv.write(row)) await new Promise((resolve) => csv.once('drain', resolve));
        }
      }
      csv.end();
      await new Promise((resolve) => res.once('finish', resolve));
    },
  );
}
