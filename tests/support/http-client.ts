import { DEMO_PASSWORD } from '@relance/db/demo-users';

export interface Session {
  cookie: string;
  csrfToken: string;
}

export interface Answer<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

/** A small client for API tests: JSON in and out, an optional session (cookie + CSRF token) or Bearer key. */
export function apiClient(baseUrl: string) {
  async function request<T = Record<string, unknown>>(
    method: string,
    path: string,
    options: { body?: unknown; session?: Session; bearer?: string; csrf?: boolean; form?: FormData } = {},
  ): Promise<Answer<T>> {
    const headers: Record<string, string> = {};
    if (options.session) {
      headers.cookie = options.session.cookie;
      if (options.csrf !== false && method !== 'GET') headers['x-csrf-token'] = options.session.csrfToken;
    }
    if (options.bearer) headers.authorization = `Bearer ${options.bearer}`;
    let body: BodyInit | undefined;
    if (options.form) body = options.form;
    else if (options.body !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(options.body);
    }
    const res = await fetch(new URL(path, baseUrl), { method, headers, body, redirect: 'manual' });
    const text = await res.text();
    const type = res.headers.get('content-type') ?? '';
    const parsed = type.includes('json') && text ? JSON.parse(text) : text;
    return { status: res.status, headers: res.headers, body: parsed as T, text };
  }

  async function login(email: string, password = DEMO_PASSWORD): Promise<Session> {
    const res = await fetch(new URL('/api/auth/login', baseUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
    });
    if (res.status !== 200) throw new Error(`login ${email} answered ${res.status}: ${await res.text()}`);
    const setCookie = res.headers.get('set-cookie') ?? '';
    const body = (await res.json()) as { csrfToken: string };
    return { cookie: setCookie.split(';')[0]!, csrfToken: body.csrfToken };
  }

  return { request, login };
}

export const ROLE_LOGINS = {
  admin: 'admin@relance.example',
  manager: 'manager@relance.example',
  marketer: 'marketer@relance.example',
  telemarketer: 'agent@relance.example',
} as const;
