import { z } from 'zod';
import { AppError } from '../errors';
import { assertNever } from '../vocabulary';
import { roundCents } from './money';
import { parsePlanningInput } from './parse-input';

/**
 * What a campaign costs before any sale: fixed costs, the cost of each send per channel, and the handling of
 * returns (NPAI letters, bounces). Money is integer euro cents (email is priced per thousand so that it stays
 * an integer); each amount is rounded once, half away from zero, when it is produced (see money.ts) and totals
 * are sums of rounded lines. Limits refuse absurd figures (a typo of a few zeros) with a message per field.
 */
export const cents = (what: string, maxEuros: number) =>
  z
    .number({ error: `Enter the ${what} in cents` })
    .int({ error: `The ${what} is a whole number of cents` })
    .nonnegative({ error: `The ${what} cannot be negative` })
    .max(maxEuros * 100, {
      error: `The ${what} cannot exceed ${maxEuros.toLocaleString('en')} €: check the figure`,
    });

export const shareOf = (what: string) =>
  z
    .number({ error: `Enter the ${what} as a share between 0 and 1` })
    .min(0, { error: `The ${what} cannot be negative` })
    .max(1, { error: `The ${what} cannot exceed 100 %` });

// ---- postage ----

/** Envelope formats: DL/C5 letters (up to 2 cm thick) and C4 large letters. */
export const POSTAL_FORMATS = ['standard', 'large'] as const;
export type PostalFormat = (typeof POSTAL_FORMATS)[number];

export const postageBandSchema = z.object({
  format: z.enum(POSTAL_FORMATS),
  maxWeightGrams: z.number().int().positive(),
  priceCents: cents('postage', 50),
});
export type PostageBand = z.output<typeof postageBandSchema>;

/** The postage of one item: the cheapest band of its format that takes its weight. */
export function postageCents(
  table: readonly PostageBand[],
  format: PostalFormat,
  weightGrams: number,
): number {
  const band = table
    .filter((b) => b.format === format && b.maxWeightGrams >= weightGrams)
    .sort((a, b) => a.maxWeightGrams - b.maxWeightGrams)[0];
  if (!band) {
    const max = Math.max(0, ...table.filter((b) => b.format === format).map((b) => b.maxWeightGrams));
    throw AppError.validation('No postage rate for this weight.', [
      { field: 'weightGrams', message: `A ${format} letter can weigh at most ${max} g in the postage table` },
    ]);
  }
  return band.priceCents;
}

// ---- unit costs per channel ----

export const unitCostsSchema = z.discriminatedUnion(
  'channel',
  [
    z.object({
      channel: z.literal('postal'),
      printingCents: cents('printing cost per letter', 50),
      envelopeCents: cents('envelope cost', 10),
      format: z.enum(POSTAL_FORMATS, { error: 'Choose a standard (DL/C5) or large (C4) envelope' }),
      weightGrams: z
        .number({ error: 'Enter the weight in grams' })
        .positive({ error: 'The weight must be above 0 g' })
        .max(3000, { error: 'A letter cannot weigh more than 3 kg' }),
    }),
    z.object({
      channel: z.literal('sms'),
      pricePerSegmentCents: cents('price per SMS segment', 1),
      segments: z
        .number()
        .int()
        .min(1, { error: 'An SMS has at least 1 segment' })
        .max(10, { error: 'An SMS has at most 10 segments' }),
    }),
    z.object({
      channel: z.literal('voice'),
      pricePerMinuteCents: cents('price per minute', 5),
      durationSeconds: z
        .number({ error: 'Enter the message length in seconds' })
        .positive({ error: 'The message must last more than 0 s' })
        .max(180, { error: 'A voice message of more than 3 minutes will not be listened to: shorten it' }),
    }),
    z.object({
      channel: z.literal('email'),
      pricePerThousandCents: cents('price per thousand emails', 100),
    }),
    z.object({
      channel: z.literal('phone'),
      pricePerMinuteCents: cents('price per call minute', 10),
      minutesPerCall: z
        .number({ error: 'Enter the expected minutes per call' })
        .positive({ error: 'A call lasts more than 0 minutes' })
        .max(120, { error: 'A call of more than 2 hours is not a plan: check the figure' }),
    }),
  ],
  { error: 'Choose a channel: postal, sms, voice, email or phone' },
);
export type UnitCosts = z.output<typeof unitCostsSchema>;

