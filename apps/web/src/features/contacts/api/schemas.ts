import { TIERS } from '@relance/domain/indicators';
import {
  CHANNELS,
  CONSENT_STATUSES,
  CONTACT_KINDS,
  INTERACTION_KINDS,
  LEGAL_BASES,
  SUPPRESSION_REASONS,
} from '@relance/domain/vocabulary';
import { z } from 'zod';

/** ids are bigints on the server; the UI only passes them around, as strings */
const id = z.union([z.number(), z.string()]).transform(String);
const text = z.string().nullish();

export const contactSummarySchema = z.object({
  id,
  kind: z.enum(CONTACT_KINDS),
  civility: text,
  firstName: text,
  lastName: text,
  companyName: text,
  email: text,
  mobile: text,
  phone: text,
  postalCode: text,
  city: text,
  tags: z
    .array(z.string())
    .nullish()
    .transform((t) => t ?? []),
  updatedAt: z.string(),
});
export type ContactSummary = z.infer<typeof contactSummarySchema>;

export const contactPageSchema = z.object({
  items: z.array(contactSummarySchema),
  nextCursor: z.string().nullish(),
});

export const contactSchema = contactSummarySchema.extend({
  externalId: text,
  jobTitle: text,
  companyId: id.nullish(),
  addressLine1: text,
  addressLine2: text,
  country: text,
  attributes: z
    .record(z.string(), z.unknown())
    .nullish()
    .transform((a) => a ?? {}),
  ownerId: text,
  createdAt: z.string(),
});
export type Contact = z.infer<typeof contactSchema>;

export const consentSchema = z.object({
  channel: z.enum(CHANNELS),
  status: z.enum(CONSENT_STATUSES),
  legalBasis: z.enum(LEGAL_BASES).nullish(),
  source: text,
  recordedAt: text,
});
export type Consent = z.infer<typeof consentSchema>;

export const suppressionSchema = z.object({
  channel: z.enum(CHANNELS),
  address: text,
  reason: z.enum(SUPPRESSION_REASONS),
  source: text,
  createdAt: text,
});
export type Suppression = z.infer<typeof suppressionSchema>;

export const contactDetailSchema = z.object({
  contact: contactSchema,
  consents: z.array(consentSchema),
  suppressions: z
    .array(suppressionSchema)
    .nullish()
    .transform((s) => s ?? []),
  company: contactSummarySchema.nullish(),
  members: z
    .array(contactSummarySchema)
    .nullish()
    .transform((m) => m ?? []),
  stats: z.object({
    orderCount: z.number(),
    revenueCents: z.number().nullish(),
    lastOrderAt: text,
  }),
  indicators: z
    .object({
      averageBasketCents: z.number().nullable(),
      ordersPerYear: z.number().nullable(),
      marginCents: z.number(),
      revenueTrend: z.number().nullable(),
      complaintCount: z.number(),
      afterSalesCount: z.number(),
      recencyScore: z.number().nullable(),
      frequencyScore: z.number().nullable(),
      monetaryScore: z.number().nullable(),
      tier: z.enum(TIERS).nullable(),
      computedAt: z.string(),
    })
    .nullish(),
});
export type ContactDetail = z.infer<typeof contactDetailSchema>;

export const orderSchema = z.object({
  id,
  externalId: text,
  orderedAt: z.string(),
  amountCents: z.number(),
  marginCents: z.number().nullish(),
  promo: z.boolean().nullish(),
  voucher: z.boolean().nullish(),
  source: text,
});
export type Order = z.infer<typeof orderSchema>;

export const orderPageSchema = z.object({ items: z.array(orderSchema), nextCursor: z.string().nullish() });

export const interactionSchema = z.object({
  id,
  kind: z.enum(INTERACTION_KINDS),
  subject: text,
  body: text,
  occurredAt: z.string(),
  closedAt: text,
  user: z.object({ id: z.string(), name: z.string() }).nullish(),
});
export type Interaction = z.infer<typeof interactionSchema>;

export const interactionPageSchema = z.object({
  items: z.array(interactionSchema),
  nextCursor: z.string().nullish(),
});

export const TIMELINE_TYPES = [
  'order',
  'interaction',
  'consent',
  'suppression',
  'send',
  'send_event',
  'follow_up_move',
] as const;
export type TimelineType = (typeof TIMELINE_TYPES)[number];

/** `{type, at, ...}`: the rest depends on the type; read leniently (flat or nested under the type's name). */
export const timelineItemSchema = z.looseObject({ type: z.enum(TIMELINE_TYPES), at: z.string(), id });
export type TimelineItem = z.infer<typeof timelineItemSchema>;

export const timelineSchema = z.object({
  items: z.array(timelineItemSchema),
  nextCursor: z.string().nullish(),
});
