import { AppError, type ErrorCode } from '@relance/domain/errors';
import type { ErrorRequestHandler } from 'express';
import { z } from 'zod';

const TITLES: Record<ErrorCode, string> = {
  validation: 'The request has invalid fields',
  bad_request: 'The request cannot be understood',
  unauthenticated: 'You are not logged in',
  forbidden: 'You are not allowed to do this',
  csrf: 'Missing or wrong CSRF token',
  not_found: 'Not found',
  conflict: 'Conflict',
  payload_too_large: 'Too large',
  unsupported_media_type: 'Unsupported media type',
  rate_limited: 'Too many attempts',
  unavailable: 'Service unavailable',
  internal: 'Internal error',
};

export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    code: z.enum(Object.keys(TITLES) as [ErrorCode, ...ErrorCode[]]),
    errors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
  })
  .meta({ id: 'Problem', description: 'RFC 9457 problem details' });
export type Problem = z.infer<typeof problemSchema>;

export function toProblem(err: AppError): Problem {
  return {
    type: `https://relance.dev/problems/${err.code}`,
    title: TITLES[err.code],
    status: err.status,
    detail: err.message,
    code: err.code,
    ...(err.fieldErrors.length ? { errors: err.fieldErrors } : {}),
  };
}

/** Express's own errors (a JSON body that does not parse, a body over the limit) carry a status and a type. */
function fromExpressError(err: unknown): AppError | null {
  if (typeof err !== 'object' || err === null) return null;
  const e = err as { type?: string; status?: number; message?: string };
  if (e.type === 'entity.parse.failed') return new AppError('bad_request', 'The body is not valid JSON.');
  if (e.type === 'entity.too.large') return new AppError('payload_too_large', 'The body is too large.');
  if (e.status === 415) return new AppError('unsupported_media_type', e.message ?? 'Unsupported media type.');
  return null;
}

export const problemHandler: ErrorRequestHandler = (err, req, res, _next) => {
  const appError =
    err instanceof AppError
      ? err
      : (fromExpressError(err) ?? new AppError('internal', 'Something went wrong on our side.'));
  if (appError.code === 'internal') console.error(`[api] ${req.method} ${req.originalUrl}`, err);
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.status(appError.status).type('application/problem+json').json(toProblem(appError));
};
