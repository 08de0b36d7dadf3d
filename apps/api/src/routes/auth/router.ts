import { verifyPassword } from '@relance/db/password';
import { createSession, deleteSession, SESSION_TTL_MS } from '@relance/db/queries/sessions';
import { findUserByEmail } from '@relance/db/queries/users';
import { AppError } from '@relance/domain/errors';
import type { AppDeps } from '../../deps';
import type { ApiRegistry } from '../../http/registry';
import { SESSION_COOKIE } from '../../middleware/authenticate';
import type { LoginLimiter } from '../../middleware/login-limiter';
import { loginBody, sessionAnswer } from './schemas';

// Verifying against a throwaway hash when the email is unknown keeps the answer time the same either way.
const DUMMY_HASH =
  'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA==';

export function authRoutes(api: ApiRegistry, deps: AppDeps, limiter: LoginLimiter): void {
  const secure = deps.env.COOKIE_SECURE ?? deps.env.PUBLIC_URL?.startsWith('https://') ?? false;

  api.add(
    {
      method: 'post',
      path: '/api/auth/login',
      summary: 'Log in',
      tag: 'auth',
      access: 'public',
      body: loginBody,
      response: sessionAnswer,
    },
    async ({ body, req, res }) => {
      const email = body.email.toLowerCase();
      const ip = req.ip ?? 'unknown';
      await limiter.check(email, ip);
      const user = await findUserByEmail(deps.database.db, email);
      const ok = await verifyPassword(body.password, user?.passwordHash ?? DUMMY_HASH);
      if (!user || !ok || !user.active) {
        await limiter.failed(email, ip);
        throw new AppError(
          'unauthenticated',
          user && ok && !user.active
            ? 'This account is deactivated: ask an administrator.'
            : 'Wrong email or password.',
        );
      }
      await limiter.succeeded(email, ip);
      const session = await createSession(deps.database.db, user.id);
      res.cookie(SESSION_COOKIE, session.token, {
        httpOnly: true,
        sameSite: 'lax',
        secure,
        path: '/',
        maxAge: SESSION_TTL_MS,
      });
      return {
        user: { id: user.id, email: user.email, name: user.name, role: user.role },
        csrfToken: session.csrfToken,
      };
    },
  );

  api.add(
    { method: 'post', path: '/api/auth/logout', summary: 'Log out', tag: 'auth', access: 'authenticated' },
    async ({ principal, res }) => {
      if (principal.kind === 'user') await deleteSession(deps.database.db, principal.sessionHash);
      res.clearCookie(SESSION_COOKIE, { path: '/' });
    },
  );

  api.add(
    {
      method: 'get',
      path: '/api/auth/me',
      summary: 'Who am I',
      tag: 'auth',
      access: 'authenticated',
      response: sessionAnswer,
    },
    ({ principal }) => {
      if (principal.kind !== 'user') throw new AppError('bad_request', 'API keys have no session.');
      return { user: principal.user, csrfToken: principal.csrfToken };
    },
  );
}
