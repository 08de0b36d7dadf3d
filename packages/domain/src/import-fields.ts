/**
 * The target fields of a CSV import (contacts or orders), their French and English header synonyms,
 * and the automatic mapping suggestion used by the web app's mapping step and by the worker.
 * Pure: no I/O. Header matching ignores case, accents, spaces and punctuation ("E-mail" = "email",
 * "Tél." = "tel", "Code postal" = "CODE_POSTAL").
 */
import type { FieldError } from './errors';
import type { ImportKind } from './vocabulary';

export type ImportValueKind =
  | 'text'
  | 'email'
  | 'phone'
  | 'civility'
  | 'contactKind'
  | 'country'
  | 'tags'
  | 'consent'
  | 'boolean'
  | 'date'
  | 'money';

export interface ImportField {
  key: string;
  label: { en: string; fr: string };
  /** `true`: the column must be mapped. A string: at least one field of that group must be mapped. */
  required: boolean | string;
  valueKind: ImportValueKind;
  /** header synonyms, matched with `normaliseHeader` */
  synonyms: readonly string[];
}

/** Where a CSV column goes: a field key, nowhere, or the contact's free `attributes` under a name. */
export type MappingTarget = string;
export type ImportMapping = Record<string, MappingTarget>;

export const IGNORE = 'ignore';
export const ATTRIBUTE_PREFIX = 'attribute:';

const CONSENT_WORDS = ['consentement', 'consent', 'optin', 'opt in', 'accord', 'accepte', 'rgpd'];

function consentSynonyms(channelWords: readonly string[]): string[] {
  const out: string[] = [];
  for (const c of CONSENT_WORDS) {
    for (const w of channelWords) out.push(`${c} ${w}`, `${w} ${c}`, `${c} par ${w}`);
  }
  return out;
}

/** "a|b|c" → ['a', 'b', 'c']: keeps the synonym lists short to read */
function words(list: string): string[] {
  return list.split('|');
}

function field(
  key: string,
  en: string,
  fr: string,
  valueKind: ImportValueKind,
  synonyms: readonly string[],
  required: boolean | string = false,
): ImportField {
  return { key, label: { en, fr }, required, valueKind, synonyms: [key, en, fr, ...synonyms] };
}

const NAME_GROUP = 'name';
const CONTACT_GROUP = 'contact';