/** The cost of one send in cents, exact (not rounded): it is multiplied by the volume before rounding. */
export function unitCostCents(unit: UnitCosts, postageTable: readonly PostageBand[]): number {
  switch (unit.channel) {
    case 'postal':
      return (
        unit.printingCents + unit.envelopeCents + postageCents(postageTable, unit.format, unit.weightGrams)
      );
    case 'sms':
      return unit.pricePerSegmentCents * unit.segments;
    case 'voice':
      return (unit.pricePerMinuteCents * unit.durationSeconds) / 60;
    case 'email':
      return unit.pricePerThousandCents / 1000;
    case 'phone':
      return unit.pricePerMinuteCents * unit.minutesPerCall;
    default:
      return assertNever(unit, 'unit costs');
  }
}

/** Returns: the share of sends that come back undelivered (NPAI, bounces) and what handling one costs. */
export const returnsSchema = z.object({
  npaiRate: shareOf('NPAI (return) rate'),
  handlingCentsPerReturn: cents('handling cost per return', 20),
});
export type Returns = z.output<typeof returnsSchema>;

export interface StepCost {
  /** cost of one send, exact */
  unitCostCents: number;
  sendCents: number;
  returnsCents: number;
  totalCents: number;
}

/** volume × unit cost and volume × NPAI rate × handling cost, each rounded once. */
export function stepCost(
  volume: number,
  unit: UnitCosts,
  returns: Returns,
  postageTable: readonly PostageBand[],
): StepCost {
  const perSend = unitCostCents(unit, postageTable);
  const sendCents = roundCents(volume * perSend);
  const returnsCents = roundCents(volume * returns.npaiRate * returns.handlingCentsPerReturn);
  return { unitCostCents: perSend, sendCents, returnsCents, totalCents: sendCents + returnsCents };
}

// ---- fixed costs ----

export const fixedCostsSchema = z.object({
  creativeCents: cents('creative cost', 1_000_000).default(0),
  setupCents: cents('setup cost', 1_000_000).default(0),
  staffHours: z
    .number({ error: 'Enter the staff hours' })
    .nonnegative({ error: 'Staff hours cannot be negative' })
    .max(100_000, { error: 'More than 100,000 staff hours: check the figure' })
    .default(0),
  staffHourlyRateCents: cents('hourly staff rate', 1000).default(0),
  callCentre: z
    .object({
      seats: z
        .number()
        .int()
        .nonnegative({ error: 'Seats cannot be negative' })
        .max(1000, { error: 'At most 1,000 seats' }),
      days: z
        .number()
        .nonnegative({ error: 'Days cannot be negative' })
        .max(366, { error: 'At most 366 days' }),
      seatDayRateCents: cents('cost of a seat per day', 5000),
    })
    .optional(),
});
export type FixedCostsInput = z.input<typeof fixedCostsSchema>;

export interface FixedCosts {
  creativeCents: number;
  setupCents: number;
  /** staff hours × hourly rate */
  staffCents: number;
  /** seats × days × cost of a seat per day */
  callCentreCents: number;
  totalCents: number;
}

export function fixedCosts(input: FixedCostsInput): FixedCosts {
  const f = parsePlanningInput(fixedCostsSchema, input, 'fixed costs');
  const staffCents = roundCents(f.staffHours * f.staffHourlyRateCents);
  const callCentreCents = f.callCentre
    ? roundCents(f.callCentre.seats * f.callCentre.days * f.callCentre.seatDayRateCents)
    : 0;
  return {
    creativeCents: f.creativeCents,
    setupCents: f.setupCents,
    staffCents,
    callCentreCents,
    totalCents: f.creativeCents + f.setupCents + staffCents + callCentreCents,
  };
}

/** Incentive cost: value of the incentive × expected take-up × expected sales, rounded once. */
export function incentiveCostCents(
  valueCents: number,
  expectedTakeUp: number,
  expectedSales: number,
): number {
  return roundCents(valueCents * expectedTakeUp * expectedSales);
}
