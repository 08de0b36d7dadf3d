import { AppError, type FieldError } from '@relance/domain/errors';
import { describe, expect, it } from 'vitest';
import { compileSms, hasStopMention, renderSms, senderNameError } from './sms';

function errorsOf(fn: () => unknown): FieldError[] {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    return (e as AppError).fieldErrors;
  }
  throw new Error('expected a validation error');
}

describe('SMS', () => {
  it('compiles, counts segments with the example contact and merges without escaping', () => {
    const sms = compileSms({
      text: '{{firstName|Bonjour}}, -20% avec le code {{trackingCode}} : {{trackingUrl}} STOP au 36180',
      senderName: 'MARTINPAIN',
    });
    expect(sms.exampleLength).toMatchObject({ encoding: 'gsm7', segments: 1 });
    expect(
      renderSms(sms, { firstName: 'Zoé & <Léa>', trackingCode: 'AB12', trackingUrl: 'https://r.fr/c/AB12' }),
    ).toBe('Zoé & <Léa>, -20% avec le code AB12 : https://r.fr/c/AB12 STOP au 36180');
  });

  it.each([
    'STOP au 36180',
    'Stop au 36 180',
    'STOP 36180',
    'Stop SMS : 36180',
    'STOP SMS au 36111',
    'Stop: 36180',
    'STOP=36180',
    'stop sms 36180',
    'Répondez STOP pour ne plus recevoir nos SMS',
    'Repondre STOP',
    'Envoyez STOP au 36180',
  ])('accepts the opt-out mention "%s"', (mention) => {
    expect(hasStopMention(`Soldes -30% ce week-end. ${mention}`)).toBe(true);
  });

  it.each([
    'Soldes -30%',
    'STOP',
    'Stop aux prix élevés !',
    'STOP au 3618',
    'Arrêtez au 36180',
    'nonstop 36180',
  ])('refuses "%s" as an opt-out mention', (text) => {
    expect(hasStopMention(text)).toBe(false);
  });

  it('does not count a STOP mention hidden in a fallback', () => {
    expect(
      errorsOf(() => compileSms({ text: 'Promo ! {{offer|STOP au 36180}}', senderName: 'MARTIN' }))[0]!
        .message,
    ).toMatch(/opt-out mention/);
  });

  it('requires the STOP mention only for commercial messages', () => {
    expect(
      errorsOf(() => compileSms({ text: 'Votre code : {{trackingCode}}', senderName: 'MARTIN' })),
    ).toEqual([
      {
        field: 'text',
        message: 'A commercial SMS needs an opt-out mention, e.g. "STOP au 36180" or "Stop SMS : 36180".',
      },
    ]);
    expect(
      compileSms({ text: 'Votre code : {{trackingCode}}', senderName: 'MARTIN', commercial: false })
        .senderName,
    ).toBe('MARTIN');
  });

  it.each([
    ['AB', /2 characters: it must be 3 to 11/],
    ['BOULANGERIEMARTIN', /17 characters/],
    ['MARTIN PAIN', /no spaces, accents/],
    ['Crêpes', /no spaces, accents/],
    ['36180', /at least one letter/],
  ])('refuses the sender name %s', (name, message) => {
    expect(senderNameError(name)).toMatch(message);
  });

  it.each(['ABC', 'MARTINPAIN1', 'Relance'])('accepts the sender name %s', (name) => {
    expect(senderNameError(name)).toBeNull();
  });

  it('lists every problem at once: unknown field, bad sender, too long with the example contact', () => {
    const errors = errorsOf(() =>
      compileSms({ text: `${'x'.repeat(1600)} {{prenom}} STOP au 36180`, senderName: 'A B' }),
    );
    expect(errors.map((e) => e.field)).toEqual(['text', 'senderName']);
    expect(errors[0]!.message).toBe(
      'line 1, column 1602: unknown merge field {{prenom}}: did you mean {{firstName}}?',
    );

    const long = errorsOf(() =>
      compileSms({ text: `${'x'.repeat(1520)} {{firstName}} STOP au 36180`, senderName: 'ABC' }),
    );
    expect(long).toHaveLength(1);
    expect(long[0]!.message).toMatch(/^With the example contact: Too long: 11 SMS segments, at most 10/);
  });
});
