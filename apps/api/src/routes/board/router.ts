import { type CampaignBoard, campaignBoard, type Portfolio, portfolio } from '@relance/db/queries/board-view';
import { AppError } from '@relance/domain/errors';
import { z } from 'zod';
import type { AppDeps } from '../../deps';
import type { ApiRegistry } from '../../http/registry';
import { sendFiguresCsv } from './csv';

const idParams = z.object({ id: z.uuid({ error: 'Not a campaign id' }) });
const CAMPAIGN_TABLES = ['lines', 'steps', 'channels', 'variants', 'phases'] as const;
const boardCsvQuery = z.object({
  table: z
    .enum(CAMPAIGN_TABLES, { error: `Choose the table: ${CAMPAIGN_TABLES.join(', ')}` })
    .default('lines'),
});

const DAY_MS = 86_400_000;
const isoDay = z.iso.date({ error: 'Use a date such as 2026-03-15' });
/** A period of whole days, `to` included; by default the last 90 days. */
const periodQuery = z
  .object({ from: isoDay.optional(), to: isoDay.optional() })
  .transform((q) => {
    const to = q.to ? new Date(`${q.to}T00:00:00Z`) : new Date(Math.floor(Date.now() / DAY_MS) * DAY_MS);
    const from = q.from ? new Date(`${q.from}T00:00:00Z`) : new Date(to.getTime() - 89 * DAY_MS);
    return { from, to: new Date(to.getTime() + DAY_MS) };
  })
  .refine((p) => p.from < p.to, { error: 'The period ends before it starts', path: ['to'] })
  .refine((p) => p.to.getTime() - p.from.getTime() <= 3 * 366 * DAY_MS, {
    error: 'A period of at most 3 years',
    path: ['from'],
  });
const PORTFOLIO_TABLES = ['campaigns', 'channels'] as const;
const portfolioCsvQuery = z.object({
  from: isoDay.optional(),
  to: isoDay.optional(),
  table: z
    .enum(PORTFOLIO_TABLES, { error: `Choose the table: ${PORTFOLIO_TABLES.join(', ')}` })
    .default('campaigns'),
});

const figures = z.object({ sent: z.number(), roi: z.number().nullable() }).loose();
const boardAnswer = z
  .object({
    campaign: z.object({ id: z.string(), name: z.string() }).loose(),
    fixedCents: z.number(),
    totals: figures,
    direct: figures.nullable(),
    lines: z.array(z.object({ figures }).loose()),
    bySteps: z.array(z.object({ figures }).loose()),
    byChannel: z.array(z.object({ figures }).loose()),
    byVariant: z.array(z.object({ figures }).loose()),
    byPhase: z.array(z.object({ figures }).loose()),
    returns: z.object({ charts: z.array(z.object({}).loose()), alerts: z.array(z.object({}).loose()) }),
  })
  .meta({ id: 'CampaignBoard' });
const portfolioAnswer = z
  .object({
    from: z.string(),
    to: z.string(),
    campaigns: z.array(z.object({ id: z.string(), figures }).loose()),
    byChannel: z.array(z.object({ channel: z.string(), figures }).loose()),
    totals: figures,
  })
  .meta({ id: 'Portfolio' });

const slug = (name: string) =>
  name
    .normalize('NFKD')
    .replace(/[^\w-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60) || 'campaign';

/**
 * The follow-up board (managers and marketers): a campaign's actual figures per wave, step, channel, variant and
 * phase with costs and ROI, its returns against the milestone plan; the portfolio of campaigns over a period;
 * each table as CSV.
 */
export function boardRoutes(api: ApiRegistry, deps: AppDeps): void {
  const { db } = deps.database;
  const board = async (id: string): Promise<CampaignBoard> => {
    const found = await campaignBoard(db, id);
    if (!found) throw AppError.notFound('This campaign');
    return found;
  };

  api.add(
    {
      method: 'get',
      path: '/api/campaigns/:id/board',
      summary:
        'The campaign’s board: sent, delivered, failed/NPAI, responses, quotes, reminders, sales, revenue, margin, cost, ROI, cost per response and sale, return rate — per wave, step, channel, variant and phase, with returns against the milestone plan and behind alerts',
      tag: 'board',
      access: 'board:read',
      params: idParams,
      response: boardAnswer,
    },
    async ({ params }) => board(params.id),
  );

  api.add(
    {
      method: 'get',
      path: '/api/campaigns/:id/board.csv',
      summary: 'One table of the campaign’s board as CSV: lines (waves), steps, channels, variants or phases',
      tag: 'board',
      access: 'board:read',
      params: idParams,
      query: boardCsvQuery,
      response: { contentType: 'text/csv', description: 'UTF-8 with BOM, semicolon-separated' },
    },
    async ({ params, query, res }) => {
      const b = await board(params.id);
      const file = `board-${slug(b.campaign.name)}-${query.table}.csv`;
      const campaign: [string, (r: unknown) => string][] = [['campaign', () => b.campaign.name]];
      switch (query.table) {
        case 'lines':
          return sendFiguresCsv(
            res,
            file,
            [
              ...campaign,
              ['step', (r) => r.position],
              ['channel', (r) => r.channel],
              ['phase', (r) => r.phase],
              ['variant', (r) => r.variant],
            ],
            b.lines,
          );
        case 'steps':
          return sendFiguresCsv(
            res,
            file,
            [...campaign, ['step', (r) => r.position], ['channel', (r) => r.channel]],
            // the campaign's returns credited to no send (a coupon) close the table, as they close its total
            [...b.bySteps, ...(b.direct ? [{ position: 'direct', channel: '', figures: b.direct }] : [])],
          );
        case 'channels':
          return sendFiguresCsv(res, file, [...campaign, ['channel', (r) => r.channel]], b.byChannel);
        case 'variants':
          return sendFiguresCsv(res, file, [...campaign, ['variant', (r) => r.variant]], b.byVariant);
        case 'phases':
          return sendFiguresCsv(res, file, [...campaign, ['phase', (r) => r.phase]], b.byPhase);
      }
    },
  );

  api.add(
    {
      method: 'get',
      path: '/api/board/portfolio',
      summary:
        'The campaigns whose test or rollout started in the period (from, to: days, to included; by default the last 90 days), each with its totals, and the figures per channel',
      tag: 'board',
      access: 'board:read',
      query: periodQuery,
      response: portfolioAnswer,
    },
    async ({ query }): Promise<Portfolio> => portfolio(db, query.from, query.to),
  );

  api.add(
    {
      method: 'get',
      path: '/api/board/portfolio.csv',
      summary: 'The portfolio as CSV: one line per campaign, or per channel',
      tag: 'board',
      access: 'board:read',
      query: portfolioCsvQuery,
      response: { contentType: 'text/csv', description: 'UTF-8 with BOM, semicolon-separated' },
    },
    async ({ query, res }) => {
      const period = periodQuery.safeParse({ from: query.from, to: query.to });
      if (!period.success)
        throw AppError.validation('The period is invalid.', [{ field: 'to', message: 'Check the dates' }]);
      const p = await portfolio(db, period.data.from, period.data.to);
      const file = `portfolio-${p.from.slice(0, 10)}-${query.table}.csv`;
      if (query.table === 'channels') {
        return sendFiguresCsv(res, file, [['channel', (r) => r.channel]], p.byChannel);
      }
      return sendFiguresCsv(
        res,
        file,
        [
          ['campaign', (r) => r.name],
          ['status', (r) => r.status],
          ['started_at', (r) => r.startedAt],
        ],
        p.campaigns,
      );
    },
  );
}
