import { z } from 'zod';
import { landingUrlSchema } from '../tracking/landing';
import { CHANNELS } from '../vocabulary';
import { cents, fixedCostsSchema, type PostageBand, returnsSchema, shareOf, unitCostsSchema } from './costs';
import { type Forecast, type ForecastInput, forecast } from './forecast';
import { defaultMilestoneCurve, milestoneCurveSchema } from './milestones';
import { offerSchema } from './offers';
import {
  builtInPlanningSettings,
  type PlanningSettings,
  ratesFor,
  returnsFor,
  unitCostsFor,
} from './planning-settings';
import { defaultSendWindow, sendWindowSchema } from './send-window';
import { stepVariantsSchema, testPlanIssues, testPlanSchema } from './test-plan';

export const CAMPAIGN_KINDS = ['acquisition', 'win_back', 'retention'] as const;
export type CampaignKind = (typeof CAMPAIGN_KINDS)[number];

/** What the campaign is for (DOMAIN.md §1.1): sell through the channel, get a meeting, collect information. */
export const CAMPAIGN_OBJECTIVES = ['sale', 'meeting', 'information'] as const;
export type CampaignObjective = (typeof CAMPAIGN_OBJECTIVES)[number];

/** Who a campaign goes to: everyone, the contacts with a tag, or a saved segment (counted as it is now). */
export const audienceSchema = z.discriminatedUnion(
  'type',
  [
    z.object({ type: z.literal('all') }),
    z.object({ type: z.literal('tag'), tag: z.string().trim().min(1).max(50) }),
    z.object({ type: z.literal('segment'), id: z.uuid({ error: 'Choose a saved segment' }) }),
    /** the contacts a survey wave invited on a day (a moment wave's daily invitation campaign, made by the worker) */
    z.object({
      type: z.literal('survey_wave'),
      waveId: z.uuid(),
      invitedOn: z.iso.date({ error: 'Use a date such as 2026-03-15' }),
    }),
  ],
  { error: 'Choose the audience: all contacts, a tag or a saved segment' },
);
export type Audience = z.infer<typeof audienceSchema>;

/** Who a step goes to; `step` is the 1-based number of an earlier step. */
export const stepTargetSchema = z.discriminatedUnion(
  'type',
  [
    z.object({ type: z.literal('everyone') }),
    z.object({ type: z.literal('non_responders') }),
    z.object({ type: z.literal('openers_clickers'), step: z.number().int().min(1) }),
    z.object({ type: z.literal('responders'), step: z.number().int().min(1) }),
  ],
  {
    error:
      'Choose who the step goes to: everyone, non-responders, openers or clickers of a step, responders of a step',
  },
);
export type StepTarget = z.infer<typeof stepTargetSchema>;

const rate = (what: string) => shareOf(what);

/** One step of the channel sequence, with its costs and expected rates, as given (see `campaignStepSchemaWith`). */
const campaignStepFields = z
  .object({
    channel: z.enum(CHANNELS, { error: `Choose a channel: ${CHANNELS.join(', ')}` }),
    offsetDays: z
      .number({ error: 'Enter the day of the step (D+n)' })
      .int({ error: 'The day is a whole number' })
      .min(0, { error: 'A step cannot start before D+0' })
      .max(365, { error: 'A step more than a year after the start is a new campaign' }),
    target: stepTargetSchema.default({ type: 'everyone' }),
    sendWindow: sendWindowSchema.optional(),
    unit: unitCostsSchema.optional(),
    returns: returnsSchema.optional(),
    responseRate: rate('expected response rate').optional(),
    conversionRate: rate('expected conversion rate').optional(),
    /** for a step aimed at openers or clickers: the share of the earlier step's sends expected to open or click */
    engagementRate: rate('expected open or click rate').default(0.2),
    /** the message, per channel (email MJML, SMS text, voice script, letter, call script): checked and compiled
     * by @relance/templates, which knows each channel's rules */
    content: z.unknown().optional(),
    /** where the step's tracked link leads (https); left out, the campaign's, else the page Relance hosts */
    landingUrl: landingUrlSchema.optional(),
    /** the expected share of the step's returns by D+1, D+3, D+7, D+14, D+30 after its send; left out, its
     * channel's default curve. The board holds the step's actual returns against it. */
    milestones: milestoneCurveSchema.optional(),
    /** the test's challengers B and C, each differing from the step on one parameter (test-plan.ts) */
    variants: stepVariantsSchema.optional(),
  })
  .superRefine((step, ctx) => {
    if (step.unit && step.unit.channel !== step.channel) {
      ctx.addIssue({
        code: 'custom',
        path: ['unit', 'channel'],
        message: `Unit costs are for ${step.unit.channel}, the step is ${step.channel}`,
      });
    }
  });

/** A step with what it left out taken from the channel's defaults in the workspace's planning settings. */
const withStepDefaults = (step: z.output<typeof campaignStepFields>, defaults: PlanningSettings) => ({
  ...step,
  sendWindow: step.sendWindow ?? defaultSendWindow(step.channel),
  milestones: step.milestones ?? defaultMilestoneCurve(step.channel),
  unit: step.unit ?? unitCostsFor(defaults, step.channel),
  returns: step.returns ?? returnsFor(defaults, step.channel),
  responseRate: step.responseRate ?? ratesFor(defaults, step.channel).responseRate,
  conversionRate: step.conversionRate ?? ratesFor(defaults, step.channel).conversionRate,
});

/**
 * One step of the channel sequence, with its costs and expected rates: when left out, its channel's defaults from
 * `defaults` (the workspace's planning settings); `campaignStepSchema` takes the built-in French ones.
 */
