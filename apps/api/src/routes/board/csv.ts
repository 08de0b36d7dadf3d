import type { BoardFigures } from '@relance/domain/tracking/board';
import { stringify } from 'csv-stringify/sync';
import type { Response } from 'express';
import { spreadsheetSafe } from '../../http/csv';

/** The figures' columns, in the board's order; money in euros with two decimals, rates as shares. */
const FIGURE_COLUMNS: [string, (f: BoardFigures) => number | null][] = [
  ['sent', (f) => f.sent],
  ['delivered', (f) => f.delivered],
  ['failed', (f) => f.failed],
  ['bounced', (f) => f.bounced],
  ['npai', (f) => f.npai],
  ['skipped', (f) => f.skipped],
  ['pending', (f) => f.pending],
  ['responses', (f) => f.responses],
  ['quotes', (f) => f.quotes],
  ['reminders', (f) => f.reminders],
  ['sales', (f) => f.sales],
  ['revenue_eur', (f) => euros(f.revenueCents)],
  ['margin_eur', (f) => euros(f.marginCents)],
  ['send_cost_eur', (f) => euros(f.sendCents)],
  ['returns_cost_eur', (f) => euros(f.returnsCents)],
  ['incentive_cost_eur', (f) => euros(f.incentiveCents)],
  ['cost_eur', (f) => euros(f.costCents)],
  ['roi', (f) => f.roi],
  ['cost_per_response_eur', (f) => (f.costPerResponseCents === null ? null : euros(f.costPerResponseCents))],
  ['cost_per_sale_eur', (f) => (f.costPerSaleCents === null ? null : euros(f.costPerSaleCents))],
  ['return_rate', (f) => f.returnRate],
  ['conversion_rate', (f) => f.conversionRate],
  ['planned_responses', (f) => Math.round(f.plannedResponses * 100) / 100],
  ['planned_sales', (f) => Math.round(f.plannedSales * 100) / 100],
  ['planned_revenue_eur', (f) => euros(f.plannedRevenueCents)],
];

const euros = (cents: number) => Math.round(cents) / 100;

/**
 * A board table as CSV for Excel users, like the contacts export: UTF-8 with a BOM, `;`, and any text cell a
 * spreadsheet would run as a formula (a campaign named "=HYPERLINK(...)") neutralised.
 */
export function sendFiguresCsv<T extends { figures: BoardFigures }>(
  res: Response,
  fileName: string,
  labels: [string, (row: T) => string | number][],
  rows: readonly T[],
): void {
  const header = [...labels.map(([name]) => name), ...FIGURE_COLUMNS.map(([name]) => name)];
  const body = rows.map((row) => [
    ...labels.map(([, pick]) => {
      const v = pick(row);
      return typeof v === 'string' ? spreadsheetSafe(v) : v;
    }),
    ...FIGURE_COLUMNS.map(([, pick]) => pick(row.figures)),
  ]);
  res.status(200);
  res.setHeader('Content-Type', 'text/csv; charset=utf-8');
  res.setHeader('Content-Disposition', `attachment; filename="${fileName}"`);
  res.end(stringify([header, ...body], { delimiter: ';', bom: true, cast: { number: (n) => String(n) } }));
}
