/**
 * The one email rule, for the contact form, the API and imports: lower-cased, trimmed and checked, with a reason
 * that says what to fix.
 */
export type EmailResult = { ok: true; value: string } | { ok: false; reason: string };

const invalid = (reason: string): EmailResult => ({ ok: false, reason });

const EMAIL_LOCAL = /^[a-z0-9!#$%&'*+/=?^_`{|}~.-]+$/;
const EMAIL_DOMAIN = /^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z][a-z0-9-]*[a-z0-9]$/;

/** Lower-cased and checked: one @, a plausible local part and a domain with a dot. */
export function parseEmail(raw: string): EmailResult {
  const value = raw.trim().toLowerCase();
  const at = value.indexOf('@');
  if (at === -1) return invalid('invalid email: no @ sign');
  if (value.indexOf('@', at + 1) !== -1) return invalid('invalid email: more than one @ sign');
  if (/\s/.test(value)) return invalid('invalid email: contains a space');
  if (value.length > 254) return invalid('invalid email: longer than 254 characters');
  const local = value.slice(0, at);
  const domain = value.slice(at + 1);
  if (local === '') return invalid('invalid email: nothing before the @ sign');
  if (domain === '') return invalid('invalid email: no domain after the @ sign');
  if (!EMAIL_LOCAL.test(local) || local.startsWith('.') || local.endsWith('.') || local.includes('..')) {
    return invalid('invalid email: the part before @ has characters not allowed');
  }
  if (!domain.includes('.')) return invalid(`invalid email: domain "${domain}" has no dot`);
  if (!EMAIL_DOMAIN.test(domain)) return invalid(`invalid email: domain "${domain}" is not valid`);
  return { ok: true, value };
}
