import { describe, expect, it } from 'vitest';
import {
  parseAmount,
  parseBoolean,
  parseCivility,
  parseConsent,
  parseCountry,
  parseDate,
  parseTags,
  parseText,
} from './normalise';

const value = <T>(r: { ok: true; value: T } | { ok: false; reason: string }) =>
  r.ok ? r.value : `ERR ${r.reason}`;

describe('civilities', () => {
  it.each([
    ['M', 'M.'],
    ['M.', 'M.'],
    ['monsieur', 'M.'],
    ['Mr', 'M.'],
    ['MR.', 'M.'],
    ['Mme', 'Mme'],
    ['Madame', 'Mme'],
    ['Mlle', 'Mme'],
    ['Mrs', 'Mme'],
    ['Ms', 'Mme'],
  ])('%s → %s', (input, expected) => {
    expect(value(parseCivility(input))).toBe(expected);
  });
  it('refuses an unknown one', () => {
    expect(value(parseCivility('Dr'))).toBe('ERR unknown civility "Dr": use M. or Mme');
  });
});

describe('amounts in euros → cents', () => {
  it.each([
    ['1 234,56', 123456],
    ['1234.56', 123456],
    ['1 234,56 €', 123456],
    ['1\u00a0234,56\u00a0€', 123456],
    ['1.234,56', 123456],
    ['1,234.56', 123456],
    ['12', 1200],
    ['12,5', 1250],
    ['0,05', 5],
    ['-12,50', -1250],
    ['1.234.567', 123456700],
    ['EUR 99', 9900],
  ])('%s → %i', (input, cents) => {
    expect(value(parseAmount(input))).toBe(cents);
  });
  it.each(['abc', '12,345', '1.234', '1,2,3.4.5', '12,345 6', ''])('refuses %s', (input) => {
    expect(parseAmount(input).ok).toBe(false);
  });
});

describe('dates (Europe/Paris wall clock → UTC)', () => {
  it.each([
    ['15/01/2024', '2024-01-14T23:00:00.000Z'],
    ['15/07/2024', '2024-07-14T22:00:00.000Z'],
    ['15/07/2024 14:30', '2024-07-15T12:30:00.000Z'],
    ['5/1/2024 08h05', '2024-01-05T07:05:00.000Z'],
    ['15-01-24', '2024-01-14T23:00:00.000Z'],
    ['2024-01-15', '2024-01-14T23:00:00.000Z'],
    ['2024-01-15T10:00:00Z', '2024-01-15T10:00:00.000Z'],
    ['2024-01-15T10:00:00+02:00', '2024-01-15T08:00:00.000Z'],
    ['2024-03-31 02:30', '2024-03-31T01:30:00.000Z'],
  ])('%s → %s', (input, iso) => {
    const r = parseDate(input);
    expect(r.ok && r.value.toISOString()).toBe(iso);
  });
  it.each(['31/02/2024', '2024-13-01', 'hier', '15/01/2024 25:00', '01/15/2024'])('refuses %s', (input) => {
    expect(parseDate(input).ok).toBe(false);
  });
});

describe('booleans and consents', () => {
  it.each([
    ['oui', true],
    ['Oui', true],
    ['YES', true],
    ['1', true],
    ['true', true],
    ['opt-in', true],
    ['non', false],
    ['No', false],
    ['0', false],
    ['false', false],
    ['Opt-out', false],
  ])('%s → %s', (input, expected) => {
    expect(value(parseBoolean(input))).toBe(expected);
  });
  it('maps consents, and refuses what is not one', () => {
    expect(value(parseConsent('oui'))).toBe('opt_in');
    expect(value(parseConsent('opt-out'))).toBe('opt_out');
    expect(value(parseConsent('inconnu'))).toBe('unknown');
    expect(parseConsent('peut-être').ok).toBe(false);
  });
});

describe('text, countries and tags', () => {
  it('keeps text as given, formulas and HTML included, and refuses control characters and overlong text', () => {
    expect(value(parseText('=HYPERLINK("http://x","y")', 100))).toBe('=HYPERLINK("http://x","y")');
    expect(value(parseText('<b>Dupont</b>', 100))).toBe('<b>Dupont</b>');
    expect(value(parseText('a\u0007b', 100))).toBe('ERR control character U+0007 is not allowed');
    expect(value(parseText('x'.repeat(201), 200))).toBe('ERR too long: 201 characters, at most 200');
  });
  it('reads ISO codes and common names', () => {
    expect(value(parseCountry('fr'))).toBe('FR');
    expect(value(parseCountry('Belgique'))).toBe('BE');
    expect(parseCountry('Atlantide').ok).toBe(false);
  });
  it('splits tags on | or , and drops blanks and repeats', () => {
    expect(value(parseTags('vip| client ,vip,,fidèle'))).toEqual(['vip', 'client', 'fidèle']);
  });
});
