import { type Request, type Response, Router } from 'express';
import { type MessageStore, providerId } from './store';

const E164 = /^\+[1-9]\d{6,14}$/;

function twilioError(res: Response, status: number, code: number, message: string) {
  res.status(status).json({ code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status });
}

/** HTTP basic auth as Twilio takes it: the account SID (or an SK... API key) and a secret. */
function authenticated(req: Request): boolean {
  const header = req.get('authorization') ?? '';
  const match = /^Basic\s+(\S+)$/.exec(header);
  if (!match?.[1]) return false;
  const [user, password] = Buffer.from(match[1], 'base64').toString('utf8').split(':');
  return Boolean(user && password && (user === req.params.sid || user.startsWith('SK')));
}

function resource(req: Request, sid: string, extra: Record<string, unknown>) {
  const now = new Date().toUTCString().replace('GMT', '+0000');
  const accountSid = req.params.sid;
  const kind = sid.startsWith('SM') ? 'Messages' : 'Calls';
  return {
    sid,
    account_sid: accountSid,
    api_version: '2010-04-01',
    date_created: now,
    date_updated: now,
    direction: 'outbound-api',
    status: 'queued',
    price: null,
    price_unit: 'EUR',
    error_code: null,
    error_message: null,
    uri: `/2010-04-01/Accounts/${accountSid}/${kind}/${sid}.json`,
    ...extra,
  };
}

/** Twilio's Messages and Calls create endpoints: form-encoded, basic auth, answers 201 with an SM/CA sid. */
export function twilioRouter(store: MessageStore): Router {
  const router = Router();

  router.post('/2010-04-01/Accounts/:sid/Messages.json', (req: Request, res: Response) => {
    if (!authenticated(req)) return twilioError(res, 401, 20003, 'Authenticate');
    const body = (req.body ?? {}) as Record<string, string | undefined>;
    if (!body.To) return twilioError(res, 400, 21604, "A 'To' phone number is required.");
    if (!E164.test(body.To))
      return twilioError(res, 400, 21211, `The 'To' number ${body.To} is not a valid phone number.`);
    if (!body.From && !body.MessagingServiceSid)
      return twilioError(res, 400, 21603, "A 'From' phone number is required.");
    if (!body.Body && !body.MediaUrl && !body.ContentSid)
      return twilioError(res, 400, 21602, 'Message body is required.');
    const sid = providerId('SM');
    store.add({ id: sid, provider: 'twilio-sms', to: [body.To], payload: body });
    res.status(201).json(
      resource(req, sid, {
        to: body.To,
        from: body.From ?? null,
        messaging_service_sid: body.MessagingServiceSid ?? null,
        body: body.Body ?? '',
        num_segments: String(Math.max(1, Math.ceil((body.Body ?? '').length / 153))),
        num_media: '0',
      }),
    );
  });

  router.post('/2010-04-01/Accounts/:sid/Calls.json', (req: Request, res: Response) => {
    if (!authenticated(req)) return twilioError(res, 401, 20003, 'Authenticate');
    const body = (req.body ?? {}) as Record<string, string | undefined>;
    if (!body.To) return twilioError(res, 400, 21201, "No 'To' number is specified");
    if (!body.From) return twilioError(res, 400, 21213, "No 'From' number is specified");
    if (!body.Url && !body.Twiml && !body.ApplicationSid)
      return twilioError(res, 400, 21205, 'Url, Twiml or ApplicationSid is required');
    const sid = providerId('CA');
    store.add({ id: sid, provider: 'twilio-call', to: [body.To], payload: body });
    res
      .status(201)
      .json(resource(req, sid, { to: body.To, from: body.From, duration: null, answered_by: null }));
  });

  return router;
}
