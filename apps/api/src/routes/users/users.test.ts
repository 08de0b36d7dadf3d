import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../../../tests/support/app-server';
import { apiClient, type Session } from '../../../../../tests/support/http-client';

describe('users and API keys (admin)', () => {
  let app: TestApp;
  let client: ReturnType<typeof apiClient>;
  let admin: Session;
  beforeAll(async () => {
    app = await startTestApp();
    client = apiClient(app.url);
    admin = await client.login('admin@relance.example');
  });
  afterAll(() => app.close());

  it('creates a user who can log in, and refuses the same email twice', async () => {
    const body = {
      email: 'Nadia@relance.example',
      name: 'Nadia',
      role: 'telemarketer',
      password: 'a-long-password-1',
    };
    const created = await client.request<{ email: string; role: string }>('POST', '/api/users', {
      session: admin,
      body,
    });
    expect(created.status).toBe(201);
    expect(created.body.email).toBe('nadia@relance.example');
    expect((await client.login('nadia@relance.example', 'a-long-password-1')).csrfToken).toBeTruthy();
    const again = await client.request<{ errors: { field: string }[] }>('POST', '/api/users', {
      session: admin,
      body,
    });
    expect(again.status).toBe(409);
    expect(again.body.errors[0]?.field).toBe('email');
  });

  it('refuses a short password with a field error', async () => {
    const res = await client.request<{ errors: { field: string; message: string }[] }>('POST', '/api/users', {
      session: admin,
      body: { email: 'short@relance.example', name: 'S', role: 'manager', password: 'short' },
    });
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([{ field: 'password', message: 'Use at least 12 characters' }]);
  });

  it('deactivating a user ends their sessions; the last admin cannot be demoted', async () => {
    const users = await client.request<{ items: { id: string; email: string }[] }>('GET', '/api/users', {
      session: admin,
    });
    const manager = users.body.items.find((u) => u.email === 'manager@relance.example')!;
    const managerSession = await client.login('manager@relance.example');
    const off = await client.request<{ active: boolean }>('PATCH', `/api/users/${manager.id}`, {
      session: admin,
      body: { active: false },
    });
    expect(off.body.active).toBe(false);
    expect((await client.request('GET', '/api/auth/me', { session: managerSession })).status).toBe(401);
    const login = await client.request<{ detail: string }>('POST', '/api/auth/login', {
      body: { email: 'manager@relance.example', password: 'relance-demo' },
    });
    expect(login.status).toBe(401);

    const self = users.body.items.find((u) => u.email === 'admin@relance.example')!;
    const demote = await client.request<{ code: string }>('PATCH', `/api/users/${self.id}`, {
      session: admin,
      body: { role: 'manager' },
    });
    expect(demote.status).toBe(409);
    const [row] = await app.database.sql`SELECT role FROM users WHERE id = ${self.id}`;
    expect(row?.role).toBe('admin');
  });

  it('API keys: shown once, work as Bearer with their role, stop working once revoked', async () => {
    const created = await client.request<{ apiKey: { id: string; prefix: string }; token: string }>(
      'POST',
      '/api/api-keys',
      {
        session: admin,
        body: { name: 'CRM sync', role: 'marketer' },
      },
    );
    expect(created.status).toBe(201);
    expect(created.body.token).toMatch(/^rlk_/);
    expect(created.body.token.startsWith(created.body.apiKey.prefix)).toBe(true);
    const [stored] = await app.database
      .sql`SELECT key_hash FROM api_keys WHERE id = ${created.body.apiKey.id}`;
    expect(stored?.key_hash).not.toContain(created.body.token);

    const list = await client.request('GET', '/api/contacts', { bearer: created.body.token });
    expect(list.status).toBe(200);
    // a Bearer write needs no CSRF token
    const write = await client.request('POST', '/api/contacts', {
      bearer: created.body.token,
      body: { lastName: 'Via API' },
    });
    expect(write.status).toBe(201);
    const forbidden = await client.request<{ code: string }>('GET', '/api/users', {
      bearer: created.body.token,
    });
    expect(forbidden.status).toBe(403);

    expect(
      (await client.request('DELETE', `/api/api-keys/${created.body.apiKey.id}`, { session: admin })).status,
    ).toBe(204);
    const revoked = await client.request<{ detail: string }>('GET', '/api/contacts', {
      bearer: created.body.token,
    });
    expect(revoked.status).toBe(401);
    expect(revoked.body.detail).toMatch(/unknown or revoked/);
  });
});
