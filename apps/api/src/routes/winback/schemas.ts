import { WINBACK_VIEWS } from '@relance/db/queries/winback-lists';
import { TIERS } from '@relance/domain/indicators';
import { CHURN_FEATURES } from '@relance/domain/winback/churn-model';
import {
  ALERT_KINDS,
  FORMER_EXITS,
  FORMER_REASONS,
  LOST_REASONS,
  OCCASIONAL_REASONS,
  SIGNAL_KINDS,
  WINBACK_EXCLUSIONS,
} from '@relance/domain/winback/vocabulary';
import { z } from 'zod';

const limit = z.coerce
  .number()
  .int()
  .min(1, { error: 'At least 1' })
  .max(200, { error: 'At most 200' })
  .default(50);
const cursor = z.string().max(500).optional();

export const formerQuery = z.object({
  view: z.enum(WINBACK_VIEWS, { error: `One of ${WINBACK_VIEWS.join(', ')}` }).default('candidates'),
  limit,
  cursor,
});
export const alertsQuery = z.object({
  scope: z.enum(['mine', 'all'], { error: 'mine or all' }).default('mine'),
  dismissed: z
    .enum(['true', 'false'], { error: 'true or false' })
    .default('false')
    .transform((v) => v === 'true'),
  limit,
  cursor,
});
export const alertParams = z.object({ id: z.coerce.number().int().positive({ error: 'Not an alert id' }) });
export const barometerQuery = z.object({
  months: z.coerce
    .number()
    .int()
    .min(1, { error: 'At least 1 month' })
    .max(60, { error: 'At most 60 months' })
    .default(12),
});

const named = {
  firstName: z.string().nullable(),
  lastName: z.string().nullable(),
  companyName: z.string().nullable(),
  email: z.string().nullable(),
};
const owner = z.object({ id: z.string(), name: z.string() }).nullable();
const lostReasonSummary = z.object({
  reason: z.enum(LOST_REASONS),
  competitor: z.string().nullable(),
  exclusion: z.enum(WINBACK_EXCLUSIONS).nullable(),
  lostAt: z.string(),
});

export const formerCustomer = z
  .object({
    contactId: z.number(),
    kind: z.enum(['person', 'company']),
    ...named,
    owner,
    formerSince: z.string(),
    formerReason: z.enum(FORMER_REASONS),
    reactivationScore: z.number().nullable(),
    occasionalReasons: z.array(z.enum(OCCASIONAL_REASONS)),
    revenueCents: z.number(),
    orderCount: z.number(),
    lastOrderAt: z.string().nullable(),
    tier: z.enum(TIERS).nullable(),
    lostReason: lostReasonSummary.nullable(),
  })
  .meta({ id: 'FormerCustomer' });

export const formerPage = z.object({
  items: z.array(formerCustomer),
  nextCursor: z.string().nullable(),
  counts: z.object(
    Object.fromEntries(WINBACK_VIEWS.map((v) => [v, z.number()])) as Record<
      (typeof WINBACK_VIEWS)[number],
      z.ZodNumber
    >,
  ),
  occasionalTreatment: z.enum(['exclude', 'apart']),
});

export const alertSchema = z
  .object({
    id: z.number(),
    kind: z.enum(ALERT_KINDS),
    evidence: z.record(z.string(), z.unknown()),
    raisedAt: z.string(),
    dismissedAt: z.string().nullable(),
    contact: z.object({ id: z.number(), ...named }),
    owner,
  })
  .meta({ id: 'WinbackAlert' });
export const alertPage = z.object({ items: z.array(alertSchema), nextCursor: z.string().nullable() });

export const modelAnswer = z
  .object({
    status: z.enum(['none', 'trained', 'insufficient']),
    trainedAt: z.string().nullable(),
    asOf: z.string().nullable(),
    horizonMonths: z.number().nullable(),
    reason: z.string().nullable(),
    auc: z.number().nullable(),
    intercept: z.number().nullable(),
    features: z.array(
      z.object({ name: z.enum(CHURN_FEATURES), mean: z.number(), std: z.number(), coefficient: z.number() }),
    ),
    trainCount: z.number().nullable(),
    trainLeft: z.number().nullable(),
    testCount: z.number().nullable(),
    testLeft: z.number().nullable(),
  })
  .meta({ id: 'ChurnModel' });

export const lostReasonRecord = z
  .object({
    id: z.number(),
    reason: z.enum(LOST_REASONS),
    competitor: z.string().nullable(),
    exclusion: z.enum(WINBACK_EXCLUSIONS).nullable(),
    note: z.string().nullable(),
    lostAt: z.string(),
    recordedAt: z.string(),
    user: owner,
  })
  .meta({ id: 'LostReason' });

export const contactWinbackAnswer = z
  .object({
    computedAt: z.string().nullable(),
    formerSince: z.string().nullable(),
    formerReason: z.enum(FORMER_REASONS).nullable(),
    occasionalReasons: z.array(z.enum(OCCASIONAL_REASONS)),
    signals: z.array(z.object({ kind: z.enum(SIGNAL_KINDS), evidence: z.record(z.string(), z.unknown()) })),
    reactivation: z
      .object({
        total: z.number().nullable(),
        criteria: z.array(
          z.object({
            key: z.string(),
            label: z.string(),
            weight: z.number(),
            score: z.number().nullable(),
            source: z.enum(['data', 'manual', 'hand']),
          }),
        ),
      })
      .nullable(),
    churn: z
      .object({
        probability: z.number(),
        auc: z.number(),
        horizonMonths: z.number(),
        factors: z.array(
          z.object({ feature: z.enum(CHURN_FEATURES), value: z.number(), contribution: z.number() }),
        ),
      })
      .nullable(),
    stays: z.array(
      z.object({
        reason: z.enum(FORMER_REASONS),
        enteredAt: z.string(),
        leftAt: z.string().nullable(),
        exit: z.enum(FORMER_EXITS).nullable(),
      }),
    ),
    lostReasons: z.array(lostReasonRecord),
    handScores: z.record(z.string(), z.number()),
  })
  .meta({ id: 'ContactWinback' });

export const barometerAnswer = z
  .object({
    reasons: z.array(z.enum(LOST_REASONS)),
    months: z.array(
      z.object({ month: z.string(), counts: z.record(z.string(), z.number()), total: z.number() }),
    ),
    competitors: z.array(z.object({ competitor: z.string(), count: z.number() })),
  })
  .meta({ id: 'LostCustomersBarometer' });
