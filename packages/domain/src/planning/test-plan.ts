import { z } from 'zod';
import { AppError } from '../errors';
import { landingUrlSchema } from '../tracking/landing';
import { assertNever, CHANNELS, type Channel } from '../vocabulary';
import type { MilestoneCurve } from './milestones';
import { type Offer, offerSchema } from './offers';
import { minimumSampleSize, testDurationDays, testSampleSchema } from './sample-size';
import { WINNER_METRICS, type WinnerMetric } from './significance';

/**
 * Test before rolling out (DOMAIN.md §4): the campaign first goes to a sample of the audience, split into
 * variants A/B(/C) that differ on ONE parameter (message, offer, channel, timing or incentive); after the test's
 * duration the winner, by the chosen metric, is rolled out to the rest of the audience, by hand or
 * automatically.
 *
 * Variant A is the step itself; a step lists its challengers B and C. A contact of the test belongs to one group
 * (A, B or C) for the whole campaign: on a step without its own variant for that group it gets the step as is.
 * So that each group differs from A on a single parameter, variant B tests the same parameter on every step
 * (e.g. the same other offer on the letter and on its reminder), and so does C.
 */
export const VARIANT_LABELS = ['A', 'B', 'C'] as const;
export type VariantLabel = (typeof VARIANT_LABELS)[number];

export const VARIANT_PARAMETERS = ['message', 'offer', 'channel', 'timing', 'incentive'] as const;
export type VariantParameter = (typeof VARIANT_PARAMETERS)[number];

export const ROLLOUT_MODES = ['manual', 'automatic'] as const;
export type RolloutMode = (typeof ROLLOUT_MODES)[number];

/** The parameter's name in messages. */
const PARAMETER_NAMES: Record<VariantParameter, string> = {
  message: 'message',
  offer: 'offer',
  channel: 'channel',
  timing: 'day',
  incentive: 'incentive',
};

/** A field that belongs to another parameter than the one the variant tests: refused with what to do. */
const alsoChanges = (field: string, tested: VariantParameter) =>
  z
    .undefined({
      error: `This variant tests the ${PARAMETER_NAMES[tested]}: it cannot also change the ${field} (test one parameter at a time)`,
    })
    .optional();

const label = z.enum(['B', 'C'], { error: 'A variant is B or C (A is the step itself)' }).optional();
const offsetDays = z
  .number({ error: 'Enter the day of the variant (D+n)' })
  .int({ error: 'The day is a whole number' })
  .min(0, { error: 'A variant cannot start before D+0' })
  .max(365, { error: 'A variant more than a year after the start is a new campaign' });

export const stepVariantSchema = z.discriminatedUnion(
  'differsOn',
  [
    z.object({
      label,
      differsOn: z.literal('message'),
      /** checked and compiled for the step's channel, like the step's content */
      content: z.unknown(),
      /** the variant's own landing page (a rewritten message may point elsewhere); left out, the step's */
      landingUrl: landingUrlSchema.optional(),
      offer: alsoChanges('offer', 'message'),
      channel: alsoChanges('channel', 'message'),
      offsetDays: alsoChanges('day', 'message'),
    }),
    z.object({
      label,
      differsOn: z.literal('offer'),
      offer: offerSchema,
      content: alsoChanges('message', 'offer'),
      channel: alsoChanges('channel', 'offer'),
      offsetDays: alsoChanges('day', 'offer'),
    }),
    z.object({
      label,
      differsOn: z.literal('incentive'),
      /** the campaign's offer with another incentive value (gift, discount, cost per taker) */
      offer: offerSchema,
      content: alsoChanges('message', 'incentive'),
      channel: alsoChanges('channel', 'incentive'),
      offsetDays: alsoChanges('day', 'incentive'),
    }),
    z.object({
      label,
      differsOn: z.literal('channel'),
      channel: z.enum(CHANNELS, { error: `Choose the variant's channel: ${CHANNELS.join(', ')}` }),
      /** the message written for that channel (required when the step's own message is written) */
      content: z.unknown().optional(),
      offer: alsoChanges('offer', 'channel'),
      offsetDays: alsoChanges('day', 'channel'),
    }),
    z.object({
      label,
      differsOn: z.literal('timing'),
      offsetDays,
      content: alsoChanges('message', 'timing'),
      offer: alsoChanges('offer', 'timing'),
      channel: alsoChanges('channel', 'timing'),
    }),
  ],
  { error: 'Choose what the variant changes: message, offer, channel, timing or incentive' },
);

