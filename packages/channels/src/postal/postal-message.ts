import type { CompiledLetter } from '@relance/templates/letter';
import type { MergeValues } from '@relance/templates/merge-fields';

export const POSTAGES = ['lettre-verte', 'lettre-prioritaire', 'ecopli', 'recommandee'] as const;
export type Postage = (typeof POSTAGES)[number];

export interface PostalAddress {
  /** "Madame Claire Martin" */
  name: string;
  company?: string;
  line1: string;
  line2?: string;
  postalCode: string;
  city: string;
  /** ISO 3166 alpha-2; FR unless told */
  country?: string;
}

/**
 * One letter. `letter` is the variant's compiled letter (compiled once, shared by every recipient: letters
 * sharing it and a reference go in one print batch); `values` are this recipient's merge values, with the
 * trackingCode printed on it and the trackingUrl of its QR code.
 */
export interface OutgoingLetter {
  channel: 'postal';
  sendId: string;
  letter: CompiledLetter;
  address: PostalAddress;
  values: MergeValues;
  /** the print batch's reference at the mail house, e.g. `campaign-42-step-1` (no personal data) */
  reference: string;
  postage?: Postage;
}

/** The address lines in the envelope's window (NF Z 10-011: name, company, street, postal code and city). */
export function addressLines(a: PostalAddress): string[] {
  const lines = [a.name, a.company, a.line1, a.line2, `${a.postalCode} ${a.city}`];
  if (a.country && a.country.toUpperCase() !== 'FR') lines.push(a.country.toUpperCase());
  return lines.filter((l): l is string => Boolean(l?.trim()));
}
