/**
 * What the email adapter sends. Content arrives RENDERED: MJML was compiled to HTML once per variant
 * (@relance/templates compileEmail), never per recipient; the adapter never sees MJML.
 *
 * To send up to 1,000 recipients in one SendGrid request, recipients of a variant share one `EmailBody`
 * (the same object) and carry their own `substitutions`, which SendGrid applies per personalization: build
 * both with `emailBatchContent` (batch-content.ts). A body without substitution tags works too (everyone gets
 * the same text); distinct body objects go in distinct requests.
 */
export interface EmailBody {
  subject: string;
  html: string;
  text: string;
}

export interface EmailAddress {
  email: string;
  name?: string;
}

export interface OutgoingEmail {
  channel: 'email';
  sendId: string;
  to: EmailAddress;
  /** shared by every recipient of a variant (same object): one request carries up to 1,000 of them */
  body: EmailBody;
  /** this recipient's values for the body's substitution tags */
  substitutions?: Readonly<Record<string, string>>;
  /** one SendGrid category per campaign, e.g. `campaign-42` (no personal data) */
  category: string;
  /** the recipient's one-click unsubscribe URL, and the token put in the mailto's subject */
  unsubscribe: { url: string; token: string };
  /** the campaign's sender; else the configured EMAIL_FROM */
  from?: EmailAddress;
  replyTo?: EmailAddress;
}
