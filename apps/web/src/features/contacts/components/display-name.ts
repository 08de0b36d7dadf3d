import type { ContactSummary } from '../api/schemas';

/** "Mme Anne Martin" for a person, the company's name for a company; '' when nothing is known. */
export function displayName(
  c: Pick<ContactSummary, 'kind' | 'civility' | 'firstName' | 'lastName' | 'companyName'>,
) {
  if (c.kind === 'company') return c.companyName ?? '';
  return [c.civility, c.firstName, c.lastName].filter(Boolean).join(' ') || (c.companyName ?? '');
}
