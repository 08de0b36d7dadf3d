/**
 * Tracking codes: printed on a letter, said in a voice message, typed at a counter or read out on the phone.
 *
 * Format: 9 random characters and 1 check character from a 31-character alphabet, shown in two groups of five
 * ("K7QMZ-4XPTR"); stored and put in links in the compact form ("K7QMZ4XPTR").
 *
 * - No ambiguous characters: 0/O and 1/I/L are left out (8 digits 2-9 and 23 letters), so what someone reads
 *   is what was printed. Someone who types one of them anyway is told codes never contain it, rather than
 *   having a character guessed for them.
 * - Unguessable: the 9 random characters come from `crypto.getRandomValues` with rejection sampling (no
 *   modulo bias). 31^9 ≈ 2.64e13 codes (44.6 bits).
 * - Check character: ISO 7064-style weighted sum modulo 31 (a prime), with weights 1..10 (the check character last). Because 31 is prime
 *   and every weight is non-zero and distinct modulo 31, ANY single wrong character and ANY swap of two
 *   different characters (adjacent or not) changes the sum, so the check catches them all; other errors slip
 *   through with probability 1/31.
 *
 * Collision and guessing arithmetic (N = 31^9 ≈ 2.64e13):
 * - Collisions (birthday bound): issuing n codes gives about n²/(2N) colliding pairs: 1e6 codes → 0.019
 *   expected collisions, 1e7 → 1.9. Rare, not impossible: uniqueness is enforced by a UNIQUE constraint in the
 *   database, and a colliding code is simply drawn again.
 * - Guessing: with 1e7 live codes, one random guess (with a valid check character, which an attacker can
 *   compute) hits some code with probability 1e7/2.64e13 ≈ 3.8e-7; a million rate-limited guesses find about
 *   0.4 codes, and then only a tracking code, never personal data.
 */

/** 8 digits and 23 letters: no 0, 1, I, L, O. Its length, 31, is prime (see the check character). */
export const TRACKING_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
const BASE = TRACKING_CODE_ALPHABET.length; // 31
export const TRACKING_CODE_RANDOM_LENGTH = 9;
/** characters in a code, check character included, without the separator */
export const TRACKING_CODE_LENGTH = TRACKING_CODE_RANDOM_LENGTH + 1;
const GROUP = 5;

const VALUE = new Map<string, number>([...TRACKING_CODE_ALPHABET].map((c, i) => [c, i]));

/** The check character of 9 characters of the alphabet: chosen so that Σ weight·value ≡ 0 (mod 31). */
export function trackingCheckCharacter(body: string): string {
  if (body.length !== TRACKING_CODE_RANDOM_LENGTH) {
    throw new Error(
      `A tracking code body has ${TRACKING_CODE_RANDOM_LENGTH} characters, not ${body.length}.`,
    );
  }
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    const v = VALUE.get(body[i]!);
    if (v === undefined) throw new Error(`"${body[i]}" is not a tracking code character.`);
    sum += (i + 1) * v;
  }
  // the check character has weight 10: 10·c ≡ -sum (mod 31); 10⁻¹ ≡ 28 (mod 31) since 10·28 = 280 = 9·31 + 1
  const c = (((-sum * 28) % BASE) + BASE) % BASE;
  return TRACKING_CODE_ALPHABET[c]!;
}

function checks(compact: string): boolean {
  let sum = 0;
  for (let i = 0; i < compact.length; i++) sum += (i + 1) * VALUE.get(compact[i]!)!;
  return sum % BASE === 0;
}

/** The largest multiple of 31 below 256: bytes at or above it are drawn again, so every character is equally likely. */
const UNBIASED_LIMIT = 256 - (256 % BASE);

/** A new random tracking code in its compact form ("K7QMZ4XPTR"). */
export function generateTrackingCode(random: (bytes: Uint8Array) => Uint8Array = defaultRandom): string {
  let body = '';
  const buffer = new Uint8Array(16);
  while (body.length < TRACKING_CODE_RANDOM_LENGTH) {
    random(buffer);
    for (const byte of buffer) {
      if (byte >= UNBIASED_LIMIT) continue;
      body += TRACKING_CODE_ALPHABET[byte % BASE];
      if (body.length === TRACKING_CODE_RANDOM_LENGTH) break;
    }
  }
  return body + trackingCheckCharacter(body);
}

function defaultRandom(bytes: Uint8Array): Uint8Array {
  return globalThis.crypto.getRandomValues(bytes);
}

/** n distinct new codes (a batch of sends); the database's UNIQUE constraint still guards across batches. */
export function generateTrackingCodes(n: number): string[] {
  const codes = new Set<string>();
  while (codes.size < n) codes.add(generateTrackingCode());
  return [...codes];
}

/** The printed and spoken form: "K7QMZ-4XPTR". */
export function formatTrackingCode(code: string): string {
  const compact = code.replace(/[^0-9A-Za-z]/g, '').toUpperCase();
  return `${compact.slice(0, GROUP)}-${compact.slice(GROUP)}`;
}

export type ParsedTrackingCode =
  | { ok: true; code: string }
  | { ok: false; reason: 'empty' | 'length' | 'character' | 'check'; message: string };

/**
 * Reads a code as someone typed it: any case, spaces, dashes, dots or underscores anywhere; answers the compact
 * form, or why it is not a code (too short or long, a character that codes never contain, a typing mistake
 * caught by the check character).
 */
export function parseTrackingCode(input: string): ParsedTrackingCode {
  const compact = input.replace(/[\s\-._]/g, '').toUpperCase();
  if (compact === '') return { ok: false, reason: 'empty', message: 'Type the code printed on the letter.' };
  if (compact.length !== TRACKING_CODE_LENGTH) {
    return {
      ok: false,
      reason: 'length',
      message: `A code has ${TRACKING_CODE_LENGTH} characters (e.g. K7QMZ-4XPTR); this one has ${compact.length}.`,
    };
  }
  const bad = [...compact].find((c) => !VALUE.has(c));
  if (bad !== undefined) {
    const hint = /[01ILO]/.test(bad) ? ' (codes never contain 0, 1, I, L or O)' : '';
    return { ok: false, reason: 'character', message: `"${bad}" cannot be in a code${hint}.` };
  }
  if (!checks(compact)) {
    return { ok: false, reason: 'check', message: 'This code has a typing mistake: read it again.' };
  }
  return { ok: true, code: compact };
}

/** True for a well-formed compact code with a valid check character. */
export function isTrackingCode(code: string): boolean {
  return code.length === TRACKING_CODE_LENGTH && [...code].every((c) => VALUE.has(c)) && checks(code);
}