export const campaignStepSchemaWith = (defaults: PlanningSettings) =>
  campaignStepFields.transform((step) => withStepDefaults(step, defaults));
const BUILT_IN = builtInPlanningSettings();
export const campaignStepSchema = campaignStepSchemaWith(BUILT_IN);
export type CampaignStepInput = z.input<typeof campaignStepSchema>;
export type CampaignStep = z.output<typeof campaignStepSchema>;

const isoDate = z.iso.date({ error: 'Use a date such as 2026-03-15' });

/** A campaign plan as the marketer builds it, its steps as given (see `campaignInputSchemaWith`). */
const campaignInputFields = z
  .object({
    name: z.string().trim().min(1, { error: 'Name the campaign' }).max(200),
    kind: z.enum(CAMPAIGN_KINDS, { error: 'Choose acquisition, win_back or retention' }),
    objective: z.enum(CAMPAIGN_OBJECTIVES, { error: 'Choose sale, meeting or information' }),
    audience: audienceSchema.default({ type: 'all' }),
    startsOn: isoDate.nullish(),
    endsOn: isoDate.nullish(),
    averageOrderValueCents: cents('average order value', 1_000_000),
    marginRate: rate('margin rate'),
    fixed: fixedCostsSchema.prefault({}),
    offer: offerSchema.nullish(),
    /** the landing page of every step that has none of its own (tracking/landing.ts); none: the hosted page */
    landingUrl: landingUrlSchema.nullish(),
    /** test on a sample before rolling out (test-plan.ts); none: the whole audience at once */
    testPlan: testPlanSchema.nullish(),
    steps: z
      .array(campaignStepFields)
      .min(1, { error: 'Add at least one channel step' })
      .max(20, { error: 'At most 20 steps' }),
  })
  .superRefine((c, ctx) => {
    if (c.startsOn && c.endsOn && c.endsOn < c.startsOn) {
      ctx.addIssue({ code: 'custom', path: ['endsOn'], message: 'The end is before the start' });
    }
    c.steps.forEach((step, i) => {
      if (step.target.type !== 'openers_clickers' && step.target.type !== 'responders') return;
      const ref = step.target.step;
      if (ref > i) {
        ctx.addIssue({
          code: 'custom',
          path: ['steps', i, 'target', 'step'],
          message:
            ref > c.steps.length
              ? `There is no step ${ref}`
              : `Step ${ref} is not before step ${i + 1}: aim at an earlier step`,
        });
      } else if (step.target.type === 'openers_clickers' && c.steps[ref - 1]!.channel !== 'email') {
        ctx.addIssue({
          code: 'custom',
          path: ['steps', i, 'target', 'step'],
          message: `Step ${ref} is not an email: nobody opens or clicks it`,
        });
      }
    });
    for (const issue of testPlanIssues(c)) ctx.addIssue({ code: 'custom', ...issue });
  });

/**
 * A campaign plan as the marketer builds it; everything the forecast needs, each step's missing costs and rates
 * taken from `defaults` (the workspace's planning settings, which the API reads per request);
 * `campaignInputSchema` takes the built-in French ones.
 */
export const campaignInputSchemaWith = (defaults: PlanningSettings) =>
  campaignInputFields.transform((c) => ({
    ...c,
    steps: c.steps.map((step) => withStepDefaults(step, defaults)),
  }));
export const campaignInputSchema = campaignInputSchemaWith(BUILT_IN);
export type CampaignInput = z.input<typeof campaignInputSchema>;
export type CampaignPlan = z.output<typeof campaignInputSchema>;

/**
 * How many contacts each step goes to, from the audience: everyone gets the audience; non-responders the audience
 * less the responses expected from the steps before; responders of step k its expected responses; openers or
 * clickers of step k its sends × the step's engagement rate. Whole contacts, rounded to the nearest.
 */
export function stepVolumes(plan: CampaignPlan, audienceSize: number): number[] {
  const volumes: number[] = [];
  const responses: number[] = [];
  for (const step of plan.steps) {
    const target = step.target;
    let volume: number;
    switch (target.type) {
      case 'everyone':
        volume = audienceSize;
        break;
      case 'non_responders':
        volume = Math.max(0, audienceSize - responses.reduce((a, b) => a + b, 0));
        break;
      case 'responders':
        volume = responses[target.step - 1] ?? 0;
        break;
      case 'openers_clickers':
        volume = (volumes[target.step - 1] ?? 0) * step.engagementRate;
        break;
      default: {
        const never: never = target;
        return never;
      }
    }
    volume = Math.min(audienceSize, Math.round(volume));
    volumes.push(volume);
    responses.push(volume * step.responseRate);
  }
  return volumes;
}

/**
 * The forecast of a stored plan for an audience of `audienceSize` contacts; postal steps are priced with
 * `postageTable` (the workspace's, from the planning settings), the built-in one when not given.
 */
export function campaignForecast(
  plan: CampaignPlan,
  audienceSize: number,
  postageTable?: readonly PostageBand[],
): Forecast {
  const volumes = stepVolumes(plan, audienceSize);
  const input: ForecastInput = {
    audienceSize: Math.max(1, audienceSize),
    averageOrderValueCents: plan.averageOrderValueCents,
    marginRate: plan.marginRate,
    fixed: plan.fixed,
    ...(plan.offer ? { offer: plan.offer } : {}),
    ...(postageTable ? { postageTable: [...postageTable] } : {}),
    steps: plan.steps.map((step, i) => ({
      volume: volumes[i]!,
      unit: step.unit,
      returns: step.returns,
      responseRate: step.responseRate,
      conversionRate: step.conversionRate,
    })),
  };
  return forecast(input);
}
