/**
 * The test plan and the steps' variants as the builder edits them, and their mapping to and from the plan
 * (domain test-plan.ts). Form paths match the API's field errors: `testPlan.sample.size`,
 * `steps.0.variants.1.offsetDays`, `steps.0.variants.0.offer.giftValueCents`.
 */
import type { CampaignInput } from '@relance/domain/planning/campaign-input';
import type { OfferType } from '@relance/domain/planning/offers';
import type { WinnerMetric } from '@relance/domain/planning/significance';
import {
  calculatorBaseline,
  type RolloutMode,
  type StepVariantInput,
  type TestPlanInput,
  VARIANT_LABELS,
  type VariantLabel,
  type VariantParameter,
} from '@relance/domain/planning/test-plan';
import { assertNever, type Channel } from '@relance/domain/vocabulary';
import { type ContentValues, contentForPlan, contentFromPlan, emptyContent } from './content/content-values';

export type OfferInput = NonNullable<CampaignInput['offer']>;

/** A challenger (B or C) of a step: every parameter's value is kept, only the chosen one goes to the plan. */
export interface VariantValues {
  /** React key */
  key: string;
  differsOn: VariantParameter;
  /** message: for the step's channel; channel: for the variant's channel */
  content: ContentValues;
  /** offer, incentive */
  offer: OfferInput;
  channel: Channel;
  offsetDays: number;
  /** message: the variant's own landing page; '': the step's */
  landingUrl: string;
}

export interface TestPlanValues {
  sample: { mode: 'absolute' | 'percent'; size: number; share: number };
  winnerMetric: WinnerMetric;
  /** null: the default from the milestone curve */
  durationDays: number | null;
  rollout: RolloutMode;
  calculator: { baselineRate: number; relativeLift: number };
}

/** What the variants and the test plan read of a step. */
interface StepLike {
  channel: Channel;
  offsetDays: number;
  responseRate: number;
  conversionRate: number;
  content: ContentValues;
}

let keys = 0;
const nextKey = () => `variant-${++keys}`;

export const variantLabel = (index: number): VariantLabel => VARIANT_LABELS[index + 1]!;

/** A fresh offer of `type`, keeping the description and take-up of `previous`. */
export function offerOfType(type: OfferType, previous?: OfferInput | null): OfferInput {
  const common = {
    description: previous?.description ?? '',
    expectedTakeUp: previous?.expectedTakeUp ?? 0.5,
  };
  switch (type) {
    case 'emotional':
      return { type, ...common, costPerTakerCents: 0 };
    case 'material':
      return { type, ...common, giftValueCents: 1_000 };
    case 'financial':
      return { type, ...common, discount: { kind: 'percent', rate: 0.1 } };
    default:
      return assertNever(type, 'offer type');
  }
}

/** Another channel than the step's to start a channel variant with: the cheaper neighbour. */
const OTHER_CHANNEL: Record<Channel, Channel> = {
  postal: 'email',
  email: 'sms',
  sms: 'email',
  voice: 'sms',
  phone: 'email',
};
const otherChannel = (channel: Channel): Channel => OTHER_CHANNEL[channel];

/**
 * A new challenger of `step`, testing `differsOn`: a copy of the step's message to rewrite, the campaign's offer
 * to change, another channel, or the day after.
 */
export function newVariant(
  step: StepLike,
  campaignOffer: OfferInput | null | undefined,
  differsOn: VariantParameter = 'offer',
): VariantValues {
  const channel = otherChannel(step.channel);
  return {
    key: nextKey(),
    differsOn,
    content: differsOn === 'channel' ? emptyContent(channel) : structuredClone(step.content),
    offer: campaignOffer ? structuredClone(campaignOffer) : offerOfType('material'),
    channel,
    offsetDays: step.offsetDays + 1,
    landingUrl: '',
  };
}

/** The same variant testing another parameter; the content follows what it is written for. */
export function withParameter(
  variant: VariantValues,
  step: StepLike,
  campaignOffer: OfferInput | null | undefined,
  differsOn: VariantParameter,
): VariantValues {
  const fresh = newVariant(step, campaignOffer, differsOn);
  // an incentive starts from the campaign's offer; another offer keeps the one being edited
  const keepOffer =
    differsOn === 'offer' && (variant.differsOn === 'offer' || variant.differsOn === 'incentive');
  return { ...variant, differsOn, content: fresh.content, offer: keepOffer ? variant.offer : fresh.offer };
}

