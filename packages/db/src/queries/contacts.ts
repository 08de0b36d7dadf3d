import type { ContactInput } from '@relance/domain/contact-input';
import { AppError } from '@relance/domain/errors';
import { CHANNELS, type Channel, type ConsentStatus, type LegalBasis } from '@relance/domain/vocabulary';
import { and, desc, eq, lt, or, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { consentEvents, consents, contacts, suppressions } from '../schema/contacts';
import { interactions } from '../schema/interactions';
import { orders } from '../schema/orders';
import { users } from '../schema/users';
import { contactSummaryColumns } from './contacts-list';
import { getContactIndicators } from './indicators';

const contactColumns = {
  ...contactSummaryColumns,
  externalId: contacts.externalId,
  jobTitle: contacts.jobTitle,
  companyId: contacts.companyId,
  addressLine1: contacts.addressLine1,
  addressLine2: contacts.addressLine2,
  country: contacts.country,
  attributes: contacts.attributes,
  ownerId: contacts.ownerId,
  createdAt: contacts.createdAt,
};

/** Postgres' unique violations, turned into a field error that says which value is already taken. */
function uniqueConflict(err: unknown): AppError | null {
  // drizzle wraps the driver's error in its own, with the PostgresError as `cause`
  const e = ((err as { cause?: unknown })?.cause ?? err) as { code?: string; constraint_name?: string };
  if (e?.code !== '23505') return null;
  if (e.constraint_name === 'contacts_email_key')
    return new AppError('conflict', 'Another contact already has this email.', [
      { field: 'email', message: 'Already used by another contact' },
    ]);
  if (e.constraint_name === 'contacts_external_id_key')
    return new AppError('conflict', 'Another contact already has this external id.', [
      { field: 'externalId', message: 'Already used by another contact' },
    ]);
  return null;
}

async function assertCompany(db: Db, companyId: number | null | undefined): Promise<void> {
  if (companyId == null) return;
  const [row] = await db.select({ kind: contacts.kind }).from(contacts).where(eq(contacts.id, companyId));
  if (row?.kind !== 'company')
    throw AppError.validation('The company does not exist.', [
      { field: 'companyId', message: 'Not a company of the contact file' },
    ]);
}

export async function createContact(db: Db, input: ContactInput) {
  await assertCompany(db, input.companyId);
  try {
    const [row] = await db.insert(contacts).values(input).returning(contactColumns);
    return row!;
  } catch (err) {
    throw uniqueConflict(err) ?? err;
  }
}

export async function updateContact(db: Db, id: number, patch: Partial<ContactInput>) {
  await assertCompany(db, patch.companyId);
  if (patch.companyId === id)
    throw AppError.validation('A contact cannot be its own company.', [
      { field: 'companyId', message: 'Choose another company' },
    ]);
  try {
    const [row] = await db
      .update(contacts)
      .set({ ...patch, updatedAt: sql`now()` })
      .where(eq(contacts.id, id))
      .returning(contactColumns);
    if (!row) throw AppError.notFound('This contact');
    return row;
  } catch (err) {
    throw uniqueConflict(err) ?? err;
  }
}

export async function getContact(db: Db, id: number) {
  const [contact] = await db.select(contactColumns).from(contacts).where(eq(contacts.id, id));
  if (!contact) return null;
  const [consentRows, suppressionRows, company, members, [stats], indicators] = await Promise.all([
    db.select().from(consents).where(eq(consents.contactId, id)),
    db
      .select({
        channel: suppressions.channel,
        address: suppressions.address,
        reason: suppressions.reason,
        createdAt: suppressions.createdAt,
      })
      .from(suppressions)
      .where(
        or(
          eq(suppressions.contactId, id),
          and(eq(suppressions.channel, 'email'), eq(suppressions.address, contact.email ?? '')),
          and(
            sql`${suppressions.channel} IN ('sms', 'voice', 'phone')`,
            sql`${suppressions.address} IN (${contact.mobile ?? ''}, ${contact.phone ?? ''})`,
          ),
        ),
      ),
    contact.companyId
      ? db
          .select(contactSummaryColumns)
          .from(contacts)
          .where(eq(contacts.id, contact.companyId))
          .then((r) => r[0] ?? null)
      : Promise.resolve(null),
    contact.kind === 'company'
      ? db
          .select(contactSummaryColumns)
          .from(contacts)
          .where(eq(contacts.companyId, id))
          .orderBy(contacts.sortName)
          .limit(200)
      : Promise.resolve([]),
    db
      .select({
        orderCount: sql<number>`count(*)::int`,
        revenueCents: sql<number>`coalesce(sum(${orders.amountCents}), 0)::bigint`.mapWith(Number),
        lastOrderAt: sql<Date | null>`max(${orders.orderedAt})`.mapWith((v) => (v ? new Date(v) : null)),
      })
      .from(orders)
      .where(eq(orders.contactId, id)),
    getContactIndicators(db, id),
  ]);
  const byChannel = new Map(consentRows.map((c) => [c.channel, c]));
  return {
    contact,
    consents: CHANNELS.map((channel) => {
      const row = byChannel.get(channel);
      return row
        ? {
            channel,
            status: row.status,
            legalBasis: row.legalBasis,
            source: row.source,
            recordedAt: row.recordedAt,
          }
        : { channel, status: 'unknown' as const, legalBasis: null, source: null, recordedAt: null };
    }),
    suppressions: suppressionRows,
    company,
    members,
    stats: stats ?? { orderCount: 0, revenueCents: 0, lastOrderAt: null },
    indicators,
  };
}

/** Records a consent and its proof (one consent_events row), in one transaction. */
export async function setConsent(
  db: Db,
  input: {
    contactId: number;
    channel: Channel;
    status: ConsentStatus;
    legalBasis?: LegalBasis | null;
    source: string;
  },
) {
  return db.transaction(async (tx) => {
    const [exists] = await tx
      .select({ id: contacts.id })
      .from(contacts)
      .where(eq(contacts.id, input.contactId));
    if (!exists) throw AppError.notFound('This contact');
    const values = {
      contactId: input.contactId,
      channel: input.channel,
      status: input.status,
      legalBasis: input.legalBasis ?? null,
      source: input.source,
      recordedAt: new Date(),
    };
    await tx.insert(consentEvents).values(values);
    const [row] = await tx
      .insert(consents)
      .values(values)
      .onConflictDoUpdate({
        target: [consents.contactId, consents.channel],
        set: {
          status: values.status,
          legalBasis: values.legalBasis,
          source: values.source,
          recordedAt: values.recordedAt,
        },
      })
      .returning();
    return {
      channel: row!.channel,
      status: row!.status,
      legalBasis: row!.legalBasis,
      source: row!.source,
      recordedAt: row!.recordedAt,
    };
  });
}

export async function listOrders(
  db: Db,
  contactId: number,
  options: { limit: number; before?: { at: string; id: number } | null },
) {
  const rows = await db
    .select({
      id: orders.id,
      externalId: orders.externalId,
      orderedAt: orders.orderedAt,
      orderedAtKey: sql<string>`${orders.orderedAt}::text`,
      amountCents: orders.amountCents,
      marginCents: orders.marginCents,
      promo: orders.promo,
      voucher: orders.voucher,
      source: orders.source,
    })
    .from(orders)
    .where(
      and(
        eq(orders.contactId, contactId),
        options.before
          ? sql`(${orders.orderedAt}, ${orders.id}) < (${options.before.at}::timestamptz, ${options.before.id}::bigint)`
          : undefined,
      ),
    )
    .orderBy(desc(orders.orderedAt), desc(orders.id))
    .limit(options.limit + 1);
  const page = rows.slice(0, options.limit);
  const last = page.at(-1);
  return {
    items: page.map(({ orderedAtKey: _k, ...o }) => o),
    next: rows.length > options.limit && last ? { at: last.orderedAtKey, id: last.id } : null,
  };
}

const interactionColumns = {
  id: interactions.id,
  kind: interactions.kind,
  subject: interactions.subject,
  body: interactions.body,
  occurredAt: interactions.occurredAt,
  closedAt: interactions.closedAt,
  user: { id: users.id, name: users.name },
};

export async function listInteractions(
  db: Db,
  contactId: number,
  options: { limit: number; beforeId?: number | null },
) {
  const rows = await db
    .select(interactionColumns)
    .from(interactions)
    .leftJoin(users, eq(users.id, interactions.userId))
    .where(
      and(
        eq(interactions.contactId, contactId),
        options.beforeId ? lt(interactions.id, options.beforeId) : undefined,
      ),
    )
    .orderBy(desc(interactions.id))
    .limit(options.limit + 1);
  const page = rows.slice(0, options.limit);
  return { items: page, next: rows.length > options.limit ? (page.at(-1)?.id ?? null) : null };
}

export async function addInteraction(
  db: Db,
  input: {
    contactId: number;
    kind: (typeof interactions.$inferInsert)['kind'];
    subject?: string | null;
    body?: string | null;
    occurredAt?: Date;
    closedAt?: Date | null;
    userId: string | null;
  },
) {
  const [exists] = await db
    .select({ id: contacts.id })
    .from(contacts)
    .where(eq(contacts.id, input.contactId));
  if (!exists) throw AppError.notFound('This contact');
  const [row] = await db.insert(interactions).values(input).returning({ id: interactions.id });
  const [full] = await db
    .select(interactionColumns)
    .from(interactions)
    .leftJoin(users, eq(users.id, interactions.userId))
    .where(eq(interactions.id, row!.id));
  return full!;
}
