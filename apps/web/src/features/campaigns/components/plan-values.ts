import {
  type CampaignInput,
  type CampaignKind,
  type CampaignObjective,
  campaignInputSchema,
} from '@relance/domain/planning/campaign-input';
import type { UnitCosts } from '@relance/domain/planning/costs';
import { defaultMilestoneCurve } from '@relance/domain/planning/milestones';
import { defaultSendWindow, type SendWindowInput } from '@relance/domain/planning/send-window';
import type { Channel } from '@relance/domain/vocabulary';
import { type ContentValues, contentForPlan, contentFromPlan, emptyContent } from './content/content-values';
import { rateDefaults, unitDefaults } from './planning-defaults';
import {
  type TestPlanValues,
  testPlanForPlan,
  testPlanFromPlan,
  type VariantValues,
  variantsForPlan,
  variantsFromPlan,
} from './test-plan-values';

export const TARGET_TYPES = ['everyone', 'non_responders', 'openers_clickers', 'responders'] as const;
export type TargetType = (typeof TARGET_TYPES)[number];

/** A step as the form edits it: every field present, the referenced step kept even when unused. */
export interface StepValues {
  /** React key, stable across reorders */
  key: string;
  channel: Channel;
  offsetDays: number;
  target: { type: TargetType; step: number };
  responseRate: number;
  conversionRate: number;
  engagementRate: number;
  unit: UnitCosts;
  sendWindow: SendWindowInput;
  /** expected share of the step's returns by D+1, D+3, D+7, D+14, D+30 after its send */
  milestones: number[];
  /** kept as loaded (returns handling is not edited here yet) */
  returns?: CampaignInput['steps'][number]['returns'];
  /** the message for the step's channel (content/content-values.ts); left out of the plan while unwritten */
  content: ContentValues;
  /** the test's challengers B and C of this step (test-plan-values.ts) */
  variants: VariantValues[];
  /** where the step's tracked link leads; '': the campaign's landing page */
  landingUrl: string;
}

/** The plan as the form edits it; `toPlan` turns it into the API's plan input. Paths match the API's field errors. */
export interface PlanValues {
  name: string;
  kind: CampaignKind;
  objective: CampaignObjective;
  /** `segmentId`: a saved segment (kept when the type changes back, like the tag) */
  audience: {
    type: 'all' | 'tag' | 'segment' | 'survey_wave';
    tag: string;
    segmentId: string;
    /** a survey wave's invitations (campaigns the worker makes for a moment wave): kept as they are */
    surveyWave?: { waveId: string; invitedOn: string };
  };
  startsOn: string;
  endsOn: string;
  averageOrderValueCents: number;
  marginRate: number;
  fixed: {
    creativeCents: number;
    setupCents: number;
    staffHours: number;
    staffHourlyRateCents: number;
    callCentre: { seats: number; days: number; seatDayRateCents: number };
  };
  offer: CampaignInput['offer'];
  /** the landing page of the steps without their own; '': the page Relance hosts */
  landingUrl: string;
  /** null: no test, the whole audience at once */
  testPlan: TestPlanValues | null;
  steps: StepValues[];
}

let keys = 0;
const nextKey = () => `step-${++keys}`;

/** A new step of `channel` with that channel's default costs and rates. */
export function newStep(
  channel: Channel,
  offsetDays = 0,
  target: StepValues['target'] = { type: 'everyone', step: 1 },
): StepValues {
  const rates = rateDefaults(channel);
  return {
    key: nextKey(),
    channel,
    offsetDays,
    target,
    responseRate: rates.responseRate,
    conversionRate: rates.conversionRate,
    engagementRate: 0.2,
    unit: unitDefaults(channel),
    sendWindow: defaultSendWindow(channel),
    milestones: [...defaultMilestoneCurve(channel)],
    content: emptyContent(channel),
    variants: [],
    landingUrl: '',
  };
}

/** The same step on another channel: that channel's defaults, same day and target. */
export function withChannel(step: StepValues, channel: Channel): StepValues {
  return { ...newStep(channel, step.offsetDays, step.target), key: step.key };
}

export function emptyPlan(): PlanValues {
  return {
    name: '',
    kind: 'win_back',
    objective: 'sale',
    audience: { type: 'all', tag: '', segmentId: '' },
    startsOn: '',
    endsOn: '',
    averageOrderValueCents: 10_000,
    marginRate: 0.3,
    fixed: {
      creativeCents: 0,
      setupCents: 0,
      staffHours: 0,
      staffHourlyRateCents: 0,
      callCentre: { seats: 0, days: 0, seatDayRateCents: 0 },
    },
    offer: null,
    landingUrl: '',
    testPlan: null,
    steps: [newStep('postal')],
  };
}

