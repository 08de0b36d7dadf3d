import { randomBytes } from 'node:crypto';
import type { SandboxContext } from './context';
import { between } from './random';
import type { SendgridEvent } from './scheduler';

interface Personalization {
  to: { email: string }[];
  custom_args?: Record<string, string>;
  substitutions?: Record<string, string>;
}

interface MailBody {
  personalizations: Personalization[];
  custom_args?: Record<string, string>;
  categories?: string[];
  content?: { type: string; value: string }[];
}

/** The content one personalization receives: its substitutions applied to the shared content, as SendGrid does. */
export function renderPersonalization(body: MailBody, index: number, type = 'text/html'): string {
  const content = body.content?.find((c) => c.type === type)?.value ?? '';
  const subs = body.personalizations[index]?.substitutions ?? {};
  const keys = Object.keys(subs);
  if (keys.length === 0) return content;
  const pattern = new RegExp(keys.map((k) => k.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'g');
  return content.replace(pattern, (key) => subs[key] ?? key);
}

const eventId = () => randomBytes(16).toString('base64url').slice(0, 22);

/** The first link of an email that is not its unsubscribe link: what a simulated reader clicks. */
function clickedUrl(html: string): string {
  for (const m of html.matchAll(/href\s*=\s*"(https?:\/\/[^"]+)"/gi)) {
    const url = m[1]!.replace(/&amp;/g, '&');
    if (!/unsubscribe|desinscri|\/u\//i.test(url)) return url;
  }
  return 'https://www.example.com/';
}

const USER_AGENT =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko)';

/**
 * Schedules the Event Webhook events of an accepted mail/send: per recipient `processed`, then `delivered` or
 * `bounce`, then maybe `open` and `click`. An address whose local part says `bounce`, `open` or `click`
 * (e.g. `jeanne+click@example.fr`) gets that outcome whatever the rates, for deterministic tests.
 */
export function scheduleEmailEvents(ctx: SandboxContext, messageId: string, body: MailBody): void {
  const url = ctx.config.sendgridEventWebhookUrl;
  if (!url) return;
  const rates = ctx.config.behaviour.email;
  const category = body.categories && body.categories.length === 1 ? body.categories[0] : body.categories;
  const start = Date.now();
  body.personalizations.forEach((p, index) => {
    for (const to of p.to) {
      const email = to.email.toLowerCase();
      const local = email.split('@')[0] ?? '';
      const base = {
        email,
        'smtp-id': `<${messageId}.${index}@ismtpd-sandbox>`,
        sg_message_id: `${messageId}.filterdrecv-sandbox-${index}.0`,
        ...(category === undefined ? {} : { category }),
        ...body.custom_args,
        ...p.custom_args,
      };
      let at = start + between(ctx.random, rates.delayMs);
      const emit = (event: string, extra: Record<string, unknown> = {}) => {
        const e: SendgridEvent = {
          ...base,
          event,
          timestamp: Math.floor(at / 1000),
          sg_event_id: eventId(),
          ...extra,
        };
        ctx.scheduler.sendgridEvent(at, url, e);
        at += between(ctx.random, rates.delayMs);
      };
      emit('processed');
      const bounces = /bounce/.test(local) || (!/open|click/.test(local) && ctx.random() < rates.bounce);
      if (bounces) {
        emit('bounce', {
          type: 'bounce',
          status: '5.1.1',
          reason: '550 5.1.1 The email account that you tried to reach does not exist.',
          bounce_classification: 'Invalid Address',
        });
        continue;
      }
      emit('delivered', { response: '250 2.0.0 OK', tls: 1 });
      const clicks = /click/.test(local) || ctx.random() < rates.click;
      const opens = clicks || /open/.test(local) || ctx.random() < rates.open;
      const reader = { useragent: USER_AGENT, ip: '192.0.2.10' };
      if (opens) emit('open', { ...reader, sg_machine_open: false });
      if (clicks)
        emit('click', {
          ...reader,
          url: clickedUrl(renderPersonalization(body, index)),
          url_offset: { index: 0, type: 'html' },
        });
    }
  });
}
