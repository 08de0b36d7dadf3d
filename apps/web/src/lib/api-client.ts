import type { z } from 'zod';
import { ApiError, apiErrorFrom } from './api-error';

let csrfToken: string | null = null;
let onUnauthenticated: (() => void) | null = null;

/** The token the API gave at login or /auth/me; sent as X-CSRF-Token on every write. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

export function getCsrfToken(): string | null {
  return csrfToken;
}

/** Called on any 401 (except where the request opts out): the app clears the session and shows the login. */
export function setUnauthenticatedHandler(handler: (() => void) | null): void {
  onUnauthenticated = handler;
}

export function notifyUnauthenticated(): void {
  onUnauthenticated?.();
}

export type QueryValue = string | number | boolean | null | undefined;

/** `?a=1&b=x`, leaving out empty values; '' when nothing is left. */
export function toQueryString(params: Record<string, QueryValue>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '') continue;
    search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RequestOptions {
  method?: Method;
  query?: Record<string, QueryValue>;
  /** JSON-encoded, or sent as is when FormData */
  body?: unknown;
  signal?: AbortSignal;
  /** let a 401 reach the caller without the global redirect to the login page */
  allowUnauthenticated?: boolean;
}

function isWrite(method: Method): boolean {
  return method !== 'GET';
}

/** Headers every write needs. Exported for the XMLHttpRequest upload, which cannot use fetch. */
export function writeHeaders(): Record<string, string> {
  return csrfToken ? { 'X-CSRF-Token': csrfToken } : {};
}

/**
 * Calls the API and validates the answer with `schema` (zod at the edge). Throws ApiError on any
 * failure: problem+json is parsed into code, message and field errors.
 */
export async function api<S extends z.ZodType>(
  path: string,
  schema: S,
  options?: RequestOptions,
): Promise<z.infer<S>>;
export async function api(path: string, schema: null, options?: RequestOptions): Promise<void>;
export async function api(
  path: string,
  schema: z.ZodType | null,
  options: RequestOptions = {},
): Promise<unknown> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { Accept: 'application/json' };
  let body: BodyInit | undefined;
  if (options.body instanceof FormData) {
    body = options.body;
  } else if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['Content-Type'] = 'application/json';
  }
  if (isWrite(method)) Object.assign(headers, writeHeaders());

  let response: Response;
  try {
    response = await fetch(`${path}${toQueryString(options.query ?? {})}`, {
      method,
      headers,
      body,
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError({ status: 0, code: 'network', title: 'Network error', detail: String(err) });
  }

  if (!response.ok) {
    const error = apiErrorFrom(response.status, await response.text(), response.statusText);
    if (response.status === 401 && !options.allowUnauthenticated) notifyUnauthenticated();
    throw error;
  }
  if (schema === null || response.status === 204) return undefined;
  const json: unknown = await response.json();
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    console.error(`Unexpected answer from ${method} ${path}`, parsed.error.issues, json);
    throw new ApiError({
      status: response.status,
      code: 'invalid_response',
      title: 'Unexpected answer',
      detail: parsed.error.issues
        .slice(0, 3)
        .map((i) => `${i.path.join('.')}: ${i.message}`)
        .join('; '),
    });
  }
  return parsed.data;
}
