import { describe, expect, it } from 'vitest';
import {
  attribute,
  attributionSettingsSchema,
  conversionInputSchema,
  inAttributionWindow,
  redemptionInputSchema,
} from './attribution';

const DAY = 86_400_000;
const at = new Date('2025-03-31T12:00:00Z');
const ago = (days: number, ms = 0) => new Date(at.getTime() - days * DAY - ms);

describe('attribution', () => {
  it('keeps the window inclusive of its last day, and never credits a send made after the sale', () => {
    expect(inAttributionWindow(ago(30), at, 30)).toBe(true);
    expect(inAttributionWindow(ago(30, 1), at, 30)).toBe(false);
    expect(inAttributionWindow(ago(0), at, 30)).toBe(true);
    expect(inAttributionWindow(ago(0, -1), at, 30)).toBe(false);
  });

  it('credits the code’s send first, then the coupon’s campaign, then the last send in the window', () => {
    const sends = [
      { sendId: 1, campaignId: 'a', sentAt: ago(20) },
      { sendId: 2, campaignId: 'b', sentAt: ago(5) },
      { sendId: 3, campaignId: 'c', sentAt: ago(-1) }, // after the sale
    ];
    expect(attribute({ at, codeSend: sends[0]!, contactSends: sends }, 30)).toEqual({
      rule: 'code',
      sendId: 1,
      campaignId: 'a',
    });
    expect(attribute({ at, couponCampaignId: 'a', contactSends: sends }, 30)).toEqual({
      rule: 'coupon',
      sendId: 1,
      campaignId: 'a',
    });
    expect(attribute({ at, couponCampaignId: 'z', contactSends: sends }, 30)).toEqual({
      rule: 'coupon',
      sendId: null,
      campaignId: 'z',
    });
    expect(attribute({ at, contactSends: sends }, 30)).toEqual({
      rule: 'window',
      sendId: 2,
      campaignId: 'b',
    });
    expect(attribute({ at, contactSends: sends }, 4)).toEqual({
      rule: 'none',
      sendId: null,
      campaignId: null,
    });
  });

  it('defaults the window to 30 days and refuses a window out of range', () => {
    expect(attributionSettingsSchema.parse({})).toEqual({ windowDays: 30 });
    expect(attributionSettingsSchema.safeParse({ windowDays: 0 }).success).toBe(false);
    expect(attributionSettingsSchema.safeParse({ windowDays: 2.5 }).success).toBe(false);
  });

  it('asks for an amount on a quote or a sale, and refuses any currency but EUR', () => {
    const base = { code: 'X', idempotencyKey: 'abcdefgh' };
    expect(redemptionInputSchema.safeParse({ ...base, kind: 'sold' }).success).toBe(false);
    expect(redemptionInputSchema.safeParse({ ...base, kind: 'sold', amountCents: 12900 }).success).toBe(true);
    expect(redemptionInputSchema.safeParse({ ...base, kind: 'responded' }).success).toBe(true);
    const sale = { orderId: 'o-1', amountCents: 100, email: 'a@b.fr' };
    expect(conversionInputSchema.parse(sale)).toMatchObject({ currency: 'EUR', kind: 'sold' });
    const usd = conversionInputSchema.safeParse({ ...sale, currency: 'usd' });
    expect(usd.success).toBe(false);
    expect(usd.error?.issues[0]?.message).toMatch(/Only EUR/);
    expect(conversionInputSchema.safeParse({ orderId: 'o', amountCents: 1 }).success).toBe(false);
  });
});
