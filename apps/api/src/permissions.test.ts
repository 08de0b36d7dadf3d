import { can, type Permission } from '@relance/domain/permissions';
import { ROLES, type Role } from '@relance/domain/vocabulary';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../tests/support/app-server';
import { apiClient, ROLE_LOGINS, type Session } from '../../../tests/support/http-client';

/** A concrete path for a declared route: ids that parse but point at nothing. */
const concrete = (path: string) =>
  path
    .replace(':channel', 'email')
    .replace(/\/api\/contacts\/:id/, '/api/contacts/999999')
    .replace(':id', '00000000-0000-4000-8000-000000000000');

describe('the role-by-endpoint matrix', () => {
  let app: TestApp;
  let client: ReturnType<typeof apiClient>;
  const sessions = {} as Record<Role, Session>;
  beforeAll(async () => {
    app = await startTestApp();
    client = apiClient(app.url);
    for (const role of ROLES) sessions[role] = await client.login(ROLE_LOGINS[role]);
  });
  afterAll(() => app.close());

  it('declares a permission on every route but login, health, the recordings providers play and the survey answer page', () => {
    const open = app.routes.filter((r) => r.access === 'public').map((r) => `${r.method} ${r.path}`);
    expect(open.sort()).toEqual([
      'get /api/health',
      'get /api/public/surveys/:token',
      'get /media/:id',
      'post /api/auth/login',
      'post /api/public/surveys/:token/answers',
    ]);
  });

  it('enforces every route for every role, and refuses everyone not logged in', async () => {
    const failures: string[] = [];
    for (const route of app.routes) {
      if (route.access === 'public') continue;
      const path = concrete(route.path);
      const body = route.method === 'get' ? undefined : {};
      const anonymous = await client.request(route.method.toUpperCase(), path, { body });
      if (anonymous.status !== 401) failures.push(`anonymous ${route.method} ${path}: ${anonymous.status}`);
      if (route.access === 'authenticated') continue;
      for (const role of ROLES) {
        const res = await client.request<{ code?: string }>(route.method.toUpperCase(), path, {
          session: sessions[role],
          body,
        });
        const allowed = can(role, route.access as Permission);
        const refused = res.status === 403 && res.body.code === 'forbidden';
        if (allowed === refused)
          failures.push(
            `${role} ${route.method} ${path}: ${res.status} (expected ${allowed ? 'allowed' : 'forbidden'})`,
          );
      }
    }
    expect(failures).toEqual([]);
  });

  it('matches what each trade needs', () => {
    // written out by hand so that a careless edit of the permission table shows up here
    expect(can('telemarketer', 'contacts:read')).toBe(true);
    expect(can('telemarketer', 'interactions:write')).toBe(true);
    expect(can('telemarketer', 'contacts:import')).toBe(false);
    expect(can('telemarketer', 'contacts:export')).toBe(false);
    expect(can('manager', 'contacts:export')).toBe(true);
    expect(can('manager', 'contacts:import')).toBe(false);
    expect(can('marketer', 'contacts:import')).toBe(true);
    expect(can('marketer', 'users:manage')).toBe(false);
    expect(ROLES.filter((r) => can(r, 'users:manage'))).toEqual(['admin']);
    expect(ROLES.filter((r) => can(r, 'api-keys:manage'))).toEqual(['admin']);
  });
});
