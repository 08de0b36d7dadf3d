import { WEBHOOK_PATHS } from '@relance/channels/webhook-paths';
import { AppError } from '@relance/domain/errors';
import express, { type Request, type Response, type Router } from 'express';
import type { AppDeps } from '../deps';
import { keepAndEnqueue } from './intake-store';
import type { WebhookConfig } from './webhook-config';

const REFUSED = {
  unsigned: 'The post is not signed: enable Signature Verification on the Event Webhook.',
  expired: 'The signature’s timestamp is more than ten minutes old (a replay?).',
  forged: 'The signature does not match the body for the configured SENDGRID_WEBHOOK_PUBLIC_KEY.',
} as const;

/**
 * SendGrid's Event Webhook (`POST /webhooks/sendgrid`): the ECDSA signature checked over the raw body, the batch
 * kept and its intake job enqueued, then 204 at once; anything unverified is refused with 403 and nothing kept.
 */
export function sendgridWebhook(router: Router, deps: AppDeps, config: WebhookConfig): void {
  router.post(
    WEBHOOK_PATHS.sendgridEvents,
    express.raw({ type: () => true, limit: '25mb' }),
    async (req: Request, res: Response) => {
      if (!config.sendgrid)
        throw new AppError(
          'unavailable',
          'SendGrid events cannot be verified: set SENDGRID_WEBHOOK_PUBLIC_KEY (README, "Webhooks").',
        );
      const body: Buffer = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      const verdict = config.sendgrid(body, req.headers);
      if (!verdict.ok) throw new AppError('forbidden', REFUSED[verdict.reason]);
      await keepAndEnqueue(deps, 'sendgrid', { json: body.toString('utf8') });
      res.status(204).end();
    },
  );
}