/** A step's challengers: B, then C (labelled by position when the label is left out). */
export const stepVariantsSchema = z
  .array(stepVariantSchema, { error: 'Give the variants as a list' })
  .max(2, { error: 'At most 3 variants: A (the step itself), B and C' })
  .superRefine((variants, ctx) => {
    variants.forEach((v, i) => {
      const expected = VARIANT_LABELS[i + 1]!;
      if (v.label !== undefined && v.label !== expected) {
        ctx.addIssue({
          code: 'custom',
          path: [i, 'label'],
          message: `This variant is ${expected}: variants go A (the step itself), B, then C`,
        });
      }
    });
  })
  .transform((variants) => variants.map((v, i) => ({ ...v, label: VARIANT_LABELS[i + 1]! })));
export type StepVariantInput = z.input<typeof stepVariantSchema>;
export type StepVariant = z.output<typeof stepVariantsSchema>[number];

const rate = (what: string) =>
  z
    .number({ error: `Enter the ${what} as a share between 0 and 1` })
    .gt(0, { error: `The ${what} must be above 0 %` })
    .lt(1, { error: `The ${what} must be below 100 %` });

/** The calculator's inputs, kept with the plan so that the marketer finds them again. */
export const testCalculatorSchema = z
  .object({
    /** the metric's expected rate without the change (response rate, conversion rate or sales per contact) */
    baselineRate: rate('baseline rate'),
    /** the relative lift the test must be able to detect: 0.2 = +20 % */
    relativeLift: z
      .number({ error: 'Enter the lift to detect, e.g. 0.2 for +20 %' })
      .gt(0, { error: 'The lift to detect must be above 0 %' })
      .max(10, { error: 'A lift above +1000 % is not a test, check the figure' }),
  })
  .refine((c) => c.baselineRate * (1 + c.relativeLift) < 1, {
    error: 'Baseline × (1 + lift) reaches 100 %: choose a smaller lift',
    path: ['relativeLift'],
  });

export const testPlanSchema = z
  .object({
    sample: testSampleSchema,
    winnerMetric: z
      .enum(WINNER_METRICS, {
        error: 'Choose the winner metric: response_rate, conversion_rate or revenue_per_contact',
      })
      .default('response_rate'),
    /** days from the test's D+0 to reading it; left out, from the milestone curve (`defaultTestDurationDays`) */
    durationDays: z
      .number({ error: 'Enter the test duration in days' })
      .int({ error: 'The duration is a whole number of days' })
      .min(1, { error: 'A test lasts at least 1 day' })
      .max(120, { error: 'A test of more than 120 days: roll out or stop, the file gets old' })
      .optional(),
    rollout: z.enum(ROLLOUT_MODES, { error: 'Choose a manual or automatic rollout' }).default('manual'),
    calculator: testCalculatorSchema.optional(),
  })
  .superRefine((t, ctx) => {
    // pickWinner never declares revenue per contact significant (no variance without each contact's revenue)
    if (t.rollout === 'automatic' && t.winnerMetric === 'revenue_per_contact') {
      ctx.addIssue({
        code: 'custom',
        path: ['rollout'],
        message:
          'Revenue per contact cannot be tested for significance, so no winner would ever be rolled out automatically: roll out by hand, or choose the response or conversion rate',
      });
    }
  });
export type TestPlanInput = z.input<typeof testPlanSchema>;
export type TestPlan = z.output<typeof testPlanSchema>;

// ---- checks that need the whole plan ----

/** What the checks read of a plan: structural, so that campaign-input.ts can call them from its schema. */
export interface TestedStep {
  channel: Channel;
  offsetDays: number;
  target: { type: string; step?: number };
  content?: unknown;
  variants?: StepVariant[] | undefined;
}
export interface TestedPlan {
  offer?: Offer | null | undefined;
  testPlan?: TestPlan | null | undefined;
  steps: TestedStep[];
}
export interface PlanIssue {
  path: (string | number)[];
  message: string;
}

/** Equal as JSON values, whatever the order of object keys. */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/** What an offer proposes (its kind and wording), apart from the value of its incentive. */
const sameProposal = (a: Offer, b: Offer) =>
  a.type === b.type && (a.description ?? '') === (b.description ?? '');

/** The incentive's value: the cost per taker, the gift's value, or the discount (take-up is an expectation). */
function incentiveOf(offer: Offer): unknown {
  switch (offer.type) {
    case 'emotional':
      return offer.costPerTakerCents;
    case 'material':
      return offer.giftValueCents;
    case 'financial':
      return offer.discount;
    default:
      return assertNever(offer, 'offer');
  }
}

/** The test's groups: A, plus one per challenger of the step that has the most (A only for a pilot test). */
export function testGroups(steps: readonly { variants?: readonly unknown[] | undefined }[]): VariantLabel[] {
  const challengers = Math.max(0, ...steps.map((s) => s.variants?.length ?? 0));
  return VARIANT_LABELS.slice(0, 1 + Math.min(2, challengers));
}

