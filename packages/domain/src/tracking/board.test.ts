import { describe, expect, it } from 'vitest';
import { campaignInputSchema } from '../planning/campaign-input';
import { builtInPlanningSettings } from '../planning/planning-settings';
import {
  campaignTotals,
  directSums,
  emptyCounts,
  groupLines,
  lineSums,
  type WaveEconomics,
  type WaveLine,
} from './board';
import { planFixedCents, waveEconomics } from './board-plan';

const economics = (e: Partial<WaveEconomics>): WaveEconomics => ({
  unitCostCents: 0,
  handlingCentsPerReturn: 0,
  incentivePerSaleCents: 0,
  marginRate: 0.4,
  responseRate: 0.02,
  conversionRate: 0.25,
  averageOrderValueCents: 8000,
  ...e,
});

// Worked by hand. Email: 10,000 sent at 1.50 € per thousand = 15 €; 200 bounces × 0.10 € handling = 20 €;
// 60 sales of 80 € = 4,800 € revenue, margin 40 % = 1,920 €; incentive 10 % of 80 € taken by half the buyers
// = 4 € per sale × 60 = 240 €. Cost 15 + 20 + 240 = 275 €; ROI (1,920 − 275) / 275 = 5.98;
// 300 responders: 0.92 € per response, 4.58 € per sale; return rate 300 / 10,000 = 3 %.
const email: WaveLine = {
  ...emptyCounts(),
  stepId: 's1',
  position: 1,
  phase: 'rollout',
  variant: 'A',
  channel: 'email',
  sent: 10_000,
  failed: 12,
  bounced: 200,
  delivered: 9_800,
  responses: 300,
  quotes: 90,
  reminders: 40,
  sales: 60,
  revenueCents: 480_000,
  economics: economics({ unitCostCents: 0.15, handlingCentsPerReturn: 10, incentivePerSaleCents: 400 }),
};
// Postal: 1,000 letters at 1.20 € = 1,200 €; 30 NPAI × 0.50 € = 15 €; 5 sales of 100 € = 500 €, margin 200 €.
// Cost 1,215 €; ROI (200 − 1,215) / 1,215 = −0.835.
const postal: WaveLine = {
  ...emptyCounts(),
  stepId: 's2',
  position: 2,
  phase: 'rollout',
  variant: 'A',
  channel: 'postal',
  sent: 1_000,
  npai: 30,
  responses: 20,
  sales: 5,
  revenueCents: 50_000,
  economics: economics({ unitCostCents: 120, handlingCentsPerReturn: 50, responseRate: 0.01 }),
};

