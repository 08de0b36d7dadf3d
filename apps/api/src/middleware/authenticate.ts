import { findApiKey, findSession } from '@relance/db/queries/sessions';
import { AppError } from '@relance/domain/errors';
import { parse as parseCookies } from 'cookie';
import type { RequestHandler } from 'express';
import type { AppDeps } from '../deps';

export const SESSION_COOKIE = 'relance_session';

/** Resolves who is calling (Bearer API key, else session cookie) and sets req.principal. Never rejects by itself:
 * each route's declaration says who may call it. A Bearer token that is wrong is refused outright. */
export function authenticate(deps: AppDeps): RequestHandler {
  return async (req, _res, next) => {
    const authorization = req.get('authorization');
    if (authorization?.startsWith('Bearer ')) {
      const apiKey = await findApiKey(deps.database.db, authorization.slice(7).trim());
      if (!apiKey) throw new AppError('unauthenticated', 'This API key is unknown or revoked.');
      req.principal = { kind: 'api-key', apiKey };
      return next();
    }
    const token = req.headers.cookie ? parseCookies(req.headers.cookie)[SESSION_COOKIE] : undefined;
    if (token) {
      const session = await findSession(deps.database.db, token);
      if (session) req.principal = { kind: 'user', ...session };
    }
    next();
  };
}
