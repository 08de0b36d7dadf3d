/** A customer's name as the lists show it: first and last name, else the company, else the email. */
export function customerName(c: {
  firstName: string | null;
  lastName: string | null;
  companyName: string | null;
  email: string | null;
}): string {
  return [c.firstName, c.lastName].filter(Boolean).join(' ') || c.companyName || c.email || '';
}