const stepName = (i: number, step: { offsetDays: number }) => `step ${i + 1} (D+${step.offsetDays})`;

/** Problems with the steps' variants and the test plan, with the path of the field to fix. */
export function testPlanIssues(plan: TestedPlan): PlanIssue[] {
  const issues: PlanIssue[] = [];
  const groups = testGroups(plan.steps);
  const withVariants = plan.steps.findIndex((s) => (s.variants?.length ?? 0) > 0);
  if (withVariants >= 0 && !plan.testPlan) {
    issues.push({
      path: ['testPlan'],
      message: `Step ${withVariants + 1} has variants: set the test plan (sample, winner metric, rollout), or remove them`,
    });
  }
  const firstOf = new Map<VariantLabel, { step: number; parameter: VariantParameter }>();
  plan.steps.forEach((step, i) => {
    (step.variants ?? []).forEach((variant, j) => {
      const at = (...rest: (string | number)[]) => ['steps', i, 'variants', j, ...rest];
      const add = (path: (string | number)[], message: string) => issues.push({ path, message });
      const first = firstOf.get(variant.label);
      if (!first) firstOf.set(variant.label, { step: i, parameter: variant.differsOn });
      else if (first.parameter !== variant.differsOn) {
        add(
          at('differsOn'),
          `Variant ${variant.label} of step ${first.step + 1} tests the ${PARAMETER_NAMES[first.parameter]}: variant ${variant.label} must test the same parameter on every step (one parameter at a time)`,
        );
      }
      // the first later step that goes to this step's contacts: its responders, openers or clickers (or, for
      // a timing variant, its non-responders, who must have been sent this step first)
      const laterAiming = (types: string[]) =>
        plan.steps.findIndex(
          (s, k) =>
            k > i &&
            types.includes(s.target.type) &&
            (s.target.type === 'non_responders' || s.target.step === i + 1),
        );
      switch (variant.differsOn) {
        case 'message':
          if (variant.content === undefined || variant.content === null) {
            add(at('content'), `Write variant ${variant.label}'s message`);
          } else if (sameValue(variant.content, step.content)) {
            add(
              at('content'),
              `Variant ${variant.label}'s message is the step's own: change it, or remove the variant`,
            );
          }
          break;
        case 'offer': {
          const base = plan.offer;
          if (base && sameProposal(variant.offer, base)) {
            add(
              at('offer'),
              sameValue(incentiveOf(variant.offer), incentiveOf(base))
                ? `Variant ${variant.label}'s offer is the campaign's: change it, or remove the variant`
                : `Variant ${variant.label} keeps the campaign's offer and only changes its incentive: choose "incentive" as what it changes`,
            );
          }
          break;
        }
        case 'incentive': {
          const base = plan.offer;
          if (!base) {
            add(
              at('differsOn'),
              `The campaign has no offer, so there is no incentive to change: set the campaign's offer, or test an offer`,
            );
          } else if (!sameProposal(variant.offer, base)) {
            add(
              at('offer', variant.offer.type !== base.type ? 'type' : 'description'),
              `An incentive variant keeps the campaign's offer (${base.type}${base.description ? `, "${base.description}"` : ''}) and changes only its value: choose "offer" to test another offer`,
            );
          } else if (sameValue(incentiveOf(variant.offer), incentiveOf(base))) {
            add(
              at('offer'),
              `Variant ${variant.label}'s incentive is the campaign offer's: change its value, or remove the variant`,
            );
          }
          break;
        }
        case 'channel': {
          const aiming = laterAiming(['openers_clickers']);
          if (variant.channel === step.channel) {
            add(
              at('channel'),
              `Variant ${variant.label} is on the step's own channel (${step.channel}): choose another channel`,
            );
          } else if (aiming >= 0) {
            add(
              at('channel'),
              `Step ${aiming + 1} goes to the openers or clickers of this email: on ${variant.channel} nobody opens or clicks, so test something else here`,
            );
          } else if (step.content !== undefined && variant.content === undefined) {
            add(
              at('content'),
              `The step's ${step.channel} message is written: write variant ${variant.label}'s message for ${variant.channel} too`,
            );
          }
          break;
        }
        case 'timing': {
          const ref = step.target.step;
          const aimed =
            ref !== undefined && step.target.type !== 'everyone' ? plan.steps[ref - 1] : undefined;
          const aiming = laterAiming(['openers_clickers', 'responders', 'non_responders']);
          if (variant.offsetDays === step.offsetDays) {
            add(
              at('offsetDays'),
              `Variant ${variant.label} goes out on the step's own day (D+${step.offsetDays}): choose another day`,
            );
          } else if (aimed && ref !== undefined && ref <= i && variant.offsetDays < aimed.offsetDays) {
            add(
              at('offsetDays'),
              `Variant ${variant.label} would go out before ${stepName(ref - 1, aimed)}, whose contacts it aims at: choose D+${aimed.offsetDays} or later`,
            );
          } else if (aiming >= 0 && variant.offsetDays > plan.steps[aiming]!.offsetDays) {
            const later = plan.steps[aiming]!;
            add(
              at('offsetDays'),
              `${stepName(aiming, later).replace(/^s/, 'S')} aims at the contacts of this step: variant ${variant.label} must go out by D+${later.offsetDays}`,
            );
          }
          break;
        }
        default:
          assertNever(variant, 'variant');
      }
    });
  });
  const sample = plan.testPlan?.sample;
  if (sample?.mode === 'absolute' && sample.size < groups.length) {
    issues.push({
      path: ['testPlan', 'sample', 'size'],
      message: `A test of ${groups.length} variants needs at least ${groups.length} contacts (one per variant)`,
    });
  }
  return issues;
}

