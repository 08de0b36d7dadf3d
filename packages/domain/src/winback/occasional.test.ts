import { describe, expect, it } from 'vitest';
import type { OrderFact } from './inactivity';
import { occasionalReasons } from './occasional';
import { DEFAULT_WINBACK_SETTINGS } from './settings';

const at = new Date('2025-01-01T00:00:00Z');
const o = (extra: Partial<OrderFact> = {}): OrderFact => ({ orderedAt: at, amountCents: 1000, ...extra });
const settings = DEFAULT_WINBACK_SETTINGS.occasional;

describe('occasional buyers', () => {
  it('finds the one-order customer, the promo and voucher buyer, the affiliate-only buyer', () => {
    expect(occasionalReasons([o()], settings)).toEqual(['single_order']);
    expect(occasionalReasons([o({ promo: true }), o({ voucher: true })], settings)).toEqual(['promo_only']);
    // sources compared without case or surrounding spaces
    expect(occasionalReasons([o({ source: ' Affiliate ' }), o({ source: 'AFFILIATION' })], settings)).toEqual(
      ['affiliate_only'],
    );
    expect(occasionalReasons([o({ promo: true, source: 'affiliate' })], settings)).toEqual([
      'single_order',
      'promo_only',
      'affiliate_only',
    ]);
  });

  it('leaves out a customer with a second order at full price from another source, and non-buyers', () => {
    expect(
      occasionalReasons([o({ promo: true, source: 'affiliate' }), o({ source: 'web' })], settings),
    ).toEqual([]);
    expect(occasionalReasons([o({ promo: true }), o({ source: null })], settings)).toEqual([]);
    expect(occasionalReasons([], settings)).toEqual([]);
  });

  it('applies only the criteria switched on', () => {
    const only = { ...settings, singleOrder: false, affiliateOnly: false };
    expect(occasionalReasons([o({ source: 'affiliate' })], only)).toEqual([]);
    expect(occasionalReasons([o({ voucher: true })], only)).toEqual(['promo_only']);
  });
});
