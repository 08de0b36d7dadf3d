/**
 * One error class for the whole product. Every failure a user can act on carries a code from this list,
 * an HTTP status, a message that says what to fix, and optionally per-field errors. The API turns it into
 * RFC 9457 problem+json; the web app shows field errors next to their field.
 */
export const ERROR_CODES = {
  validation: 422,
  bad_request: 400,
  unauthenticated: 401,
  forbidden: 403,
  csrf: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  unavailable: 503,
  internal: 500,
} as const;
export type ErrorCode = keyof typeof ERROR_CODES;

export interface FieldError {
  /** dotted path of the field, e.g. `email` or `mapping.Courriel` */
  field: string;
  message: string;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly fieldErrors: FieldError[];

  constructor(code: ErrorCode, message: string, fieldErrors: FieldError[] = []) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.status = ERROR_CODES[code];
    this.fieldErrors = fieldErrors;
  }

  static validation(message: string, fieldErrors: FieldError[] = []): AppError {
    return new AppError('validation', message, fieldErrors);
  }

  static notFound(what: string): AppError {
    return new AppError('not_found', `${what} was not found.`);
  }
}
