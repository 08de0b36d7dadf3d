import { describe, expect, it } from 'vitest';
import { formerVerdict, type OrderFact, ruleFor, spendWindows } from './inactivity';
import { DEFAULT_WINBACK_SETTINGS, type InactivityRule } from './settings';

const d = (iso: string) => new Date(`${iso}T00:00:00Z`);
const order = (iso: string, euros: number): OrderFact => ({ orderedAt: d(iso), amountCents: euros * 100 });
const asOf = d('2025-06-30');
const rule: InactivityRule = { noOrderMonths: 12, spendDrop: { share: 0.5, windowMonths: 12 } };

describe('the inactivity rule (fichier cimetière)', () => {
  it('moves a customer with no order for 12 months, dated when the 12 months ran out', () => {
    // last order 15 June 2024 + 12 months = 15 June 2025, before 30 June 2025
    expect(formerVerdict([order('2023-01-10', 80), order('2024-06-15', 50)], rule, asOf)).toEqual({
      reason: 'no_order',
      since: d('2025-06-15'),
    });
  });

  it('moves a customer whose spend fell by more than half, dated the day it was seen', () => {
    // recent window (30 Jun 2024, 30 Jun 2025]: 100 €; the one before (30 Jun 2023, 30 Jun 2024]: 300 €
    // 100 < 300 × (1 − 0.5) = 150 → spend drop; the last order (15 Jul 2024) is under 12 months old
    const orders = [order('2023-09-01', 300), order('2024-07-15', 100)];
    expect(formerVerdict(orders, rule, asOf)).toEqual({ reason: 'spend_drop', since: asOf });
    expect(spendWindows(orders, 12, asOf)).toEqual({ recentCents: 10_000, previousCents: 30_000 });
  });

  it('keeps a customer whose spend fell by exactly half, a new customer, and ignores later orders', () => {
    // 150 is not less than 150: down by half, not by more than half
    expect(formerVerdict([order('2023-09-01', 300), order('2024-07-15', 150)], rule, asOf)).toBeNull();
    // nothing in the window before: no drop to speak of
    expect(formerVerdict([order('2025-04-01', 20)], rule, asOf)).toBeNull();
    // the order of 1 July 2025 is after asOf: as of 30 June the last order is 15 June 2024
    expect(formerVerdict([order('2024-06-15', 50), order('2025-07-01', 50)], rule, asOf)?.reason).toBe(
      'no_order',
    );
    expect(formerVerdict([], rule, asOf)).toBeNull();
  });

  it('uses only the criteria switched on', () => {
    const orders = [order('2023-09-01', 300), order('2024-07-15', 100)];
    expect(formerVerdict(orders, { noOrderMonths: 12, spendDrop: null }, asOf)).toBeNull();
    expect(
      formerVerdict([order('2024-06-15', 50)], { noOrderMonths: null, spendDrop: null }, asOf),
    ).toBeNull();
  });

  it('takes the first override whose scope matches, else the default', () => {
    const gold: InactivityRule = { noOrderMonths: 24, spendDrop: null };
    const b2b: InactivityRule = { noOrderMonths: 18, spendDrop: null };
    const inactivity = {
      default: rule,
      overrides: [
        { scope: { kind: 'tier' as const, tier: 'gold' as const }, rule: gold },
        { scope: { kind: 'tag' as const, tag: 'b2b' }, rule: b2b },
      ],
    };
    expect(ruleFor({ tier: 'gold', tags: ['b2b'] }, inactivity)).toBe(gold);
    expect(ruleFor({ tier: 'basic', tags: ['b2b'] }, inactivity)).toBe(b2b);
    expect(ruleFor({ tier: null, tags: [] }, inactivity)).toBe(rule);
    const vip: InactivityRule = { noOrderMonths: 36, spendDrop: null };
    const withSegment = {
      ...inactivity,
      overrides: [
        { scope: { kind: 'segment' as const, segmentId: '6f1c2f5e-8a0b-4c1e-9d7a-0b1c2d3e4f50' }, rule: vip },
        ...inactivity.overrides,
      ],
    };
    expect(
      ruleFor({ tier: 'gold', tags: [], segmentIds: ['6f1c2f5e-8a0b-4c1e-9d7a-0b1c2d3e4f50'] }, withSegment),
    ).toBe(vip);
    expect(ruleFor({ tier: 'gold', tags: [], segmentIds: [] }, withSegment)).toBe(gold);
    expect(ruleFor({ tier: 'gold', tags: [] }, DEFAULT_WINBACK_SETTINGS.inactivity)).toBe(
      DEFAULT_WINBACK_SETTINGS.inactivity.default,
    );
  });
});
