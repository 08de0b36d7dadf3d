import { z } from 'zod';
import { AppError } from '../errors';
import { assertNever } from '../vocabulary';
import { dayReaching, type MilestoneCurve } from './milestones';
import { normalQuantile } from './normal';
import { parsePlanningInput } from './parse-input';

/**
 * Minimum test sample per variant to detect a relative lift over a baseline rate with a two-sided
 * two-proportion z-test (Fleiss, unpooled/pooled form):
 *
 *   p2 = p1 × (1 + lift), p̄ = (p1 + p2) / 2
 *   n  = [ z(1−α/2) × √(2 p̄ (1−p̄)) + z(power) × √(p1(1−p1) + p2(1−p2)) ]² / (p2 − p1)²
 *
 * rounded up. 95 % confidence (α = 0.05) and 80 % power by default.
 */
const rate = (what: string) =>
  z
    .number({ error: `Enter the ${what} as a share between 0 and 1` })
    .gt(0, { error: `The ${what} must be above 0 %` })
    .lt(1, { error: `The ${what} must be below 100 %` });

export const sampleSizeInputSchema = z
  .object({
    baselineRate: rate('baseline rate'),
    /** relative lift to detect: 0.2 = +20 % over the baseline */
    relativeLift: z
      .number({ error: 'Enter the lift to detect, e.g. 0.2 for +20 %' })
      .gt(0, { error: 'The lift to detect must be above 0 %' })
      .max(10, { error: 'A lift above +1000 % is not a test, check the figure' }),
    confidence: rate('confidence').default(0.95),
    power: rate('power').default(0.8),
    variants: z.number().int().min(2, { error: 'A test needs at least 2 variants' }).max(3).default(2),
    /** when given, the whole test must fit in the audience */
    audienceSize: z.number().int().positive().optional(),
  })
  .refine((v) => v.baselineRate * (1 + v.relativeLift) < 1, {
    error: 'Baseline × (1 + lift) reaches 100 %: choose a smaller lift',
    path: ['relativeLift'],
  });
export type SampleSizeInput = z.input<typeof sampleSizeInputSchema>;

export interface SampleSize {
  perVariant: number;
  total: number;
  /** the rate the variant must reach to count as the detected lift */
  targetRate: number;
  /** total / audience size, when the audience is known */
  shareOfAudience: number | null;
}

export function minimumSampleSize(input: SampleSizeInput): SampleSize {
  const v = parsePlanningInput(sampleSizeInputSchema, input, 'test sample');
  const p1 = v.baselineRate;
  const p2 = p1 * (1 + v.relativeLift);
  const pBar = (p1 + p2) / 2;
  const zAlpha = normalQuantile(1 - (1 - v.confidence) / 2);
  const zBeta = normalQuantile(v.power);
  const root = zAlpha * Math.sqrt(2 * pBar * (1 - pBar)) + zBeta * Math.sqrt(p1 * (1 - p1) + p2 * (1 - p2));
  const perVariant = Math.ceil((root * root) / ((p2 - p1) * (p2 - p1)) - 1e-9);
  const total = perVariant * v.variants;
  if (v.audienceSize !== undefined && total > v.audienceSize) {
    throw AppError.validation('The test needs more contacts than the audience has.', [
      {
        field: 'relativeLift',
        message: `Detecting +${Math.round(v.relativeLift * 100)} % needs ${perVariant} contacts per variant (${total} in all) but the audience has ${v.audienceSize}: test a larger lift or a larger audience`,
      },
    ]);
  }
  return {
    perVariant,
    total,
    targetRate: p2,
    shareOfAudience: v.audienceSize === undefined ? null : total / v.audienceSize,
  };
}

/** The test sample as chosen by the marketer: an absolute number of contacts or a share of the segment. */
export const testSampleSchema = z.discriminatedUnion('mode', [
  z.object({
    mode: z.literal('absolute'),
    size: z
      .number({ error: 'Enter the sample size' })
      .int()
      .positive({ error: 'The sample must be at least 1 contact' }),
  }),
  z.object({
    mode: z.literal('percent'),
    /** 0.1 = 10 % of the segment */
    share: z
      .number({ error: 'Enter the share of the segment' })
      .gt(0, { error: 'The sample must be above 0 %' })
      .max(1, { error: 'The sample cannot exceed 100 % of the segment' }),
  }),
]);
export type TestSample = z.output<typeof testSampleSchema>;

/** Contacts in the test sample for a segment of `audienceSize`; refuses a sample larger than the audience. */
export function resolveTestSample(sample: TestSample, audienceSize: number): number {
  const s = parsePlanningInput(testSampleSchema, sample, 'test sample');
  let size: number;
  switch (s.mode) {
    case 'absolute':
      size = s.size;
      break;
    case 'percent':
      size = Math.round(s.share * audienceSize);
      break;
    default:
      return assertNever(s, 'test sample');
  }
  if (size > audienceSize) {
    throw AppError.validation('The test sample is larger than the audience.', [
      { field: 'size', message: `The audience has ${audienceSize} contacts: choose at most ${audienceSize}` },
    ]);
  }
  return size;
}

/**
 * How long to run the test: the whole days until the milestone curve expects `share` (default 80 %) of the
 * returns. Null when the curve never gets there within D+30.
 */
export function testDurationDays(curve: MilestoneCurve, share = 0.8): number | null {
  const day = dayReaching(curve, share);
  return day === null ? null : Math.ceil(day - 1e-9);
}
