import type { z } from 'zod';
import { AppError, type FieldError } from '../errors';

/** zod issues as field errors: the dotted path of the field and a message that says what to fix. */
export function planningFieldErrors(error: z.ZodError, prefix = ''): FieldError[] {
  return error.issues.map((issue) => {
    const path = issue.path.map(String).join('.');
    return { field: [prefix, path].filter(Boolean).join('.') || '(input)', message: issue.message };
  });
}

/**
 * Parses a planning input or throws `AppError.validation` with one field error per problem, so that the API
 * answers 422 with the fields to fix and the web app can show each message next to its field.
 */
export function parsePlanningInput<S extends z.ZodType>(
  schema: S,
  input: unknown,
  what: string,
): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const fieldErrors = planningFieldErrors(result.error);
  const count = fieldErrors.length;
  throw AppError.validation(`Check the ${what}: ${count} field${count > 1 ? 's' : ''} to fix.`, fieldErrors);
}
