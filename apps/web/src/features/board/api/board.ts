import { SEND_PHASES } from '@relance/domain/dispatch/sends';
import { MILESTONE_DAYS } from '@relance/domain/planning/milestones';
import { VARIANT_LABELS } from '@relance/domain/planning/test-plan';
import { CHANNELS } from '@relance/domain/vocabulary';
import { z } from 'zod';
import { api, toQueryString } from '../../../lib/api-client';

const ratio = z.number().nullable();
export const figuresSchema = z.object({
  sent: z.number(),
  delivered: z.number(),
  failed: z.number(),
  bounced: z.number(),
  npai: z.number(),
  skipped: z.number(),
  pending: z.number(),
  opened: z.number(),
  clicked: z.number(),
  responses: z.number(),
  quotes: z.number(),
  quotedCents: z.number(),
  reminders: z.number(),
  sales: z.number(),
  revenueCents: z.number(),
  lost: z.number(),
  marginCents: z.number(),
  sendCents: z.number(),
  returnsCents: z.number(),
  incentiveCents: z.number(),
  costCents: z.number(),
  plannedResponses: z.number(),
  plannedSales: z.number(),
  plannedRevenueCents: z.number(),
  roi: ratio,
  costPerResponseCents: ratio,
  costPerSaleCents: ratio,
  returnRate: ratio,
  failureRate: ratio,
  conversionRate: ratio,
  deliveryRate: ratio,
});
export type Figures = z.infer<typeof figuresSchema>;

const channel = z.enum(CHANNELS);
const phase = z.enum(SEND_PHASES);
const variant = z.enum(VARIANT_LABELS);

const chartSchema = z.object({
  phase,
  startsAt: z.string(),
  today: z.number(),
  points: z.array(z.object({ day: z.number(), expected: z.number(), actual: z.number().nullable() })),
});
export type ReturnsChartData = z.infer<typeof chartSchema>;

const alertSchema = z.object({
  stepId: z.string(),
  position: z.number(),
  phase,
  channel,
  fromMilestone: z.literal(MILESTONE_DAYS),
  actual: z.number(),
  expected: z.number(),
  shortfall: z.number(),
  shortfallRate: z.number(),
  suggestion: z.object({ channel, offsetDays: z.number(), target: z.literal('non_responders') }),
});
export type BehindAlert = z.infer<typeof alertSchema>;

export const boardSchema = z.object({
  campaign: z.object({ id: z.string(), name: z.string(), status: z.string(), kind: z.string() }),
  fixedCents: z.number(),
  totals: figuresSchema,
  /** returns credited to the campaign but to no send (a coupon): in the totals, on no step */
  direct: figuresSchema.nullable(),
  lines: z.array(
    z.object({ stepId: z.string(), position: z.number(), phase, variant, channel, figures: figuresSchema }),
  ),
  bySteps: z.array(z.object({ stepId: z.string(), position: z.number(), channel, figures: figuresSchema })),
  byChannel: z.array(z.object({ channel, figures: figuresSchema })),
  byVariant: z.array(z.object({ variant, figures: figuresSchema })),
  byPhase: z.array(z.object({ phase, figures: figuresSchema })),
  returns: z.object({ charts: z.array(chartSchema), alerts: z.array(alertSchema) }),
});
export type CampaignBoard = z.infer<typeof boardSchema>;

export const portfolioSchema = z.object({
  from: z.string(),
  to: z.string(),
  campaigns: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      status: z.string(),
      kind: z.string(),
      startedAt: z.string(),
      figures: figuresSchema,
    }),
  ),
  byChannel: z.array(z.object({ channel, figures: figuresSchema })),
  totals: figuresSchema,
});
export type Portfolio = z.infer<typeof portfolioSchema>;

export const getCampaignBoard = (id: string, signal?: AbortSignal) =>
  api(`/api/campaigns/${id}/board`, boardSchema, { signal });

export interface Period {
  from: string;
  to: string;
}
export const getPortfolio = (period: Period, signal?: AbortSignal) =>
  api('/api/board/portfolio', portfolioSchema, { query: { ...period }, signal });

export const CAMPAIGN_TABLES = ['lines', 'steps', 'channels', 'variants', 'phases'] as const;
export type CampaignTable = (typeof CAMPAIGN_TABLES)[number];

/** Where each table's CSV is downloaded (same-origin GET: the session cookie goes with it). */
export const campaignCsvUrl = (id: string, table: CampaignTable) =>
  `/api/campaigns/${id}/board.csv${toQueryString({ table })}`;
export const portfolioCsvUrl = (period: Period, table: 'campaigns' | 'channels') =>
  `/api/board/portfolio.csv${toQueryString({ ...period, table })}`;
