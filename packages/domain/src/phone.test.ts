import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { describe, expect, it } from 'vitest';
import { normalisePhone } from './phone';

describe('phones to E.164', () => {
  it.each([
    ['06 12 34 56 78', '+33612345678'],
    ['06.12.34.56.78', '+33612345678'],
    ['0612345678', '+33612345678'],
    ['+33 6 12 34 56 78', '+33612345678'],
    ['0033 6 12 34 56 78', '+33612345678'],
    ['+33 (0)6 12 34 56 78', '+33612345678'],
    ['01 42 68 53 00', '+33142685300'],
    ['+32 470 12 34 56', '+32470123456'],
  ])('%s → %s', (input, e164) => {
    expect(normalisePhone(input)).toEqual({ ok: true, value: e164 });
  });

  it('reads national numbers in the contact country', () => {
    expect(normalisePhone('0470 12 34 56', 'BE')).toEqual({ ok: true, value: '+32470123456' });
    expect(normalisePhone('020 7946 0958', 'GB')).toEqual({ ok: true, value: '+442079460958' });
  });

  it.each([
    ['06 12', 'phone not valid for FR: too short'],
    ['06 12 34 56 78 90', 'phone not valid for FR: too long'],
    ['pas de téléphone', 'phone not valid for FR: not a phone number'],
  ])('refuses %s with a reason', (input, reason) => {
    expect(normalisePhone(input)).toEqual({ ok: false, reason });
  });

  it('agrees with libphonenumber on 30,000 random French numbers (the fast path validates the same way)', () => {
    let seed = 42;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    let valid = 0;
    for (let i = 0; i < 30_000; i++) {
      const digits = String(Math.floor(random() * 1e9)).padStart(9, '0');
      const input =
        i % 3 === 0 ? `0${digits}` : i % 3 === 1 ? `+33${digits}` : `0${digits}`.replace(/(\d\d)/g, '$1 ');
      const slow = parsePhoneNumberFromString(input, 'FR');
      const expected = slow?.isValid() ? slow.number : undefined;
      const fast = normalisePhone(input);
      expect(fast.ok ? fast.value : undefined, input).toBe(expected);
      if (fast.ok) valid++;
    }
    expect(valid).toBeGreaterThan(1000);
  });
});
