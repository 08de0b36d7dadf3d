import { Router } from 'express';
import type { AppDeps } from '../deps';
import { sendgridWebhook } from './sendgrid';
import { twilioWebhooks } from './twilio';
import { webhookConfig } from './webhook-config';

/**
 * The providers' callbacks under /webhooks: raw bodies (signatures are over the bytes as posted), no session,
 * no CSRF, no JSON parser of /api. Mounted before the /api middleware.
 */
export function webhookRoutes(deps: AppDeps): Router {
  const router = Router();
  const config = webhookConfig(deps);
  sendgridWebhook(router, deps, config);
  twilioWebhooks(router, deps, config);
  return router;
}
