import { Client } from '@sendgrid/client';
import type { ClientRequest } from '@sendgrid/client/src/request';
import { chunk, groupBy } from '../concurrency';
import { failEach, type SendResult } from '../result';
import type { EmailAddress, OutgoingEmail } from './email-message';
import { mailSendBody } from './sendgrid-body';
import { classifySendgridError } from './sendgrid-errors';

export interface SendgridConfig {
  apiKey: string;
  /** the API's base URL: SendGrid's unless the sandbox's (http://127.0.0.1:3001) */
  baseUrl?: string;
  from: EmailAddress;
  replyTo?: EmailAddress;
  /** the mailbox of List-Unsubscribe's mailto (e.g. desinscription@example.fr) */
  unsubscribeMailto: string;
  timeoutMs: number;
  /** personalizations per request: SendGrid takes at most 1,000 */
  maxPerRequest?: number;
}

export interface EmailAdapter {
  channel: 'email';
  provider: 'sendgrid';
  sendBatch(messages: ReadonlyArray<OutgoingEmail>): Promise<SendResult[]>;
}

const MAX_PERSONALIZATIONS = 1000;
/** a 400 that names bad recipients is retried without them, a few rounds at most */
const MAX_ROUNDS = 3;

const addressKey = (a: EmailAddress | undefined) => (a ? `${a.email}\u0000${a.name ?? ''}` : '');

/**
 * Email through SendGrid's v3 mail/send with @sendgrid/client (the SDK's HTTP client, which @sendgrid/mail
 * wraps; its `Mail` helper deep-copies and re-cases every personalization, about half the worker's CPU at a
 * million sends, so the body is built here directly: sendgrid-body.ts): recipients sharing a body, a category and a
 * sender go out together, up to 1,000 personalizations a request, each with `custom_args.send_id` (the only
 * thing that ties SendGrid's events back to a send: no personal data there), its substitutions and its
 * List-Unsubscribe header (mailto and one-click URL); List-Unsubscribe-Post on the message; HTML and text parts.
 */
export function createSendgridAdapter(config: SendgridConfig): EmailAdapter {
  // a client of its own (not the module's shared one), so that two configurations can live side by side
  const client = new Client();
  client.setApiKey(config.apiKey);
  // setApiKey resets the base URL to SendGrid's: the sandbox's is set after it
  if (config.baseUrl) client.setDefaultRequest('baseUrl', config.baseUrl);
  // as MailService.setTimeout does: a default of every request, handed to axios (the typings omit it)
  client.setDefaultRequest({ timeout: config.timeoutMs } as unknown as ClientRequest);
  const perRequest = Math.min(config.maxPerRequest ?? MAX_PERSONALIZATIONS, MAX_PERSONALIZATIONS);

  async function sendRequest(group: OutgoingEmail[], out: Map<string, SendResult>): Promise<void> {
    let pending = group;
    for (let round = 0; round < MAX_ROUNDS && pending.length > 0; round++) {
      try {
        const [response] = await client.request({
          method: 'POST',
          url: '/v3/mail/send',
          body: mailSendBody(pending, config),
        });
        const providerId = String(response.headers['x-message-id'] ?? '');
        for (const m of pending) out.set(m.sendId, { kind: 'accepted', sendId: m.sendId, providerId });
        return;
      } catch (err) {
        const failure = classifySendgridError(err);
        if (failure.kind !== 'bad-recipients') {
          for (const r of failEach(
            pending.map((m) => m.sendId),
            failure,
          ))
            out.set(r.sendId, r);
          return;
        }
        // SendGrid refused the whole request for these addresses: they are refused, the others go again
        const refused = pending.filter((_m, i) => failure.indexes.has(i));
        for (const [i, m] of pending.entries()) {
          const reason = failure.indexes.get(i);
          if (reason === undefined) continue;
          out.set(m.sendId, {
            kind: 'permanent',
            sendId: m.sendId,
            reason: `SendGrid refused the address: ${reason}`,
            suppress: { channel: 'email', address: m.to.email.toLowerCase(), reason: 'bounced' },
          });
        }
        pending = pending.filter((m) => !refused.includes(m));
      }
    }
    for (const m of pending)
      out.set(m.sendId, {
        kind: 'retryable',
        sendId: m.sendId,
        reason: 'SendGrid kept refusing addresses of this batch',
      });
  }

  return {
    channel: 'email',
    provider: 'sendgrid',
    async sendBatch(messages) {
      const out = new Map<string, SendResult>();
      const groups = groupBy(messages, (m) =>
        [m.category, addressKey(m.from), addressKey(m.replyTo)].join('\u0001'),
      );
      for (const sameHeaders of groups.values()) {
        // the same body object: the same request (bodies are compared by identity, not by content)
        for (const sameBody of groupBy(sameHeaders, (m) => m.body).values()) {
          for (const request of chunk(sameBody, perRequest)) await sendRequest(request, out);
        }
      }
      return messages.map((m) => out.get(m.sendId)!);
    },
  };
}
