import { describe, expect, it } from 'vitest';
import {
  formatTrackingCode,
  generateTrackingCode,
  generateTrackingCodes,
  isTrackingCode,
  parseTrackingCode,
  TRACKING_CODE_ALPHABET,
  TRACKING_CODE_LENGTH,
  trackingCheckCharacter,
} from './tracking-code';

describe('tracking codes', () => {
  it('are 10 characters of the unambiguous alphabet, with a valid check character', () => {
    for (let i = 0; i < 200; i++) {
      const code = generateTrackingCode();
      expect(code).toMatch(/^[2-9A-HJKMNP-Z]{10}$/);
      expect(code).not.toMatch(/[01ILO]/);
      expect(isTrackingCode(code)).toBe(true);
      expect(code.at(-1)).toBe(trackingCheckCharacter(code.slice(0, 9)));
    }
    expect(TRACKING_CODE_ALPHABET).toHaveLength(31);
  });

  it('use every character about equally often (no modulo bias)', () => {
    const counts = new Map<string, number>();
    const codes = generateTrackingCodes(20_000);
    for (const code of codes) for (const c of code.slice(0, 9)) counts.set(c, (counts.get(c) ?? 0) + 1);
    const expected = (20_000 * 9) / 31; // ≈ 5806
    expect(counts.size).toBe(31);
    // a binomial's standard deviation here is about 75: 6 of them either side
    for (const n of counts.values()) expect(Math.abs(n - expected)).toBeLessThan(450);
    expect(new Set(codes).size).toBe(20_000);
  });

  it('draw again the bytes that would bias the alphabet', () => {
    // 248..255 are rejected (248 = 8·31); then 0 → "2", 30 → "Z", 31 → "2"
    const bytes = [255, 248, 0, 30, 31, 62, 1, 2, 3, 4, 5];
    const code = generateTrackingCode((buffer) => {
      buffer.fill(0);
      buffer.set(bytes.slice(0, buffer.length));
      return buffer;
    });
    expect(code.slice(0, 9)).toBe('2Z2234567');
  });

  it('are shown in two groups of five and parsed back from what people type', () => {
    const code = generateTrackingCode();
    const shown = formatTrackingCode(code);
    expect(shown).toMatch(/^[2-9A-Z]{5}-[2-9A-Z]{5}$/);
    for (const typed of [
      shown,
      shown.toLowerCase(),
      ` ${code.slice(0, 3)} ${code.slice(3, 7)}.${code.slice(7)} `,
      code.split('').join('-'),
    ]) {
      expect(parseTrackingCode(typed)).toEqual({ ok: true, code });
    }
  });

  it('catch every single wrong character and every swap of two characters', () => {
    const code = generateTrackingCode();
    let caught = 0;
    for (let i = 0; i < TRACKING_CODE_LENGTH; i++) {
      for (const c of TRACKING_CODE_ALPHABET) {
        if (c === code[i]) continue;
        const typo = code.slice(0, i) + c + code.slice(i + 1);
        expect(parseTrackingCode(typo)).toMatchObject({ ok: false, reason: 'check' });
        caught += 1;
      }
    }
    expect(caught).toBe(10 * 30);
    for (let i = 0; i < TRACKING_CODE_LENGTH; i++) {
      for (let j = i + 1; j < TRACKING_CODE_LENGTH; j++) {
        if (code[i] === code[j]) continue;
        const chars = [...code];
        [chars[i], chars[j]] = [chars[j]!, chars[i]!];
        expect(isTrackingCode(chars.join(''))).toBe(false);
      }
    }
  });

  it('say why typed input is not a code', () => {
    expect(parseTrackingCode('  ')).toMatchObject({ ok: false, reason: 'empty' });
    expect(parseTrackingCode('K7QM-4XPT')).toMatchObject({ ok: false, reason: 'length' });
    const withO = parseTrackingCode('K7QMO-4XPTR');
    expect(withO).toMatchObject({ ok: false, reason: 'character' });
    expect(withO.ok ? '' : withO.message).toContain('never contain 0, 1, I, L or O');
    expect(parseTrackingCode('K7QMZ-4XPT!')).toMatchObject({ ok: false, reason: 'character' });
  });
});
