import { describe, expect, it } from 'vitest';
import { behindAlerts, returnsChart, type WaveReturns } from './board-returns';

const T0 = new Date('2026-03-02T08:00:00Z');
const at = (days: number) => new Date(T0.getTime() + days * 86_400_000);

// An email wave planned to bring 200 returns along the email curve (50 % by D+1, 80 % by D+3, 93 % by D+7);
// 40 came on day 0, 20 on day 1, 10 on day 2, 5 on day 3.
const wave: WaveReturns = {
  stepId: 's1',
  position: 1,
  phase: 'rollout',
  variant: 'A',
  channel: 'email',
  dueAt: T0,
  curve: [0.5, 0.8, 0.93, 0.98, 1],
  plannedResponses: 200,
  byDay: [
    { day: 0, responders: 40 },
    { day: 1, responders: 20 },
    { day: 2, responders: 10 },
    { day: 3, responders: 5 },
  ],
};

describe('actual returns against the milestone plan (worked examples)', () => {
  it('draws cumulative actual returns by day against the expected curve, up to today', () => {
    const chart = returnsChart([wave], 'rollout', at(3.5))!;
    expect(chart.today).toBe(3);
    const [d0, d1, d2, d3, d4] = chart.points;
    expect(d0).toEqual({ day: 0, expected: 0, actual: 0 });
    // by D+1: 50 % of 200 expected, the 40 of day 0 came
    expect(d1!.expected).toBeCloseTo(100);
    expect(d1!.actual).toBe(40);
    // D+2: halfway from 50 % to 80 % = 65 % → 130
    expect(d2!.expected).toBeCloseTo(130);
    expect(d2!.actual).toBe(60);
    expect(d3!.expected).toBeCloseTo(160);
    expect(d3!.actual).toBe(70);
    // D+4: 80 % + 13 % / 4 = 83.25 % → 166.5, not yet known
    expect(d4!.expected).toBeCloseTo(166.5);
    expect(d4!.actual).toBeNull();
    expect(chart.points.at(-1)!.day).toBe(30);
    expect(returnsChart([wave], 'test', at(1))).toBeNull();
  });

  it('offsets a later wave by its own day', () => {
    const later: WaveReturns = {
      ...wave,
      stepId: 's2',
      position: 2,
      dueAt: at(2),
      byDay: [{ day: 0, responders: 7 }],
    };
    const chart = returnsChart([wave, later], 'rollout', at(10))!;
    // day 3: the first wave's 70 + the second's day 0 (its D+1)
    expect(chart.points[3]!.actual).toBe(77);
    // day 3 expected: 160 + the later wave's 100 at its D+1
    expect(chart.points[3]!.expected).toBeCloseTo(260);
  });

  it('alerts when a step is behind, says from which milestone and by how much, and suggests a reminder', () => {
    const [alert] = behindAlerts([wave], at(3.5));
    // expected by now: 200 × (80 % + 13 % × 0.5 / 4) = 163.25; 75 came
    expect(alert).toMatchObject({ stepId: 's1', phase: 'rollout', fromMilestone: 1, actual: 75 });
    expect(alert!.expected).toBeCloseTo(163.25);
    expect(alert!.shortfall).toBeCloseTo(88.25);
    expect(alert!.shortfallRate).toBeCloseTo(88.25 / 163.25);
    expect(alert!.suggestion).toEqual({ channel: 'sms', offsetDays: 4, target: 'non_responders' });
  });

  it('does not alert on a step on plan, nor before the plan expects enough returns to tell', () => {
    const onPlan: WaveReturns = {
      ...wave,
      byDay: [
        { day: 0, responders: 100 },
        { day: 1, responders: 55 },
      ],
    };
    expect(behindAlerts([onPlan], at(3.5))).toEqual([]);
    const small: WaveReturns = { ...wave, plannedResponses: 4, byDay: [] };
    expect(behindAlerts([small], at(10))).toEqual([]);
  });

  it('names the first milestone missed when the start was on plan', () => {
    const slowing: WaveReturns = {
      ...wave,
      byDay: [
        { day: 0, responders: 100 },
        { day: 1, responders: 5 },
        { day: 2, responders: 5 },
      ],
    };
    // by D+1: 100 of 100; by D+3: 110 of 160 (−31 %): behind from D+3
    const [alert] = behindAlerts([slowing], at(3.2));
    expect(alert!.fromMilestone).toBe(3);
  });
});