export const CONTACT_FIELDS: readonly ImportField[] = [
  field(
    'externalId',
    'External ID',
    'Référence client',
    'text',
    words(
      'reference|ref|ref client|id client|identifiant|identifiant client|code client|numero client|n client|no client|external id|customer id|client id|customer ref|id',
    ),
  ),
  field('kind', 'Kind', 'Type de contact', 'contactKind', ['type', 'nature', 'contact type', 'kind']),
  field('civility', 'Civility', 'Civilité', 'civility', ['civilite', 'title', 'titre', 'salutation']),
  field('firstName', 'First name', 'Prénom', 'text', ['prenom', 'first name', 'firstname', 'given name']),
  field(
    'lastName',
    'Last name',
    'Nom',
    'text',
    ['nom', 'nom de famille', 'last name', 'lastname', 'surname', 'family name', 'name'],
    NAME_GROUP,
  ),
  field(
    'companyName',
    'Company',
    'Société',
    'text',
    words(
      'societe|raison sociale|entreprise|company|company name|organisation|organization|etablissement|nom societe|nom entreprise',
    ),
    NAME_GROUP,
  ),
  field('jobTitle', 'Job title', 'Fonction', 'text', ['fonction', 'poste', 'job title', 'job', 'position']),
  field(
    'email',
    'Email',
    'E-mail',
    'email',
    words(
      'email|e-mail|courriel|mail|adresse email|adresse e-mail|adresse mail|adresse courriel|email address',
    ),
  ),
  field(
    'phone',
    'Phone',
    'Téléphone',
    'phone',
    words('telephone|tel|phone|telephone fixe|tel fixe|fixe|landline|phone number|numero de telephone'),
  ),
  field(
    'mobile',
    'Mobile',
    'Portable',
    'phone',
    words(
      'portable|mobile|tel portable|telephone portable|tel mobile|telephone mobile|mobile phone|cell|cellphone|gsm',
    ),
  ),
  field(
    'addressLine1',
    'Address',
    'Adresse',
    'text',
    words('adresse|adresse 1|adresse ligne 1|address|address 1|address line 1|rue|street|voie'),
  ),
  field(
    'addressLine2',
    'Address line 2',
    'Adresse 2',
    'text',
    words(
      'adresse 2|adresse ligne 2|complement|complement d adresse|complement adresse|address 2|address line 2',
    ),
  ),
  field(
    'postalCode',
    'Postal code',
    'Code postal',
    'text',
    words('code postal|cp|postal code|zip|zip code|postcode'),
  ),
  field('city', 'City', 'Ville', 'text', ['ville', 'city', 'commune', 'localite', 'town']),
  field('country', 'Country', 'Pays', 'country', ['pays', 'country', 'code pays', 'country code']),
  field('tags', 'Tags', 'Étiquettes', 'tags', ['tags', 'tag', 'etiquettes', 'mots cles', 'labels']),
  field('consentEmail', 'Email consent', 'Consentement e-mail', 'consent', [
    ...consentSynonyms(['email', 'e-mail', 'mail', 'courriel']),
    'newsletter',
  ]),
  field('consentSms', 'SMS consent', 'Consentement SMS', 'consent', [...consentSynonyms(['sms']), 'sms']),
  field(
    'consentVoice',
    'Voice message consent',
    'Consentement message vocal',
    'consent',
    consentSynonyms(['vocal', 'voice', 'vms', 'message vocal']),
  ),
  field(
    'consentPostal',
    'Postal mail consent',
    'Consentement courrier',
    'consent',
    consentSynonyms(['courrier', 'postal', 'poste', 'post']),
  ),
  field(
    'consentPhone',
    'Phone call consent',
    'Consentement téléphone',
    'consent',
    consentSynonyms(['telephone', 'tel', 'phone', 'appel', 'telemarketing']),
  ),
];

export const ORDER_FIELDS: readonly ImportField[] = [
  field(
    'externalId',
    'Order reference',
    'Référence commande',
    'text',
    words(
      'reference|ref|ref commande|reference commande|numero de commande|numero commande|n commande|no commande|commande|order ref|order reference|order id|order number|order',
    ),
  ),
  field(
    'contactExternalId',
    'Customer external ID',
    'Référence client',
    'text',
    words(
      'reference client|ref client|id client|code client|numero client|n client|customer id|client id|customer ref|external id',
    ),
    CONTACT_GROUP,
  ),
  field(
    'contactEmail',
    'Customer email',
    'E-mail client',
    'email',
    ['email', 'e-mail', 'courriel', 'mail', 'email client', 'courriel client', 'customer email'],
    CONTACT_GROUP,
  ),
  field(
    'orderedAt',
    'Order date',
    'Date de commande',
    'date',
    words('date de commande|date commande|date|order date|ordered at|date d achat|purchase date'),
    true,
  ),
  field(
    'amount',
    'Amount (€)',
    'Montant (€)',
    'money',
    words('montant|montant ttc|montant eur|total|total ttc|amount|chiffre d affaires|ca|prix'),
    true,
  ),
  field('margin', 'Margin (€)', 'Marge (€)', 'money', ['marge', 'margin', 'marge eur']),
  field('promo', 'Promotion', 'Promo', 'boolean', ['promo', 'promotion', 'en promo', 'promotional']),
  field(
    'voucher',
    'Voucher',
    "Bon d'achat",
    'boolean',
    words('bon d achat|voucher|coupon|bon de reduction|cheque cadeau'),
  ),
  field('source', 'Source', 'Source', 'text', ['source', 'canal', 'origine', 'channel', 'origin']),
];

