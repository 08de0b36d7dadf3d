import { describe, expect, it } from 'vitest';
import { parseEmail } from './email';

const value = (r: { ok: true; value: string } | { ok: false; reason: string }) =>
  r.ok ? r.value : `ERR ${r.reason}`;

describe('emails', () => {
  it('lower-cases and trims valid addresses', () => {
    expect(value(parseEmail('  Jean.Dupont+promo@Exemple.FR '))).toBe('jean.dupont+promo@exemple.fr');
    expect(value(parseEmail("o'neil@sub.domaine.co.uk"))).toBe("o'neil@sub.domaine.co.uk");
  });
  it.each([
    ['jean.dupont.exemple.fr', 'invalid email: no @ sign'],
    ['jean@@exemple.fr', 'invalid email: more than one @ sign'],
    ['@exemple.fr', 'invalid email: nothing before the @ sign'],
    ['jean@', 'invalid email: no domain after the @ sign'],
    ['jean@exemple', 'invalid email: domain "exemple" has no dot'],
    ['jean dupont@exemple.fr', 'invalid email: contains a space'],
    ['jean..dupont@exemple.fr', 'invalid email: the part before @ has characters not allowed'],
    ['jean@exemple..fr', 'invalid email: domain "exemple..fr" is not valid'],
  ])('refuses %s with a reason', (input, reason) => {
    expect(value(parseEmail(input))).toBe(`ERR ${reason}`);
  });
});
