import type { SendPhase } from '../dispatch/sends';
import { roundCents } from '../planning/money';
import type { VariantLabel } from '../planning/test-plan';
import type { Channel } from '../vocabulary';

/**
 * The follow-up board's maths (issue 6): what each wave (a step × phase × variant group) actually sent and brought
 * back, what it cost, and the ratios, in the planner's vocabulary (planning/forecast.ts) so that plan and actual
 * compare line by line:
 * - revenue: the sales' amounts; margin = revenue × the campaign's margin rate (rounded once per line);
 * - cost of a line = sends actually made × the unit cost of its channel + returns (NPAI letters, bounces)
 *   × the handling cost per return + sales × the incentive per taker × the expected take-up (who took the
 *   incentive is not recorded: the plan's take-up stands in for it); the campaign adds its fixed costs;
 * - ROI = (margin − cost) / cost (per line: before fixed costs, as the planner's `roiBeforeFixed`);
 * - return rate = responders / sends made (le taux de retour); cost per response and per sale = cost / count.
 */

/** What one wave did, as counted by the database (send_status_counts, send_rollups, send_return_days). */
export interface WaveCounts {
  /** sends made: status `sent` */
  sent: number;
  /** refused by the provider (status `failed`: never sent, costs nothing) */
  failed: number;
  /** sent but came back: bounced, dropped or undelivered */
  bounced: number;
  /** returned mail (NPAI) */
  npai: number;
  /** not sent: no consent, suppressed, no address, excluded */
  skipped: number;
  /** still to go (pending, in flight, in doubt) */
  pending: number;
  delivered: number;
  opened: number;
  clicked: number;
  /** responders: sends with a response, a quote or a sale (each once) */
  responses: number;
  /** quotes made (sends that reached a quote) and their amounts */
  quotes: number;
  quotedCents: number;
  /** reminders made (events) */
  reminders: number;
  /** sales (events: a send can buy twice) and their amounts */
  sales: number;
  revenueCents: number;
  lost: number;
}

/** What a wave's figures cost: from the plan (board-plan.ts `waveEconomics`). */
export interface WaveEconomics {
  /** one send of the wave's channel, exact cents */
  unitCostCents: number;
  /** handling one return (NPAI, bounce) */
  handlingCentsPerReturn: number;
  /** the incentive's value per taker × the expected take-up: the incentive cost per sale */
  incentivePerSaleCents: number;
  marginRate: number;
  /** the plan's expected rates on this wave's step, for plan vs actual */
  responseRate: number;
  conversionRate: number;
  averageOrderValueCents: number;
}

export interface WaveLine extends WaveCounts {
  stepId: string;
  /** 1-based step number */
  position: number;
  phase: SendPhase;
  variant: VariantLabel;
  channel: Channel;
  economics: WaveEconomics;
}

/** Figures that add up across lines. */
export interface BoardSums extends WaveCounts {
  marginCents: number;
  sendCents: number;
  returnsCents: number;
  incentiveCents: number;
  /** sends + returns + incentive (fixed costs are the campaign's, added to its total only) */
  costCents: number;
  /** the plan at the volumes actually sent: sends × response rate, × conversion rate, × average order value */
  plannedResponses: number;
  plannedSales: number;
  plannedRevenueCents: number;
}

/** The sums with their ratios; null where the divisor is 0. */
export interface BoardFigures extends BoardSums {
  /** (margin − cost) / cost */
  roi: number | null;
  costPerResponseCents: number | null;
  costPerSaleCents: number | null;
  /** responders / sends made */
  returnRate: number | null;
  /** refused, bounced or returned (NPAI) / sends attempted (sent + refused) */
  failureRate: number | null;
  /** sales / responders */
  conversionRate: number | null;
  /** delivered / sends made */
  deliveryRate: number | null;
}

const COUNT_KEYS = [
  'sent',
  'failed',
  'bounced',
  'npai',
  'skipped',
  'pending',
  'delivered',
  'opened',
  'clicked',
  'responses',
  'quotes',
  'quotedCents',
  'reminders',
  'sales',
  'revenueCents',
  'lost',
] as const satisfies readonly (keyof WaveCounts)[];

const SUM_KEYS = [
  ...COUNT_KEYS,
  'marginCents',
  'sendCents',
  'returnsCents',
  'incentiveCents',
  'costCents',
  'plannedResponses',
  'plannedSales',
  'plannedRevenueCents',
] as const satisfies readonly (keyof BoardSums)[];

export const emptyCounts = (): WaveCounts =>
  Object.fromEntries(COUNT_KEYS.map((k) => [k, 0])) as unknown as WaveCounts;

