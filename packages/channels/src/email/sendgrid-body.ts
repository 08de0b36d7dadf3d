import type { EmailAddress, OutgoingEmail } from './email-message';

/** One recipient of a SendGrid v3 mail/send request (the API's own field names). */
export interface MailSendPersonalization {
  to: EmailAddress[];
  /** the send id only: it ties SendGrid's events back to the send, and is no personal data */
  custom_args: { send_id: string };
  headers: { 'List-Unsubscribe': string };
  substitutions?: Readonly<Record<string, string>>;
}

/** The body of SendGrid's `POST /v3/mail/send`, as this adapter sends it. */
export interface MailSendBody {
  from: EmailAddress;
  reply_to?: EmailAddress;
  subject: string;
  content: [{ type: 'text/plain'; value: string }, { type: 'text/html'; value: string }];
  categories: [string];
  headers: { 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' };
  personalizations: MailSendPersonalization[];
}

export interface MailSendDefaults {
  from: EmailAddress;
  replyTo?: EmailAddress;
  /** the mailbox of List-Unsubscribe's mailto */
  unsubscribeMailto: string;
}

const address = (a: EmailAddress): EmailAddress =>
  a.name ? { email: a.email, name: a.name } : { email: a.email };

/** List-Unsubscribe: the mailto (the token in its subject) and the one-click URL (RFC 8058). */
export function listUnsubscribe(message: OutgoingEmail, mailbox: string): string {
  const subject = encodeURIComponent(`unsubscribe ${message.unsubscribe.token}`);
  return `<mailto:${mailbox}?subject=${subject}>, <${message.unsubscribe.url}>`;
}

/**
 * The mail/send body for recipients sharing a body, a category and a sender (the first message's): one
 * personalization each with its address, its substitutions (complete tags: no wrappers), `custom_args.send_id`
 * and its List-Unsubscribe header; List-Unsubscribe-Post for the message; the plain text part first, as
 * SendGrid requires. The same JSON the SDK's `Mail` helper produced, without its per-recipient copies.
 */
export function mailSendBody(messages: readonly OutgoingEmail[], defaults: MailSendDefaults): MailSendBody {
  const first = messages[0];
  if (!first) throw new Error('A SendGrid request needs at least one recipient.');
  const replyTo = first.replyTo ?? defaults.replyTo;
  const personalizations = new Array<MailSendPersonalization>(messages.length);
  for (let i = 0; i < messages.length; i++) {
    const m = messages[i]!;
    const p: MailSendPersonalization = {
      to: [address(m.to)],
      custom_args: { send_id: m.sendId },
      headers: { 'List-Unsubscribe': listUnsubscribe(m, defaults.unsubscribeMailto) },
    };
    if (m.substitutions && Object.keys(m.substitutions).length > 0) p.substitutions = m.substitutions;
    personalizations[i] = p;
  }
  return {
    from: address(first.from ?? defaults.from),
    ...(replyTo ? { reply_to: address(replyTo) } : {}),
    subject: first.body.subject,
    content: [
      { type: 'text/plain', value: first.body.text },
      { type: 'text/html', value: first.body.html },
    ],
    categories: [first.category],
    headers: { 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
    personalizations,
  };
}
