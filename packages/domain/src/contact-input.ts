import { z } from 'zod';
import { parseEmail } from './email';
import { normalisePhone } from './phone';
import { CIVILITIES, CONSENT_STATUSES, CONTACT_KINDS, INTERACTION_KINDS, LEGAL_BASES } from './vocabulary';

/** Refuses control characters (other than tab/newline in long texts): they break exports and letters. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { error: `At most ${max} characters` })
    .refine((v) => !CONTROL.test(v), { error: 'Contains control characters: remove them' })
    .transform((v) => (v === '' ? null : v));

const phone = z
  .string()
  .trim()
  .max(40, { error: 'At most 40 characters' })
  .transform((v, ctx) => {
    if (v === '') return null;
    const result = normalisePhone(v);
    if (!result.ok) {
      ctx.addIssue({ code: 'custom', message: capitalise(result.reason) });
      return z.NEVER;
    }
    return result.value;
  });

export const contactInput = z.object({
  externalId: text(100).nullish(),
  kind: z.enum(CONTACT_KINDS).default('person'),
  civility: z.enum(CIVILITIES, { error: 'Choose M. or Mme' }).nullish(),
  firstName: text(100).nullish(),
  lastName: text(100).nullish(),
  companyName: text(200).nullish(),
  jobTitle: text(100).nullish(),
  companyId: z.number().int().positive().nullish(),
  email: z
    .string()
    .transform((v, ctx) => {
      if (v.trim() === '') return null;
      const result = parseEmail(v);
      if (!result.ok) {
        ctx.addIssue({ code: 'custom', message: capitalise(result.reason) });
        return z.NEVER;
      }
      return result.value;
    })
    .nullish(),
  phone: phone.nullish(),
  mobile: phone.nullish(),
  addressLine1: text(200).nullish(),
  addressLine2: text(200).nullish(),
  postalCode: text(20).nullish(),
  city: text(100).nullish(),
  country: z
    .string()
    .trim()
    .regex(/^[A-Za-z]{2}$/, { error: 'Use a two-letter country code (FR, BE...)' })
    .transform((v) => v.toUpperCase())
    .default('FR'),
  tags: z.array(z.string().trim().min(1).max(50)).max(50).default([]),
  attributes: z.record(z.string().max(100), z.string().max(2000)).default({}),
});

/** A new contact needs a name to address: a last name, or a company name. */
export const createContactInput = contactInput.refine((c) => c.lastName || c.companyName, {
  error: 'Enter a last name or a company name',
  path: ['lastName'],
});

export const updateContactInput = contactInput.partial();

export type ContactInput = z.output<typeof contactInput>;

export const consentInput = z.object({
  status: z.enum(CONSENT_STATUSES, { error: 'Choose opt_in, opt_out or unknown' }),
  legalBasis: z.enum(LEGAL_BASES).nullish(),
  source: z.string().trim().min(1).max(200).optional(),
});

export const interactionInput = z.object({
  kind: z.enum(INTERACTION_KINDS, { error: `Choose one of ${INTERACTION_KINDS.join(', ')}` }),
  subject: text(200).nullish(),
  body: z.string().max(10_000, { error: 'At most 10,000 characters' }).nullish(),
  occurredAt: z.coerce.date().optional(),
  closedAt: z.coerce.date().nullish(),
});
