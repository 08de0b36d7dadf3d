import { describe, expect, it } from 'vitest';
import { offerSchema } from '../planning/offers';
import { formatTrackingCode, generateTrackingCode } from '../tracking-code';
import { codeCandidate, extractCodeText, normaliseCouponCode } from './code-input';

describe('code input', () => {
  const code = generateTrackingCode();

  it('reads a code typed with dashes, spaces and lower case', () => {
    expect(codeCandidate(formatTrackingCode(code).toLowerCase())).toMatchObject({ kind: 'tracking', code });
    expect(codeCandidate(` ${code.slice(0, 3)} ${code.slice(3)} `)).toMatchObject({ kind: 'tracking', code });
  });

  it('reads the code out of a scanned tracked URL (the letter’s QR code) or unsubscribe URL', () => {
    expect(extractCodeText(`https://relance.example/r/${code}?utm_source=relance`)).toBe(code);
    expect(extractCodeText(`HTTP://RELANCE.EXAMPLE/R/${code}`)).toBe(code);
    expect(extractCodeText(`https://relance.example/unsubscribe/${code}`)).toBe(code);
    expect(extractCodeText(`https://shop.example/promo?code=${code}`)).toBe(code);
    expect(codeCandidate(`https://relance.example/r/${code}`)).toMatchObject({ kind: 'tracking', code });
  });

  it('tells a typing mistake from a code that is not one', () => {
    const swapped = code[1]! === code[0]! ? code : code[1]! + code[0]! + code.slice(2);
    if (swapped !== code) expect(codeCandidate(swapped).kind).toBe('typo');
    expect(codeCandidate('BIENVENUE10')).toEqual({ kind: 'other', coupon: 'BIENVENUE10' });
    expect(codeCandidate('')).toEqual({ kind: 'other', coupon: '' });
  });

  it('compares coupon codes on their letters and digits', () => {
    expect(normaliseCouponCode('bienvenue-10')).toBe('BIENVENUE10');
    expect(normaliseCouponCode(' Bienvenue 10 ')).toBe('BIENVENUE10');
  });

  it('lets an offer carry a coupon code, refusing one that looks like a tracking code', () => {
    const offer = { type: 'material', giftValueCents: 500, expectedTakeUp: 0.5 } as const;
    expect(offerSchema.parse({ ...offer, couponCode: ' bienvenue10 ' })).toMatchObject({
      couponCode: 'BIENVENUE10',
    });
    expect(offerSchema.parse({ ...offer, couponCode: '' }).couponCode).toBeUndefined();
    expect(offerSchema.parse(offer).couponCode).toBeUndefined();
    expect(offerSchema.safeParse({ ...offer, couponCode: formatTrackingCode(code) }).success).toBe(false);
    expect(offerSchema.safeParse({ ...offer, couponCode: 'A!' }).success).toBe(false);
  });
});
