import { z } from 'zod';
import { TIERS } from '../indicators';

/**
 * How win-back works in this workspace (DOMAIN.md §5-6), kept in the settings under `winback` and edited by
 * admins and managers. Every part has a default, so that a workspace that never saved them still works.
 */

const share = (what: string) =>
  z
    .number({ error: `Give the ${what} as a number between 0 and 1` })
    .gt(0, { error: 'More than 0' })
    .max(1, { error: 'At most 1 (100 %)' });
const int = (min: number, max: number, unit: string) =>
  z
    .number({ error: `Give a whole number of ${unit}` })
    .int({ error: `A whole number of ${unit}` })
    .min(min, { error: `At least ${min} ${unit}` })
    .max(max, { error: `At most ${max} ${unit}` });

/**
 * When a customer moves into the former-customer file: no order for `noOrderMonths` months, and/or a spend over
 * the last `spendDrop.windowMonths` months down by more than `spendDrop.share` against the same length of time
 * just before. Either criterion may be switched off (null), not both; the first that holds moves the customer.
 */
export const inactivityRuleSchema = z
  .object({
    noOrderMonths: int(1, 120, 'months').nullable(),
    spendDrop: z.object({ share: share('drop in spend'), windowMonths: int(1, 36, 'months') }).nullable(),
  })
  .refine((r) => r.noOrderMonths !== null || r.spendDrop !== null, {
    error: 'Keep at least one criterion: months without an order, or a drop in spend',
    path: ['noOrderMonths'],
  });
export type InactivityRule = z.infer<typeof inactivityRuleSchema>;

/**
 * Which customers an inactivity rule is for: a value tier, the contacts with a tag, or the members of a saved
 * segment (as the segment counts when the worker recomputes; a segment deleted since is skipped).
 */
export const ruleScopeSchema = z.discriminatedUnion(
  'kind',
  [
    z.object({ kind: z.literal('tier'), tier: z.enum(TIERS, { error: 'Choose gold, basic or low' }) }),
    z.object({
      kind: z.literal('tag'),
      tag: z.string().trim().min(1, { error: 'Name the tag' }).max(100, { error: 'At most 100 characters' }),
    }),
    z.object({ kind: z.literal('segment'), segmentId: z.uuid({ error: 'Choose a saved segment' }) }),
  ],
  { error: 'Choose a tier, a tag or a segment' },
);
export type RuleScope = z.infer<typeof ruleScopeSchema>;

export const inactivityOverrideSchema = z.object({ scope: ruleScopeSchema, rule: inactivityRuleSchema });
export type InactivityOverride = z.infer<typeof inactivityOverrideSchema>;

/** Data a reactivation criterion can be scored from. Money in euro cents. */
export const SCORING_METRICS = [
  'revenue_cents',
  'margin_cents',
  'order_count',
  'months_since_last_order',
  'tenure_months',
  'promo_share',
  'complaints',
] as const;
export type ScoringMetric = (typeof SCORING_METRICS)[number];

const criterionKey = z
  .string()
  .regex(/^[a-z][a-z0-9_]{0,39}$/, { error: 'Lower-case letters, digits and _, starting with a letter' });
const weight = z
  .number({ error: 'Give a weight' })
  .min(0, { error: 'At least 0' })
  .max(100, { error: 'At most 100' });
const label = z
  .string()
  .trim()
  .min(1, { error: 'Name the criterion' })
  .max(80, { error: 'At most 80 characters' });

/**
 * A criterion of the reactivation grid, scored 0-10. From data: linearly from `zeroAt` (scores 0) to `tenAt`
 * (scores 10), clamped; `zeroAt` above `tenAt` means less is better (e.g. price sensitivity). A hand score
 * given on the contact replaces the data's. By hand only: a contact without a hand score is left out of the
 * average for that criterion.
 */
export const scoringCriterionSchema = z.discriminatedUnion(
  'source',
  [
    z
      .object({
        key: criterionKey,
        label,
        weight,
        source: z.literal('data'),
        metric: z.enum(SCORING_METRICS, { error: 'Choose what the criterion is scored from' }),
        zeroAt: z.number({ error: 'Give the value that scores 0' }),
        tenAt: z.number({ error: 'Give the value that scores 10' }),
      })
      .refine((c) => c.zeroAt !== c.tenAt, {
        error: 'The values scoring 0 and 10 must differ',
        path: ['tenAt'],
      }),
    z.object({ key: criterionKey, label, weight, source: z.literal('manual') }),
  ],
  { error: 'Score the criterion from data or by hand' },
);
export type ScoringCriterion = z.infer<typeof scoringCriterionSchema>;

