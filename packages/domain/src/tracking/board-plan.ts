import { effectiveStep } from '../dispatch/variant-step';
import type { CampaignPlan } from '../planning/campaign-input';
import { fixedCosts, unitCostCents } from '../planning/costs';
import { defaultMilestoneCurve, type MilestoneCurve } from '../planning/milestones';
import { incentiveValueCents } from '../planning/offers';
import { type PlanningSettings, ratesFor, returnsFor, unitCostsFor } from '../planning/planning-settings';
import type { VariantLabel } from '../planning/test-plan';
import type { Channel } from '../vocabulary';
import type { DirectEconomics, WaveEconomics } from './board';

type PlanStep = CampaignPlan['steps'][number];

/**
 * What a wave's figures cost and what the plan expected of it, from the campaign's plan: the step's own unit
 * costs, returns handling and rates (or, for a channel variant sent on another channel, that channel's from the
 * workspace's planning settings), the offer of its variant group (an offer or incentive variant changes the
 * incentive) and the campaign's margin rate and average order value. The postal price is the workspace's
 * postage table, as the planner prices it.
 */
export function waveEconomics(
  plan: CampaignPlan,
  settings: PlanningSettings,
  step: PlanStep,
  variant: VariantLabel,
  channel: Channel,
): WaveEconomics {
  const own = channel === step.channel;
  const unit = own ? step.unit : unitCostsFor(settings, channel);
  const returns = own ? step.returns : returnsFor(settings, channel);
  const rates = own
    ? { responseRate: step.responseRate, conversionRate: step.conversionRate }
    : ratesFor(settings, channel);
  const offer = effectiveStep(step, variant, plan.offer).offer;
  return {
    unitCostCents: unitCostCents(unit, settings.postageTable),
    handlingCentsPerReturn: returns.handlingCentsPerReturn,
    incentivePerSaleCents: offer
      ? incentiveValueCents(offer, plan.averageOrderValueCents) * offer.expectedTakeUp
      : 0,
    marginRate: plan.marginRate,
    responseRate: rates.responseRate,
    conversionRate: rates.conversionRate,
    averageOrderValueCents: plan.averageOrderValueCents,
  };
}

/** What a return credited to the campaign but to no send is worth: the margin rate, the offer per taker. */
export function directEconomics(plan: CampaignPlan): DirectEconomics {
  return {
    marginRate: plan.marginRate,
    incentivePerTakerCents: plan.offer ? incentiveValueCents(plan.offer, plan.averageOrderValueCents) : 0,
  };
}

/** The campaign's fixed costs (creative, setup, staff, call centre), as the planner counts them. */
export const planFixedCents = (plan: CampaignPlan): number => fixedCosts(plan.fixed).totalCents;

/** The step's milestone curve (its own, else its channel's default). */
export const stepCurve = (step: PlanStep, channel: Channel): MilestoneCurve =>
  channel === step.channel ? step.milestones : defaultMilestoneCurve(channel);
