import type { CampaignPlan } from '../planning/campaign-input';
import type { Offer } from '../planning/offers';
import type { VariantLabel } from '../planning/test-plan';
import { assertNever, type Channel } from '../vocabulary';

type PlanStep = CampaignPlan['steps'][number];

/** What a contact of a variant group gets on one step: the step as planned, or its challenger for that group. */
export interface EffectiveStep {
  channel: Channel;
  offsetDays: number;
  content: unknown;
  offer: Offer | null;
  /** the step's own variant for the group; false when the group gets the step as planned (A) */
  changed: boolean;
}

/**
 * A group (A, B or C) keeps its label for the whole campaign: on a step with a variant of that label it gets the
 * variant (its message, offer, incentive, channel or day), on any other step the step as planned (test-plan.ts).
 */
export function effectiveStep(
  step: PlanStep,
  label: VariantLabel,
  campaignOffer: Offer | null | undefined,
): EffectiveStep {
  const base: EffectiveStep = {
    channel: step.channel,
    offsetDays: step.offsetDays,
    content: step.content,
    offer: campaignOffer ?? null,
    changed: false,
  };
  const variant = label === 'A' ? undefined : step.variants?.find((v) => v.label === label);
  if (!variant) return base;
  switch (variant.differsOn) {
    case 'message':
      return { ...base, content: variant.content, changed: true };
    case 'offer':
    case 'incentive':
      return { ...base, offer: variant.offer, changed: true };
    case 'channel':
      return { ...base, channel: variant.channel, content: variant.content, changed: true };
    case 'timing':
      return { ...base, offsetDays: variant.offsetDays, changed: true };
    default:
      return assertNever(variant, 'variant');
  }
}

const euros = (cents: number) =>
  `${(cents / 100).toLocaleString('fr-FR', { minimumFractionDigits: cents % 100 ? 2 : 0 })} €`;

/**
 * The `{{offer}}` merge value: the offer as worded in the plan, else a French wording of its incentive
 * ("-10 %", "-15 €", "un cadeau d'une valeur de 20 €").
 */
export function offerWording(offer: Offer | null): string | null {
  if (!offer) return null;
  if (offer.description) return offer.description;
  switch (offer.type) {
    case 'emotional':
      return null;
    case 'material':
      return `un cadeau d'une valeur de ${euros(offer.giftValueCents)}`;
    case 'financial':
      return offer.discount.kind === 'percent'
        ? `-${Math.round(offer.discount.rate * 1000) / 10} %`
        : `-${euros(offer.discount.amountCents)}`;
    default:
      return assertNever(offer, 'offer');
  }
}
