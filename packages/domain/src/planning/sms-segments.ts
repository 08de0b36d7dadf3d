import { z } from 'zod';

/**
 * SMS length, as operators bill it. A message that only uses the GSM 03.38 alphabet is sent in GSM-7:
 * 160 characters in one SMS, 153 per segment once concatenated (the header takes 7). Characters of the
 * extension table (€ [ ] { } \ ^ ~ | and form feed) are sent as an escape plus the character, so count twice,
 * and a pair is never split across two segments. Any other character (ê, â, ç, î, ô, û, œ, emoji, curly
 * quotes...) switches the whole message to UCS-2: 70 UTF-16 units in one SMS, 67 per segment, and a surrogate
 * pair (emoji) is never split. Note for French copy: é è ù à É Ç are GSM-7, but ê â î ô û ç (lower-case) are not.
 */
const GSM7_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const GSM7_EXTENSION = '\f^{}\\[~]|€';

const BASIC = new Set(GSM7_BASIC);
const EXTENSION = new Set(GSM7_EXTENSION);

export const SMS_MAX_SEGMENTS = 10;

export type SmsEncoding = 'gsm7' | 'ucs2';

export interface SmsSegmentCount {
  encoding: SmsEncoding;
  /** characters as the user sees them (code points) */
  characters: number;
  /** septets (GSM-7) or UTF-16 units (UCS-2) used */
  units: number;
  segments: number;
  /** units per segment for this message: 160/70 for a single SMS, 153/67 once concatenated */
  perSegment: number;
  /** units still free in the current (last) segment before another segment is needed */
  remainingInSegment: number;
  /** the characters that forced UCS-2, without repeats (empty for GSM-7) */
  nonGsmCharacters: string[];
}

const LIMITS = {
  gsm7: { single: 160, multi: 153 },
  ucs2: { single: 70, multi: 67 },
} as const;

/** The cost in units of each character (code point) for this encoding. */
function unitCosts(chars: string[], encoding: SmsEncoding): number[] {
  return chars.map((c) => (encoding === 'gsm7' ? (EXTENSION.has(c) ? 2 : 1) : c.length));
}

/** Packs the characters into segments of `size` units, never splitting a character. */
function pack(costs: number[], size: number): { segments: number; lastUsed: number } {
  let segments = 1;
  let used = 0;
  for (const cost of costs) {
    if (used + cost > size) {
      segments += 1;
      used = 0;
    }
    used += cost;
  }
  return { segments, lastUsed: used };
}

export function countSmsSegments(text: string): SmsSegmentCount {
  const chars = Array.from(text);
  const nonGsm = [...new Set(chars.filter((c) => !BASIC.has(c) && !EXTENSION.has(c)))];
  const encoding: SmsEncoding = nonGsm.length === 0 ? 'gsm7' : 'ucs2';
  const costs = unitCosts(chars, encoding);
  const units = costs.reduce((a, b) => a + b, 0);
  const limits = LIMITS[encoding];
  if (units <= limits.single) {
    return {
      encoding,
      characters: chars.length,
      units,
      segments: units === 0 ? 0 : 1,
      perSegment: limits.single,
      remainingInSegment: limits.single - units,
      nonGsmCharacters: nonGsm,
    };
  }
  const { segments, lastUsed } = pack(costs, limits.multi);
  return {
    encoding,
    characters: chars.length,
    units,
    segments,
    perSegment: limits.multi,
    remainingInSegment: limits.multi - lastUsed,
    nonGsmCharacters: nonGsm,
  };
}

/** An SMS text: not empty, at most 10 segments, with a message that says how much to cut. */
export const smsTextSchema = z
  .string({ error: 'Enter the SMS text' })
  .min(1, { error: 'Enter the SMS text' })
  .superRefine((text, ctx) => {
    const count = countSmsSegments(text);
    if (count.segments > SMS_MAX_SEGMENTS) {
      const max = count.encoding === 'gsm7' ? SMS_MAX_SEGMENTS * 153 : SMS_MAX_SEGMENTS * 67;
      const hint =
        count.encoding === 'ucs2'
          ? ` (UCS-2 because of ${count.nonGsmCharacters.slice(0, 5).join(' ')}: replacing them allows 1530)`
          : '';
      ctx.addIssue({
        code: 'custom',
        message: `Too long: ${count.segments} SMS segments, at most ${SMS_MAX_SEGMENTS} (${max} units${hint}). Shorten it by ${count.units - max}.`,
      });
    }
  });