export function importFields(kind: ImportKind): readonly ImportField[] {
  return kind === 'contacts' ? CONTACT_FIELDS : ORDER_FIELDS;
}

/** Lower-cased, accents removed, everything but letters and digits dropped: "Tél. portable" → "telportable". */
export function normaliseHeader(header: string): string {
  return header
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .replace(/[^a-z0-9]/g, '');
}

const synonymIndex = new Map<ImportKind, Map<string, string>>();

function indexFor(kind: ImportKind): Map<string, string> {
  let index = synonymIndex.get(kind);
  if (!index) {
    index = new Map();
    for (const f of importFields(kind)) {
      for (const s of f.synonyms) {
        const n = normaliseHeader(s);
        if (n && !index.has(n)) index.set(n, f.key);
      }
    }
    synonymIndex.set(kind, index);
  }
  return index;
}

/** The field a header names, or undefined. */
export function matchHeader(header: string, kind: ImportKind): string | undefined {
  return indexFor(kind).get(normaliseHeader(header));
}

/** A mapping for every header: the matching field (each field at most once, first column wins) or `ignore`. */
export function suggestMapping(headers: readonly string[], kind: ImportKind): ImportMapping {
  const used = new Set<string>();
  const mapping: ImportMapping = {};
  for (const header of headers) {
    if (header in mapping) continue;
    const key = matchHeader(header, kind);
    if (key && !used.has(key)) {
      used.add(key);
      mapping[header] = key;
    } else {
      mapping[header] = IGNORE;
    }
  }
  return mapping;
}

/** The required fields (or groups, "lastName or companyName") that no column is mapped to. */
export function missingRequired(mapping: ImportMapping, kind: ImportKind): string[] {
  const mapped = new Set(Object.values(mapping));
  const missing: string[] = [];
  const groups = new Map<string, string[]>();
  for (const f of importFields(kind)) {
    if (f.required === true && !mapped.has(f.key)) missing.push(f.key);
    if (typeof f.required === 'string') groups.set(f.required, [...(groups.get(f.required) ?? []), f.key]);
  }
  for (const keys of groups.values()) {
    if (!keys.some((k) => mapped.has(k))) missing.push(keys.join(' or '));
  }
  return missing;
}

/**
 * Checks a mapping against the field list: every target is a known field, `ignore`, or (contacts only)
 * `attribute:<name>`; no field is mapped twice. Field errors are named `mapping.<csv header>`.
 */
export function validateMapping(mapping: ImportMapping, kind: ImportKind): FieldError[] {
  const keys = new Set(importFields(kind).map((f) => f.key));
  const seen = new Map<string, string>();
  const errors: FieldError[] = [];
  for (const [header, target] of Object.entries(mapping)) {
    const at = `mapping.${header}`;
    if (header.trim() === '') {
      errors.push({ field: at, message: 'A column has an empty header: name it in the file.' });
      continue;
    }
    if (target === IGNORE) continue;
    if (target.startsWith(ATTRIBUTE_PREFIX)) {
      if (kind !== 'contacts') {
        errors.push({ field: at, message: `Column "${header}": only contacts have free attributes.` });
      } else if (target.slice(ATTRIBUTE_PREFIX.length).trim() === '') {
        errors.push({ field: at, message: `Column "${header}": give the attribute a name.` });
      }
      continue;
    }
    if (!keys.has(target)) {
      errors.push({ field: at, message: `Column "${header}": unknown ${kind} field "${target}".` });
      continue;
    }
    const previous = seen.get(target);
    if (previous !== undefined) {
      errors.push({
        field: at,
        message: `Column "${header}": field "${target}" is already mapped from column "${previous}".`,
      });
      continue;
    }
    seen.set(target, header);
  }
  return errors;
}