export const winbackSettingsSchema = z.object({
  inactivity: z.object({
    default: inactivityRuleSchema,
    /** the first whose scope matches a customer replaces the default rule for that customer */
    overrides: z.array(inactivityOverrideSchema).max(20, { error: 'At most 20 rules' }),
  }),
  signals: z.object({
    /** the yearly anniversary of the first order passed `graceDays` ago with no order since `leadDays` before it */
    anniversary: z.object({
      enabled: z.boolean(),
      leadDays: int(0, 180, 'days'),
      graceDays: int(0, 180, 'days'),
    }),
    /** revenue trend (the indicators' window) down by more than `dropShare` */
    trendDown: z.object({ enabled: z.boolean(), dropShare: share('drop in revenue') }),
    /** complaints and after-sales contacts over the last `windowDays`: at least `minCount` and more than before */
    complaintsUp: z.object({
      enabled: z.boolean(),
      windowDays: int(7, 365, 'days'),
      minCount: int(1, 100, 'contacts'),
    }),
  }),
  occasional: z.object({
    singleOrder: z.boolean(),
    promoOnly: z.boolean(),
    affiliateOnly: z.boolean(),
    /** order sources that are affiliates, compared without case or surrounding spaces */
    affiliateSources: z
      .array(z.string().trim().toLowerCase().min(1, { error: 'Empty source' }).max(100))
      .max(50, { error: 'At most 50 sources' }),
    /** `exclude`: never candidates; `apart`: listed apart from the candidates */
    treatment: z.enum(['exclude', 'apart'], { error: 'Choose exclude or apart' }),
  }),
  scoring: z.object({
    criteria: z
      .array(scoringCriterionSchema)
      .min(1, { error: 'At least one criterion' })
      .max(20, { error: 'At most 20 criteria' })
      .superRefine((criteria, ctx) => {
        const seen = new Set<string>();
        criteria.forEach((c, i) => {
          if (seen.has(c.key))
            ctx.addIssue({ code: 'custom', message: 'Two criteria have this key', path: [i, 'key'] });
          seen.add(c.key);
        });
        if (criteria.length > 0 && criteria.every((c) => c.weight === 0))
          ctx.addIssue({
            code: 'custom',
            message: 'Give at least one criterion a weight',
            path: [0, 'weight'],
          });
      }),
  }),
  churn: z.object({
    /**
     * the model predicts leaving within this many months (no order in that time, or under the inactivity rule at
     * its end); it learns from customers active that long ago
     */
    horizonMonths: int(3, 24, 'months'),
    /**
     * an alert when an active customer's probability of leaving rises above this (null: no alert); absent from
     * settings saved before it existed, hence the default
     */
    alertAbove: share('probability of leaving').nullable().default(0.8),
  }),
});
export type WinbackSettings = z.infer<typeof winbackSettingsSchema>;

export const DEFAULT_SCORING_CRITERIA: ScoringCriterion[] = [
  {
    key: 'purchase_history',
    label: 'Purchase history',
    weight: 3,
    source: 'data',
    metric: 'revenue_cents',
    zeroAt: 0,
    tenAt: 200_000,
  },
  {
    key: 'margin',
    label: 'Margin',
    weight: 3,
    source: 'data',
    metric: 'margin_cents',
    zeroAt: 0,
    tenAt: 50_000,
  },
  {
    key: 'price_sensitivity',
    label: 'Price sensitivity',
    weight: 2,
    source: 'data',
    metric: 'promo_share',
    zeroAt: 1,
    tenAt: 0,
  },
  {
    key: 'freshness',
    label: 'Time since last order',
    weight: 1,
    source: 'data',
    metric: 'months_since_last_order',
    zeroAt: 36,
    tenAt: 12,
  },
  { key: 'image_value', label: 'Image value', weight: 1, source: 'manual' },
];

export const DEFAULT_WINBACK_SETTINGS: WinbackSettings = {
  inactivity: { default: { noOrderMonths: 12, spendDrop: { share: 0.5, windowMonths: 12 } }, overrides: [] },
  signals: {
    anniversary: { enabled: true, leadDays: 30, graceDays: 30 },
    trendDown: { enabled: true, dropShare: 0.3 },
    complaintsUp: { enabled: true, windowDays: 90, minCount: 2 },
  },
  occasional: {
    singleOrder: true,
    promoOnly: true,
    affiliateOnly: true,
    affiliateSources: ['affiliate', 'affiliation', 'affilié'],
    treatment: 'apart',
  },
  scoring: { criteria: DEFAULT_SCORING_CRITERIA },
  churn: { horizonMonths: 12, alertAbove: 0.8 },
};
