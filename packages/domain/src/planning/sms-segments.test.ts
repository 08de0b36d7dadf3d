import { describe, expect, it } from 'vitest';
import { countSmsSegments, smsTextSchema } from './sms-segments';

describe('SMS segments', () => {
  it('counts a short GSM-7 message as one SMS', () => {
    // "Offre spéciale" = 14 characters, é is in the GSM-7 alphabet → 160 − 14 = 146 left
    expect(countSmsSegments('Offre spéciale')).toMatchObject({
      encoding: 'gsm7',
      units: 14,
      segments: 1,
      remainingInSegment: 146,
    });
  });

  it('switches to 153 per segment past 160', () => {
    expect(countSmsSegments('a'.repeat(160))).toMatchObject({ segments: 1, remainingInSegment: 0 });
    // 161 septets → ceil(161 / 153) = 2 segments; the second holds 161 − 153 = 8, leaves 145
    expect(countSmsSegments('a'.repeat(161))).toMatchObject({ segments: 2, remainingInSegment: 145 });
    // 306 = 2 × 153 exactly
    expect(countSmsSegments('a'.repeat(306))).toMatchObject({ segments: 2, remainingInSegment: 0 });
    expect(countSmsSegments('a'.repeat(307)).segments).toBe(3);
  });

  it('counts extension characters twice and never splits them', () => {
    // "10€" = 1 + 1 + 2 = 4 septets
    expect(countSmsSegments('10€')).toMatchObject({ encoding: 'gsm7', characters: 3, units: 4 });
    // 80 € signs = 160 septets: one SMS
    expect(countSmsSegments('€'.repeat(80))).toMatchObject({ segments: 1, units: 160 });
    // 152 'a' + '€' = 152 + 2 = 154 septets ≤ 160: one SMS
    expect(countSmsSegments(`${'a'.repeat(152)}€`).segments).toBe(1);
    // 152 'a' + '€' + 8 'a' = 162 septets → concatenated; the € (2) does not fit in 153 − 152 = 1 left,
    // so segment 1 holds 152, segment 2 holds 2 + 8 = 10 → 143 left
    expect(countSmsSegments(`${'a'.repeat(152)}€${'a'.repeat(8)}`)).toMatchObject({
      segments: 2,
      remainingInSegment: 143,
    });
  });

  it('detects UCS-2 (ê, ç, emoji) and uses 70/67', () => {
    const fete = countSmsSegments('Fête des pères');
    expect(fete).toMatchObject({ encoding: 'ucs2', units: 14, segments: 1, remainingInSegment: 56 });
    expect(fete.nonGsmCharacters).toEqual(['ê']);
    expect(countSmsSegments('français').encoding).toBe('ucs2');
    expect(countSmsSegments('FRANÇAIS').encoding).toBe('gsm7');
    // 71 units → 2 segments of 67: 67 + 4 → 63 left
    expect(countSmsSegments(`ê${'a'.repeat(70)}`)).toMatchObject({ segments: 2, remainingInSegment: 63 });
    // an emoji is 2 UTF-16 units and 1 character; 66 'a' + 😀 + 5 'a' = 73 units: 😀 doesn't fit in the 1
    // unit left of segment 1, so segment 2 holds 2 + 5 = 7 → 60 left
    expect(countSmsSegments(`${'a'.repeat(66)}😀${'a'.repeat(5)}`)).toMatchObject({
      characters: 72,
      units: 73,
      segments: 2,
      remainingInSegment: 60,
    });
  });

  it('refuses more than 10 segments', () => {
    expect(smsTextSchema.safeParse('a'.repeat(1530)).success).toBe(true); // 10 × 153
    const tooLong = smsTextSchema.safeParse('a'.repeat(1531));
    expect(tooLong.success).toBe(false);
    expect(tooLong.error?.issues[0]?.message).toBe(
      'Too long: 11 SMS segments, at most 10 (1530 units). Shorten it by 1.',
    );
    expect(smsTextSchema.safeParse(`ê${'a'.repeat(669)}`).success).toBe(true); // 670 = 10 × 67
    expect(smsTextSchema.safeParse(`ê${'a'.repeat(670)}`).error?.issues[0]?.message).toContain(
      'UCS-2 because of ê',
    );
    expect(smsTextSchema.safeParse('').success).toBe(false);
  });
});
