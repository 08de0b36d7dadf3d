/**
 * One CSV record → a normalised contact or order row ready for the staging table, or the reasons the row
 * is refused (one per bad cell, naming the CSV column). Blank cells become null: "keep what is stored".
 */

import { parseEmail } from '@relance/domain/email';
import { ATTRIBUTE_PREFIX, IGNORE, type ImportMapping } from '@relance/domain/import-fields';
import { normalisePhone } from '@relance/domain/phone';
import type { Civility, ConsentStatus, ContactKind, ImportKind } from '@relance/domain/vocabulary';
import {
  type Parsed,
  parseAmount,
  parseBoolean,
  parseCivility,
  parseConsent,
  parseContactKind,
  parseCountry,
  parseDate,
  parseTags,
  parseText,
} from './normalise';

export interface RowError {
  line: number;
  /** the CSV header of the column, '' for the whole row */
  column: string;
  reason: string;
  value: string | null;
}

export const CONSENT_FIELDS = {
  consentEmail: 'email',
  consentSms: 'sms',
  consentVoice: 'voice',
  consentPostal: 'postal',
  consentPhone: 'phone',
} as const;
export type ConsentField = keyof typeof CONSENT_FIELDS;

export interface ContactRow {
  line: number;
  externalId: string | null;
  kind: ContactKind | null;
  civility: Civility | null;
  firstName: string | null;
  lastName: string | null;
  companyName: string | null;
  jobTitle: string | null;
  email: string | null;
  phone: string | null;
  mobile: string | null;
  addressLine1: string | null;
  addressLine2: string | null;
  postalCode: string | null;
  city: string | null;
  country: string | null;
  tags: string[] | null;
  attributes: Record<string, string> | null;
  consents: Record<ConsentField, ConsentStatus | null>;
}

export interface OrderRow {
  line: number;
  externalId: string | null;
  contactExternalId: string | null;
  contactEmail: string | null;
  orderedAt: Date;
  amountCents: number;
  marginCents: number | null;
  promo: boolean | null;
  voucher: boolean | null;
  source: string | null;
}

export type Mapped<T> = { ok: true; row: T; keys: string[] } | { ok: false; errors: RowError[] };

const TEXT_LIMITS: Record<string, number> = {
  externalId: 100,
  firstName: 200,
  lastName: 200,
  companyName: 300,
  jobTitle: 200,
  addressLine1: 300,
  addressLine2: 300,
  postalCode: 20,
  city: 200,
  source: 200,
  contactExternalId: 100,
};
const ATTRIBUTE_LIMIT = 2000;
const STORED_VALUE_LIMIT = 500;

/** The columns of one file compiled against its mapping. */
export class RowMapper {
  readonly kind: ImportKind;
  readonly headers: readonly string[];
  /** field key → column index */
  private readonly index = new Map<string, number>();
  private readonly attributes: [number, string][] = [];

  constructor(kind: ImportKind, headers: readonly string[], mapping: ImportMapping) {
    this.kind = kind;
    this.headers = headers;
    headers.forEach((header, i) => {
      const target = mapping[header];
      if (target === undefined || target === IGNORE) return;
      if (target.startsWith(ATTRIBUTE_PREFIX))
        this.attributes.push([i, target.slice(ATTRIBUTE_PREFIX.length)]);
      else this.index.set(target, i);
    });
  }

  /** The CSV header mapped to a field ('' when none). */
  headerOf(field: string): string {
    const i = this.index.get(field);
    return i === undefined ? '' : this.headers[i]!;
  }

  map(record: readonly string[], line: number): Mapped<ContactRow> | Mapped<OrderRow> {
    return this.kind === 'contacts' ? this.mapContact(record, line) : this.mapOrder(record, line);
  }

