import { z } from 'zod';

/**
 * How customer indicators are computed. Tiers follow the 20/60/20 practice (DOMAIN.md §7): the top share of
 * customers by revenue (or margin) is gold, the bottom share is low, the rest basic. The trend compares revenue
 * over the last `trendWindowDays` with the same length of time just before.
 */
export const indicatorSettingsSchema = z
  .object({
    tierBasis: z.enum(['revenue', 'margin'], { error: 'Choose revenue or margin' }),
    goldShare: z.number().gt(0, { error: 'More than 0' }).lt(1, { error: 'Less than 1' }),
    lowShare: z.number().gt(0, { error: 'More than 0' }).lt(1, { error: 'Less than 1' }),
    trendWindowDays: z
      .number()
      .int()
      .min(30, { error: 'At least 30 days' })
      .max(730, { error: 'At most 730 days' }),
    complaintWindowDays: z
      .number()
      .int()
      .min(7, { error: 'At least 7 days' })
      .max(1095, { error: 'At most 1,095 days' }),
  })
  .refine((s) => s.goldShare + s.lowShare < 1, {
    error: 'Gold and low shares together must leave room for the basic tier',
    path: ['lowShare'],
  });

export type IndicatorSettings = z.infer<typeof indicatorSettingsSchema>;

export const DEFAULT_INDICATOR_SETTINGS: IndicatorSettings = {
  tierBasis: 'revenue',
  goldShare: 0.2,
  lowShare: 0.2,
  trendWindowDays: 180,
  complaintWindowDays: 365,
};

export const TIERS = ['gold', 'basic', 'low'] as const;
export type Tier = (typeof TIERS)[number];
