import type { FieldError } from '@relance/domain/errors';
import type { z } from 'zod';

/** zod issues as field errors: a dotted path (prefixed, e.g. `query.limit` → `limit`) and a message that says what to fix. */
export function fieldErrorsOf(error: z.ZodError, prefix = ''): FieldError[] {
  return error.issues.map((issue) => {
    const path = issue.path.map(String).join('.');
    return { field: [prefix, path].filter(Boolean).join('.') || '(body)', message: issue.message };
  });
}
