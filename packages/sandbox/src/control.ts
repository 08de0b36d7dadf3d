import { type Request, type Response, Router } from 'express';
import { z } from 'zod';
import type { SandboxContext } from './context';
import { faultSchema } from './faults';
import { behaviourSchema, sandboxConfigPatchSchema } from './options';
import { SANDBOX_PROVIDERS } from './store';
import { inboundParams, SANDBOX_SERVICE_NUMBER } from './twilio-callbacks';

const listQuery = z.object({ provider: z.enum(SANDBOX_PROVIDERS).optional() });
const inboundSchema = z.object({
  from: z.string().regex(/^\+[1-9]\d{6,14}$/, { error: 'an E.164 number, e.g. +33612345678' }),
  to: z.string().optional(),
  body: z.string().min(1),
});

function invalid(res: Response, error: z.ZodError) {
  res.status(400).json({
    error: 'invalid_request',
    issues: error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
  });
}

/** Applies a configuration change (webhook URLs, behaviour) in place; throws a ZodError when it is invalid. */
export function configure(ctx: SandboxContext, patch: unknown): void {
  const change = sandboxConfigPatchSchema.parse(patch);
  const behaviour = behaviourSchema.parse({
    email: { ...ctx.config.behaviour.email, ...change.behaviour?.email },
    sms: { ...ctx.config.behaviour.sms, ...change.behaviour?.sms },
    voice: { ...ctx.config.behaviour.voice, ...change.behaviour?.voice },
  });
  ctx.config.behaviour = behaviour;
  if (change.sendgridEventWebhookUrl !== undefined)
    ctx.config.sendgridEventWebhookUrl = change.sendgridEventWebhookUrl ?? undefined;
  if (change.twilioInboundSmsUrl !== undefined)
    ctx.config.twilioInboundSmsUrl = change.twilioInboundSmsUrl ?? undefined;
}

/** The sandbox's own endpoints under /sandbox: what it received, its keys, its behaviour and faults. */
export function controlRouter(ctx: SandboxContext): Router {
  const router = Router();
  router.get('/sandbox/messages', (req: Request, res: Response) => {
    const query = listQuery.safeParse(req.query);
    if (!query.success) {
      res.status(400).json({ error: `provider must be one of ${SANDBOX_PROVIDERS.join(', ')}` });
      return;
    }
    const messages = ctx.store.list(query.data.provider);
    res.json({ count: messages.length, messages });
  });
  router.delete('/sandbox/messages', (_req: Request, res: Response) => {
    ctx.store.clear();
    res.status(204).end();
  });
  /** Everything back to the start: messages, scheduled and posted webhooks, faults, opted-out numbers. */
  router.post('/sandbox/reset', (_req: Request, res: Response) => {
    ctx.store.clear();
    ctx.scheduler.clear();
    ctx.scheduler.clearLog();
    ctx.faults.clear();
    ctx.optedOut.clear();
    res.status(204).end();
  });
  /** What the API needs to verify the sandbox's webhooks with the production code. */
  router.get('/sandbox/keys', (_req: Request, res: Response) => {
    res.json({
      sendgridEventWebhookPublicKey: ctx.signer.publicKey,
      twilioAuthToken: ctx.config.twilioAuthToken,
      twilioAccountSid: ctx.config.twilioAccountSid,
    });
  });
  router.get('/sandbox/config', (_req: Request, res: Response) => {
    const { twilioAuthToken: _secret, ...shown } = ctx.config;
    res.json(shown);
  });
  router.put('/sandbox/config', (req: Request, res: Response) => {
    try {
      configure(ctx, req.body);
    } catch (err) {
      if (err instanceof z.ZodError) return invalid(res, err);
      throw err;
    }
    const { twilioAuthToken: _secret, ...shown } = ctx.config;
    res.json(shown);
  });
  router.get('/sandbox/faults', (_req: Request, res: Response) => {
    res.json({ faults: ctx.faults.list() });
  });
  router.post('/sandbox/faults', (req: Request, res: Response) => {
    const parsed = faultSchema.safeParse(req.body);
    if (!parsed.success) return invalid(res, parsed.error);
    res.status(201).json(ctx.faults.add(parsed.data));
  });
  router.delete('/sandbox/faults', (_req: Request, res: Response) => {
    ctx.faults.clear();
    res.status(204).end();
  });
  router.get('/sandbox/webhooks', (_req: Request, res: Response) => {
    const deliveries = ctx.scheduler.deliveries();
    res.json({ pending: ctx.scheduler.pending, count: deliveries.length, deliveries });
  });
  /** Someone texts the sandbox's number: posted at once to the inbound URL (a way to try STOP by hand). */
  router.post('/sandbox/inbound-sms', (req: Request, res: Response) => {
    const parsed = inboundSchema.safeParse(req.body);
    if (!parsed.success) return invalid(res, parsed.error);
    const url = ctx.config.twilioInboundSmsUrl;
    if (!url) {
      res
        .status(409)
        .json({ error: 'no_inbound_url', message: 'Set twilioInboundSmsUrl first (PUT /sandbox/config).' });
      return;
    }
    const params = inboundParams(ctx, { ...parsed.data, to: parsed.data.to ?? SANDBOX_SERVICE_NUMBER });
    if (params.OptOutType === 'STOP') ctx.optedOut.add(parsed.data.from);
    if (params.OptOutType === 'START') ctx.optedOut.delete(parsed.data.from);
    ctx.scheduler.twilio(Date.now(), url, params);
    res.status(202).json({ messageSid: params.MessageSid });
  });
  router.get('/sandbox/health', (_req: Request, res: Response) => {
    res.json({ ok: true });
  });
  return router;
}