  mapContact(record: readonly string[], line: number): Mapped<ContactRow> {
    const c = new Cells(this, record, line);
    const country = c.parse('country', parseCountry);
    const region = country ?? 'FR';
    const email = c.parse('email', parseEmail);
    const row: ContactRow = {
      line,
      externalId: c.text('externalId'),
      kind: c.parse('kind', parseContactKind),
      civility: c.parse('civility', parseCivility),
      firstName: c.text('firstName'),
      lastName: c.text('lastName'),
      companyName: c.text('companyName'),
      jobTitle: c.text('jobTitle'),
      email,
      phone: c.parse('phone', (v) => phone(v, region)),
      mobile: c.parse('mobile', (v) => phone(v, region)),
      addressLine1: c.text('addressLine1'),
      addressLine2: c.text('addressLine2'),
      postalCode: c.text('postalCode'),
      city: c.text('city'),
      country,
      tags: c.parse('tags', parseTags),
      attributes: null,
      consents: {
        consentEmail: c.parse('consentEmail', parseConsent),
        consentSms: c.parse('consentSms', parseConsent),
        consentVoice: c.parse('consentVoice', parseConsent),
        consentPostal: c.parse('consentPostal', parseConsent),
        consentPhone: c.parse('consentPhone', parseConsent),
      },
    };
    if (row.tags?.length === 0) row.tags = null;
    for (const [i, name] of this.attributes) {
      const value = c.rawAt(i);
      if (value === null) continue;
      const checked = parseText(value, ATTRIBUTE_LIMIT);
      if (!checked.ok) c.fail(this.headers[i]!, checked.reason, value);
      else {
        row.attributes ??= {};
        row.attributes[name] = value;
      }
    }
    if (row.lastName === null && row.companyName === null && c.errors.length === 0) {
      c.fail('', 'missing required column lastName or companyName: give a last name or a company name', null);
    }
    if (c.errors.length) return { ok: false, errors: c.errors };
    const keys: string[] = [];
    if (row.externalId !== null) keys.push(`x${row.externalId}`);
    if (email !== null) keys.push(`e${email}`);
    if (row.externalId === null && email === null && (row.mobile ?? row.phone) !== null) {
      keys.push(`p${row.mobile ?? row.phone}`);
    }
    return { ok: true, row, keys };
  }

  mapOrder(record: readonly string[], line: number): Mapped<OrderRow> {
    const c = new Cells(this, record, line);
    const orderedAt = c.parse('orderedAt', parseDate);
    const amountCents = c.parse('amount', parseAmount);
    const row = {
      line,
      externalId: c.text('externalId'),
      contactExternalId: c.text('contactExternalId'),
      contactEmail: c.parse('contactEmail', parseEmail),
      orderedAt,
      amountCents,
      marginCents: c.parse('margin', parseAmount),
      promo: c.parse('promo', parseBoolean),
      voucher: c.parse('voucher', parseBoolean),
      source: c.text('source'),
    };
    if (c.errors.length === 0) {
      if (row.contactExternalId === null && row.contactEmail === null) {
        c.fail('', 'missing required column contactExternalId or contactEmail: say whose order it is', null);
      }
      if (orderedAt === null) c.fail(this.headerOf('orderedAt'), 'missing order date', null);
      if (amountCents === null) c.fail(this.headerOf('amount'), 'missing amount', null);
    }
    if (c.errors.length || orderedAt === null || amountCents === null) return { ok: false, errors: c.errors };
    return {
      ok: true,
      row: { ...row, orderedAt, amountCents },
      keys: row.externalId === null ? [] : [`o${row.externalId}`],
    };
  }

  fieldIndex(field: string): number | undefined {
    return this.index.get(field);
  }
}

function phone(value: string, region: string): Parsed<string> {
  const r = normalisePhone(value, region);
  return r.ok ? r : { ok: false, reason: r.reason };
}

/** Reads the cells of one record, collecting errors. */
class Cells {
  readonly errors: RowError[] = [];
  constructor(
    private readonly mapper: RowMapper,
    private readonly record: readonly string[],
    private readonly line: number,
  ) {}

  rawAt(i: number): string | null {
    const v = this.record[i];
    if (v === undefined) return null;
    const t = v.trim();
    return t === '' ? null : t;
  }

  fail(column: string, reason: string, value: string | null): void {
    this.errors.push({
      line: this.line,
      column,
      reason,
      value: value === null ? null : value.slice(0, STORED_VALUE_LIMIT),
    });
  }

  /** A free-text field: as given, without control characters, within its length. */
  text(field: string): string | null {
    const i = this.mapper.fieldIndex(field);
    if (i === undefined) return null;
    const v = this.rawAt(i);
    if (v === null) return null;
    const checked = parseText(v, TEXT_LIMITS[field] ?? 300);
    if (checked.ok) return v;
    this.fail(this.mapper.headers[i]!, checked.reason, v);
    return null;
  }

  parse<T>(field: string, parser: (value: string) => Parsed<T>): T | null {
    const i = this.mapper.fieldIndex(field);
    if (i === undefined) return null;
    const v = this.rawAt(i);
    if (v === null) return null;
    const checked = parseText(v, 1000);
    const parsed = checked.ok ? parser(v) : checked;
    if (parsed.ok) return parsed.value as T;
    this.fail(this.mapper.headers[i]!, parsed.reason, v);
    return null;
  }
}
