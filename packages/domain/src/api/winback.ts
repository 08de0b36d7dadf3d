/**
 * The win-back answers, declared once: the API validates and documents them (the `.meta` ids name them in the
 * OpenAPI document), the web app parses them. Pure zod, no I/O.
 */

import { z } from 'zod';
import { TIERS } from '../indicators';
import { CHURN_FEATURES } from '../winback/churn-model';
import { WINBACK_VIEWS } from '../winback/views';
import {
  ALERT_KINDS,
  FORMER_EXITS,
  FORMER_REASONS,
  LOST_REASONS,
  OCCASIONAL_REASONS,
  SIGNAL_KINDS,
  WINBACK_EXCLUSIONS,
} from '../winback/vocabulary';

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

/** GET /api/winback/former */
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

export const winbackAlert = z
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
/** GET /api/winback/alerts */
export const alertPage = z.object({ items: z.array(winbackAlert), nextCursor: z.string().nullable() });

/** GET /api/winback/model */
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

/** POST /api/contacts/:id/lost-reasons, and each of a contact's lost reasons */
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

/** GET /api/contacts/:id/winback and PUT /api/contacts/:id/reactivation-scores */
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

/** GET /api/winback/barometer */
export const barometerAnswer = z
  .object({
    reasons: z.array(z.enum(LOST_REASONS)),
    months: z.array(
      z.object({ month: z.string(), counts: z.record(z.string(), z.number()), total: z.number() }),
    ),
    competitors: z.array(z.object({ competitor: z.string(), count: z.number() })),
  })
  .meta({ id: 'LostCustomersBarometer' });

export type FormerCustomer = z.infer<typeof formerCustomer>;
export type FormerPage = z.infer<typeof formerPage>;
export type WinbackAlert = z.infer<typeof winbackAlert>;
export type ChurnModelAnswer = z.infer<typeof modelAnswer>;
export type LostReasonRecord = z.infer<typeof lostReasonRecord>;
export type ContactWinback = z.infer<typeof contactWinbackAnswer>;
export type Barometer = z.infer<typeof barometerAnswer>;
