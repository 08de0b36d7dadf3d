import { type Request, type Response, Router } from 'express';
import type { SandboxContext } from './context';
import { providerId } from './store';
import { scheduleCallCallbacks, scheduleSmsCallbacks } from './twilio-callbacks';

const E164 = /^\+[1-9]\d{6,14}$/;

/**
 * Twilio's magic test numbers (those its test credentials answer with an error), so tests reach each permanent
 * failure with the real SDK: https://www.twilio.com/docs/iam/test-credentials
 */
const MAGIC_SMS_ERRORS: Record<string, [number, string]> = {
  '+15005550001': [21211, "The 'To' number +15005550001 is not a valid phone number."],
  '+15005550002': [
    21612,
    "The 'To' phone number: +15005550002, is not currently reachable using the 'From' phone number.",
  ],
  '+15005550003': [
    21408,
    'Permission to send an SMS has not been enabled for the region indicated by the To number.',
  ],
  '+15005550004': [21610, 'Attempt to send to unsubscribed recipient'],
  '+15005550009': [21614, "'To' number is not a valid mobile number"],
};

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

type Form = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
const many = (v: string | string[] | undefined) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

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

/** Twilio's Messages and Calls endpoints: form-encoded, basic auth, answers 201 with an SM/CA sid. */
export function twilioRouter(ctx: SandboxContext): Router {
  const router = Router();

  router.post('/2010-04-01/Accounts/:sid/Messages.json', (req: Request, res: Response) => {
    if (!authenticated(req)) return twilioError(res, 401, 20003, 'Authenticate');
    const body = (req.body ?? {}) as Form;
    const to = one(body.To);
    const from = one(body.From);
    const service = one(body.MessagingServiceSid);
    const text = one(body.Body);
    if (!to) return twilioError(res, 400, 21604, "A 'To' phone number is required.");
    if (!E164.test(to))
      return twilioError(res, 400, 21211, `The 'To' number ${to} is not a valid phone number.`);
    const magic = MAGIC_SMS_ERRORS[to];
    if (magic) return twilioError(res, 400, magic[0], magic[1]);
    if (ctx.optedOut.has(to))
      return twilioError(res, 400, 21610, 'Attempt to send to unsubscribed recipient');
    if (!from && !service) return twilioError(res, 400, 21603, "A 'From' phone number is required.");
    if (service && !/^MG[0-9a-f]{32}$/.test(service))
      return twilioError(res, 400, 21701, `The Messaging Service Sid ${service} is invalid.`);
    if (!text && !body.MediaUrl && !body.ContentSid)
      return twilioError(res, 400, 21602, 'Message body is required.');
    const sid = providerId('SM');
    ctx.store.add({ id: sid, provider: 'twilio-sms', to: [to], payload: body });
    scheduleSmsCallbacks(ctx, {
      accountSid: String(req.params.sid),
      sid,
      to,
      from,
      messagingServiceSid: service,
      statusCallback: one(body.StatusCallback),
    });
    res.status(201).json(
      resource(req, sid, {
        to,
        from: from ?? null,
        messaging_service_sid: service ?? null,
        body: text ?? '',
        status: service ? 'accepted' : 'queued',
        num_segments: String(Math.max(1, Math.ceil((text ?? '').length / 153))),
        num_media: '0',
      }),
    );
  });

  router.post('/2010-04-01/Accounts/:sid/Calls.json', (req: Request, res: Response) => {
    if (!authenticated(req)) return twilioError(res, 401, 20003, 'Authenticate');
    const body = (req.body ?? {}) as Form;
    const to = one(body.To);
    const from = one(body.From);
    if (!to) return twilioError(res, 400, 21201, "No 'To' number is specified");
    if (!E164.test(to)) return twilioError(res, 400, 21217, 'Phone number does not appear to be valid');
    if (!from) return twilioError(res, 400, 21213, "No 'From' number is specified");
    if (!body.Url && !body.Twiml && !body.ApplicationSid)
      return twilioError(res, 400, 21205, 'Url, Twiml or ApplicationSid is required');
    const sid = providerId('CA');
    const accountSid = String(req.params.sid);
    ctx.store.add({ id: sid, provider: 'twilio-call', to: [to], payload: body });
    ctx.calls.set(sid, { accountSid, to, from });
    if (ctx.calls.size > 100_000) ctx.calls.delete(ctx.calls.keys().next().value!);
    scheduleCallCallbacks(ctx, {
      accountSid,
      sid,
      to,
      from,
      statusCallback: one(body.StatusCallback),
      events: many(body.StatusCallbackEvent),
      asyncAmdCallback: one(body.AsyncAmd) === 'true' ? one(body.AsyncAmdStatusCallback) : undefined,
      machineDetection: one(body.MachineDetection),
    });
    res.status(201).json(resource(req, sid, { to, from, duration: null, answered_by: null }));
  });

  /** A live call redirected: new TwiML (or Url), or ended (Status=completed). */
  router.post('/2010-04-01/Accounts/:sid/Calls/:callSid.json', (req: Request, res: Response) => {
    if (!authenticated(req)) return twilioError(res, 401, 20003, 'Authenticate');
    const call = ctx.calls.get(String(req.params.callSid));
    if (!call || call.accountSid !== req.params.sid)
      return twilioError(
        res,
        404,
        20404,
        `The requested resource /Calls/${req.params.callSid}.json was not found`,
      );
    const body = (req.body ?? {}) as Form;
    if (!body.Twiml && !body.Url && !body.Status)
      return twilioError(res, 400, 21205, 'Url, Twiml or Status is required');
    const sid = String(req.params.callSid);
    ctx.store.add({ id: sid, provider: 'twilio-call-update', to: [call.to], payload: body });
    res
      .status(200)
      .json(resource(req, sid, { to: call.to, from: call.from, status: one(body.Status) ?? 'in-progress' }));
  });

  return router;
}
