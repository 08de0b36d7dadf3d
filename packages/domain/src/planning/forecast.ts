import { z } from 'zod';
import { AppError } from '../errors';
import type { Channel } from '../vocabulary';
import {
  cents,
  type FixedCosts,
  fixedCosts,
  fixedCostsSchema,
  incentiveCostCents,
  postageBandSchema,
  returnsSchema,
  shareOf,
  stepCost,
  unitCostsSchema,
} from './costs';
import { DEFAULT_POSTAGE_TABLE } from './defaults';
import { roundCents } from './money';
import { incentiveValueCents, offerSchema } from './offers';
import { parsePlanningInput } from './parse-input';

/**
 * The forecast of a campaign: for each step, volume × response rate = responses, × conversion rate = sales;
 * revenue = sales × average order value; margin = revenue × margin rate. Costs: fixed + sends + returns +
 * incentive (value × take-up × sales). ROI = (margin − cost) / cost. Break-even response rate: the response rate
 * that, applied to every step (each keeping its conversion rate), makes the margin left after incentives pay
 * for the fixed, send and returns costs. Each step also gets its own margin, incentive, contribution and ROI
 * before fixed costs (the ROI per channel). Expected counts are not rounded (they are expectations); money is
 * rounded once per amount, half away from zero, in cents, and campaign totals are sums of the steps' amounts.
 */
const rate = (what: string) => shareOf(what);

export const forecastStepSchema = z.object({
  /** contacts this step goes to (a reminder to non-responders goes to fewer) */
  volume: z
    .number({ error: 'Enter the number of sends' })
    .int({ error: 'Sends are a whole number' })
    .nonnegative({
      error: 'Sends cannot be negative',
    }),
  unit: unitCostsSchema,
  returns: returnsSchema,
  responseRate: rate('expected response rate'),
  conversionRate: rate('expected conversion rate'),
});
export type ForecastStepInput = z.input<typeof forecastStepSchema>;

export const forecastInputSchema = z
  .object({
    audienceSize: z
      .number({ error: 'Enter the audience size' })
      .int({ error: 'The audience is a whole number of contacts' })
      .positive({ error: 'The audience must have at least 1 contact' })
      .max(100_000_000, { error: 'More than 100 million contacts: check the figure' }),
    averageOrderValueCents: cents('average order value', 1_000_000),
    marginRate: rate('margin rate'),
    fixed: fixedCostsSchema.prefault({}),
    offer: offerSchema.optional(),
    steps: z.array(forecastStepSchema).min(1, { error: 'Add at least one channel step' }).max(20),
    postageTable: z.array(postageBandSchema).default(() => [...DEFAULT_POSTAGE_TABLE]),
  })
  .superRefine((f, ctx) => {
    f.steps.forEach((step, i) => {
      if (step.volume > f.audienceSize) {
        ctx.addIssue({
          code: 'custom',
          path: ['steps', i, 'volume'],
          message: `A step cannot send to more than the ${f.audienceSize} contacts of the audience`,
        });
      }
    });
  });
export type ForecastInput = z.input<typeof forecastInputSchema>;

export interface StepForecast {
  channel: Channel;
  volume: number;
  /** cost of one send, exact */
  unitCostCents: number;
  sendCents: number;
  returnsCents: number;
  expectedReturns: number;
  expectedResponses: number;
  expectedSales: number;
  revenueCents: number;
  marginCents: number;
  /** the incentive paid on this step's sales */
  incentiveCents: number;
  /** margin − (sends + returns + incentive) of this step, before fixed costs */
  contributionCents: number;
  /** contribution / (sends + returns + incentive): the channel's ROI before fixed costs; null if it costs nothing */
  roiBeforeFixed: number | null;
}

export interface Forecast {
  steps: StepForecast[];
  expectedResponses: number;
  expectedSales: number;
  revenueCents: number;
  marginCents: number;
  fixed: FixedCosts;
  sendCents: number;
  returnsCents: number;
  incentiveCents: number;
  totalCostCents: number;
  /** margin − total cost */
  netCents: number;
  costPerResponseCents: number | null;
  costPerSaleCents: number | null;
  /** (margin − cost) / cost; null when nothing is spent */
  roi: number | null;
  /** null when no response rate can pay back (each sale's margin does not cover its incentive) */
  breakEvenResponseRate: number | null;
}

