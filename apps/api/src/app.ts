import { existsSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { AppError } from '@relance/domain/errors';
import express, { type Express } from 'express';
import helmet from 'helmet';
import type { AppDeps } from './deps';
import { buildOpenApi } from './http/openapi';
import { problemHandler } from './http/problem';
import { ApiRegistry } from './http/registry';
import { authenticate } from './middleware/authenticate';
import { createCodeLimiter } from './middleware/code-limiter';
import { createLoginLimiter } from './middleware/login-limiter';
import { apiKeyRoutes } from './routes/api-keys/router';
import { authRoutes } from './routes/auth/router';
import { boardRoutes } from './routes/board/router';
import { callbackRoutes } from './routes/callbacks/router';
import { campaignRoutes } from './routes/campaigns/router';
import { contactRoutes } from './routes/contacts/router';
import { conversionRoutes } from './routes/conversions/router';
import { followUpRoutes } from './routes/follow-ups/router';
import { healthRoutes } from './routes/health/router';
import { importRoutes } from './routes/imports/router';
import { mediaRoutes } from './routes/media/router';
import { queueDashboard } from './routes/queues/dashboard';
import { redemptionRoutes } from './routes/redemptions/router';
import { returnedMailRoutes } from './routes/returned-mail/router';
import { segmentRoutes } from './routes/segments/router';
import { settingsRoutes } from './routes/settings/router';
import { surveyRoutes } from './routes/surveys/router';
import { userRoutes } from './routes/users/router';
import { winbackRoutes } from './routes/winback/router';
import { trackingRoutes } from './tracking/router';
import { webhookRoutes } from './webhooks/router';

export function createApp(deps: AppDeps): {
  app: Express;
  api: ApiRegistry;
  /** the server's 'request' listener: the bare tracked-link and pixel listener first, then Express */
  listener: (req: IncomingMessage, res: ServerResponse) => void;
  /** writes what the tracking routes still buffer (the API's shutdown) */
  close: () => Promise<void>;
} {
  const app = express();
  app.set('trust proxy', 'loopback, linklocal, uniquelocal');
  app.disable('x-powered-by');
  // tracked links and the open pixel answered before Express, by `listener` below: the fastest path (README
  // "Tracked links, landing pages and unsubscribe"); the same client address rules as req.ip
  const tracking = trackingRoutes(deps, app.get('trust proxy fn'));
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: { 'img-src': ["'self'", 'data:', 'blob:'], 'style-src': ["'self'", "'unsafe-inline'"] },
      },
    }),
  );
  // providers' callbacks: raw bodies (signed bytes), no session, CSRF or /api JSON parser (README "Webhooks")
  app.use(webhookRoutes(deps));
  app.use('/api', express.json({ limit: '1mb' }));
  app.use('/api', authenticate(deps));

  const api = new ApiRegistry();
  healthRoutes(api, deps);
  authRoutes(api, deps, createLoginLimiter(deps.redis, deps.env.QUEUE_PREFIX, deps.env.LOGIN_RATE_LIMIT));
  userRoutes(api, deps);
  apiKeyRoutes(api, deps);
  importRoutes(api, deps);
  contactRoutes(api, deps);
  settingsRoutes(api, deps);
  campaignRoutes(api, deps);
  boardRoutes(api, deps);
  mediaRoutes(api, deps);
  segmentRoutes(api, deps);
  winbackRoutes(api, deps);
  const codeLimiter = createCodeLimiter(deps.redis, deps.env.QUEUE_PREFIX, deps.env.CODE_GUESS_LIMIT);
  redemptionRoutes(api, deps, codeLimiter);
  conversionRoutes(api, deps, codeLimiter);
  returnedMailRoutes(api, deps);
  callbackRoutes(api, deps);
  surveyRoutes(api, deps);
  followUpRoutes(api, deps);
  const openApi = buildOpenApi(api.routes, deps.env.PUBLIC_URL);
  app.get('/api/openapi.json', (_req, res) => {
    res.json(openApi);
  });
  app.use(api.router);
  app.use(queueDashboard(deps));
  app.use('/api', (req) => {
    throw new AppError('not_found', `No API route ${req.method} ${req.originalUrl}.`);
  });

  // the hosted landing page and unsubscribe: public, outside /api, before the SPA fallback
  app.use(tracking.pages);

  serveWebApp(app, deps.env.WEB_DIST ?? path.resolve(import.meta.dirname, '../../web/dist'));
  app.use(problemHandler);
  const listener = (req: IncomingMessage, res: ServerResponse) => {
    if (!tracking.links(req, res)) app(req, res);
  };
  return { app, api, listener, close: tracking.close };
}

/** The built single-page app: files with long caching (their names carry a hash), and index.html for every other path. */
function serveWebApp(app: Express, dist: string): void {
  const index = path.join(dist, 'index.html');
  if (!existsSync(index)) {
    app.get('/', (_req, res) => {
      res
        .type('text')
        .send('The web app is not built: run `pnpm --filter @relance/web build` (pnpm start does it).');
    });
    return;
  }
  app.use(
    '/assets',
    express.static(path.join(dist, 'assets'), { immutable: true, maxAge: '1y', fallthrough: false }),
  );
  app.use(express.static(dist, { index: false }));
  app.get(/^(?!\/api\/).*/, (_req, res) => {
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
}
