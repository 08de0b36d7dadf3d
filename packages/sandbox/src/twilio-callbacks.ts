import type { SandboxContext } from './context';
import { between } from './random';
import { providerId } from './store';

/** The number replies come from when a message went out through a messaging service (its sender pool). */
export const SANDBOX_SERVICE_NUMBER = '+33757000000';

const REPLIES = [
  'Oui, je suis intéressé',
  'Rappelez-moi svp',
  'Merci, c’est noté',
  'C’est valable jusqu’à quand ?',
];
const UNDELIVERED = ['30003', '30005', '30006'];

interface SentSms {
  accountSid: string;
  sid: string;
  to: string;
  from?: string;
  messagingServiceSid?: string;
  statusCallback?: string;
}

/**
 * The life of an SMS after Twilio took it: `sent`, then `delivered` or `undelivered` (with its error code)
 * to the StatusCallback; then maybe a reply, or STOP, from the recipient to the inbound URL. A STOP opts the
 * number out: later messages to it fail with 21610, as with Twilio's Advanced Opt-Out.
 */
export function scheduleSmsCallbacks(ctx: SandboxContext, sms: SentSms): void {
  const rates = ctx.config.behaviour.sms;
  let at = Date.now() + between(ctx.random, rates.delayMs);
  const next = () => {
    const t = at;
    at += between(ctx.random, rates.delayMs);
    return t;
  };
  const undelivered = ctx.random() < rates.undelivered;
  if (sms.statusCallback) {
    const base: Record<string, string> = {
      AccountSid: sms.accountSid,
      ApiVersion: '2010-04-01',
      MessageSid: sms.sid,
      SmsSid: sms.sid,
      To: sms.to,
      From: sms.from ?? SANDBOX_SERVICE_NUMBER,
      ...(sms.messagingServiceSid ? { MessagingServiceSid: sms.messagingServiceSid } : {}),
    };
    ctx.scheduler.twilio(next(), sms.statusCallback, { ...base, SmsStatus: 'sent', MessageStatus: 'sent' });
    const status = undelivered ? 'undelivered' : 'delivered';
    const error: Record<string, string> = undelivered
      ? { ErrorCode: UNDELIVERED[Math.floor(ctx.random() * UNDELIVERED.length)]! }
      : {};
    ctx.scheduler.twilio(next(), sms.statusCallback, {
      ...base,
      SmsStatus: status,
      MessageStatus: status,
      ...error,
    });
  }
  const inbound = ctx.config.twilioInboundSmsUrl;
  if (undelivered || !inbound) return;
  const stop = ctx.random() < rates.stop;
  const reply = !stop && ctx.random() < rates.reply;
  if (!stop && !reply) return;
  const body = stop ? 'STOP' : REPLIES[Math.floor(ctx.random() * REPLIES.length)]!;
  const when = next();
  if (stop) setTimeout(() => ctx.optedOut.add(sms.to), Math.max(0, when - Date.now())).unref();
  ctx.scheduler.twilio(
    when,
    inbound,
    inboundParams(ctx, {
      accountSid: sms.accountSid,
      from: sms.to,
      to: sms.from ?? SANDBOX_SERVICE_NUMBER,
      body,
      messagingServiceSid: sms.messagingServiceSid,
    }),
  );
}

/** An incoming SMS as Twilio posts it to the number's webhook (OptOutType for STOP, START, HELP). */
export function inboundParams(
  ctx: SandboxContext,
  sms: { accountSid?: string; from: string; to: string; body: string; messagingServiceSid?: string },
): Record<string, string> {
  const sid = providerId('SM');
  const keyword = sms.body.trim().toUpperCase();
  const optOut = ['STOP', 'ARRET', 'STOPALL', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT'].includes(keyword)
    ? 'STOP'
    : ['START', 'UNSTOP'].includes(keyword)
      ? 'START'
      : keyword === 'HELP'
        ? 'HELP'
        : null;
  return {
    AccountSid: sms.accountSid ?? ctx.config.twilioAccountSid,
    ApiVersion: '2010-04-01',
    Body: sms.body,
    From: sms.from,
    To: sms.to,
    FromCountry: 'FR',
    ToCountry: 'FR',
    MessageSid: sid,
    SmsMessageSid: sid,
    SmsSid: sid,
    SmsStatus: 'received',
    NumMedia: '0',
    NumSegments: '1',
    ...(sms.messagingServiceSid ? { MessagingServiceSid: sms.messagingServiceSid } : {}),
    ...(optOut ? { OptOutType: optOut } : {}),
  };
}

interface PlacedCall {
  accountSid: string;
  sid: string;
  to: string;
  from: string;
  statusCallback?: string;
  /** StatusCallbackEvent: which progress events to post besides `completed` */
  events: string[];
  asyncAmdCallback?: string;
  machineDetection?: string;
}

/**
 * The life of an outbound call: initiated, ringing, answered (in-progress) if those events were asked for;
 * then, with asynchronous answering machine detection, the AMD result (`machine_end_beep` after a voicemail
 * greeting's beep, or `human`) to AsyncAmdStatusCallback; then `completed` (or no-answer, busy).
 */
export function scheduleCallCallbacks(ctx: SandboxContext, call: PlacedCall): void {
  const rates = ctx.config.behaviour.voice;
  const r = ctx.random();
  const outcome =
    r < rates.noAnswer
      ? 'no-answer'
      : r < rates.noAnswer + rates.machine
        ? 'machine'
        : r < rates.noAnswer + rates.machine + rates.human
          ? 'human'
          : 'busy';
  let at = Date.now() + between(ctx.random, rates.delayMs);
  let sequence = 0;
  const started = at;
  const base = {
    AccountSid: call.accountSid,
    ApiVersion: '2010-04-01',
    CallSid: call.sid,
    Called: call.to,
    To: call.to,
    Caller: call.from,
    From: call.from,
    Direction: 'outbound-api',
  };
  const progress = (event: string, status: string, extra: Record<string, string> = {}) => {
    const url = call.statusCallback;
    if (url && (event === 'completed' || call.events.includes(event))) {
      ctx.scheduler.twilio(at, url, {
        ...base,
        CallStatus: status,
        CallbackSource: 'call-progress-events',
        SequenceNumber: String(sequence++),
        Timestamp: new Date(at).toUTCString(),
        ...extra,
      });
    }
    at += between(ctx.random, rates.delayMs);
  };
  progress('initiated', 'initiated');
  progress('ringing', 'ringing');
  if (outcome === 'no-answer' || outcome === 'busy') {
    progress('completed', outcome, { CallDuration: '0', Duration: '0' });
    return;
  }
  progress('answered', 'in-progress');
  const detecting = call.machineDetection && call.asyncAmdCallback;
  if (detecting && call.asyncAmdCallback) {
    ctx.scheduler.twilio(at, call.asyncAmdCallback, {
      AccountSid: call.accountSid,
      CallSid: call.sid,
      AnsweredBy: outcome === 'machine' ? 'machine_end_beep' : 'human',
      MachineDetectionDuration: String(at - started),
    });
  }
  at += rates.callDurationMs;
  const seconds = String(Math.max(1, Math.round((at - started) / 1000)));
  progress('completed', 'completed', { CallDuration: seconds, Duration: seconds });
}