/** A stored plan (defaults filled in by the API) into form values. */
export function toValues(plan: CampaignInput): PlanValues {
  const empty = emptyPlan();
  return {
    name: plan.name,
    kind: plan.kind,
    objective: plan.objective,
    audience:
      plan.audience?.type === 'tag'
        ? { type: 'tag', tag: plan.audience.tag, segmentId: '' }
        : plan.audience?.type === 'segment'
          ? { type: 'segment', tag: '', segmentId: plan.audience.id }
          : plan.audience?.type === 'survey_wave'
            ? {
                type: 'survey_wave',
                tag: '',
                segmentId: '',
                surveyWave: { waveId: plan.audience.waveId, invitedOn: plan.audience.invitedOn },
              }
            : { type: 'all', tag: '', segmentId: '' },
    startsOn: plan.startsOn ?? '',
    endsOn: plan.endsOn ?? '',
    averageOrderValueCents: plan.averageOrderValueCents,
    marginRate: plan.marginRate,
    fixed: {
      creativeCents: plan.fixed?.creativeCents ?? 0,
      setupCents: plan.fixed?.setupCents ?? 0,
      staffHours: plan.fixed?.staffHours ?? 0,
      staffHourlyRateCents: plan.fixed?.staffHourlyRateCents ?? 0,
      callCentre: plan.fixed?.callCentre ?? empty.fixed.callCentre,
    },
    offer: plan.offer ?? null,
    landingUrl: plan.landingUrl ?? '',
    testPlan: testPlanFromPlan(plan.testPlan, plan.steps[0]),
    steps: plan.steps.map((s) => {
      const base = newStep(s.channel);
      const target = s.target ?? { type: 'everyone' };
      return {
        ...base,
        offsetDays: s.offsetDays,
        target: { type: target.type, step: 'step' in target ? target.step : 1 },
        responseRate: s.responseRate ?? base.responseRate,
        conversionRate: s.conversionRate ?? base.conversionRate,
        engagementRate: s.engagementRate ?? base.engagementRate,
        unit: s.unit ?? base.unit,
        sendWindow: s.sendWindow ?? base.sendWindow,
        milestones: s.milestones ? [...s.milestones] : base.milestones,
        returns: s.returns,
        content: contentFromPlan(s.channel, s.content),
        variants: variantsFromPlan(s, plan.offer),
        landingUrl: s.landingUrl ?? '',
      };
    }),
  };
}

/** Form values into the plan the API takes (the same shape `campaignInputSchema` checks). */
export function toPlan(v: PlanValues): CampaignInput {
  const { callCentre, ...fixed } = v.fixed;
  return {
    name: v.name,
    kind: v.kind,
    objective: v.objective,
    audience:
      v.audience.type === 'tag'
        ? { type: 'tag', tag: v.audience.tag }
        : v.audience.type === 'segment'
          ? { type: 'segment', id: v.audience.segmentId }
          : v.audience.type === 'survey_wave' && v.audience.surveyWave
            ? { type: 'survey_wave', ...v.audience.surveyWave }
            : { type: 'all' },
    startsOn: v.startsOn || null,
    endsOn: v.endsOn || null,
    averageOrderValueCents: v.averageOrderValueCents,
    marginRate: v.marginRate,
    fixed: callCentre.seats > 0 || callCentre.days > 0 ? { ...fixed, callCentre } : fixed,
    offer: v.offer ?? null,
    landingUrl: v.landingUrl.trim() || null,
    testPlan: testPlanForPlan(v.testPlan),
    steps: v.steps.map((s) => ({
      channel: s.channel,
      offsetDays: s.offsetDays,
      target:
        s.target.type === 'everyone' || s.target.type === 'non_responders'
          ? { type: s.target.type }
          : { type: s.target.type, step: s.target.step },
      responseRate: s.responseRate,
      conversionRate: s.conversionRate,
      engagementRate: s.engagementRate,
      unit: s.unit,
      ...(s.sendWindow ? { sendWindow: s.sendWindow } : {}),
      milestones: s.milestones as [number, number, number, number, number],
      ...(s.returns ? { returns: s.returns } : {}),
      ...withContent(s),
      ...(s.landingUrl.trim() ? { landingUrl: s.landingUrl.trim() } : {}),
      ...(s.variants.length > 0 ? { variants: variantsForPlan(s.channel, s.variants) } : {}),
    })),
  };
}

function withContent(s: StepValues): { content?: unknown } {
  const content = contentForPlan(s.channel, s.content);
  return content === undefined ? {} : { content };
}

/** The same rules as the API, keyed by the form's field paths ('steps.1.target.step'). */
export function validatePlan(v: PlanValues): Record<string, string> {
  const parsed = campaignInputSchema.safeParse(toPlan(v));
  if (parsed.success) return {};
  const errors: Record<string, string> = {};
  for (const issue of parsed.error.issues) errors[issue.path.join('.')] ??= issue.message;
  return errors;
}

/** The plan when it is valid, for the live forecast; null otherwise. */
export function validPlan(v: PlanValues): CampaignInput | null {
  // the forecast does not read the messages: typing one must not ask for a new forecast
  const plan = toPlan({ ...v, steps: v.steps.map((s) => ({ ...s, content: emptyContent(s.channel) })) });
  return campaignInputSchema.safeParse(plan).success ? plan : null;
}

/**
 * The steps after moving step `from` to `to` (0-based, neighbours), with the "of step n" references following
 * the steps they point at.
 */
export function moveStep(steps: StepValues[], from: number, to: number): StepValues[] {
  const next = [...steps];
  const [moved] = next.splice(from, 1);
  next.splice(to, 0, moved!);
  const renumber = (n: number) => (n === from + 1 ? to + 1 : n === to + 1 ? from + 1 : n);
  return next.map((s) => ({ ...s, target: { ...s.target, step: renumber(s.target.step) } }));
}

/**
 * The steps without step `index` (0-based); references to later steps shift down by one. A reference to the
 * removed step is left as is, so the form says it no longer points at an earlier step.
 */
export function removeStep(steps: StepValues[], index: number): StepValues[] {
  return steps
    .filter((_, i) => i !== index)
    .map((s) => (s.target.step > index + 1 ? { ...s, target: { ...s.target, step: s.target.step - 1 } } : s));
}
