import { describe, expect, it } from 'vitest';
import {
  CONTACT_FIELDS,
  matchHeader,
  missingRequired,
  normaliseHeader,
  ORDER_FIELDS,
  suggestMapping,
  validateMapping,
} from './import-fields';

describe('header matching', () => {
  it('ignores case, accents, spaces and punctuation', () => {
    expect(normaliseHeader('  Tél. Portable ')).toBe('telportable');
    expect(normaliseHeader('E-MAIL')).toBe('email');
    expect(normaliseHeader('Raison sociale')).toBe('raisonsociale');
  });

  it.each([
    ['Email', 'email'],
    ['E-mail', 'email'],
    ['Courriel', 'email'],
    ['MAIL', 'email'],
    ['Nom', 'lastName'],
    ['Prénom', 'firstName'],
    ['PRENOM', 'firstName'],
    ['Civilité', 'civility'],
    ['Société', 'companyName'],
    ['Raison sociale', 'companyName'],
    ['Fonction', 'jobTitle'],
    ['Téléphone', 'phone'],
    ['Tél', 'phone'],
    ['Tel.', 'phone'],
    ['Portable', 'mobile'],
    ['Mobile', 'mobile'],
    ['Adresse', 'addressLine1'],
    ['Adresse 2', 'addressLine2'],
    ['Complément', 'addressLine2'],
    ["Complément d'adresse", 'addressLine2'],
    ['Code postal', 'postalCode'],
    ['CP', 'postalCode'],
    ['Ville', 'city'],
    ['Pays', 'country'],
    ['Tags', 'tags'],
    ['Référence', 'externalId'],
    ['ID client', 'externalId'],
    ['External id', 'externalId'],
    ['Consentement email', 'consentEmail'],
    ['Opt-in SMS', 'consentSms'],
    ['Consentement courrier', 'consentPostal'],
    ['Consentement téléphone', 'consentPhone'],
    ['Consentement message vocal', 'consentVoice'],
  ])('contacts: "%s" → %s', (header, key) => {
    expect(matchHeader(header, 'contacts')).toBe(key);
  });

  it.each([
    ['Référence commande', 'externalId'],
    ['N° commande', 'externalId'],
    ['Order ref', 'externalId'],
    ['ID client', 'contactExternalId'],
    ['Email', 'contactEmail'],
    ['Date de commande', 'orderedAt'],
    ['Montant', 'amount'],
    ['Marge', 'margin'],
    ['Promo', 'promo'],
    ["Bon d'achat", 'voucher'],
    ['Voucher', 'voucher'],
    ['Source', 'source'],
  ])('orders: "%s" → %s', (header, key) => {
    expect(matchHeader(header, 'orders')).toBe(key);
  });

  it('does not match an unknown header', () => {
    expect(matchHeader('Date de naissance', 'contacts')).toBeUndefined();
  });

  it('every field has both labels and a value kind', () => {
    for (const f of [...CONTACT_FIELDS, ...ORDER_FIELDS]) {
      expect(f.label.en).not.toBe('');
      expect(f.label.fr).not.toBe('');
      expect(f.valueKind).toBeTruthy();
    }
  });
});

describe('suggestMapping', () => {
  it('maps each field once, first column wins, the rest is ignored', () => {
    const mapping = suggestMapping(['Nom', 'Prénom', 'Courriel', 'E-mail', 'Date de naissance'], 'contacts');
    expect(mapping).toEqual({
      Nom: 'lastName',
      Prénom: 'firstName',
      Courriel: 'email',
      'E-mail': 'ignore',
      'Date de naissance': 'ignore',
    });
  });
});

describe('missingRequired', () => {
  it('names the group when no field of it is mapped', () => {
    expect(missingRequired({ Email: 'email' }, 'contacts')).toEqual(['lastName or companyName']);
    expect(missingRequired({ Société: 'companyName' }, 'contacts')).toEqual([]);
    expect(missingRequired({ Montant: 'amount' }, 'orders')).toEqual([
      'orderedAt',
      'contactExternalId or contactEmail',
    ]);
  });
});

describe('validateMapping', () => {
  it('names the column of an unknown target, a field mapped twice, and misplaced attributes', () => {
    const errors = validateMapping(
      {
        Nom: 'lastName',
        Courriel: 'emial',
        Mail: 'lastName',
        Anniv: 'attribute:birthday',
        Vide: 'attribute:',
      },
      'contacts',
    );
    expect(errors.map((e) => e.field)).toEqual(['mapping.Courriel', 'mapping.Mail', 'mapping.Vide']);
    expect(errors[0]!.message).toContain('unknown contacts field "emial"');
    expect(validateMapping({ Anniv: 'attribute:x' }, 'orders')[0]!.message).toContain('only contacts');
    expect(validateMapping({ Nom: 'lastName', X: 'ignore' }, 'contacts')).toEqual([]);
  });
});
