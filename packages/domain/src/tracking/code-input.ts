import { parseTrackingCode } from '../tracking-code';

/**
 * What someone typed or scanned at the redemption screen, the returned-mail screen or in a conversion report:
 * a tracking code ("k7qmz-4xptr"), a tracked URL read from the letter's QR code by a barcode scanner
 * ("https://relance.example/r/K7QMZ4XPTR?utm_source=…"), or a campaign's coupon code ("BIENVENUE10").
 */

/** A tracked or unsubscribe URL gives the code after /r/ or /unsubscribe/; anything else is taken as typed. */
export function extractCodeText(raw: string): string {
  const text = raw.trim();
  const path = /\/(?:r|unsubscribe)\/([^/?#\s]+)/i.exec(text);
  if (path) return decodeURIComponent(path[1]!);
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) {
    // another URL (a landing page with ?code=…): its code parameter, else its last path segment
    try {
      const url = new URL(text);
      const param = url.searchParams.get('code') ?? url.searchParams.get('c');
      if (param) return param.trim();
      const segments = url.pathname.split('/').filter(Boolean);
      return segments.at(-1) ?? '';
    } catch {
      return text;
    }
  }
  return text;
}

/** A coupon code as compared: upper case, letters and digits only ("bienvenue-10" and "BIENVENUE 10" match). */
export function normaliseCouponCode(raw: string): string {
  return raw.replace(/[^0-9A-Za-z]/g, '').toUpperCase();
}

/**
 * What a typed or scanned input may be, before looking anything up:
 * - tracking: a well-formed code with a valid check character (look up its send; else maybe a coupon);
 * - typo: ten characters of the codes' alphabet whose check character does not match: a typing mistake
 *   (unless a coupon happens to be spelt so);
 * - other: anything else, looked up as a coupon code only (`coupon` is its normalised form, '' when empty).
 */
export type CodeCandidate =
  | { kind: 'tracking'; code: string; coupon: string }
  | { kind: 'typo'; coupon: string }
  | { kind: 'other'; coupon: string };

export function codeCandidate(raw: string): CodeCandidate {
  const text = extractCodeText(raw);
  const coupon = normaliseCouponCode(text);
  const parsed = parseTrackingCode(text);
  if (parsed.ok) return { kind: 'tracking', code: parsed.code, coupon };
  if (parsed.reason === 'check') return { kind: 'typo', coupon };
  return { kind: 'other', coupon };
}

/** What became of one code: found (a send or a coupon), a typing mistake, or nothing matches. */
export const CODE_OUTCOMES = ['tracking', 'coupon', 'typo', 'unknown'] as const;
export type CodeOutcome = (typeof CODE_OUTCOMES)[number];

/**
 * Outcomes that count against the code-guessing limit: an input that matched nothing. A typing mistake does not
 * count: the check character catches it without telling anything about which codes exist (and a guesser computes
 * valid check characters anyway), so a clerk's slips never lock the counter.
 */
export function isWrongCode(outcome: CodeOutcome | null): boolean {
  return outcome === 'unknown';
}
