import type { ErrorCode } from '@relance/domain/errors';
import { z } from 'zod';

/** RFC 9457 problem+json as the API sends it (docs/api.md). Unknown members are ignored. */
export const problemSchema = z.object({
  type: z.string().optional(),
  title: z.string().optional(),
  status: z.number().optional(),
  detail: z.string().nullish(),
  code: z.string().optional(),
  errors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
});

export interface FieldError {
  field: string;
  message: string;
}

/** `network` when the server could not be reached, `invalid_response` when its answer broke the contract. */
export type ApiErrorCode = ErrorCode | 'network' | 'invalid_response';

/** An API failure, typed: the problem's code and status, its message, and the per-field errors. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: ApiErrorCode;
  readonly title: string;
  readonly fieldErrors: FieldError[];

  constructor(init: {
    status: number;
    code: ApiErrorCode;
    title: string;
    detail?: string | null;
    fieldErrors?: FieldError[];
  }) {
    super(init.detail || init.title);
    this.name = 'ApiError';
    this.status = init.status;
    this.code = init.code;
    this.title = init.title;
    this.fieldErrors = init.fieldErrors ?? [];
  }

  /** The message for one field (exact dotted path), if the server reported one. */
  fieldError(field: string): string | undefined {
    return this.fieldErrors.find((e) => e.field === field)?.message;
  }

  /** Field errors as a record, e.g. for a form's `setErrors`. */
  fieldErrorRecord(): Record<string, string> {
    const record: Record<string, string> = {};
    for (const e of this.fieldErrors) record[e.field] ??= e.message;
    return record;
  }
}

const KNOWN_CODES = new Set<string>([
  'validation',
  'bad_request',
  'unauthenticated',
  'forbidden',
  'csrf',
  'not_found',
  'conflict',
  'payload_too_large',
  'unsupported_media_type',
  'rate_limited',
  'unavailable',
  'internal',
]);

function codeForStatus(status: number): ErrorCode {
  if (status === 401) return 'unauthenticated';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not_found';
  if (status === 409) return 'conflict';
  if (status === 413) return 'payload_too_large';
  if (status === 415) return 'unsupported_media_type';
  if (status === 422) return 'validation';
  if (status === 429) return 'rate_limited';
  if (status === 503) return 'unavailable';
  if (status >= 400 && status < 500) return 'bad_request';
  return 'internal';
}

/** Builds an ApiError from a failed answer's status and body text (problem+json or anything else). */
export function apiErrorFrom(status: number, bodyText: string, statusText = ''): ApiError {
  let problem: z.infer<typeof problemSchema> = {};
  try {
    const parsed = problemSchema.safeParse(JSON.parse(bodyText));
    if (parsed.success) problem = parsed.data;
  } catch {
    // not JSON: keep the status only
  }
  const code =
    problem.code && KNOWN_CODES.has(problem.code) ? (problem.code as ErrorCode) : codeForStatus(status);
  return new ApiError({
    status,
    code,
    title: problem.title ?? (statusText || `HTTP ${status}`),
    detail: problem.detail,
    fieldErrors: problem.errors,
  });
}
