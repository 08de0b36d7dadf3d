import type { Faker } from '@faker-js/faker';
import type { consentEvents, consents, suppressions } from '@relance/db/schema/contacts';
import type { Channel, ConsentStatus, LegalBasis, SuppressionReason } from '@relance/domain/vocabulary';
import { assertNever } from '@relance/domain/vocabulary';
import { isCustomer, type SeededContact } from './customers';
import { daysBefore, slug } from './random';

export type ConsentRow = typeof consents.$inferInsert;
export type ConsentEventRow = typeof consentEvents.$inferInsert;
export type SuppressionRow = typeof suppressions.$inferInsert;

/** The address a channel reaches for a contact, or null when it has none. */
function addressFor(contact: SeededContact, channel: Channel): string | null {
  const row = contact.row;
  switch (channel) {
    case 'email':
      return row.email ?? null;
    case 'sms':
    case 'voice':
      return row.mobile ?? null;
    case 'phone':
      return row.phone ?? row.mobile ?? null;
    case 'postal':
      return row.addressLine1 && row.postalCode && row.city
        ? postalKey(row.addressLine1, row.postalCode, row.city)
        : null;
    default:
      return assertNever(channel, 'channel');
  }
}

/** A postal address as one comparable string: lower-case, no accents, single spaces. */
export function postalKey(line1: string, postalCode: string, city: string): string {
  return `${slug(line1).replace(/-/g, ' ')}, ${postalCode} ${slug(city).replace(/-/g, ' ')}`;
}

interface Decision {
  status: ConsentStatus;
  legalBasis: LegalBasis | null;
  source: string;
}

function decide(faker: Faker, contact: SeededContact, channel: Channel): Decision {
  const b2b = contact.companyId !== null || contact.kind === 'company';
  const customer = isCustomer(contact);
  const roll = faker.number.float({ min: 0, max: 1 });
  const optOut = (source: string): Decision => ({ status: 'opt_out', legalBasis: null, source });
  const unknown: Decision = { status: 'unknown', legalBasis: null, source: 'import-crm-2023' };
  if (b2b) {
    if (channel === 'sms' || channel === 'voice')
      return roll < 0.3 ? { status: 'opt_in', legalBasis: 'consent', source: 'salon-pro' } : unknown;
    if (roll < 0.06) return optOut('appel-sortant');
    return {
      status: 'opt_in',
      legalBasis: 'b2b_interest',
      source: faker.helpers.arrayElement(['salon-pro', 'prospection', 'site-devis']),
    };
  }
  switch (channel) {
    case 'email':
      if (roll < 0.08) return optOut('lien-desinscription');
      if (roll < 0.7)
        return customer
          ? { status: 'opt_in', legalBasis: 'existing_customer', source: 'checkout' }
          : {
              status: 'opt_in',
              legalBasis: 'consent',
              source: faker.helpers.arrayElement(['formulaire-site', 'jeu-concours']),
            };
      if (roll < 0.85) return { status: 'opt_in', legalBasis: 'consent', source: 'formulaire-site' };
      return unknown;
    case 'sms':
      if (roll < 0.1) return optOut('sms-stop');
      if (roll < 0.55)
        return {
          status: 'opt_in',
          legalBasis: 'consent',
          source: faker.helpers.arrayElement(['checkout', 'boutique']),
        };
      return unknown;
    case 'voice':
      return roll < 0.2 ? { status: 'opt_in', legalBasis: 'consent', source: 'boutique' } : unknown;
    case 'postal':
      if (roll < 0.04) return optOut('courrier-client');
      return customer
        ? { status: 'opt_in', legalBasis: 'existing_customer', source: 'checkout' }
        : { status: 'opt_in', legalBasis: 'consent', source: 'jeu-concours' };
    case 'phone':
      if (roll < 0.07) return optOut('appel-entrant');
      return roll < 0.5 && customer
        ? { status: 'opt_in', legalBasis: 'existing_customer', source: 'boutique' }
        : unknown;
    default:
      return assertNever(channel, 'channel');
  }
}

const CHANNEL_LIST: readonly Channel[] = ['email', 'sms', 'voice', 'postal', 'phone'];

/** Current consent per reachable channel with its legal basis and source, and its history as proof. */
export function generateConsents(
  faker: Faker,
  contacts: SeededContact[],
  now: Date,
): { consents: ConsentRow[]; events: ConsentEventRow[] } {
  const consentRows: ConsentRow[] = [];
  const events: ConsentEventRow[] = [];
  for (const contact of contacts) {
    if (contact.kind === 'company') continue;
    for (const channel of CHANNEL_LIST) {
      if (!addressFor(contact, channel)) continue;
      const decision = decide(faker, contact, channel);
      const recordedAt = daysBefore(now, faker.number.float({ min: 1, max: 1000 }));
      if (decision.status === 'opt_out') {
        // they had said yes before saying no: both are kept as proof
        events.push({
          contactId: contact.id,
          channel,
          status: 'opt_in',
          legalBasis: channel === 'email' || channel === 'sms' ? 'consent' : 'existing_customer',
          source: 'checkout',
          recordedAt: daysBefore(recordedAt, faker.number.float({ min: 30, max: 400 })),
        });
      }
      const row = { contactId: contact.id, channel, ...decision, recordedAt };
      consentRows.push(row);
      events.push(row);
    }
  }
  return { consents: consentRows, events };
}

const SUPPRESSIONS: readonly {
  channel: Channel;
  reason: SuppressionReason;
  source: string;
  count: number;
}[] = [
  { channel: 'email', reason: 'bounced', source: 'sendgrid-bounce', count: 40 },
  { channel: 'email', reason: 'spam_complaint', source: 'sendgrid-spamreport', count: 3 },
  { channel: 'postal', reason: 'npai', source: 'retour-la-poste', count: 25 },
  { channel: 'sms', reason: 'stop', source: 'sms-stop', count: 20 },
  { channel: 'phone', reason: 'do_not_call', source: 'bloctel', count: 15 },
];

/**
 * A few dead or refused addresses: bounced emails, NPAI letters, SMS STOP, do-not-call. Their consent on
 * that channel, when it was yes, becomes an opt-out.
 */
export function generateSuppressions(
  faker: Faker,
  contacts: SeededContact[],
  consentRows: ConsentRow[],
  now: Date,
): SuppressionRow[] {
  const rows: SuppressionRow[] = [];
  const taken = new Set<string>();
  const people = contacts.filter((c) => c.kind === 'person');
  for (const spec of SUPPRESSIONS) {
    const candidates = people.filter((c) => addressFor(c, spec.channel) !== null);
    for (const contact of faker.helpers.arrayElements(candidates, spec.count)) {
      const address = addressFor(contact, spec.channel)!;
      const key = `${spec.channel}|${address}`;
      if (taken.has(key)) continue;
      taken.add(key);
      rows.push({
        channel: spec.channel,
        address,
        reason: spec.reason,
        source: spec.source,
        contactId: contact.id,
        createdAt: daysBefore(now, faker.number.float({ min: 1, max: 700 })),
      });
    }
  }
  const suppressed = new Set(rows.map((r) => `${r.contactId}|${r.channel}`));
  for (const consent of consentRows) {
    if (consent.status === 'opt_in' && suppressed.has(`${consent.contactId}|${consent.channel}`)) {
      if (consent.channel === 'sms' || consent.channel === 'phone') {
        consent.status = 'opt_out';
        consent.legalBasis = null;
        consent.source = consent.channel === 'sms' ? 'sms-stop' : 'bloctel';
      }
    }
  }
  return rows;
}