/** Stored variants (the plan as the API gives it back) into form values. */
export function variantsFromPlan(
  step: { channel: Channel; offsetDays: number; variants?: StepVariantInput[] | undefined },
  campaignOffer: OfferInput | null | undefined,
): VariantValues[] {
  return (step.variants ?? []).map((v) => {
    const base = newVariant(
      { ...step, responseRate: 0, conversionRate: 0, content: emptyContent(step.channel) },
      campaignOffer,
      v.differsOn,
    );
    switch (v.differsOn) {
      case 'message':
        return { ...base, content: contentFromPlan(step.channel, v.content), landingUrl: v.landingUrl ?? '' };
      case 'offer':
      case 'incentive':
        return { ...base, offer: v.offer };
      case 'channel':
        return { ...base, channel: v.channel, content: contentFromPlan(v.channel, v.content) };
      case 'timing':
        return { ...base, offsetDays: v.offsetDays };
      default:
        return assertNever(v, 'variant');
    }
  });
}

/** Form variants into the plan's: the label, what it changes and that parameter only. */
export function variantsForPlan(stepChannel: Channel, variants: VariantValues[]): StepVariantInput[] {
  return variants.map((v, i) => {
    const label = variantLabel(i) as 'B' | 'C';
    switch (v.differsOn) {
      case 'message':
        // an unwritten message is sent as such, so that the form says to write it
        return {
          label,
          differsOn: v.differsOn,
          content: contentForPlan(stepChannel, v.content) ?? null,
          ...(v.landingUrl.trim() ? { landingUrl: v.landingUrl.trim() } : {}),
        };
      case 'offer':
      case 'incentive':
        return { label, differsOn: v.differsOn, offer: v.offer };
      case 'channel': {
        const content = contentForPlan(v.channel, v.content);
        return {
          label,
          differsOn: v.differsOn,
          channel: v.channel,
          ...(content === undefined ? {} : { content }),
        };
      }
      case 'timing':
        return { label, differsOn: v.differsOn, offsetDays: v.offsetDays };
      default:
        return assertNever(v.differsOn, 'variant parameter');
    }
  });
}

/** A test plan as the builder starts it: 10 % of the segment, the calculator's baseline from the first step. */
export function newTestPlan(
  first: { responseRate: number; conversionRate: number } | undefined,
): TestPlanValues {
  const winnerMetric: WinnerMetric = 'response_rate';
  return {
    sample: { mode: 'percent', size: 1_000, share: 0.1 },
    winnerMetric,
    durationDays: null,
    rollout: 'manual',
    calculator: {
      baselineRate: first ? calculatorBaseline(winnerMetric, first) : 0.02,
      relativeLift: 0.3,
    },
  };
}

/** The stored test plan into form values (null: no test). */
export function testPlanFromPlan(
  testPlan: TestPlanInput | null | undefined,
  first: { responseRate?: number | undefined; conversionRate?: number | undefined } | undefined,
): TestPlanValues | null {
  if (!testPlan) return null;
  const rates =
    first?.responseRate !== undefined && first.conversionRate !== undefined
      ? { responseRate: first.responseRate, conversionRate: first.conversionRate }
      : undefined;
  const fresh = newTestPlan(rates);
  return {
    sample:
      testPlan.sample.mode === 'absolute'
        ? { ...fresh.sample, mode: 'absolute', size: testPlan.sample.size }
        : { ...fresh.sample, mode: 'percent', share: testPlan.sample.share },
    winnerMetric: testPlan.winnerMetric ?? fresh.winnerMetric,
    durationDays: testPlan.durationDays ?? null,
    rollout: testPlan.rollout ?? fresh.rollout,
    calculator: testPlan.calculator ?? fresh.calculator,
  };
}

/** Form values into the plan's test plan. */
export function testPlanForPlan(v: TestPlanValues | null): TestPlanInput | null {
  if (!v) return null;
  return {
    sample:
      v.sample.mode === 'absolute'
        ? { mode: 'absolute', size: v.sample.size }
        : { mode: 'percent', share: v.sample.share },
    winnerMetric: v.winnerMetric,
    ...(v.durationDays === null ? {} : { durationDays: v.durationDays }),
    rollout: v.rollout,
    calculator: v.calculator,
  };
}
