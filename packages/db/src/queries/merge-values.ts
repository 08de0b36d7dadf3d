import { eq, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { contacts } from '../schema/contacts';
import { orders } from '../schema/orders';

const CIVILITY_WORDS: Record<string, string> = { 'M.': 'Monsieur', Mme: 'Madame' };
const LONG_DATE = new Intl.DateTimeFormat('fr-FR', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'Europe/Paris',
});

/** French national format for a French number (+33612345678 → 06 12 34 56 78); others as stored. */
function displayPhone(e164: string | null): string | null {
  if (!e164) return null;
  const m = /^\+33(\d)(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(e164);
  return m ? `0${m.slice(1).join(' ')}` : e164;
}

/**
 * A contact's merge values as a message uses them: the civility spelled out, the company (its own name, or its
 * company's), the phone in French format, the last order date in French. Send-specific values (tracking code and
 * URLs, offer, sender) are the caller's.
 */
export async function contactMergeValues(db: Db, contactId: number) {
  const [row] = await db
    .select({
      civility: contacts.civility,
      firstName: contacts.firstName,
      lastName: contacts.lastName,
      companyName: contacts.companyName,
      parentCompany: sql<
        string | null
      >`(SELECT p.company_name FROM contacts p WHERE p.id = ${contacts.companyId})`,
      email: contacts.email,
      mobile: contacts.mobile,
      phone: contacts.phone,
      addressLine1: contacts.addressLine1,
      postalCode: contacts.postalCode,
      city: contacts.city,
      lastOrderAt: sql<
        string | null
      >`(SELECT max(${orders.orderedAt})::text FROM ${orders} WHERE ${orders.contactId} = ${contacts.id})`,
    })
    .from(contacts)
    .where(eq(contacts.id, contactId));
  return row ? mergeValuesFromRow(row) : null;
}

/** The contact's columns a message may use, as read by `contactMergeValues` or by the dispatch engine's claim. */
export interface MergeSourceRow {
  civility: string | null;
  firstName: string | null;
  lastName: string | null;
  companyName: string | null;
  parentCompany: string | null;
  email: string | null;
  mobile: string | null;
  phone: string | null;
  addressLine1: string | null;
  postalCode: string | null;
  city: string | null;
  lastOrderAt: string | null;
}

/** A contact's merge values from its columns (the formatting of `contactMergeValues`, for rows read in bulk). */
export function mergeValuesFromRow(row: MergeSourceRow) {
  return {
    civility: row.civility ? (CIVILITY_WORDS[row.civility] ?? row.civility) : null,
    firstName: row.firstName,
    lastName: row.lastName,
    company: row.companyName ?? row.parentCompany,
    email: row.email,
    phone: displayPhone(row.mobile ?? row.phone),
    addressLine1: row.addressLine1,
    postalCode: row.postalCode,
    city: row.city,
    lastOrderDate: row.lastOrderAt ? LONG_DATE.format(new Date(row.lastOrderAt)) : null,
  };
}
