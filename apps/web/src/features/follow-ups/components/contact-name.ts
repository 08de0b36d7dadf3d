import type { CardContact } from '../api/follow-ups';

/** How a contact is named on a card: the person, else the company, else its number. */
export function contactName(c: CardContact): string {
  const person = [c.firstName, c.lastName].filter(Boolean).join(' ');
  return person || c.companyName || `#${c.id}`;
}