const emptySums = (): BoardSums => Object.fromEntries(SUM_KEYS.map((k) => [k, 0])) as unknown as BoardSums;

/** One wave's money: each amount rounded once, as the planner does. */
export function lineSums(line: WaveLine): BoardSums {
  const e = line.economics;
  const sendCents = roundCents(line.sent * e.unitCostCents);
  const returnsCents = roundCents((line.npai + line.bounced) * e.handlingCentsPerReturn);
  const incentiveCents = roundCents(line.sales * e.incentivePerSaleCents);
  const plannedResponses = line.sent * e.responseRate;
  const plannedSales = plannedResponses * e.conversionRate;
  const sums: BoardSums = { ...emptySums() };
  for (const k of COUNT_KEYS) sums[k] = line[k];
  return {
    ...sums,
    marginCents: roundCents(line.revenueCents * e.marginRate),
    sendCents,
    returnsCents,
    incentiveCents,
    costCents: sendCents + returnsCents + incentiveCents,
    plannedResponses,
    plannedSales,
    plannedRevenueCents: roundCents(plannedSales * e.averageOrderValueCents),
  };
}

export function addSums(list: readonly BoardSums[]): BoardSums {
  const out = emptySums();
  for (const s of list) for (const k of SUM_KEYS) out[k] += s[k];
  return out;
}

/** The ratios of summed figures; `extraCostCents` (the fixed costs) is added to the cost first. */
export function withRatios(sums: BoardSums, extraCostCents = 0): BoardFigures {
  const costCents = sums.costCents + extraCostCents;
  const per = (n: number) => (n > 0 ? roundCents(costCents / n) : null);
  return {
    ...sums,
    costCents,
    roi: costCents > 0 ? (sums.marginCents - costCents) / costCents : null,
    costPerResponseCents: per(sums.responses),
    costPerSaleCents: per(sums.sales),
    returnRate: sums.sent > 0 ? sums.responses / sums.sent : null,
    failureRate:
      sums.sent + sums.failed > 0
        ? (sums.failed + sums.bounced + sums.npai) / (sums.sent + sums.failed)
        : null,
    conversionRate: sums.responses > 0 ? sums.sales / sums.responses : null,
    deliveryRate: sums.sent > 0 ? sums.delivered / sums.sent : null,
  };
}

export interface BoardGroup<K extends string> {
  key: K;
  figures: BoardFigures;
}

/** Lines summed by a key (a step, a channel, a variant, a phase), in the order keys first appear. */
export function groupLines<K extends string>(
  lines: readonly WaveLine[],
  keyOf: (line: WaveLine) => K,
): BoardGroup<K>[] {
  const groups = new Map<K, BoardSums[]>();
  for (const line of lines) {
    const key = keyOf(line);
    const list = groups.get(key) ?? [];
    list.push(lineSums(line));
    groups.set(key, list);
  }
  return [...groups].map(([key, list]) => ({ key, figures: withRatios(addSums(list)) }));
}

/**
 * What came back to the campaign but to none of its sends: a coupon code typed at a counter or reported by the
 * website for a customer the campaign did not send to, or who could not be told (attribution rule `coupon`
 * without a send). Each recorded conversion once: a response (a known contact counts once), a quote or a sale.
 */
export interface DirectCounts {
  responses: number;
  quotes: number;
  quotedCents: number;
  sales: number;
  revenueCents: number;
}

/** What a direct return is worth and costs: the campaign's margin rate and its offer's value per taker. */
export interface DirectEconomics {
  marginRate: number;
  /** each direct sale used the coupon, so the incentive was taken: its value per taker, no take-up applied */
  incentivePerTakerCents: number;
}

/** Direct returns as board sums: their margin and incentive cost; no sends, so no send or return costs. */
export function directSums(c: DirectCounts, e: DirectEconomics): BoardSums {
  const sums: BoardSums = { ...emptySums(), ...c };
  sums.marginCents = roundCents(c.revenueCents * e.marginRate);
  sums.incentiveCents = roundCents(c.sales * e.incentivePerTakerCents);
  sums.costCents = sums.incentiveCents;
  return sums;
}

/** The campaign's totals: every line and its direct returns (if any), plus the fixed costs. */
export function campaignTotals(
  lines: readonly WaveLine[],
  fixedCents: number,
  direct: BoardSums | null = null,
): BoardFigures {
  return withRatios(addSums([...lines.map(lineSums), ...(direct ? [direct] : [])]), fixedCents);
}