export function forecast(input: ForecastInput): Forecast {
  const f = parsePlanningInput(forecastInputSchema, input, 'forecast');
  const incentivePerTake = f.offer ? incentiveValueCents(f.offer, f.averageOrderValueCents) : 0;
  const takeUp = f.offer?.expectedTakeUp ?? 0;

  const steps = f.steps.map((step): StepForecast => {
    const cost = stepCost(step.volume, step.unit, step.returns, f.postageTable);
    const expectedResponses = step.volume * step.responseRate;
    const expectedSales = expectedResponses * step.conversionRate;
    const marginCents = roundCents(expectedSales * f.averageOrderValueCents * f.marginRate);
    const incentiveCents = incentiveCostCents(incentivePerTake, takeUp, expectedSales);
    const variableCents = cost.totalCents + incentiveCents;
    return {
      channel: step.unit.channel,
      volume: step.volume,
      unitCostCents: cost.unitCostCents,
      sendCents: cost.sendCents,
      returnsCents: cost.returnsCents,
      expectedReturns: step.volume * step.returns.npaiRate,
      expectedResponses,
      expectedSales,
      revenueCents: roundCents(expectedSales * f.averageOrderValueCents),
      marginCents,
      incentiveCents,
      contributionCents: marginCents - variableCents,
      roiBeforeFixed: variableCents > 0 ? (marginCents - variableCents) / variableCents : null,
    };
  });
  const sum = (pick: (s: StepForecast) => number) => steps.reduce((total, s) => total + pick(s), 0);

  const expectedResponses = sum((s) => s.expectedResponses);
  const expectedSales = sum((s) => s.expectedSales);
  // money totals are sums of the steps' rounded amounts, so the table adds up
  const revenueCents = sum((s) => s.revenueCents);
  const marginCents = sum((s) => s.marginCents);
  const fixed = fixedCosts(f.fixed);
  const sendCents = sum((s) => s.sendCents);
  const returnsCents = sum((s) => s.returnsCents);
  const incentiveCents = sum((s) => s.incentiveCents);
  const totalCostCents = fixed.totalCents + sendCents + returnsCents + incentiveCents;

  // margin after incentive for each response, summed over the steps: Σ volume × conversion × (AOV × margin −
  // take-up × incentive); break-even when r × that = the costs that do not depend on r
  const netPerSale = f.averageOrderValueCents * f.marginRate - takeUp * incentivePerTake;
  const perUnitRate = f.steps.reduce((total, s) => total + s.volume * s.conversionRate, 0) * netPerSale;
  const costsBeforeSales = fixed.totalCents + sendCents + returnsCents;

  return {
    steps,
    expectedResponses,
    expectedSales,
    revenueCents,
    marginCents,
    fixed,
    sendCents,
    returnsCents,
    incentiveCents,
    totalCostCents,
    netCents: marginCents - totalCostCents,
    costPerResponseCents: expectedResponses > 0 ? roundCents(totalCostCents / expectedResponses) : null,
    costPerSaleCents: expectedSales > 0 ? roundCents(totalCostCents / expectedSales) : null,
    roi: totalCostCents > 0 ? (marginCents - totalCostCents) / totalCostCents : null,
    breakEvenResponseRate: perUnitRate > 0 ? costsBeforeSales / perUnitRate : null,
  };
}

export const sendsNeededInputSchema = z.object({
  customers: z
    .number({ error: 'Enter the number of customers to win' })
    .int({ error: 'Customers are a whole number' })
    .positive({ error: 'Enter at least 1 customer to win' }),
  responseRate: rate('expected response rate').refine((v) => v > 0, {
    error: 'With a 0 % response rate no number of sends is enough',
  }),
  conversionRate: rate('expected conversion rate').refine((v) => v > 0, {
    error: 'With a 0 % conversion rate no number of sends is enough',
  }),
  /** when given, the answer is refused if it exceeds the audience */
  audienceSize: z.number().int().positive().optional(),
});
export type SendsNeededInput = z.input<typeof sendsNeededInputSchema>;

/** The inverse of the forecast: sends needed to win N customers = ⌈N / (response rate × conversion rate)⌉. */
export function sendsNeeded(input: SendsNeededInput): number {
  const v = parsePlanningInput(sendsNeededInputSchema, input, 'objective');
  const sends = Math.ceil(v.customers / (v.responseRate * v.conversionRate) - 1e-9);
  if (v.audienceSize !== undefined && sends > v.audienceSize) {
    throw AppError.validation('The audience is too small for this objective.', [
      {
        field: 'customers',
        message: `Winning ${v.customers} customers needs about ${sends} sends but the audience has ${v.audienceSize} contacts: lower the objective or widen the audience`,
      },
    ]);
  }
  return sends;
}