// ---- sizing and timing ----

/** Contacts per group: the sample split evenly, the first groups taking one more when it does not divide. */
export function splitSample(sampleSize: number, groups: number): number[] {
  const base = Math.floor(sampleSize / groups);
  return Array.from({ length: groups }, (_, i) => base + (i < sampleSize % groups ? 1 : 0));
}

/**
 * The default test duration, in days from the test's D+0 to reading it: for each send the test compares (the
 * steps with variants and their timing variants; every step for a pilot test without variants), its day plus
 * the days until its step's milestone curve (else `curve`) expects 80 % of the returns (30 when it never does);
 * the latest of them.
 */
export function defaultTestDurationDays(
  steps: readonly {
    offsetDays: number;
    milestones?: MilestoneCurve | undefined;
    variants?: readonly { differsOn: VariantParameter; offsetDays?: number | undefined }[] | undefined;
  }[],
  curve: MilestoneCurve,
): number {
  const tested = steps.some((s) => (s.variants?.length ?? 0) > 0)
    ? steps.filter((s) => (s.variants?.length ?? 0) > 0)
    : steps;
  return Math.max(
    0,
    ...tested.flatMap((s) => {
      const wait = testDurationDays(s.milestones ?? curve) ?? 30;
      return [
        s.offsetDays + wait,
        ...(s.variants ?? []).flatMap((v) =>
          v.differsOn === 'timing' && v.offsetDays !== undefined ? [v.offsetDays + wait] : [],
        ),
      ];
    }),
  );
}

/** The baseline the calculator starts from, for a metric, from a step's expected rates. */
export function calculatorBaseline(
  metric: WinnerMetric,
  step: { responseRate: number; conversionRate: number },
): number {
  switch (metric) {
    case 'response_rate':
      return step.responseRate;
    case 'conversion_rate':
      return step.conversionRate;
    case 'revenue_per_contact':
      return step.responseRate * step.conversionRate;
    default:
      return assertNever(metric, 'winner metric');
  }
}

export interface TestSampleAdvice {
  /** contacts per variant */
  perVariant: number;
  /** contacts in the whole test */
  total: number;
  variants: number;
}

/**
 * The minimum test sample to detect `relativeLift` over `baselineRate` at 95 % confidence (80 % power), by
 * winner metric:
 * - response rate: the rate is per contact, so contacts per variant = `minimumSampleSize`;
 * - conversion rate: the rate is per response, so `minimumSampleSize` responses are needed per variant, i.e.
 *   that many ÷ the expected response rate contacts;
 * - revenue per contact: approximated by the sales per contact (response × conversion) at a constant basket,
 *   a proportion per contact.
 */
export function minimumTestSample(input: {
  winnerMetric: WinnerMetric;
  baselineRate: number;
  relativeLift: number;
  variants: number;
  /** the expected response rate, for the conversion rate */
  responseRate: number;
}): TestSampleAdvice {
  const variants = Math.max(2, input.variants);
  const { perVariant: n } = minimumSampleSize({
    baselineRate: input.baselineRate,
    relativeLift: input.relativeLift,
    variants,
  });
  let perVariant: number;
  switch (input.winnerMetric) {
    case 'response_rate':
    case 'revenue_per_contact':
      perVariant = n;
      break;
    case 'conversion_rate':
      if (!(input.responseRate > 0)) {
        throw AppError.validation('No response is expected, so no conversion can be measured.', [
          { field: 'responseRate', message: 'Expect a response rate above 0 % to test the conversion rate' },
        ]);
      }
      perVariant = Math.ceil(n / input.responseRate - 1e-9);
      break;
    default:
      return assertNever(input.winnerMetric, 'winner metric');
  }
  return { perVariant, total: perVariant * variants, variants };
}
