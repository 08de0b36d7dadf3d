import { type Request, type Response, Router } from 'express';
import { z } from 'zod';
import type { SandboxContext } from './context';
import { scheduleEmailEvents } from './sendgrid-events';
import { providerId } from './store';

const address = z.object({ email: z.email(), name: z.string().optional() });

function isStringRecord(value: unknown): value is Record<string, string> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  for (const key in value) if (typeof (value as Record<string, unknown>)[key] !== 'string') return false;
  return true;
}

/**
 * An object of strings (substitutions, custom_args, headers), checked by hand: zod's record rebuilds every object
 * it checks, which was most of the sandbox's CPU under a million personalizations.
 */
const stringRecord = z.custom<Record<string, string>>(isStringRecord, {
  error: 'Expected an object whose values are strings.',
});

/** The parts of SendGrid's v3 mail/send body that a sender must get right. */
export const mailSendSchema = z
  .object({
    personalizations: z
      .array(
        z.object({
          to: z.array(address).min(1),
          cc: z.array(address).optional(),
          bcc: z.array(address).optional(),
          subject: z.string().optional(),
          custom_args: stringRecord.optional(),
          substitutions: stringRecord.optional(),
          headers: stringRecord.optional(),
          dynamic_template_data: z.record(z.string(), z.unknown()).optional(),
        }),
      )
      .min(1)
      .max(1000),
    from: address,
    reply_to: address.optional(),
    subject: z.string().optional(),
    content: z.array(z.object({ type: z.string().min(1), value: z.string().min(1) })).optional(),
    template_id: z.string().optional(),
    custom_args: stringRecord.optional(),
    headers: stringRecord.optional(),
    categories: z.array(z.string().max(255)).max(10).optional(),
  })
  .loose()
  .refine((body) => body.template_id || (body.content && body.content.length > 0), {
    error: 'Unless a valid template_id is provided, the content parameter is required.',
    path: ['content'],
  })
  .refine((body) => body.template_id || body.subject || body.personalizations.every((p) => p.subject), {
    error:
      'The subject is required. You can get around this requirement if you use a template with a subject defined or if every personalization has a subject defined.',
    path: ['subject'],
  });

function errors(res: Response, status: number, list: { message: string; field: string | null }[]) {
  res.status(status).json({ errors: list.map((e) => ({ ...e, help: null })) });
}

/** SendGrid's `POST /v3/mail/send`: a Bearer key, a valid body, then 202 with an X-Message-Id. */
export function sendgridRouter(ctx: SandboxContext): Router {
  const router = Router();
  router.post('/v3/mail/send', (req: Request, res: Response) => {
    const auth = req.get('authorization') ?? '';
    if (!/^Bearer\s+\S+/.test(auth)) {
      errors(res, 401, [
        { message: 'The provided authorization grant is invalid, expired, or revoked', field: null },
      ]);
      return;
    }
    const parsed = mailSendSchema.safeParse(req.body);
    if (!parsed.success) {
      errors(
        res,
        400,
        parsed.error.issues.map((issue) => {
          const field = issue.path.join('.') || null;
          // SendGrid's own words for a bad recipient, which senders match on
          const badAddress = field !== null && /\.email$/.test(field) && issue.code === 'invalid_format';
          return { message: badAddress ? 'Does not contain a valid address.' : issue.message, field };
        }),
      );
      return;
    }
    const id = providerId('', 22);
    ctx.store.add({
      id,
      provider: 'sendgrid',
      to: parsed.data.personalizations.flatMap((p) => p.to.map((t) => t.email.toLowerCase())),
      payload: req.body,
    });
    scheduleEmailEvents(ctx, id, parsed.data);
    res.status(202).set('X-Message-Id', id).end();
  });
  return router;
}
