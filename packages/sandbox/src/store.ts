import { randomBytes } from 'node:crypto';

/** `twilio-call-update`: a live call redirected with new TwiML (after the answering machine detection). */
export const SANDBOX_PROVIDERS = [
  'sendgrid',
  'twilio-sms',
  'twilio-call',
  'twilio-call-update',
  'mailhouse',
] as const;
export type SandboxProvider = (typeof SANDBOX_PROVIDERS)[number];

/** What the sandbox received, as a provider would have: one entry per accepted request. */
export interface SandboxMessage {
  /** the id the sandbox answered with (X-Message-Id, SM.../CA... sid, batch id) */
  id: string;
  provider: SandboxProvider;
  /** the recipients: emails, E.164 numbers, or the mail house's recipient references */
  to: string[];
  receivedAt: string;
  /** the request body as received (null when the sandbox keeps summaries only) */
  payload: unknown;
}

/** Everything received since the last clear, in memory, oldest first. Bounded so a long demo cannot grow it forever. */
export class MessageStore {
  private messages: SandboxMessage[] = [];

  constructor(
    private readonly limit = 10_000,
    /** false: keep who and when, not the bodies (benchmarks send a million messages) */
    private readonly keepPayloads = true,
  ) {}

  add(message: Omit<SandboxMessage, 'receivedAt'>): SandboxMessage {
    const stored = {
      ...message,
      payload: this.keepPayloads ? message.payload : null,
      receivedAt: new Date().toISOString(),
    };
    this.messages.push(stored);
    if (this.messages.length > this.limit) this.messages.splice(0, this.messages.length - this.limit);
    return stored;
  }

  list(provider?: SandboxProvider): SandboxMessage[] {
    return provider ? this.messages.filter((m) => m.provider === provider) : [...this.messages];
  }

  clear(): void {
    this.messages = [];
  }
}

/** An id shaped like the provider's: a prefix and hex digits (Twilio sids are 2 letters + 32 hex). */
export function providerId(prefix: string, hexLength = 32): string {
  return `${prefix}${randomBytes(Math.ceil(hexLength / 2))
    .toString('hex')
    .slice(0, hexLength)}`;
}
