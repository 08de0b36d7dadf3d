import type { ContactRow, Profile } from './contacts';

/** A contact once inserted: its id, what the generators need from its row, and its profile. */
export interface SeededContact {
  id: number;
  profile: Profile;
  kind: 'person' | 'company';
  /** set for the contact persons of a company */
  companyId: number | null;
  row: ContactRow;
}

/** Whether the contact buys (companies buy; their contact persons are reached for them). */
export const isCustomer = (c: SeededContact): boolean => c.profile !== 'prospect';
