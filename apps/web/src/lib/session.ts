import { can, type Permission } from '@relance/domain/permissions';
import { ROLES } from '@relance/domain/vocabulary';
import { useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { api, setCsrfToken } from './api-client';
import { ApiError } from './api-error';

export const sessionUserSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: z.enum(ROLES),
});
export type SessionUser = z.infer<typeof sessionUserSchema>;

export const sessionSchema = z.object({ user: sessionUserSchema, csrfToken: z.string() });
export type Session = z.infer<typeof sessionSchema>;

export const SESSION_KEY = ['session'] as const;

/** The logged-in user, or null when there is none (401). Keeps the CSRF token for the fetch client. */
export async function fetchSession(): Promise<Session | null> {
  try {
    const session = await api('/api/auth/me', sessionSchema, { allowUnauthenticated: true });
    setCsrfToken(session.csrfToken);
    return session;
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw err;
  }
}

export function useSession() {
  return useQuery({ queryKey: SESSION_KEY, queryFn: fetchSession, staleTime: 5 * 60_000, retry: 1 });
}

/** The current user; only for components rendered under the auth guard. */
export function useCurrentUser(): SessionUser {
  const { data } = useSession();
  if (!data) throw new Error('useCurrentUser outside the auth guard');
  return data.user;
}

/** Whether the current user's role has a permission (the same table the API enforces). */
export function useCan(): (permission: Permission) => boolean {
  const user = useCurrentUser();
  return (permission) => can(user.role, permission);
}

/** Ends the session on the server; the caller clears its caches and shows the login page. */
export async function logout(): Promise<void> {
  try {
    await api('/api/auth/logout', null, { method: 'POST', allowUnauthenticated: true });
  } finally {
    setCsrfToken(null);
  }
}
