import { api, setCsrfToken } from '../../../lib/api-client';
import { type Session, sessionSchema } from '../../../lib/session';

export interface Credentials {
  email: string;
  password: string;
}

export async function login(credentials: Credentials): Promise<Session> {
  const session = await api('/api/auth/login', sessionSchema, {
    method: 'POST',
    body: credentials,
    allowUnauthenticated: true,
  });
  setCsrfToken(session.csrfToken);
  return session;
}
