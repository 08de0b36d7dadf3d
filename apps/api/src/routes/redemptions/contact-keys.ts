import { parseEmail } from '@relance/domain/email';
import { AppError, type FieldError } from '@relance/domain/errors';
import { normalisePhone } from '@relance/domain/phone';

/** The email and phone given with a coupon or a sale, as the contact file stores them (or field errors). */
export function contactKeys(
  input: { email?: string | undefined; phone?: string | undefined },
  prefix = '',
): { email: string | null; phone: string | null; errors: FieldError[] } {
  const errors: FieldError[] = [];
  let email: string | null = null;
  let phone: string | null = null;
  if (input.email) {
    const parsed = parseEmail(input.email);
    if (parsed.ok) email = parsed.value;
    else errors.push({ field: `${prefix}email`, message: parsed.reason });
  }
  if (input.phone) {
    const parsed = normalisePhone(input.phone);
    if (parsed.ok) phone = parsed.value;
    else errors.push({ field: `${prefix}phone`, message: parsed.reason });
  }
  return { email, phone, errors };
}

export function contactKeysOrThrow(input: { email?: string | undefined; phone?: string | undefined }) {
  const keys = contactKeys(input);
  if (keys.errors.length > 0) throw AppError.validation('Check the email or the phone.', keys.errors);
  return { email: keys.email, phone: keys.phone };
}
