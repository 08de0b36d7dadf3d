import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../../../tests/support/app-server';
import { apiClient } from '../../../../../tests/support/http-client';

describe('auth', () => {
  let app: TestApp;
  let client: ReturnType<typeof apiClient>;
  beforeAll(async () => {
    app = await startTestApp({ env: { LOGIN_RATE_LIMIT: '3' } });
    client = apiClient(app.url);
  });
  afterAll(() => app.close());

  it('logs in with an httpOnly session cookie and answers who is logged in', async () => {
    const res = await fetch(`${app.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'Marketer@Relance.example', password: 'relance-demo' }),
    });
    expect(res.status).toBe(200);
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^relance_session=[\w-]{40,};/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const body = (await res.json()) as { user: { role: string }; csrfToken: string };
    expect(body.user.role).toBe('marketer');
    const me = await client.request<{ user: { email: string } }>('GET', '/api/auth/me', {
      session: { cookie: cookie.split(';')[0]!, csrfToken: body.csrfToken },
    });
    expect(me.status).toBe(200);
    expect(me.body.user.email).toBe('marketer@relance.example');
  });

  it('refuses a wrong password with a problem+json that does not say which part was wrong', async () => {
    const res = await client.request<{ code: string; detail: string }>('POST', '/api/auth/login', {
      body: { email: 'manager@relance.example', password: 'nope' },
    });
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.body.code).toBe('unauthenticated');
    expect(res.body.detail).toBe('Wrong email or password.');
  });

  it('gives field errors for an empty form', async () => {
    const res = await client.request<{ errors: { field: string }[] }>('POST', '/api/auth/login', {
      body: { email: '', password: '' },
    });
    expect(res.status).toBe(422);
    expect(res.body.errors.map((e) => e.field).sort()).toEqual(['email', 'password']);
  });

  it('refuses a cookie-authenticated write without the CSRF token', async () => {
    const session = await client.login('admin@relance.example');
    const res = await client.request<{ code: string }>('POST', '/api/users', {
      session,
      csrf: false,
      body: { email: 'x@relance.example', name: 'X', role: 'manager', password: 'long-enough-password' },
    });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('csrf');
  });

  it('logs out: the session cookie no longer works', async () => {
    const session = await client.login('manager@relance.example');
    expect((await client.request('POST', '/api/auth/logout', { session })).status).toBe(204);
    expect((await client.request('GET', '/api/auth/me', { session })).status).toBe(401);
  });

  it('rate-limits failed logins per account and address, even with the right password afterwards', async () => {
    for (let i = 0; i < 3; i++) {
      const res = await client.request('POST', '/api/auth/login', {
        body: { email: 'agent@relance.example', password: `wrong-${i}` },
      });
      expect(res.status).toBe(401);
    }
    const blocked = await client.request<{ code: string; detail: string }>('POST', '/api/auth/login', {
      body: { email: 'agent@relance.example', password: 'relance-demo' },
    });
    expect(blocked.status).toBe(429);
    expect(blocked.body.code).toBe('rate_limited');
    expect(blocked.body.detail).toMatch(/Try again in \d+ minute/);
  });
});
