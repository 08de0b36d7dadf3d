import { TIERS } from '@relance/domain/indicators';
import { CHANNELS, CONSENT_STATUSES, CONTACT_KINDS } from '@relance/domain/vocabulary';
import { z } from 'zod';

export const contactFiltersQuery = z.object({
  q: z
    .string()
    .trim()
    .max(200)
    .optional()
    .describe('Words found in names, company, email, phone, city, postal code, external id'),
  kind: z.enum(CONTACT_KINDS).optional(),
  tag: z.string().trim().max(50).optional(),
  city: z.string().trim().max(100).optional(),
  postalCode: z.string().trim().max(20).optional().describe('A prefix: 75 finds Paris'),
  consentChannel: z.enum(CHANNELS).optional(),
  consentStatus: z.enum(CONSENT_STATUSES).optional(),
});

export const listContactsQuery = contactFiltersQuery.extend({
  sort: z.enum(['name', 'updated', 'created']).default('name'),
  order: z.enum(['asc', 'desc']).default('asc'),
  limit: z.coerce
    .number()
    .int()
    .min(1, { error: 'At least 1' })
    .max(200, { error: 'At most 200' })
    .default(50),
  cursor: z.string().max(500).optional(),
});

export const contactIdParams = z.object({
  id: z.coerce.number().int().positive({ error: 'Not a contact id' }),
});
export const consentParams = contactIdParams.extend({
  channel: z.enum(CHANNELS, { error: `Channel is one of ${CHANNELS.join(', ')}` }),
});
export const pageQuery = z.object({
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

const summary = {
  id: z.number(),
  kind: z.enum(CONTACT_KINDS),
  civility: z.string().nullable(),
  firstName: z.string().nullable(),
  lastName: z.string().nullable(),
  companyName: z.string().nullable(),
  email: z.string().nullable(),
  mobile: z.string().nullable(),
  phone: z.string().nullable(),
  postalCode: z.string().nullable(),
  city: z.string().nullable(),
  tags: z.array(z.string()),
  updatedAt: z.date(),
};
export const contactSummary = z.object(summary).meta({ id: 'ContactSummary' });
export const contactSchema = z
  .object({
    ...summary,
    externalId: z.string().nullable(),
    jobTitle: z.string().nullable(),
    companyId: z.number().nullable(),
    addressLine1: z.string().nullable(),
    addressLine2: z.string().nullable(),
    country: z.string(),
    attributes: z.record(z.string(), z.string()),
    ownerId: z.string().nullable(),
    createdAt: z.date(),
  })
  .meta({ id: 'Contact' });

export const consentSchema = z.object({
  channel: z.enum(CHANNELS),
  status: z.enum(CONSENT_STATUSES),
  legalBasis: z.string().nullable(),
  source: z.string().nullable(),
  recordedAt: z.date().nullable(),
});

export const contactDetail = z.object({
  contact: contactSchema,
  consents: z.array(consentSchema),
  suppressions: z.array(
    z.object({ channel: z.enum(CHANNELS), address: z.string(), reason: z.string(), createdAt: z.date() }),
  ),
  company: contactSummary.nullable(),
  members: z.array(contactSummary),
  stats: z.object({ orderCount: z.number(), revenueCents: z.number(), lastOrderAt: z.date().nullable() }),
  /** null until the worker has computed them (after an import, every night, or after new settings) */
  indicators: z
    .object({
      orderCount: z.number(),
      firstOrderAt: z.date().nullable(),
      lastOrderAt: z.date().nullable(),
      revenueCents: z.number(),
      marginCents: z.number(),
      averageBasketCents: z.number().nullable(),
      ordersPerYear: z.number().nullable(),
      revenueRecentCents: z.number(),
      revenuePreviousCents: z.number(),
      revenueTrend: z.number().nullable(),
      complaintCount: z.number(),
      afterSalesCount: z.number(),
      recencyScore: z.number().nullable(),
      frequencyScore: z.number().nullable(),
      monetaryScore: z.number().nullable(),
      tier: z.enum(TIERS).nullable(),
      computedAt: z.date(),
    })
    .nullable(),
});

export const orderSchema = z.object({
  id: z.number(),
  externalId: z.string().nullable(),
  orderedAt: z.date(),
  amountCents: z.number(),
  marginCents: z.number().nullable(),
  promo: z.boolean(),
  voucher: z.boolean(),
  source: z.string().nullable(),
});

export const interactionSchema = z.object({
  id: z.number(),
  kind: z.string(),
  subject: z.string().nullable(),
  body: z.string().nullable(),
  occurredAt: z.date(),
  closedAt: z.date().nullable(),
  user: z.object({ id: z.string(), name: z.string() }).nullable(),
});

export const page = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() });