describe('the board’s figures (worked examples)', () => {
  it('costs a wave as sends made × unit cost + returns × handling + sales × incentive', () => {
    const s = lineSums(email);
    expect(s.sendCents).toBe(1_500);
    expect(s.returnsCents).toBe(2_000);
    expect(s.incentiveCents).toBe(24_000);
    expect(s.costCents).toBe(27_500);
    expect(s.marginCents).toBe(192_000);
    // the plan at the volume sent: 10,000 × 2 % = 200 responses, × 25 % = 50 sales × 80 € = 4,000 €
    expect(s.plannedResponses).toBeCloseTo(200);
    expect(s.plannedSales).toBeCloseTo(50);
    expect(s.plannedRevenueCents).toBe(400_000);
  });

  it('gives each channel its ROI before fixed costs, cost per response and per sale, return rate', () => {
    const [e, p] = groupLines([email, postal], (l) => l.channel);
    expect(e!.key).toBe('email');
    expect(e!.figures.roi).toBeCloseTo(164_500 / 27_500, 6);
    expect(e!.figures.costPerResponseCents).toBe(92);
    expect(e!.figures.costPerSaleCents).toBe(458);
    expect(e!.figures.returnRate).toBeCloseTo(0.03);
    expect(e!.figures.failureRate).toBeCloseTo(212 / 10_012);
    expect(p!.figures.costCents).toBe(121_500);
    expect(p!.figures.roi).toBeCloseTo(-101_500 / 121_500, 6);
  });

  it('adds the fixed costs to the campaign’s total only', () => {
    const t = campaignTotals([email, postal], 50_000);
    expect(t.costCents).toBe(199_000);
    expect(t.marginCents).toBe(212_000);
    expect(t.roi).toBeCloseTo(13_000 / 199_000, 6);
    expect(t.costPerResponseCents).toBe(622);
    expect(t.costPerSaleCents).toBe(3_062);
    expect(t.returnRate).toBeCloseTo(320 / 11_000);
    expect(t.conversionRate).toBeCloseTo(65 / 320);
  });

  it('adds the campaign’s direct returns (a coupon without a send) to its total: margin and incentive, no send cost', () => {
    const without = campaignTotals([email, postal], 50_000);
    const direct = directSums(
      { responses: 4, quotes: 1, quotedCents: 20_000, sales: 3, revenueCents: 30_001 },
      { marginRate: 0.4, incentivePerTakerCents: 500 },
    );
    // 30,001 × 40 % = 12,000.4 → 12,000; 3 coupons used × 5 € = 15 €
    expect(direct).toMatchObject({
      marginCents: 12_000,
      incentiveCents: 1_500,
      costCents: 1_500,
      sendCents: 0,
    });
    const t = campaignTotals([email, postal], 50_000, direct);
    expect(t.marginCents).toBe(without.marginCents + 12_000);
    expect(t.costCents).toBe(without.costCents + 1_500);
    expect(t.responses).toBe(without.responses + 4);
    expect(t.sales).toBe(without.sales + 3);
    expect(t.quotedCents).toBe(without.quotedCents + 20_000);
    expect(t.sent).toBe(without.sent);
    expect(t.returnRate).toBeCloseTo((without.responses + 4) / without.sent);
    expect(t.roi).toBeCloseTo(
      (without.marginCents + 12_000 - without.costCents - 1_500) / (without.costCents + 1_500),
      6,
    );
  });

  it('answers null ratios where nothing was sent, spent or sold', () => {
    const t = campaignTotals([], 0);
    expect(t.roi).toBeNull();
    expect(t.returnRate).toBeNull();
    expect(t.costPerSaleCents).toBeNull();
  });
});

describe('a wave’s economics from the plan', () => {
  const plan = campaignInputSchema.parse({
    name: 'Spring',
    kind: 'win_back',
    objective: 'sale',
    averageOrderValueCents: 10_000,
    marginRate: 0.3,
    fixed: { creativeCents: 40_000, setupCents: 10_000 },
    offer: { type: 'financial', discount: { kind: 'percent', rate: 0.1 }, expectedTakeUp: 0.5 },
    testPlan: { sample: { mode: 'absolute', size: 300 }, winnerMetric: 'response_rate', rollout: 'manual' },
    steps: [
      {
        channel: 'email',
        offsetDays: 0,
        unit: { channel: 'email', pricePerThousandCents: 200 },
        variants: [
          {
            label: 'B',
            differsOn: 'incentive',
            offer: {
              type: 'financial',
              discount: { kind: 'amount', amountCents: 2_000 },
              expectedTakeUp: 0.8,
            },
          },
        ],
      },
    ],
  });
  const settings = builtInPlanningSettings();

  it('takes the step’s unit cost and the campaign’s offer for A, the variant’s incentive for B', () => {
    const a = waveEconomics(plan, settings, plan.steps[0]!, 'A', 'email');
    expect(a.unitCostCents).toBeCloseTo(0.2);
    // 10 % of 100 € × 50 % take-up
    expect(a.incentivePerSaleCents).toBeCloseTo(500);
    const b = waveEconomics(plan, settings, plan.steps[0]!, 'B', 'email');
    // 20 € × 80 %
    expect(b.incentivePerSaleCents).toBeCloseTo(1_600);
    expect(b.marginRate).toBe(0.3);
  });

  it('prices a wave sent on another channel with that channel’s defaults', () => {
    const sms = waveEconomics(plan, settings, plan.steps[0]!, 'C', 'sms');
    const unit = settings.unitCosts.sms;
    expect(sms.unitCostCents).toBeCloseTo(unit.pricePerSegmentCents * unit.segments);
  });

  it('counts the plan’s fixed costs', () => {
    expect(planFixedCents(plan)).toBe(50_000);
  });
});
