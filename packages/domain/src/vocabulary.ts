/**
 * The product's closed vocabularies. Each is a const tuple so that the database enums,
 * the zod schemas and exhaustive switches all derive from one list.
 */

export const ROLES = ['admin', 'manager', 'marketer', 'telemarketer'] as const;
export type Role = (typeof ROLES)[number];

/** The channels a campaign can use. `phone` is a call made by a telemarketer. */
export const CHANNELS = ['email', 'sms', 'voice', 'postal', 'phone'] as const;
export type Channel = (typeof CHANNELS)[number];

export const CONSENT_STATUSES = ['opt_in', 'opt_out', 'unknown'] as const;
export type ConsentStatus = (typeof CONSENT_STATUSES)[number];

/** Why we may contact someone: explicit consent, an existing customer relationship (soft opt-in),
 * or a professional's legitimate interest in B2B. */
export const LEGAL_BASES = ['consent', 'existing_customer', 'b2b_interest'] as const;
export type LegalBasis = (typeof LEGAL_BASES)[number];

export const SUPPRESSION_REASONS = [
  'unsubscribed',
  'bounced',
  'npai',
  'stop',
  'spam_complaint',
  'do_not_call',
] as const;
export type SuppressionReason = (typeof SUPPRESSION_REASONS)[number];

export const CONTACT_KINDS = ['person', 'company'] as const;
export type ContactKind = (typeof CONTACT_KINDS)[number];

export const CIVILITIES = ['M.', 'Mme'] as const;
export type Civility = (typeof CIVILITIES)[number];

export const INTERACTION_KINDS = [
  'call',
  'visit',
  'complaint',
  'after_sales',
  'note',
  'email',
  'letter',
] as const;
export type InteractionKind = (typeof INTERACTION_KINDS)[number];

export const IMPORT_KINDS = ['contacts', 'orders'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export const IMPORT_STATUSES = ['queued', 'running', 'completed', 'failed'] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];

/** Makes a switch exhaustive: TypeScript fails to compile when a member of the union is not handled. */
export function assertNever(value: never, what = 'value'): never {
  throw new Error(`Unexpected ${what}: ${JSON.stringify(value)}`);
}
